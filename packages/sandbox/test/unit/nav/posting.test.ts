// Seeding and posting at the state level: presence filtering, posted history with ledger entries,
// applied payments, balanced G/L to the cent, and totals equal to the demo generator's rule.
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { computeDocumentTotals, taxRatesByGroup } from '../../../src/demo/totals.js';
import { generateDemoCompany } from '../../../src/demo/generate.js';
import { SandboxClock } from '../../../src/common/clock.js';
import { documentTotals } from '../../../src/nav/amounts.js';
import { sum } from '../../../src/nav/decimal.js';
import { postSalesDocument } from '../../../src/nav/posting/invoices.js';
import { postJournalLines } from '../../../src/nav/posting/journals.js';
import { seedCompany } from '../../../src/nav/seed.js';
import type { NavState } from '../../../src/nav/state.js';
import { demoFixture } from '../../integration/nav/fixture.js';

const clock = () => new SandboxClock(() => Date.UTC(2024, 3, 1));

function expectBalanced(state: NavState): void {
  const byTransaction = new Map<number, NavState['glEntries']>();
  for (const e of state.glEntries)
    byTransaction.set(e.transactionNo, [...(byTransaction.get(e.transactionNo) ?? []), e]);
  for (const [tx, entries] of byTransaction)
    expect(sum(entries.map((e) => e.amount)).toFixed(2), `transaction ${tx}`).toBe('0.00');
  expect(sum(state.glEntries.map((e) => e.amount)).toFixed(2)).toBe('0.00');
}

