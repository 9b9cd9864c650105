// Document line and header totals. Rounding is PER LINE to 2 dp (half away from zero), then summed,
// with the demo generator's totals helper, so NAV and Xero documents agree to the cent.
import { computeLineTotals } from '../demo/totals.js';
import { dec, Decimal, ZERO, round2 } from './decimal.js';
import type { DocHeader, DocLine, NavState } from './state.js';

export interface LineAmounts {
  /** Line Discount Amount. */
  discountAmount: Decimal;
  /** NAV "Line Amount": quantity × price − discount, on the header's price basis (excl./incl. VAT). */
  lineAmount: Decimal;
  /** Amount excluding VAT. */
  amount: Decimal;
  vatAmount: Decimal;
  amountIncludingVat: Decimal;
  vatPercent: Decimal;
}

export function lineAmounts(line: DocLine, pricesIncludeVat: boolean, vatPercent: Decimal): LineAmounts {
  // The demo generator's rule (shared with the Xero sandbox): line amount rounded to the cent
  // after discount, VAT rounded per line.
  const t = computeLineTotals(
    {
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      discountPercent: line.discountPercent,
      ratePercent: vatPercent,
    },
    pricesIncludeVat,
  );
  const lineAmount = dec(t.lineAmount);
  return {
    discountAmount: round2(line.quantity.times(line.unitPrice)).minus(lineAmount),
    lineAmount,
    amount: dec(t.netAmount),
    vatAmount: dec(t.taxAmount),
    amountIncludingVat: dec(t.grossAmount),
    vatPercent,
  };
}

export function vatPercentOf(state: NavState, vatGroup: string): Decimal {
  return state.taxRate(vatGroup)?.rate ?? ZERO;
}

export function lineAmountsIn(state: NavState, header: DocHeader, line: DocLine): LineAmounts {
  return lineAmounts(line, header.pricesIncludeVat, vatPercentOf(state, line.vatGroup));
}

export interface DocTotals {
  amount: Decimal;
  vatAmount: Decimal;
  amountIncludingVat: Decimal;
  discountAmount: Decimal;
}

export function documentTotals(state: NavState, header: DocHeader): DocTotals {
  let amount = ZERO;
  let vatAmount = ZERO;
  let discountAmount = ZERO;
  for (const line of header.lines) {
    if (line.type === '') continue;
    const a = lineAmountsIn(state, header, line);
    amount = amount.plus(a.amount);
    vatAmount = vatAmount.plus(a.vatAmount);
    discountAmount = discountAmount.plus(a.discountAmount);
  }
  return { amount, vatAmount, amountIncludingVat: amount.plus(vatAmount), discountAmount };
}
