// Wire helpers shared by both dialects' mappers: NAV option decoding (_x0020_ for blank), blank
// dates (0001-01-01), empty strings as null, content hashes for delta de-duplication. Pure.
import { createHash } from 'node:crypto';
import { Decimal } from 'decimal.js';
import type { Address } from '../../domain/common.js';

/** NAV/BC option values are XML-encoded member names: "_x0020_" → " ", "G_x002F_L_x0020_Account" → "G/L Account". */
export function decodeOption(value: string): string {
  return value.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The member name as $metadata lists it: blank → "_x0020_", "Non-Inventory" → "Non_x002D_Inventory". */
export function encodeOption(value: string): string {
  if (value === '') return '_x0020_';
  return value.replace(
    /[^A-Za-z0-9_]/g,
    (ch) => `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`,
  );
}

/** True for NAV's blank option (" ", "", "_x0020_"). */
export const isBlankOption = (value: string): boolean => decodeOption(value).trim() === '';

export const BLANK_DATE = '0001-01-01';

/** An accounting date, or null for NAV's blank date. */
export function dateOrNull(value: string | undefined): string | null {
  if (!value || value.startsWith(BLANK_DATE)) return null;
  return value.slice(0, 10);
}

/** Midnight UTC of a NAV date (Last_Date_Modified), or null when blank. */
export function dayInstant(value: string | undefined): Date | null {
  const d = dateOrNull(value);
  return d ? new Date(`${d}T00:00:00.000Z`) : null;
}

export function instantOrNull(value: string | undefined): Date | null {
  if (!value || value.startsWith(BLANK_DATE)) return null;
  const t = Date.parse(value);
  return Number.isFinite(t) ? new Date(t) : null;
}

export const blankToNull = (value: string | undefined | null): string | null =>
  value === undefined || value === null || value.trim() === '' ? null : value;

export const ZERO = new Decimal(0);

export function addressOf(parts: {
  line1?: string | undefined;
  line2?: string | undefined;
  city?: string | undefined;
  region?: string | undefined;
  postalCode?: string | undefined;
  country?: string | undefined;
}): Address | null {
  const out: Address = {};
  if (parts.line1) out.line1 = parts.line1;
  if (parts.line2) out.line2 = parts.line2;
  if (parts.city) out.city = parts.city;
  if (parts.region) out.region = parts.region;
  if (parts.postalCode) out.postalCode = parts.postalCode;
  if (parts.country && /^[A-Z]{2}$/.test(parts.country)) out.country = parts.country;
  return Object.keys(out).length ? out : null;
}

/** Currency code, with the local currency for NAV's blank (LCY). */
export const currencyOf = (code: string | undefined, localCurrency: string): string =>
  code && code.trim() !== '' ? code : localCurrency;

/**
 * NAV's Currency Factor is foreign per 1 LCY (Amount (LCY) = Amount / Currency Factor), the same
 * quantity as Xero's CurrencyRate: the rate IS the factor, not its inverse. NAV keeps 0 for LCY.
 */
export const rateOfFactor = (code: string | undefined, factor: Decimal | undefined): Decimal | null =>
  code && code.trim() !== '' && factor && factor.isPositive() && !factor.isZero() ? factor : null;

/** The Currency_Factor to write: only for a foreign currency with a known rate (else NAV's day rate). */
export function factorToWire(
  r: { currency: string; currencyRate?: Decimal | null },
  localCurrency: string,
): { Currency_Factor?: Decimal } {
  return r.currency !== localCurrency && r.currencyRate ? { Currency_Factor: r.currencyRate } : {};
}

/** What NAV stores: blank for the local currency. */
export const navCurrency = (code: string, localCurrency: string): string =>
  code === localCurrency ? '' : code;

/** Stable hash of a record's content (etag and volatile fields excluded by the caller). */
export function contentHash(value: unknown): string {
  return createHash('sha256').update(canonical(value)).digest('hex');
}

function canonical(value: unknown): string {
  if (value instanceof Decimal) return JSON.stringify(value.toFixed());
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const keys = Object.keys(value)
      .filter((k) => !k.startsWith('@odata.'))
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** A wire value as text: strings as they are, numbers and booleans spelled out, anything else ''. */
export const str = (v: unknown): string =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';

/** An order line's shipped, invoiced and outstanding quantities, when its page publishes them. */
export function orderQuantities(
  shipped: Decimal | undefined,
  invoiced: Decimal | undefined,
  outstanding: Decimal | undefined,
): { quantityShipped?: Decimal; quantityInvoiced?: Decimal; outstandingQuantity?: Decimal } {
  return {
    ...(shipped !== undefined ? { quantityShipped: shipped } : {}),
    ...(invoiced !== undefined ? { quantityInvoiced: invoiced } : {}),
    ...(outstanding !== undefined ? { outstandingQuantity: outstanding } : {}),
  };
}
