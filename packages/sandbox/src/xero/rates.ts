// The day rate Xero applies when a foreign-currency document or payment comes without a
// CurrencyRate (the real API takes XE.com's): here the demo's fixed rates, as foreign per 1 base.
import { Decimal } from 'decimal.js';
import { FX_PER_100_GBP } from '../demo/accounts.js';
import type { TenantState } from './state.js';

/** Foreign per 1 unit of the organisation's base currency, to Xero's 6 places; 1 for the base itself. */
export function dayRate(t: TenantState, currency: string): Decimal {
  const base = t.org.BaseCurrency;
  if (currency === base) return new Decimal(1);
  const foreign = FX_PER_100_GBP[currency];
  const home = FX_PER_100_GBP[base];
  if (!foreign || !home) return new Decimal(1);
  return new Decimal(foreign).dividedBy(home).toDecimalPlaces(6, Decimal.ROUND_HALF_UP);
}

/** The rate a record keeps: the one sent (foreign currency only), else the day rate. */
export function rateFor(t: TenantState, currency: string, sent: Decimal | undefined): Decimal {
  if (currency === t.org.BaseCurrency) return new Decimal(1);
  return sent ? sent.toDecimalPlaces(6, Decimal.ROUND_HALF_UP) : dayRate(t, currency);
}
