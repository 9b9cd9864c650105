// NAV's Currency Factor is the rate itself (foreign per 1 LCY), never its inverse, and 0 for LCY.
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { factorToWire, rateOfFactor } from '../../../../src/systems/nav/mapper-common.js';
import { navPaymentToJournalLine } from '../../../../src/systems/nav/mapper-nav.js';
import type { PaymentDraft } from '../../../../src/systems/system.js';

const payment = (currency: string, rate: string | null): PaymentDraft => ({
  direction: 'RECEIVED',
  status: 'AUTHORISED',
  paymentDate: '2026-10-20',
  amount: new Decimal('1234.57'),
  currency,
  currencyRate: rate === null ? null : new Decimal(rate),
  reference: null,
  accountCode: '2910',
  party: { number: 'C00010' },
  document: { number: '103001' },
});

describe('NAV Currency Factor', () => {
  it('reads a foreign factor as the rate and LCY (blank code, factor 0) as none', () => {
    expect(rateOfFactor('EUR', new Decimal('0.912345'))?.toFixed()).toBe('0.912345');
    expect(rateOfFactor('', new Decimal(0))).toBeNull();
    expect(rateOfFactor('EUR', new Decimal(0))).toBeNull();
  });

  it('writes the rate unchanged as the factor, only for a foreign record with a rate', () => {
    expect(factorToWire({ currency: 'EUR', currencyRate: new Decimal('0.912345') }, 'GBP')).toEqual({
      Currency_Factor: new Decimal('0.912345'),
    });
    expect(factorToWire({ currency: 'GBP', currencyRate: new Decimal('1') }, 'GBP')).toEqual({});
    expect(factorToWire({ currency: 'EUR', currencyRate: null }, 'GBP')).toEqual({});
  });

  it("puts a foreign payment's own rate on its journal line, and nothing on an LCY one", () => {
    const line = navPaymentToJournalLine(payment('EUR', '0.905'), 'LB-PAY-1', null, 'GBP');
    expect(line.Currency_Code).toBe('EUR');
    expect((line.Currency_Factor as Decimal).toFixed()).toBe('0.905');
    expect((line.Amount as Decimal).toFixed()).toBe('-1234.57');
    const lcy = navPaymentToJournalLine(payment('GBP', null), 'LB-PAY-2', null, 'GBP');
    expect(lcy).not.toHaveProperty('Currency_Code');
    expect(lcy).not.toHaveProperty('Currency_Factor');
    // Without a rate NAV takes its exchange rate of the day: no factor is sent.
    expect(navPaymentToJournalLine(payment('EUR', null), 'LB-PAY-3', null, 'GBP')).not.toHaveProperty(
      'Currency_Factor',
    );
  });
});
