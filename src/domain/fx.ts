// Exchange rates as both books keep them. Xero's CurrencyRate and NAV's Currency Factor mean the
// same thing: units of the document's currency per ONE unit of the base (local) currency, so an
// amount in base currency is amount / rate. (Not 1/rate: NAV's Exchange Rate Amount over Relational
// Exch. Rate Amount is also foreign per LCY, and Amount (LCY) = Amount / Currency Factor.)
import { Decimal } from 'decimal.js';
import { roundMoney } from './money.js';

/** Decimal places of a rate both books keep: Xero stores CurrencyRate to 6 (max length [18].[6]). */
export const RATE_PLACES = 6;

/** An amount in base currency: amount / rate, rounded half-up to the cent as both books post it. */
export function toBase(amount: Decimal, rate: Decimal | null): Decimal {
  return roundMoney(rate && !rate.isZero() ? amount.dividedBy(rate) : amount);
}

/** The rate of a record in the base currency is 1; a foreign one keeps what it carries (or none). */
export function effectiveRate(currency: string, baseCurrency: string, rate: Decimal | null): Decimal | null {
  return currency === baseCurrency ? new Decimal(1) : rate;
}

/**
 * The realised exchange difference of paying `amount` (document currency) at the payment's rate
 * against the document's rate, in base currency: a gain positive, a loss negative. Each side is
 * converted and rounded to the cent first, then subtracted, as NAV's application and Xero's
 * realised currency gain journal both do. Money received is worth more in base when the payment's
 * rate is lower; money paid out costs less when it is higher.
 */
export function realisedFxDifference(
  direction: 'RECEIVED' | 'MADE',
  amount: Decimal,
  documentRate: Decimal | null,
  paymentRate: Decimal | null,
): Decimal | null {
  if (!documentRate || !paymentRate) return null;
  const atPayment = toBase(amount, paymentRate);
  const atDocument = toBase(amount, documentRate);
  return direction === 'RECEIVED' ? atPayment.minus(atDocument) : atDocument.minus(atPayment);
}
