import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../src/common/random.js';
import { documentCents, formatCents, lineCents } from '../../../src/demo/cents.js';
import {
  computeDocumentTotals,
  computeLineTotals,
  generateDemoCompany,
  taxRatesByGroup,
} from '../../../src/demo/index.js';

const line = (quantity: string, unitPrice: string, discountPercent: string, ratePercent: string) => ({
  quantity,
  unitPrice,
  discountPercent,
  ratePercent,
});

describe('computeLineTotals', () => {
  it('exclusive prices: tax on the rounded amount, rounded per line', () => {
    expect(computeLineTotals(line('3', '19.99', '0', '20'), false)).toEqual({
      lineAmount: '59.97',
      taxAmount: '11.99',
      netAmount: '59.97',
      grossAmount: '71.96',
    });
  });

  it('applies the discount before rounding the amount', () => {
    // 7 × 12.35 × 0.875 = 75.64375
    expect(computeLineTotals(line('7', '12.35', '12.5', '20'), false)).toEqual({
      lineAmount: '75.64',
      taxAmount: '15.13',
      netAmount: '75.64',
      grossAmount: '90.77',
    });
  });

  it('rounds halves away from zero, for amounts and for tax', () => {
    expect(computeLineTotals(line('0.5', '0.05', '0', '20'), false).lineAmount).toBe('0.03');
    expect(computeLineTotals(line('1', '0.10', '0', '5'), false).taxAmount).toBe('0.01');
    expect(computeLineTotals(line('-1', '0.10', '0', '5'), false).taxAmount).toBe('-0.01');
    expect(computeLineTotals(line('1', '2.55', '0', '5'), false).taxAmount).toBe('0.13');
  });

  it('inclusive prices: tax = amount − amount / (1 + rate), net = amount − tax', () => {
    expect(computeLineTotals(line('1', '100.00', '0', '20'), true)).toEqual({
      lineAmount: '100.00',
      taxAmount: '16.67',
      netAmount: '83.33',
      grossAmount: '100.00',
    });
    // 0.63 − 0.525 = 0.105: an exact half cent
    expect(computeLineTotals(line('1', '0.63', '0', '20'), true)).toEqual({
      lineAmount: '0.63',
      taxAmount: '0.11',
      netAmount: '0.52',
      grossAmount: '0.63',
    });
    expect(computeLineTotals(line('-1', '0.63', '0', '20'), true).taxAmount).toBe('-0.11');
  });

  it('inclusive prices with a discount and a reduced rate', () => {
    // 4 × 49.99 × 0.9 = 179.964 → 179.96; 179.96 − 179.96 / 1.05 = 8.5695… → 8.57
    expect(computeLineTotals(line('4', '49.99', '10', '5'), true)).toEqual({
      lineAmount: '179.96',
      taxAmount: '8.57',
      netAmount: '171.39',
      grossAmount: '179.96',
    });
  });

  it('zero-rated and fractional quantities', () => {
    expect(computeLineTotals(line('7.5', '85.00', '0', '0'), false)).toEqual({
      lineAmount: '637.50',
      taxAmount: '0.00',
      netAmount: '637.50',
      grossAmount: '637.50',
    });
  });
});

