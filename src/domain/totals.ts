// Document arithmetic shared by invoices, bills and orders. Xero rounds per line (2 dp) and sums
// the rounded lines; NAV is configured the same way, so both books agree to the cent.
import type { LineAmountType } from './common.js';
import { Decimal, roundMoney, sum } from './money.js';

export interface LineInput {
  quantity: Decimal;
  unitPrice: Decimal;
  discountPercent: Decimal;
  /** Tax rate in percent (20 for 20%). */
  taxRatePercent: Decimal;
}

export interface LineTotals {
  /** The line amount as entered: net for EXCLUSIVE/NO_TAX, gross for INCLUSIVE. */
  lineAmount: Decimal;
  taxAmount: Decimal;
  net: Decimal;
}

export function lineTotals(line: LineInput, type: LineAmountType): LineTotals {
  const hundred = new Decimal(100);
  const amount = roundMoney(
    line.quantity.times(line.unitPrice).times(hundred.minus(line.discountPercent)).dividedBy(hundred),
  );
  if (type === 'NO_TAX') return { lineAmount: amount, taxAmount: new Decimal(0), net: amount };
  const rate = line.taxRatePercent.dividedBy(hundred);
  if (type === 'EXCLUSIVE') {
    return { lineAmount: amount, taxAmount: roundMoney(amount.times(rate)), net: amount };
  }
  const tax = roundMoney(amount.minus(amount.dividedBy(rate.plus(1))));
  return { lineAmount: amount, taxAmount: tax, net: amount.minus(tax) };
}

export interface DocumentTotals {
  subTotal: Decimal;
  totalTax: Decimal;
  total: Decimal;
}

export function documentTotals(lines: LineInput[], type: LineAmountType): DocumentTotals {
  const computed = lines.map((l) => lineTotals(l, type));
  const subTotal = sum(computed.map((c) => c.net));
  const totalTax = sum(computed.map((c) => c.taxAmount));
  return { subTotal, totalTax, total: subTotal.plus(totalTax) };
}
