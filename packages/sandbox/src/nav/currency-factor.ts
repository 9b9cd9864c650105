// NAV's Currency Factor: units of the foreign currency per 1 LCY, so Amount (LCY) = Amount /
// Currency Factor (Exchange Rate Amount / Relational Exch. Rate Amount of the day's rate). It is 0
// for a document in LCY. Validating a currency code takes the day's rate; a factor set after that
// overrides it, as in NAV's pages.
import { Decimal } from 'decimal.js';
import { FX_PER_100_GBP } from '../demo/accounts.js';
import { errors } from './errors.js';
import { field, type FieldDef } from './odata/edm.js';
import { num } from './entities/wire.js';
import type { NavState } from './state.js';

/** The exchange rate of the day as a factor: the demo's fixed rates, crossed through the LCY. */
export function dayFactor(state: NavState, currency: string): Decimal {
  if (!currency) return new Decimal(0);
  const foreign = FX_PER_100_GBP[currency];
  const home = FX_PER_100_GBP[state.baseCurrency];
  if (!foreign || !home) return new Decimal(1);
  return new Decimal(foreign).dividedBy(home);
}

/** An amount in LCY at a factor, rounded to the cent as NAV does (a factor of 0 or 1: LCY already). */
export function toLcy(amount: Decimal, factor: Decimal): Decimal {
  if (factor.isZero() || factor.eq(1)) return amount;
  return amount.div(factor).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

export function factorOf(state: NavState, r: { currency?: string; currencyFactor?: Decimal }): Decimal {
  return r.currencyFactor ?? dayFactor(state, r.currency ?? '');
}

/** Sets a factor as NAV validates it: positive, and only on a foreign-currency record. */
export function setFactor(r: { currency?: string; currencyFactor?: Decimal }, value: Decimal): void {
  if (!r.currency) {
    if (!value.isZero())
      throw errors.dialog('Currency Factor must be equal to 0 when Currency Code is blank (LCY).');
    delete r.currencyFactor;
    return;
  }
  if (!value.isPositive() || value.isZero())
    throw errors.dialog(`Currency Factor must be greater than 0 for currency ${r.currency}.`);
  r.currencyFactor = value;
}

type Factored = { currency?: string; currencyFactor?: Decimal };

/** Validating Currency Code: a new currency takes the day's rate again. */
export function setCurrencyCode(r: Factored, code: string): void {
  if (r.currency !== code) delete r.currencyFactor;
  r.currency = code;
}

/** The Currency_Factor page field: the factor kept, else the day's rate; writable where `writable`. */
export function currencyFactorField<R extends Factored>(writable = true): FieldDef<R> {
  return field<R>(
    'Currency_Factor',
    'Edm.Decimal',
    (r, ctx) => factorOf(ctx.state, r),
    writable ? (r, v) => setFactor(r, num(v)) : undefined,
  );
}
