import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CUSTOMER_ALPHA,
  CUSTOMER_BETA,
  first,
  Harness,
  items,
  SALES_INVOICE,
  TENANT_A,
  VENDOR,
  PURCHASE_INVOICE,
} from './harness.js';

type Inv = Record<string, unknown> & { InvoiceID: string; Status: string };

describe('Xero sandbox: Invoices', () => {
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

  it('seeds sales invoices as ACCREC and bills as ACCPAY with the seeded payment applied', async () => {
    const si = first<Inv>((await h.api('GET', `/Invoices/${SALES_INVOICE}`)).body, 'Invoices');
    // 3 × 19.99 = 59.97 (+11.99 VAT); 1.5 × 80 less 10 % = 108.00 (+21.60 VAT)
    expect(si).toMatchObject({
      Type: 'ACCREC',
      InvoiceNumber: 'SI-1001',
      Status: 'AUTHORISED',
      SubTotal: 167.97,
      TotalTax: 33.59,
      Total: 201.56,
      AmountPaid: 50,
      AmountDue: 151.56,
    });
    expect(si.DateString).toBe('2026-05-10T00:00:00');
    expect(si.Date).toBe(`/Date(${Date.UTC(2026, 4, 10)}+0000)/`);
    const lines = si.LineItems as Record<string, unknown>[];
    expect(lines[0]).toMatchObject({
      ItemCode: 'WIDGET',
      AccountCode: '200',
      TaxType: 'OUTPUT2',
      Tracking: [{ Name: 'Area', Option: 'North' }],
    });
    const bill = first<Inv>((await h.api('GET', `/Invoices/${PURCHASE_INVOICE}`)).body, 'Invoices');
    expect(bill).toMatchObject({
      Type: 'ACCPAY',
      Reference: 'PI-2001',
      InvoiceNumber: 'SUP-77',
      Contact: { ContactID: VENDOR },
    });
    expect((bill.LineItems as Record<string, unknown>[])[0]).toMatchObject({
      AccountCode: '300',
      TaxType: 'INPUT2',
    });
  });

  it('keeps the scale of money on the wire (115.00, not 115)', async () => {
    const r = await create(draft());
    expect(r.text).toContain('"Total":120.00');
    expect(r.text).toContain('"CurrencyRate":1.000000');
    expect(r.text).toContain('"Quantity":1.0000');
  });

  it('computes tax per line with Xero rounding for Exclusive, Inclusive and NoTax', async () => {
    const lines = [
      { Description: 'a', Quantity: 3, UnitAmount: 0.35, AccountCode: '200', TaxType: 'OUTPUT2' },
      { Description: 'b', Quantity: 1, UnitAmount: 10.03, AccountCode: '200', TaxType: 'OUTPUT2' },
      {
        Description: 'c',
        Quantity: 2,
        UnitAmount: 33.33,
        DiscountRate: 15,
        AccountCode: '200',
        TaxType: 'OUTPUT2',
      },
    ];
    const ex = first<Inv>(
      (await create(draft({ LineItems: lines, LineAmountTypes: 'Exclusive' }))).body,
      'Invoices',
    );
    // 1.05→0.21, 10.03→2.01, 56.66→11.33
    expect(ex).toMatchObject({
      SubTotal: 67.74,
      TotalTax: 13.55,
      Total: 81.29,
      TotalDiscount: 10,
      IsDiscounted: true,
    });
    const inc = first<Inv>(
      (await create(draft({ LineItems: lines, LineAmountTypes: 'Inclusive' }))).body,
      'Invoices',
    );
    // tax = amount × 20/120 per line: 0.18, 1.67, 9.44
    expect(inc).toMatchObject({ SubTotal: 56.45, TotalTax: 11.29, Total: 67.74 });
    const none = first<Inv>(
      (await create(draft({ LineItems: lines, LineAmountTypes: 'NoTax' }))).body,
      'Invoices',
    );
    expect(none).toMatchObject({ SubTotal: 67.74, TotalTax: 0, Total: 67.74 });
    expect((none.LineItems as { TaxType: string }[]).every((l) => l.TaxType === 'NONE')).toBe(true);
  });

  it('validates account codes, tax types, tracking and contacts', async () => {
    const r = await h.api('PUT', '/Invoices?summarizeErrors=false', {
      Invoices: [
        draft({ LineItems: [{ Description: 'x', Quantity: 1, UnitAmount: 1, AccountCode: '999' }] }),
        draft({
          LineItems: [
            { Description: 'x', Quantity: 1, UnitAmount: 1, AccountCode: '200', TaxType: 'INPUT2' },
          ],
        }),
        draft({
          LineItems: [
            {
              Description: 'x',
              Quantity: 1,
              UnitAmount: 1,
              AccountCode: '200',
              Tracking: [{ Name: 'Area', Option: 'Mars' }],
            },
          ],
        }),
        draft({
          LineItems: [
            {
              Description: 'x',
              Quantity: 1,
              UnitAmount: 1,
              AccountCode: '200',
              Tracking: [{ Name: 'Project', Option: 'Project One' }],
            },
          ],
        }),
        draft({ Contact: { ContactID: 'aaaaaaaa-0000-4000-8000-000000000003' } }),
        draft({ Type: 'ACCREC', InvoiceNumber: 'SI-1001' }),
      ],
    });
    expect(r.status).toBe(200);
    const messages = items<{ ValidationErrors: { Message: string }[]; StatusAttributeString: string }>(
      r.body,
      'Invoices',
    ).map((i) => {
      expect(i.StatusAttributeString).toBe('ERROR');
      return i.ValidationErrors[0]?.Message;
    });
    expect(messages).toEqual([
      "Account code '999' is not a valid code for this document.",
      "The TaxType code 'INPUT2' does not exist or cannot be used with this type of transaction.",
      "The TrackingOption 'Mars' does not exist for tracking category 'Area'.",
      "Tracking category 'Project' does not exist or is archived.",
      "The contact 'Gamma Archived Ltd' is archived and cannot be used on transactions.",
      'Invoice # must be unique.',
    ]);
  });

  it('creates a contact on the fly when the named contact does not exist', async () => {
    const inv = first<Inv>((await create(draft({ Contact: { Name: 'Walk-in Customer' } }))).body, 'Invoices');
    const contact = inv.Contact as { ContactID: string };
    const c = first((await h.api('GET', `/Contacts/${contact.ContactID}`)).body, 'Contacts');
    expect(c).toMatchObject({ Name: 'Walk-in Customer', IsCustomer: true });
  });

  it('numbers ACCREC invoices and omits line items from unpaged lists', async () => {
    const inv = first<Inv>((await create(draft())).body, 'Invoices');
    expect(inv.InvoiceNumber).toMatch(/^INV-\d{4}$/);
    const unpaged = items<Inv>((await h.api('GET', `/Invoices?IDs=${inv.InvoiceID}`)).body, 'Invoices');
    expect(unpaged[0]?.LineItems).toEqual([]);
    const paged = items<Inv>((await h.api('GET', `/Invoices?IDs=${inv.InvoiceID}&page=1`)).body, 'Invoices');
    expect(paged[0]?.LineItems).toHaveLength(1);
  });

  it('filters by InvoiceNumbers, ContactIDs, Statuses and where with DateTime and Guid', async () => {
    expect(items((await h.api('GET', '/Invoices?InvoiceNumbers=SI-1001')).body, 'Invoices')).toHaveLength(1);
    const byContact = items<Inv>(
      (await h.api('GET', `/Invoices?ContactIDs=${CUSTOMER_ALPHA}`)).body,
      'Invoices',
    );
    expect(byContact.map((i) => i.InvoiceID)).toEqual([SALES_INVOICE]);
    const authorised = items<Inv>((await h.api('GET', '/Invoices?Statuses=AUTHORISED')).body, 'Invoices');
    expect(authorised.every((i) => i.Status === 'AUTHORISED')).toBe(true);
    const where = encodeURIComponent(
      `Contact.ContactID==Guid("${CUSTOMER_ALPHA.toUpperCase()}") AND Date>=DateTime(2026,05,01) AND Date<DateTime(2026,06,01) && Type=="ACCREC"`,
    );
    expect(
      items<Inv>((await h.api('GET', `/Invoices?where=${where}`)).body, 'Invoices').map((i) => i.InvoiceID),
    ).toEqual([SALES_INVOICE]);
    const ordered = items<Inv>(
      (await h.api('GET', `/Invoices?order=${encodeURIComponent('Total DESC')}&page=1&pageSize=3`)).body,
      'Invoices',
    );
    const totals = ordered.map((i) => Number(i.Total));
    expect([...totals].sort((a, b) => b - a)).toEqual(totals);
  });

  it('runs the status machine: DRAFT → SUBMITTED → AUTHORISED → VOIDED; DELETED only from DRAFT/SUBMITTED', async () => {
    const inv = first<Inv>((await create(draft())).body, 'Invoices');
    const upd = (body: Record<string, unknown>) =>
      h.api('POST', `/Invoices/${inv.InvoiceID}`, { Invoices: [body] });
    expect(first<Inv>((await upd({ Status: 'SUBMITTED' })).body, 'Invoices').Status).toBe('SUBMITTED');
    expect(first<Inv>((await upd({ Status: 'AUTHORISED' })).body, 'Invoices').Status).toBe('AUTHORISED');
    const del = await upd({ Status: 'DELETED' });
    expect(del.status).toBe(400);
    expect(
      items<{ ValidationErrors: { Message: string }[] }>(del.body, 'Elements')[0]?.ValidationErrors[0]
        ?.Message,
    ).toMatch(/can be deleted/);
    // An authorised, unpaid invoice can still be edited.
    const edited = first<Inv>(
      (
        await upd({
          LineItems: [
            { Description: 'Edited', Quantity: 2, UnitAmount: 100, AccountCode: '200', TaxType: 'OUTPUT2' },
          ],
        })
      ).body,
      'Invoices',
    );
    expect(edited).toMatchObject({ Total: 240, AmountDue: 240 });
    const voided = first<Inv>((await upd({ Status: 'VOIDED' })).body, 'Invoices');
    expect(voided).toMatchObject({ Status: 'VOIDED', AmountDue: 0 });
    expect((await upd({ Reference: 'x' })).status).toBe(400);

    const d2 = first<Inv>((await create(draft())).body, 'Invoices');
    const gone = await h.api('POST', `/Invoices/${d2.InvoiceID}`, { Invoices: [{ Status: 'DELETED' }] });
    expect(first<Inv>(gone.body, 'Invoices').Status).toBe('DELETED');
    const voidDraft = await h.api('POST', '/Invoices', {
      Invoices: [
        { InvoiceID: first<Inv>((await create(draft())).body, 'Invoices').InvoiceID, Status: 'VOIDED' },
      ],
    });
    expect(voidDraft.status).toBe(400);
  });

  it('payments drive AmountPaid, AmountDue and PAID; deleting a payment reverses it', async () => {
    const inv = first<Inv>((await create(draft({ Status: 'AUTHORISED' }))).body, 'Invoices');
    const pay = (amount: number) =>
      h.api('PUT', '/Payments', {
        Payments: [
          {
            Invoice: { InvoiceID: inv.InvoiceID },
            Account: { Code: '090' },
            Date: '2026-06-15',
            Amount: amount,
            Reference: 'test',
          },
        ],
      });
    const over = await pay(500);
    expect(over.status).toBe(400);
    expect(
      items<{ ValidationErrors: { Message: string }[] }>(over.body, 'Elements')[0]?.ValidationErrors[0]
        ?.Message,
    ).toBe('Payment amount exceeds the amount outstanding on this document.');
    const p1 = first<Record<string, unknown>>((await pay(20.5)).body, 'Payments');
    expect(p1).toMatchObject({ Amount: 20.5, PaymentType: 'ACCRECPAYMENT', Status: 'AUTHORISED' });
    const partial = first<Inv>((await h.api('GET', `/Invoices/${inv.InvoiceID}`)).body, 'Invoices');
    expect(partial).toMatchObject({ Status: 'AUTHORISED', AmountPaid: 20.5, AmountDue: 99.5 });
    // With a payment applied, lines are frozen and the invoice cannot be voided.
    expect(
      (
        await h.api('POST', `/Invoices/${inv.InvoiceID}`, {
          Invoices: [{ LineItems: [{ Description: 'x', Quantity: 1, UnitAmount: 1, AccountCode: '200' }] }],
        })
      ).status,
    ).toBe(400);
    expect(
      (await h.api('POST', `/Invoices/${inv.InvoiceID}`, { Invoices: [{ Status: 'VOIDED' }] })).status,
    ).toBe(400);
    expect(
      (await h.api('POST', `/Invoices/${inv.InvoiceID}`, { Invoices: [{ Reference: 'PO 42' }] })).status,
    ).toBe(200);

    await pay(99.5);
    const paid = first<Inv>((await h.api('GET', `/Invoices/${inv.InvoiceID}`)).body, 'Invoices');
    expect(paid).toMatchObject({
      Status: 'PAID',
      AmountDue: 0,
      AmountPaid: 120,
      FullyPaidOnDate: `/Date(${Date.UTC(2026, 5, 15)}+0000)/`,
    });
    expect(paid.Payments).toHaveLength(2);
    expect(
      (
        await h.api('POST', `/Invoices/${inv.InvoiceID}`, {
          Invoices: [{ Contact: { ContactID: CUSTOMER_ALPHA } }],
        })
      ).status,
    ).toBe(400);

    const removed = await h.api('POST', `/Payments/${String(p1.PaymentID)}`, { Status: 'DELETED' });
    expect(first(removed.body, 'Payments').Status).toBe('DELETED');
    const reopened = first<Inv>((await h.api('GET', `/Invoices/${inv.InvoiceID}`)).body, 'Invoices');
    expect(reopened).toMatchObject({ Status: 'AUTHORISED', AmountPaid: 99.5, AmountDue: 20.5 });
    expect(reopened.FullyPaidOnDate).toBeUndefined();
    expect((await h.api('POST', `/Payments/${String(p1.PaymentID)}`, { Status: 'DELETED' })).status).toBe(
      400,
    );
  });

  it('pays bills from a bank account and rejects non-bank accounts', async () => {
    const bill = first<Inv>(
      (
        await create({
          ...draft({ Type: 'ACCPAY', Contact: { ContactID: VENDOR }, Status: 'AUTHORISED' }),
          LineItems: [
            { Description: 'Paper', Quantity: 1, UnitAmount: 10, AccountCode: '300', TaxType: 'INPUT2' },
          ],
        })
      ).body,
      'Invoices',
    );
    const bad = await h.api('PUT', '/Payments', {
      Invoice: { InvoiceID: bill.InvoiceID },
      Account: { Code: '200' },
      Amount: 12,
    });
    expect(bad.status).toBe(400);
    const ok = await h.api('PUT', '/Payments', {
      Invoice: { InvoiceID: bill.InvoiceID },
      Account: { Code: '090' },
      Amount: 12,
      Date: '2026-06-02',
    });
    expect(first(ok.body, 'Payments')).toMatchObject({ PaymentType: 'ACCPAYPAYMENT' });
    expect(first<Inv>((await h.api('GET', `/Invoices/${bill.InvoiceID}`)).body, 'Invoices').Status).toBe(
      'PAID',
    );
  });

  it('refuses changes to approved documents in a locked period', async () => {
    const inv = first<Inv>(
      (await create(draft({ Date: '2026-03-10', DueDate: '2026-04-10', Status: 'AUTHORISED' }))).body,
      'Invoices',
    );
    await h.admin('POST', `/organisations/${TENANT_A}/lock-dates`, { periodLockDate: '2026-03-31' });
    const r = await h.api('POST', `/Invoices/${inv.InvoiceID}`, {
      Invoices: [{ LineItems: [{ Description: 'late', Quantity: 1, UnitAmount: 5, AccountCode: '200' }] }],
    });
    expect(r.status).toBe(400);
    expect(
      items<{ ValidationErrors: { Message: string }[] }>(r.body, 'Elements')[0]?.ValidationErrors[0]?.Message,
    ).toMatch(/lock date/);
    expect((await create(draft({ Date: '2026-03-15', Status: 'AUTHORISED' }))).status).toBe(400);
    expect((await create(draft({ Date: '2026-03-15' }))).status).toBe(200);
    await h.admin('POST', `/organisations/${TENANT_A}/lock-dates`, { periodLockDate: null });
  });

  it('updateOrCreate (POST) creates new and updates existing in one batch', async () => {
    const existing = first<Inv>((await create(draft())).body, 'Invoices');
    const r = await h.api('POST', '/Invoices', {
      Invoices: [{ InvoiceID: existing.InvoiceID, Reference: 'updated' }, draft({ Reference: 'new' })],
    });
    const [a, b] = items<Inv>(r.body, 'Invoices');
    expect(a).toMatchObject({ InvoiceID: existing.InvoiceID, Reference: 'updated' });
    expect(b?.InvoiceID).not.toBe(existing.InvoiceID);
    // PUT only creates.
    expect(
      (await h.api('PUT', '/Invoices', { Invoices: [{ InvoiceID: existing.InvoiceID, Reference: 'x' }] }))
        .status,
    ).toBe(400);
  });

  it('replays a request with the same Idempotency-Key without running it again', async () => {
    const key = { 'Idempotency-Key': 'invoice-key-1' };
    const body = { Invoices: [draft({ Reference: 'idem' })] };
    const one = await h.api('PUT', '/Invoices', body, key);
    const two = await h.api('PUT', '/Invoices', body, key);
    expect(two.text).toBe(one.text);
    const count = items(
      (await h.api('GET', `/Invoices?where=${encodeURIComponent('Reference=="idem"')}`)).body,
      'Invoices',
    ).length;
    expect(count).toBe(1);
    const other = await h.api('PUT', '/Invoices', { Invoices: [draft({ Reference: 'different' })] }, key);
    expect(other.status).toBe(400);
    // Keys expire (6 minutes by default): the same request then runs again.
    await h.setClock(h.clock.ms + 7 * 60_000);
    await h.api('PUT', '/Invoices', body, key);
    expect(
      items(
        (await h.api('GET', `/Invoices?where=${encodeURIComponent('Reference=="idem"')}`)).body,
        'Invoices',
      ),
    ).toHaveLength(2);
  });

  it('credit notes allocate against invoices and reduce AmountDue', async () => {
    const inv = first<Inv>((await create(draft({ Status: 'AUTHORISED' }))).body, 'Invoices');
    const cn = first<Record<string, unknown>>(
      (
        await h.api('PUT', '/CreditNotes', {
          CreditNotes: [
            {
              Type: 'ACCRECCREDIT',
              Contact: { ContactID: CUSTOMER_BETA },
              Date: '2026-06-03',
              Status: 'AUTHORISED',
              LineItems: [
                {
                  Description: 'Refund',
                  Quantity: 1,
                  UnitAmount: 25,
                  AccountCode: '200',
                  TaxType: 'OUTPUT2',
                },
              ],
            },
          ],
        })
      ).body,
      'CreditNotes',
    );
    expect(cn).toMatchObject({ Total: 30, RemainingCredit: 30, Status: 'AUTHORISED' });
    expect(cn.CreditNoteNumber).toMatch(/^CN-\d{4}$/);
    const alloc = await h.api('PUT', `/CreditNotes/${String(cn.CreditNoteID)}/Allocations`, {
      Allocations: [{ Invoice: { InvoiceID: inv.InvoiceID }, Amount: 30, Date: '2026-06-03' }],
    });
    expect(alloc.status).toBe(200);
    expect(first((await h.api('GET', `/Invoices/${inv.InvoiceID}`)).body, 'Invoices')).toMatchObject({
      AmountCredited: 30,
      AmountDue: 90,
    });
    expect(
      first((await h.api('GET', `/CreditNotes/${String(cn.CreditNoteID)}`)).body, 'CreditNotes'),
    ).toMatchObject({ RemainingCredit: 0, Status: 'PAID' });
  });
});
