// Typed comparison of wire values and conversion of OData literals to them, per EDM type.
import { Decimal } from '../decimal.js';
import { errors, NavError } from '../errors.js';
import { decodeOption, encodeOption, type EdmPrimitive, type FieldDef, type WireValue } from './edm.js';

const numericLiteral = new Set([
  'Edm.SByte',
  'Edm.Byte',
  'Edm.Int16',
  'Edm.Int32',
  'Edm.Int64',
  'Edm.Decimal',
  'Edm.Double',
  'Edm.Single',
]);

/** Decodes an OData literal (as it appears in $filter / keys / skiptokens) for a field. */
export function literalFor(
  field: FieldDef<never>,
  raw: string,
  literalType: string | null,
  op: string,
): WireValue {
  if (literalType === null || raw === 'null') return null;
  const mismatch = () =>
    errors.badRequest(
      `A binary operator with incompatible types was detected. Found operand types '${field.type}' and '${literalType}' for operator kind '${op}'.`,
    );
  switch (field.type) {
    case 'Edm.String':
      if (literalType !== 'Edm.String') throw mismatch();
      return unquote(raw);
    case 'Edm.Guid':
      if (literalType !== 'Edm.Guid') throw mismatch();
      return raw.toLowerCase();
    case 'Edm.Decimal':
    case 'Edm.Int32':
    case 'Edm.Int64':
      if (!numericLiteral.has(literalType)) throw mismatch();
      return new Decimal(raw.replace(/[mMdDfFlL]$/, ''));
    case 'Edm.Boolean':
      if (literalType !== 'Edm.Boolean') throw mismatch();
      return raw === 'true';
    case 'Edm.Date':
      if (literalType !== 'Edm.Date') throw mismatch();
      return raw;
    case 'Edm.DateTimeOffset':
      if (literalType !== 'Edm.DateTimeOffset' && literalType !== 'Edm.Date') throw mismatch();
      return literalType === 'Edm.Date' ? `${raw}T00:00:00Z` : raw;
  }
}

export function unquote(raw: string): string {
  if (raw.startsWith("'") && raw.endsWith("'")) return raw.slice(1, -1).replace(/''/g, "'");
  return raw;
}

/** Option/enum strings compare by member: 'Ship', ' ' and '_x0020_' all name NAV's members. */
export function normaliseOption(value: string): string {
  return encodeOption(decodeOption(value));
}

export function compareWire(type: EdmPrimitive, a: WireValue, b: WireValue, isOption = false): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  switch (type) {
    case 'Edm.Decimal':
    case 'Edm.Int32':
    case 'Edm.Int64': {
      // Two numbers (integer fields): the order decimal.js would give, without making Decimals.
      if (typeof a === 'number' && typeof b === 'number' && !Number.isNaN(a) && !Number.isNaN(b))
        return a === b ? 0 : a < b ? -1 : 1;
      const x = a instanceof Decimal ? a : new Decimal(a as number);
      const y = b instanceof Decimal ? b : new Decimal(b as number);
      return x.comparedTo(y);
    }
    case 'Edm.Boolean':
      return a === b ? 0 : a === false ? -1 : 1;
    case 'Edm.DateTimeOffset': {
      const x = Date.parse(String(a));
      const y = Date.parse(String(b));
      return x === y ? 0 : x < y ? -1 : 1;
    }
    case 'Edm.Guid': {
      const x = String(a).toLowerCase();
      const y = String(b).toLowerCase();
      return x === y ? 0 : x < y ? -1 : 1;
    }
    default: {
      const x = isOption ? normaliseOption(String(a)) : String(a);
      const y = isOption ? normaliseOption(String(b)) : String(b);
      return x === y ? 0 : x < y ? -1 : 1;
    }
  }
}

/** Converts a JSON request-body value to the field's wire value, rejecting wrong types like BC. */
export function fromJson(field: FieldDef<never>, value: unknown): WireValue {
  const bad = () =>
    errors.badRequest(`Cannot convert the literal '${String(value)}' to the expected type '${field.type}'.`);
  if (value === null) {
    if (field.type === 'Edm.String') return '';
    throw errors.badRequest(
      `A null value was found for the property named '${field.name}', which has the expected type '${field.type}[Nullable=False]'. The expected type '${field.type}[Nullable=False]' does not allow null values.`,
    );
  }
  switch (field.type) {
    case 'Edm.String': {
      if (typeof value !== 'string') throw bad();
      if (field.options) {
        const raw = decodeOption(value);
        const member = field.options.find((o) => o === raw || o.toLowerCase() === raw.toLowerCase());
        if (member === undefined) {
          if (field.enumType)
            throw errors.badRequest(
              `The value '${value}' is not valid for enum type 'Microsoft.NAV.${field.enumType}'.`,
            );
          throw errors.evaluate(value, 'Option');
        }
        return member;
      }
      if (field.maxLength !== undefined && value.length > field.maxLength)
        throw stringTooLong(value, field.maxLength);
      return value;
    }
    case 'Edm.Guid':
      if (
        typeof value !== 'string' ||
        !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)
      )
        throw bad();
      return value.toLowerCase();
    case 'Edm.Decimal':
      if (typeof value !== 'number' && typeof value !== 'string') throw bad();
      try {
        return new Decimal(String(value));
      } catch {
        throw bad();
      }
    case 'Edm.Int32':
    case 'Edm.Int64':
      if (typeof value !== 'number' || !Number.isInteger(value)) throw bad();
      return value;
    case 'Edm.Boolean':
      if (typeof value !== 'boolean') throw bad();
      return value;
    case 'Edm.Date':
      if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw bad();
      return value;
    case 'Edm.DateTimeOffset':
      if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) throw bad();
      return new Date(value).toISOString();
  }
}

function stringTooLong(value: string, max: number): NavError {
  return new NavError(
    400,
    'Application_StringExceededLength',
    `The length of the string is ${value.length}, but it must be less than or equal to ${max} characters. Value: ${value}`,
  );
}
