// Integer-cent fast path of totals.ts for the generator: at 100,000 invoices a Decimal per field
// costs seconds, while every demo value fits a safe integer. Same rounding, same results (tested).

/** Parses "12.5" into mantissa 125 and scale 1. */
function parseFixed(value: string): { m: number; scale: number } {
  const dot = value.indexOf('.');
  if (dot < 0) return { m: Number(value), scale: 0 };
  const whole = value.slice(0, dot);
  const frac = value.slice(dot + 1);
  const negative = whole.startsWith('-');
  const magnitude = Number(whole.replace('-', '') + frac);
  return { m: negative ? -magnitude : magnitude, scale: frac.length };
}

const POW10 = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000];

function pow10(n: number): number {
  const p = POW10[n];
  if (p === undefined) throw new RangeError(`too many decimal places (${n})`);
  return p;
}

/** a·b·c / den rounded half away from zero; falls back to BigInt when the product is not a safe integer. */
function mulDivRound(a: number, b: number, c: number, den: number): number {
  const product = a * b * c;
  if (Number.isSafeInteger(product)) {
    const abs = Math.abs(product);
    const rem = abs % den;
    const q = (abs - rem) / den + (rem * 2 >= den ? 1 : 0);
    return product < 0 ? -q : q;
  }
  const big = BigInt(a) * BigInt(b) * BigInt(c);
  const bigDen = BigInt(den);
  const abs = big < 0n ? -big : big;
  const q = abs / bigDen + ((abs % bigDen) * 2n >= bigDen ? 1n : 0n);
  return Number(big < 0n ? -q : q);
}

export interface CentsLine {
  quantity: string;
  unitPrice: string;
  discountPercent: string;
  vatGroup: string;
}

export interface CentsTotals {
  subTotal: number;
  totalTax: number;
  total: number;
}

/** Line amount and VAT in cents, rounded as totals.ts rounds them. */
export function lineCents(
  line: Omit<CentsLine, 'vatGroup'>,
  ratePercent: string,
  pricesIncludeVat: boolean,
): { amount: number; tax: number } {
  const q = parseFixed(line.quantity);
  const p = parseFixed(line.unitPrice);
  const d = parseFixed(line.discountPercent);
  const r = parseFixed(ratePercent);
  // amount in cents = q·p·(1 − d/100)·100 = qm·pm·(100·10^ds − dm) / 10^(qs+ps+ds)
  const amount = mulDivRound(q.m, p.m, 100 * pow10(d.scale) - d.m, pow10(q.scale + p.scale + d.scale));
  // exclusive: amount·r/100; inclusive: amount − amount/(1 + r/100) = amount·r/(100 + r)
  const rateDen = 100 * pow10(r.scale);
  const tax = mulDivRound(amount, r.m, 1, pricesIncludeVat ? rateDen + r.m : rateDen);
  return { amount, tax };
}

/** Document totals in cents; equal to computeDocumentTotals of totals.ts. */
export function documentCents(
  lines: readonly CentsLine[],
  taxRatesByGroup: ReadonlyMap<string, string>,
  pricesIncludeVat: boolean,
): CentsTotals {
  let subTotal = 0;
  let totalTax = 0;
  for (const line of lines) {
    const rate = taxRatesByGroup.get(line.vatGroup);
    if (rate === undefined) throw new Error(`Unknown VAT group "${line.vatGroup}"`);
    const { amount, tax } = lineCents(line, rate, pricesIncludeVat);
    subTotal += pricesIncludeVat ? amount - tax : amount;
    totalTax += tax;
  }
  return { subTotal, totalTax, total: subTotal + totalTax };
}

/** 12345 → "123.45". */
export function formatCents(cents: number): string {
  const abs = Math.abs(cents);
  const frac = abs % 100;
  return `${cents < 0 ? '-' : ''}${(abs - frac) / 100}.${frac < 10 ? '0' : ''}${frac}`;
}
