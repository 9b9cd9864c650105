// The ledger behind Xero's documents: journals that balance, kept in base currency, and manual
// journals, read through GET /Journals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUSTOMER_BETA, first, Harness, items } from './harness.js';

type Inv = Record<string, unknown> & { InvoiceID: string; Status: string };

describe('Xero sandbox: Journals', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start();
  });
  afterAll(async () => {
    await h.close();
  });

  const create = async (invoice: Record<string, unknown>, query = '') =>
    h.api('PUT', `/Invoices${query}`, { Invoices: [invoice] });
  const draft = (extra: Record<string, unknown> = {}) => ({
    Type: 'ACCREC',
    Contact: { ContactID: CUSTOMER_BETA },
    Date: '2026-06-01',
    DueDate: '2026-07-01',
    LineItems: [
      { Description: 'Consulting', Quantity: 1, UnitAmount: 100, AccountCode: '200', TaxType: 'OUTPUT2' },
    ],
    ...extra,
  });

  it('posts journals that balance for every approved document and payment', async () => {
    // Its own postings beside the seeded ones: exclusive and inclusive tax, and a part payment.
    const exclusive = first<Inv>((await create(draft({ Status: 'AUTHORISED' }))).body, 'Invoices');
    await create(
      draft({
        Status: 'AUTHORISED',
        LineAmountTypes: 'Inclusive',
        LineItems: [
          {
            Description: 'Desk',
            Quantity: 0.333,
            UnitAmount: 33.3333,
            DiscountRate: 5,
            AccountCode: '200',
            TaxType: 'OUTPUT2',
          },
        ],
      }),
    );
    const paid = await h.api('PUT', '/Payments', {
      Payments: [
        {
          Invoice: { InvoiceID: exclusive.InvoiceID },
          Account: { Code: '090' },
          Date: '2026-06-15',
          Amount: 20.5,
        },
      ],
    });
    expect(paid.status).toBe(200);
    const all: { JournalNumber: number; JournalLines: { NetAmount: number }[] }[] = [];
    let offset = 0;
    for (;;) {
      const page = items<{ JournalNumber: number; JournalLines: { NetAmount: number }[] }>(
        (await h.api('GET', `/Journals?offset=${offset}`)).body,
        'Journals',
      );
      if (page.length === 0) break;
      all.push(...page);
      offset = page[page.length - 1]?.JournalNumber ?? offset;
    }
    expect(all.length).toBeGreaterThan(5);
    for (const j of all) {
      const cents = j.JournalLines.reduce((s, l) => s + Math.round(l.NetAmount * 100), 0);
      expect(cents, `journal ${j.JournalNumber}`).toBe(0);
    }
  });

  it('keeps journals in base currency: a EUR invoice at its rate, its payment at another with the gain', async () => {
    const eur = first<Inv & { CurrencyRate: number }>(
      (
        await create(
          draft({
            Status: 'AUTHORISED',
            CurrencyCode: 'EUR',
            CurrencyRate: 1.16,
            LineItems: [
              {
                Description: 'Consulting',
                Quantity: 0.333,
                UnitAmount: 333.3333,
                AccountCode: '200',
                TaxType: 'OUTPUT2',
              },
            ],
          }),
        )
      ).body,
      'Invoices',
    );
    const journalOf = async (sourceId: string) => {
      const all: { SourceID: string; JournalLines: { AccountCode: string; NetAmount: number }[] }[] = [];
      for (let offset = 0; ;) {
        const page = items<(typeof all)[number] & { JournalNumber: number }>(
          (await h.api('GET', `/Journals?offset=${offset}`)).body,
          'Journals',
        );
        if (page.length === 0) break;
        all.push(...page);
        offset = page[page.length - 1]?.JournalNumber ?? offset;
      }
      const lines = all.find((j) => j.SourceID === sourceId)?.JournalLines ?? [];
      return Object.fromEntries(lines.map((l) => [l.AccountCode, l.NetAmount]));
    };
    // 0.333 × 333.3333 = 111.00 EUR net, 22.20 tax: 95.69 and 19.14 GBP at 1.16; receivables the sum.
    expect(await journalOf(eur.InvoiceID)).toEqual({ '610': 114.83, '200': -95.69, '820': -19.14 });
    const paid = await h.api('PUT', '/Payments', {
      Payments: [
        {
          Invoice: { InvoiceID: eur.InvoiceID },
          Account: { Code: '090' },
          Date: '2026-06-20',
          Amount: 133.2,
          CurrencyRate: 1.2,
        },
      ],
    });
    const payment = first<{ PaymentID: string }>(paid.body, 'Payments');
    // 133.20 EUR: 111.00 GBP into the bank at 1.20, 114.83 cleared at 1.16, a 3.83 realised loss.
    expect(await journalOf(payment.PaymentID)).toEqual({ '090': 111, '610': -114.83, '499': 3.83 });
  });

  it('manual journals must balance and post to the ledger', async () => {
    const bad = await h.api('PUT', '/ManualJournals', {
      ManualJournals: [
        {
          Narration: 'bad',
          JournalLines: [
            { LineAmount: 10, AccountCode: '412' },
            { LineAmount: -9, AccountCode: '090' },
          ],
        },
      ],
    });
    expect(bad.status).toBe(400);
    const ok = await h.api('PUT', '/ManualJournals', {
      ManualJournals: [
        {
          Narration: 'Accrual',
          Date: '2026-06-30',
          Status: 'POSTED',
          JournalLines: [
            { LineAmount: 10, AccountCode: '412', Description: 'fee' },
            { LineAmount: -10, AccountCode: '090' },
          ],
        },
      ],
    });
    expect(first(ok.body, 'ManualJournals')).toMatchObject({ Status: 'POSTED', Narration: 'Accrual' });
    const list = await h.api('GET', '/ManualJournals?page=1');
    expect(list.body.pagination).toMatchObject({ page: 1, itemCount: 1 });
  });
});
