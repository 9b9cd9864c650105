// Xero's arithmetic for document lines: every line is rounded on its own to 2 dp (line amount,
// then tax), and the document totals are sums of the rounded lines — never a tax on the total.
import { Decimal } from 'decimal.js';
import type { LineAmountTypes, Totals } from './state.js';

const HUNDRED = new Decimal(100);

export function round2(d: Decimal.Value): Decimal {
  return new Decimal(d).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

export interface LineMoneyInput {
  quantity: Decimal;
  unitAmount: Decimal;
  /** Percentage, e.g. 10 for 10 %. */
  discountRate?: Decimal | undefined;
  /** Absolute discount on the line. */
  discountAmount?: Decimal | undefined;
  /** Tax rate in percent (TaxRate.EffectiveRate). */
  taxRatePercent: Decimal;
  /** A TaxAmount the client sent to override the computed one. */
  taxAmountOverride?: Decimal | undefined;
}

export interface LineMoney {
  lineAmount: Decimal;
  taxAmount: Decimal;
  /** Gross before discount minus the line amount (0 without discount). */
  discount: Decimal;
}

/** LineAmount = Quantity × UnitAmount less discount, rounded to 2 dp. */
export function lineAmount(
  l: Pick<LineMoneyInput, 'quantity' | 'unitAmount' | 'discountRate' | 'discountAmount'>,
) {
  const gross = l.quantity.times(l.unitAmount);
  if (l.discountRate && !l.discountRate.isZero()) {
    return round2(gross.times(HUNDRED.minus(l.discountRate)).dividedBy(HUNDRED));
  }
  if (l.discountAmount && !l.discountAmount.isZero()) return round2(gross.minus(l.discountAmount));
  return round2(gross);
}

/** Tax of one line: on top of the line amount (Exclusive) or contained in it (Inclusive). */
export function lineTax(amount: Decimal, ratePercent: Decimal, types: LineAmountTypes): Decimal {
  if (types === 'NoTax' || ratePercent.isZero()) return new Decimal(0);
  if (types === 'Exclusive') return round2(amount.times(ratePercent).dividedBy(HUNDRED));
  return round2(amount.times(ratePercent).dividedBy(HUNDRED.plus(ratePercent)));
}

export function computeLine(l: LineMoneyInput, types: LineAmountTypes): LineMoney {
  const amount = lineAmount(l);
  const tax =
    types === 'NoTax' ? new Decimal(0) : (l.taxAmountOverride ?? lineTax(amount, l.taxRatePercent, types));
  return {
    lineAmount: amount,
    taxAmount: tax,
    discount: round2(l.quantity.times(l.unitAmount)).minus(amount),
  };
}

/** Document totals from already-rounded lines. */
export function documentTotals(lines: LineMoney[], types: LineAmountTypes): Totals {
  let sub = new Decimal(0);
  let tax = new Decimal(0);
  let discount = new Decimal(0);
  for (const l of lines) {
    sub = sub.plus(types === 'Inclusive' ? l.lineAmount.minus(l.taxAmount) : l.lineAmount);
    tax = tax.plus(l.taxAmount);
    discount = discount.plus(l.discount);
  }
  const totals: Totals = { SubTotal: sub, TotalTax: tax, Total: sub.plus(tax) };
  if (!discount.isZero()) totals.TotalDiscount = discount;
  return totals;
}