describe('computeDocumentTotals', () => {
  const rates = { VAT20: '20', VAT5: '5', ZERO: '0', 'NO VAT': '0' };

  it('sums rounded lines, which can differ from rounding the sum', () => {
    const lines = Array.from({ length: 3 }, () => ({
      quantity: '1',
      unitPrice: '0.10',
      discountPercent: '0',
      vatGroup: 'VAT5',
    }));
    // per line 0.005 → 0.01; on the sum 0.015 would round to 0.02
    expect(computeDocumentTotals(lines, rates, false)).toEqual({
      subTotal: '0.30',
      totalTax: '0.03',
      total: '0.33',
    });
  });

  it('handles mixed groups, exclusive and inclusive', () => {
    const lines = [
      { quantity: '2', unitPrice: '192.00', discountPercent: '0', vatGroup: 'VAT20' },
      { quantity: '1', unitPrice: '50.00', discountPercent: '5', vatGroup: 'VAT20' },
      { quantity: '3', unitPrice: '162.99', discountPercent: '2.5', vatGroup: 'NO VAT' },
      { quantity: '1', unitPrice: '229.64', discountPercent: '0', vatGroup: 'VAT5' },
    ];
    // exclusive: 384.00 + 47.50 + 476.75 (476.7458) + 229.64 = 1137.89; tax 76.80 + 9.50 + 0 + 11.48 (11.482)
    expect(computeDocumentTotals(lines, rates, false)).toEqual({
      subTotal: '1137.89',
      totalTax: '97.78',
      total: '1235.67',
    });
    // inclusive: tax 64.00 + 7.92 (7.9166…) + 0 + 10.94 (10.9352…) = 82.86; total = sum of amounts
    expect(computeDocumentTotals(lines, new Map(Object.entries(rates)), true)).toEqual({
      subTotal: '1055.03',
      totalTax: '82.86',
      total: '1137.89',
    });
  });

  it('rejects an unknown VAT group', () => {
    expect(() =>
      computeDocumentTotals(
        [{ quantity: '1', unitPrice: '1', discountPercent: '0', vatGroup: 'VAT99' }],
        rates,
        false,
      ),
    ).toThrow(/VAT99/);
  });

  it('taxRatesByGroup maps groups and refuses one group with two rates', () => {
    expect(
      taxRatesByGroup([
        { navVatGroup: 'VAT20', ratePercent: '20' },
        { navVatGroup: 'VAT20', ratePercent: '20.0' },
      ]),
    ).toEqual(new Map([['VAT20', '20']]));
    expect(() =>
      taxRatesByGroup([
        { navVatGroup: 'VAT20', ratePercent: '20' },
        { navVatGroup: 'VAT20', ratePercent: '17.5' },
      ]),
    ).toThrow(/two rates/);
  });
});

describe('integer-cent fast path', () => {
  const toCents = (text: string) => Math.round(Number(text) * 100);

  it('formats cents', () => {
    expect([0, 5, 99, 100, 123456, -5, -12345].map(formatCents)).toEqual([
      '0.00',
      '0.05',
      '0.99',
      '1.00',
      '1234.56',
      '-0.05',
      '-123.45',
    ]);
  });

  it('matches computeLineTotals on random lines, including halves, discounts and 17.5 %', () => {
    const rng = new SeededRandom(7);
    const rates = ['0', '5', '20', '17.5'];
    for (let i = 0; i < 5000; i++) {
      const quantity = rng.chance(0.3) ? `${rng.int(0, 99)}.${rng.int(0, 99)}` : String(rng.int(-3, 50));
      const unitPrice = `${rng.int(0, 5000)}.${String(rng.int(0, 99)).padStart(2, '0')}`;
      const discountPercent = rng.pick(['0', '2.5', '5', '10', '12.5', '33.33', '100']);
      const ratePercent = rng.pick(rates);
      const inclusive = rng.chance(0.5);
      const exact = computeLineTotals({ quantity, unitPrice, discountPercent, ratePercent }, inclusive);
      const fast = lineCents({ quantity, unitPrice, discountPercent }, ratePercent, inclusive);
      expect([fast.amount, fast.tax]).toEqual([toCents(exact.lineAmount), toCents(exact.taxAmount)]);
    }
  });

  it('falls back to exact big-integer arithmetic for huge values', () => {
    const big = { quantity: '123456.78', unitPrice: '98765432.19', discountPercent: '2.5' };
    const exact = computeLineTotals({ ...big, ratePercent: '20' }, false);
    const fast = lineCents(big, '20', false);
    expect(formatCents(fast.amount)).toBe(exact.lineAmount);
    expect(formatCents(fast.tax)).toBe(exact.taxAmount);
  });

  it('equals computeDocumentTotals on every generated document of the default company', () => {
    const company = generateDemoCompany();
    const rates = taxRatesByGroup(company.taxRates);
    for (const doc of [...company.salesInvoices, ...company.purchaseInvoices]) {
      const exact = computeDocumentTotals(doc.lines, rates, doc.pricesIncludeVat);
      const fast = documentCents(doc.lines, rates, doc.pricesIncludeVat);
      expect({
        subTotal: formatCents(fast.subTotal),
        totalTax: formatCents(fast.totalTax),
        total: formatCents(fast.total),
      }).toEqual(exact);
    }
  });
});
