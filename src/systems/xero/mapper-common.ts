// Xero wire (as the SDK models it: camelCase, Date objects, JS numbers) ⇄ the unified drafts: what
// every entity's mapper shares (the mapping context and error, money, dates, versions, text limits).
// Pure functions. Money becomes decimal.js at once and goes back only as exactly-representable
// numbers; accounting dates are "YYYY-MM-DD" (Xero sends them as UTC midnight).
import { Decimal } from '../../domain/money.js';

export interface MapContext {
  /** The organisation's base currency (contacts without a default currency use it). */
  baseCurrency: string;
}

export class MappingError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'MappingError';
  }
}

const ZERO = new Decimal(0);

export function decimalFromWire(value: number | null | undefined): Decimal {
  if (value === null || value === undefined) return ZERO;
  if (!Number.isFinite(value)) throw new MappingError('', `not a finite amount: ${String(value)}`);
  // String(n) is the shortest text that parses back to n: the decimal Xero sent (≤ 15 digits).
  return new Decimal(String(value));
}

/** A decimal as the SDK's number, refusing one a double cannot carry exactly. */
export function decimalToWire(value: Decimal, field: string): number {
  const n = value.toNumber();
  if (!Number.isFinite(n) || !new Decimal(String(n)).eq(value))
    throw new MappingError(field, `${value.toString()} cannot be sent to Xero without losing precision`);
  return n;
}

/** A decimal with at most `places` decimal places, as the SDK's number; more is refused, never rounded. */
export function moneyToWire(value: Decimal, field: string, places: number): number {
  if (value.decimalPlaces() > places)
    throw new MappingError(
      field,
      `${value.toString()} has more than ${places} decimal places, which Xero would round`,
    );
  return decimalToWire(value, field);
}

/** "YYYY-MM-DD" from the SDK's Date (UTC midnight) or from Xero's date text. */
export function accountingDate(value: Date | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  const ms = /^\/Date\((-?\d+)/.exec(value);
  if (ms?.[1]) return new Date(Number(ms[1])).toISOString().slice(0, 10);
  const day = /^(\d{4}-\d{2}-\d{2})/.exec(value);
  return day?.[1] ?? null;
}

export function instant(value: Date | string | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  const ms = /^\/Date\((-?\d+)/.exec(value);
  if (ms?.[1]) return new Date(Number(ms[1]));
  const parsed = Date.parse(/[zZ]|[+-]\d{2}:?\d{2}$/.test(value) ? value : `${value}Z`);
  return Number.isNaN(parsed) ? null : new Date(parsed);
}

/** The record version we hand back on update: UpdatedDateUTC in ms, as text. */
export function versionOf(updated: Date | null): string | null {
  return updated ? String(updated.getTime()) : null;
}

/** Text that is absent or only whitespace is null. */
export const blank = (v: string | null | undefined): string | null =>
  v === undefined || v === null || v.trim() === '' ? null : v;

/** A text within Xero's length limit; a longer one is refused, never cut. */
export function limited(value: string, field: string, max: number, what: string): string {
  if (value.length > max)
    throw new MappingError(
      field,
      `${what} "${value}" is ${value.length} characters long; Xero allows at most ${max}`,
    );
  return value;
}
