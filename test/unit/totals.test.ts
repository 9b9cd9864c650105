import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/domain/money.js';
import { documentTotals, lineTotals } from '../../src/domain/totals.js';

const line = (quantity: string, unitPrice: string, discountPercent = '0', taxRatePercent = '20') => ({
  quantity: new Decimal(quantity),
  unitPrice: new Decimal(unitPrice),
  discountPercent: new Decimal(discountPercent),
  taxRatePercent: new Decimal(taxRatePercent),
});

describe('document totals (per-line rounding, as Xero)', () => {
  it('rounds each line before summing', () => {
    // 3 × 0.335 = 1.005 → 1.01 per line; tax 0.202 → 0.20 per line.
    const totals = documentTotals([line('3', '0.335'), line('3', '0.335')], 'EXCLUSIVE');
    expect(totals.subTotal.toFixed(2)).toBe('2.02');
    expect(totals.totalTax.toFixed(2)).toBe('0.40');
    expect(totals.total.toFixed(2)).toBe('2.42');
  });

  it('takes tax out of inclusive prices', () => {
    const t = lineTotals(line('1', '120.00'), 'INCLUSIVE');
    expect(t.taxAmount.toFixed(2)).toBe('20.00');
    expect(t.net.toFixed(2)).toBe('100.00');
    const odd = lineTotals(line('1', '10.00'), 'INCLUSIVE');
    expect(odd.taxAmount.toFixed(2)).toBe('1.67');
    expect(odd.net.plus(odd.taxAmount).toFixed(2)).toBe('10.00');
  });

  it('applies discounts and no-tax lines', () => {
    const t = lineTotals(line('2', '49.99', '10'), 'EXCLUSIVE');
    expect(t.lineAmount.toFixed(2)).toBe('89.98');
    expect(t.taxAmount.toFixed(2)).toBe('18.00');
    expect(lineTotals(line('2', '49.99'), 'NO_TAX').taxAmount.isZero()).toBe(true);
  });
});
