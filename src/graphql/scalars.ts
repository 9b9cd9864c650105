// Decimal (money as a string), Date (an accounting date) and DateTime (an instant with offset).
import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { Decimal, isDecimalString } from '../domain/money.js';
import { isAccountingDate, parseInstant } from '../domain/dates.js';

function badInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
}

function literalString(ast: ValueNode, typeName: string): string {
  if (ast.kind === Kind.STRING) return ast.value;
  if (typeName === 'Decimal' && (ast.kind === Kind.INT || ast.kind === Kind.FLOAT)) return ast.value;
  throw badInput(`${typeName} values are written as strings`);
}

function parseDecimal(value: unknown): Decimal {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !isDecimalString(text.trim())) {
    throw badInput(`"${String(value)}" is not a decimal number; write amounts as strings like "1234.50"`);
  }
  return new Decimal(text.trim());
}

export const DecimalScalar = new GraphQLScalarType<Decimal, string>({
  name: 'Decimal',
  description:
    'An exact decimal number serialised as a string, e.g. "1234.50". Used for money, quantities and rates.',
  serialize(value) {
    if (value instanceof Decimal) return value.toFixed();
    if (typeof value === 'string' && isDecimalString(value)) return value;
    throw new GraphQLError(`Decimal cannot represent ${String(value)}`);
  },
  parseValue: parseDecimal,
  parseLiteral: (ast) => parseDecimal(literalString(ast, 'Decimal')),
});

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !isAccountingDate(value)) {
    throw badInput(`"${String(value)}" is not a calendar date written YYYY-MM-DD, e.g. "2026-03-31"`);
  }
  return value;
}

export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'An accounting date without time or zone, written YYYY-MM-DD.',
  serialize(value) {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    if (typeof value === 'string' && isAccountingDate(value)) return value;
    throw new GraphQLError(`Date cannot represent ${String(value)}`);
  },
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(literalString(ast, 'Date')),
});

function parseDateTime(value: unknown): Date {
  const parsed = typeof value === 'string' ? parseInstant(value) : null;
  if (!parsed) {
    throw badInput(
      `"${String(value)}" is not an ISO-8601 date-time with an offset, e.g. "2026-03-31T09:30:00Z"`,
    );
  }
  return parsed;
}

export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An instant as ISO-8601 with an offset, e.g. "2026-03-31T09:30:00.000Z".',
  serialize(value) {
    if (value instanceof Date) return value.toISOString();
    if (typeof value === 'string' && parseInstant(value)) return new Date(value).toISOString();
    throw new GraphQLError(`DateTime cannot represent ${String(value)}`);
  },
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(literalString(ast, 'DateTime')),
});
