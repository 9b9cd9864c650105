// Money is decimal, never float: amounts travel as decimal.js values and as strings on the wire.
import { Decimal } from 'decimal.js';
import { z } from 'zod';

export { Decimal };

/** Plain decimal notation: optional sign, digits, optional fraction. No exponents, no thousands separators. */
const decimalPattern = /^[+-]?\d+(\.\d+)?$/;

export function isDecimalString(value: string): boolean {
  return decimalPattern.test(value);
}

/** A decimal amount from a string, number-free input, or an existing Decimal. */
export const decimalSchema = z.union([z.string(), z.instanceof(Decimal)]).transform((value, ctx) => {
  if (value instanceof Decimal) return value;
  const trimmed = value.trim();
  if (!isDecimalString(trimmed)) {
    ctx.addIssue({ code: 'custom', message: `"${value}" is not a decimal number like 1234.50` });
    return z.NEVER;
  }
  return new Decimal(trimmed);
});

/** The store keeps amounts as NUMERIC(19,4): fewer than 15 digits before the point. */
export const storableLimit = new Decimal('1e15');
export const storable = (value: Decimal): boolean => value.abs().lt(storableLimit);
export const tooLargeMessage = 'at most 15 digits before the decimal point';

/** ISO 4217 currency code. */
export const currencySchema = z
  .string()
  .regex(/^[A-Z]{3}$/, 'a three-letter ISO 4217 currency code such as GBP');

export const moneySchema = z.object({ amount: decimalSchema, currency: currencySchema });
export type Money = z.output<typeof moneySchema>;

/** Rounds half away from zero to the currency's minor unit (2 dp for the currencies we carry). */
export function roundMoney(value: Decimal, decimalPlaces = 2): Decimal {
  return value.toDecimalPlaces(decimalPlaces, Decimal.ROUND_HALF_UP);
}

/** Sums decimals exactly. */
export function sum(values: Iterable<Decimal>): Decimal {
  let total = new Decimal(0);
  for (const v of values) total = total.plus(v);
  return total;
}
