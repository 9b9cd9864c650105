import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Lookups, UnmappedCodeError } from '../../src/mapping/lookups.js';
import { generateDemoCompany } from '@ledgerbridge/sandbox/demo/index.js';

const demoFile = 'config/lookups.demo.yaml';

describe('lookup tables', () => {
  it('translate the demo company’s codes both ways', async () => {
    const lookups = await Lookups.fromFile(demoFile);
    expect(lookups.accountToXero('6110')).toBe('200');
    expect(lookups.accountToNav('200')).toBe('6110');
    expect(lookups.accountToNav('820')).toBe('5610'); // two NAV VAT accounts share Xero's 820
    expect(lookups.taxToXero('VAT20', 'SALES')).toBe('OUTPUT2');
    expect(lookups.taxToXero('VAT20', 'PURCHASES')).toBe('INPUT2');
    expect(lookups.taxToNav('RRINPUT')).toBe('VAT5');
    expect(lookups.paymentTermsToXero('30 DAYS')).toEqual({ day: 30, type: 'DAYSAFTERBILLDATE' });
    expect(lookups.currencyToNav('GBP')).toBe('');
    expect(lookups.currencyFromNav('')).toBe('GBP');
    expect(lookups.dimensionToXero('DEPARTMENT', 'SALES')).toEqual({
      category: 'Department',
      option: 'Sales',
    });
    expect(lookups.dimensionToNav('Department', 'Sales')).toEqual({
      dimension: 'DEPARTMENT',
      value: 'SALES',
    });
  });

  it('refuse a code without a mapping, naming it', async () => {
    const lookups = await Lookups.fromFile(demoFile);
    expect(() => lookups.accountToXero('9999')).toThrow(UnmappedCodeError);
    expect(() => lookups.accountToXero('9999')).toThrow(/account "9999" has no Xero mapping/);
    expect(() => lookups.taxToNav('OUTPUT3')).toThrow(/taxCode "OUTPUT3" has no NAV mapping/);
    expect(() => lookups.dimensionToXero('DEPARTMENT', 'HR')).toThrow(/DEPARTMENT=HR/);
    expect(() => lookups.currencyToNav('JPY')).toThrow(/currency "JPY"/);
  });

  it('cover every code the demo company uses', async () => {
    const lookups = await Lookups.fromFile(demoFile);
    const company = generateDemoCompany();
    for (const account of company.accounts)
      expect(lookups.accountToXero(account.navNo)).toBe(account.xeroCode);
    for (const rate of company.taxRates) {
      const side = rate.appliesTo === 'PURCHASES' ? 'PURCHASES' : 'SALES';
      expect(lookups.taxToXero(rate.navVatGroup, side)).toBe(rate.xeroTaxType);
    }
    for (const terms of company.paymentTerms)
      expect(() => lookups.paymentTermsToXero(terms.code)).not.toThrow();
    for (const dim of company.dimensions)
      for (const value of dim.values)
        expect(() => lookups.dimensionToXero(dim.code, value.code)).not.toThrow();
    for (const customer of company.customers)
      expect(() => lookups.currencyToNav(customer.currency)).not.toThrow();
    // Items post where NAV's General Posting Setup says for their product posting group.
    for (const item of company.items)
      expect(lookups.itemAccountsFor(item.type === 'Service' ? 'SERVICES' : 'RETAIL')).toEqual({
        sales: item.salesAccountNo,
        purchase: item.purchaseAccountNo,
      });
    expect(lookups.itemAccountsFor('FREIGHT')).toEqual({ sales: null, purchase: null });
    expect(lookups.itemAccountsFor(null)).toEqual({ sales: null, purchase: null });
  });

  it('refuse item accounts that the accounts table does not list', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'lb-lookups-'));
    const file = path.join(dir, 'items.json');
    await writeFile(
      file,
      JSON.stringify({
        accounts: [{ nav: '6110', xero: '200' }],
        taxCodes: [{ nav: 'VAT20', xero: 'OUTPUT2' }],
        paymentTerms: [],
        baseCurrency: 'GBP',
        currencies: ['GBP'],
        dimensions: [],
        itemAccounts: { RETAIL: { sales: '6110', purchase: '7110' } },
      }),
    );
    await expect(Lookups.fromFile(file)).rejects.toThrow(
      /itemAccounts\.RETAIL\.purchase: account "7110" is not in accounts/,
    );
  });

  it('report every problem of an invalid file with its path', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'lb-lookups-'));
    const file = path.join(dir, 'bad.json');
    await writeFile(
      file,
      JSON.stringify({
        accounts: [],
        taxCodes: [{ nav: 'VAT20', xero: 'OUTPUT2' }],
        paymentTerms: [],
        baseCurrency: 'pounds',
        currencies: [],
        dimensions: [1, 2, 3],
      }),
    );
    await expect(Lookups.fromFile(file)).rejects.toThrow(
      /accounts[\s\S]*baseCurrency[\s\S]*at most two active tracking categories/,
    );
  });
});
