import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { computeLine, documentTotals, lineAmount, lineTax } from '../../../src/xero/totals.js';

const d = (v: string) => new Decimal(v);

describe('Xero line and document totals', () => {
  it('rounds the line amount half away from zero to 2 dp, after discount', () => {
    expect(lineAmount({ quantity: d('3'), unitAmount: d('0.335') }).toFixed(2)).toBe('1.01');
    expect(lineAmount({ quantity: d('2'), unitAmount: d('33.33'), discountRate: d('15') }).toFixed(2)).toBe(
      '56.66',
    );
    expect(lineAmount({ quantity: d('1'), unitAmount: d('10'), discountAmount: d('2.5') }).toFixed(2)).toBe(
      '7.50',
    );
    expect(lineAmount({ quantity: d('-1'), unitAmount: d('0.125') }).toFixed(2)).toBe('-0.13');
  });

  it('taxes each line on its own: on top (Exclusive) or inside (Inclusive)', () => {
    expect(lineTax(d('10.03'), d('20'), 'Exclusive').toFixed(2)).toBe('2.01');
    expect(lineTax(d('10.03'), d('20'), 'Inclusive').toFixed(2)).toBe('1.67');
    expect(lineTax(d('10.03'), d('20'), 'NoTax').toFixed(2)).toBe('0.00');
  });

  it('sums rounded lines rather than taxing the total', () => {
    const lines = [1, 2, 3].map(() =>
      computeLine({ quantity: d('1'), unitAmount: d('0.03'), taxRatePercent: d('17.5') }, 'Exclusive'),
    );
    const totals = documentTotals(lines, 'Exclusive');
    // each line: 0.03 × 17.5 % = 0.00525 → 0.01; on the total it would be 0.01575 → 0.02
    expect(totals.TotalTax.toFixed(2)).toBe('0.03');
    expect(totals.Total.toFixed(2)).toBe('0.12');
  });

  it('keeps an inclusive document total equal to the sum of line amounts', () => {
    const lines = ['19.99', '0.01', '100'].map((u) =>
      computeLine({ quantity: d('1'), unitAmount: d(u), taxRatePercent: d('20') }, 'Inclusive'),
    );
    const totals = documentTotals(lines, 'Inclusive');
    expect(totals.Total.toFixed(2)).toBe('120.00');
    expect(totals.SubTotal.plus(totals.TotalTax).toFixed(2)).toBe('120.00');
  });

  it('honours a TaxAmount override', () => {
    expect(
      computeLine(
        { quantity: d('1'), unitAmount: d('100'), taxRatePercent: d('20'), taxAmountOverride: d('19.99') },
        'Exclusive',
      ).taxAmount.toFixed(2),
    ).toBe('19.99');
  });
});
