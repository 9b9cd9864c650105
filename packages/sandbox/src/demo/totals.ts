// Document totals by Xero's rule, which NAV is configured to match: round each line to the cent,
// then sum the rounded lines. Both sandboxes compute totals with this, so they agree to the cent.
import { Decimal } from 'decimal.js';

/** Enough precision that the inclusive-VAT division never moves a half-cent boundary. */
const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
type Dec = InstanceType<typeof D>;

export interface LineTotalsInput {
  quantity: Decimal.Value;
  unitPrice: Decimal.Value;
  /** "0" for no discount. */
  discountPercent: Decimal.Value;
  /** VAT rate of the line, e.g. "20". */
  ratePercent: Decimal.Value;
}

export interface LineTotals {
  /** The line amount as entered: net when prices exclude VAT, gross when they include it. */
  lineAmount: string;
  taxAmount: string;
  netAmount: string;
  grossAmount: string;
}

export interface DocumentLineInput {
  quantity: Decimal.Value;
  unitPrice: Decimal.Value;
  discountPercent: Decimal.Value;
  vatGroup: string;
}

export interface DocumentTotals {
  /** Sum of line net amounts (excluding VAT). */
  subTotal: string;
  totalTax: string;
  /** subTotal + totalTax. */
  total: string;
}

export type TaxRatesByGroup = ReadonlyMap<string, Decimal.Value> | Readonly<Record<string, Decimal.Value>>;

interface LineParts {
  lineAmount: Dec;
  tax: Dec;
  net: Dec;
  gross: Dec;
}

/** ROUND_HALF_UP in decimal.js rounds halves away from zero, as Xero does. */
function cents(value: Dec): Dec {
  return value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

function lineParts(line: LineTotalsInput, pricesIncludeVat: boolean): LineParts {
  const discountFactor = new D(1).minus(new D(line.discountPercent).div(100));
  const lineAmount = cents(new D(line.quantity).times(line.unitPrice).times(discountFactor));
  const rate = new D(line.ratePercent).div(100);
  if (pricesIncludeVat) {
    const tax = cents(lineAmount.minus(lineAmount.div(rate.plus(1))));
    return { lineAmount, tax, net: lineAmount.minus(tax), gross: lineAmount };
  }
  const tax = cents(lineAmount.times(rate));
  return { lineAmount, tax, net: lineAmount, gross: lineAmount.plus(tax) };
}

export function computeLineTotals(line: LineTotalsInput, pricesIncludeVat: boolean): LineTotals {
  const p = lineParts(line, pricesIncludeVat);
  return {
    lineAmount: p.lineAmount.toFixed(2),
    taxAmount: p.tax.toFixed(2),
    netAmount: p.net.toFixed(2),
    grossAmount: p.gross.toFixed(2),
  };
}

function rateOf(rates: TaxRatesByGroup, vatGroup: string): Decimal.Value {
  const rate =
    rates instanceof Map
      ? (rates as ReadonlyMap<string, Decimal.Value>).get(vatGroup)
      : Object.prototype.hasOwnProperty.call(rates, vatGroup)
        ? (rates as Readonly<Record<string, Decimal.Value>>)[vatGroup]
        : undefined;
  if (rate === undefined) throw new Error(`Unknown VAT group "${vatGroup}"`);
  return rate;
}

export function computeDocumentTotals(
  lines: readonly DocumentLineInput[],
  taxRatesByGroup: TaxRatesByGroup,
  pricesIncludeVat: boolean,
): DocumentTotals {
  let subTotal = new D(0);
  let totalTax = new D(0);
  for (const line of lines) {
    const p = lineParts({ ...line, ratePercent: rateOf(taxRatesByGroup, line.vatGroup) }, pricesIncludeVat);
    subTotal = subTotal.plus(p.net);
    totalTax = totalTax.plus(p.tax);
  }
  return {
    subTotal: subTotal.toFixed(2),
    totalTax: totalTax.toFixed(2),
    total: subTotal.plus(totalTax).toFixed(2),
  };
}

/** VAT group → rate, from the company's tax rates (sales and purchase rates of a group are equal). */
export function taxRatesByGroup(
  taxRates: readonly { navVatGroup: string; ratePercent: string }[],
): Map<string, string> {
  const map = new Map<string, string>();
  for (const rate of taxRates) {
    const known = map.get(rate.navVatGroup);
    if (known !== undefined && !new D(known).eq(rate.ratePercent)) {
      throw new Error(`VAT group "${rate.navVatGroup}" has two rates (${known}, ${rate.ratePercent})`);
    }
    if (known === undefined) map.set(rate.navVatGroup, rate.ratePercent);
  }
  return map;
}
