import { describe, expect, it } from 'vitest';
import { effectiveRate, realisedFxDifference, toBase } from '../../src/domain/fx.js';
import { Decimal } from '../../src/domain/money.js';

const d = (v: string) => new Decimal(v);

describe('base currency: amount / rate, half-up to the cent', () => {
  it('converts foreign per base (Xero CurrencyRate = NAV Currency Factor)', () => {
    // 1234.57 / 0.912345 = 1353.18328…; 333.33 / 1.54715 = 215.44775…
    expect(toBase(d('1234.57'), d('0.912345')).toFixed(2)).toBe('1353.18');
    expect(toBase(d('333.33'), d('1.547150')).toFixed(2)).toBe('215.45');
    // 0.01 / 0.912345 = 0.01096…: a cent of EUR is a cent of GBP, not zero.
    expect(toBase(d('0.01'), d('0.912345')).toFixed(2)).toBe('0.01');
    // Exactly half a cent rounds up: 1.005 / 1 = 1.005 → 1.01.
    expect(toBase(d('1.005'), d('1')).toFixed(2)).toBe('1.01');
  });

  it('takes 1 for the base currency whatever is stored, and nothing for a foreign record without a rate', () => {
    expect(effectiveRate('GBP', 'GBP', null)?.toFixed()).toBe('1');
    expect(effectiveRate('EUR', 'GBP', null)).toBeNull();
    expect(effectiveRate('EUR', 'GBP', d('0.912345'))?.toFixed()).toBe('0.912345');
  });
});

describe('realised exchange difference', () => {
  it('money received at a lower rate than invoiced is a gain, each side rounded first', () => {
    // 1234.57 EUR: 1364.17 at 0.905 against 1353.18 at 0.912345.
    expect(realisedFxDifference('RECEIVED', d('1234.57'), d('0.912345'), d('0.905'))?.toFixed(2)).toBe(
      '10.99',
    );
    // 333.33 USD: 208.33 at 1.6 against 215.45 at 1.54715: a loss.
    expect(realisedFxDifference('RECEIVED', d('333.33'), d('1.547150'), d('1.6'))?.toFixed(2)).toBe('-7.12');
    // Rounded per side: 0.02 − 0.01, though the unrounded difference is 0.0090.
    expect(realisedFxDifference('RECEIVED', d('0.01'), d('0.912345'), d('0.5'))?.toFixed(2)).toBe('0.01');
  });

  it('money paid out at a higher rate than billed costs less base: a gain', () => {
    // 100.00 EUR bill at 1.16 = 86.21; paid at 1.6 = 62.50: 23.71 less paid.
    expect(realisedFxDifference('MADE', d('100.00'), d('1.16'), d('1.6'))?.toFixed(2)).toBe('23.71');
    expect(realisedFxDifference('RECEIVED', d('100.00'), d('1.16'), d('1.6'))?.toFixed(2)).toBe('-23.71');
  });

  it('is zero at the same rate and unknown without either rate', () => {
    expect(realisedFxDifference('RECEIVED', d('500.00'), d('0.912345'), d('0.912345'))?.toFixed(2)).toBe(
      '0.00',
    );
    expect(realisedFxDifference('RECEIVED', d('500.00'), null, d('0.9'))).toBeNull();
    expect(realisedFxDifference('MADE', d('500.00'), d('0.9'), null)).toBeNull();
  });
});