describe('seeding the fixture', () => {
  const state = seedCompany(demoFixture(), clock());

  it('loads only NAV records; posted documents are posted, open ones stay open', () => {
    expect(state.customers.map((c) => c.no)).toEqual(['C00010', 'C00020', 'C00030']);
    expect(state.postedSalesInvoices.map((p) => p.no)).toEqual(['103001', '103002']);
    expect(state.salesHeaders.map((h) => `${h.documentType} ${h.no}`)).toEqual([
      'Order 101001',
      'Invoice 102001',
    ]);
    expect(state.postedPurchaseInvoices.map((p) => [p.no, p.vendorInvoiceNo])).toEqual([
      ['108001', 'FAB-7781'],
    ]);
    expect(state.postedSalesInvoices[0]!.id).toBe('44444444-0000-4000-8000-000000103001');
  });

  it('applies NAV payments to their invoices', () => {
    const inv1 = state.custLedgerEntries.find((e) => e.documentNo === '103001')!;
    const inv2 = state.custLedgerEntries.find((e) => e.documentNo === '103002')!;
    expect([inv1.amount.toFixed(2), inv1.remaining.toFixed(2), inv1.open]).toEqual(['135.72', '0.00', false]);
    expect([inv2.amount.toFixed(2), inv2.remaining.toFixed(2), inv2.open]).toEqual([
      '251.98',
      '151.98',
      true,
    ]);
    const pay = state.custLedgerEntries.filter((e) => e.documentType === 'Payment');
    expect(pay.map((p) => [p.amount.toFixed(2), p.remaining.toFixed(2), p.open])).toEqual([
      ['-135.72', '0.00', false],
      ['-100.00', '0.00', false],
    ]);
  });

  it('writes balanced G/L entries: receivables vs revenue vs VAT', () => {
    expectBalanced(state);
    const inv = state.glEntries.filter((e) => e.documentNo === '103001');
    expect(inv.map((e) => [e.accountNo, e.amount.toFixed(2)])).toEqual([
      ['2310', '135.72'],
      ['6110', '-114.97'],
      ['5610', '-20.75'],
    ]);
    const purchase = state.glEntries.filter((e) => e.documentNo === '108001');
    expect(purchase.map((e) => [e.accountNo, e.amount.toFixed(2)])).toEqual([
      ['5410', '-300.00'],
      ['7110', '250.00'],
      ['5630', '50.00'],
    ]);
  });

  it('posts an order: next number, ledger entry, balanced G/L', () => {
    const s = seedCompany(demoFixture(), clock());
    const order = s.salesHeaders.find((h) => h.no === '101001')!;
    const posted = postSalesDocument(s, order);
    expect(posted.no).toBe('103003');
    expect(posted.orderNo).toBe('101001');
    expect(posted.amountIncludingVat.toFixed(2)).toBe('359.99');
    expect(s.salesHeaders.some((h) => h.no === '101001')).toBe(false);
    expectBalanced(s);
    // The revenue line keeps the line's dimension.
    expect(
      s.glEntries
        .find((e) => e.documentNo === '103003' && e.dimensions.DEPARTMENT === 'SALES')!
        .amount.toFixed(2),
    ).toBe('-200.00');
  });

  it('keeps the G/L in LCY: a EUR order posts at its Currency Factor, balanced to the cent', () => {
    const s = seedCompany(demoFixture(), clock());
    const order = s.salesHeaders.find((h) => h.no === '101001')!;
    order.currency = 'EUR';
    order.currencyFactor = new Decimal('1.16');
    const posted = postSalesDocument(s, order);
    expect(posted.amountIncludingVat.toFixed(2)).toBe('359.99'); // the document stays in EUR
    expectBalanced(s);
    const gl = s.glEntries.filter((e) => e.documentNo === posted.no);
    // 359.99 EUR / 1.16 = 310.34 GBP on receivables (the total converted on its own); the lines
    // convert one by one and the largest (200.00 EUR = 172.41 GBP) takes the cent they lack.
    expect(gl.find((e) => e.amount.isPositive())!.amount.toFixed(2)).toBe('310.34');
    expect(gl.find((e) => e.dimensions.DEPARTMENT === 'SALES')!.amount.toFixed(2)).toBe('-172.42');
  });

  it('rejects an unbalanced journal without writing anything', () => {
    const s = seedCompany(demoFixture(), clock());
    const before = s.glEntries.length;
    const line = {
      ...s.track(),
      template: 'GENERAL' as const,
      batch: 'DEFAULT',
      lineNo: 10000,
      postingDate: '2024-04-01',
      documentType: '' as const,
      documentNo: 'G00001',
      externalDocumentNo: '',
      accountType: 'G/L Account' as const,
      accountNo: '6410',
      description: 'x',
      amount: s.glEntries[0]!.amount.abs(),
      balAccountType: 'G/L Account' as const,
      balAccountNo: '',
      appliesToDocType: '' as const,
      appliesToDocNo: '',
      comment: '',
    };
    expect(() => postJournalLines(s, [line])).toThrow(/out of balance/);
    expect(s.glEntries.length).toBe(before);
  });
});

describe('seeding the generated demo company', () => {
  const company = generateDemoCompany();
  const state = seedCompany(company, clock());
  const rates = taxRatesByGroup(company.taxRates);

  it('posts the NAV history with balanced G/L entries and matching totals', () => {
    expect(state.customers.length).toBe(company.customers.filter((c) => c.presence.nav).length);
    const posted = company.salesInvoices.filter(
      (d) => d.presence.nav && d.posted && state.customer(d.partyNo),
    );
    expect(state.postedSalesInvoices.length).toBe(posted.length);
    expectBalanced(state);
    for (const doc of posted) {
      const p = state.postedSalesInvoices.find((x) => x.no === doc.no)!;
      const expected = computeDocumentTotals(doc.lines, rates, doc.pricesIncludeVat);
      expect(p.amountIncludingVat.toFixed(2), doc.no).toBe(expected.total);
      expect(documentTotals(state, p).vatAmount.toFixed(2), doc.no).toBe(expected.totalTax);
    }
  });

  it('turns NAV payments into applied ledger entries', () => {
    const navPayments = company.payments.filter((p) => p.presence.nav && p.direction === 'RECEIVED');
    const applied = state.custLedgerEntries.filter((e) => e.documentType === 'Payment');
    expect(applied.length).toBeGreaterThan(0);
    expect(applied.length).toBeLessThanOrEqual(navPayments.length);
    for (const e of applied) expect(e.remaining.abs().lte(e.amount.abs())).toBe(true);
  });
});
