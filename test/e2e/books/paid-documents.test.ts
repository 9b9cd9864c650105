// Item 11: a push never moves a document backwards nor rewrites one with money applied. An
// invoice paid in Xero and a bill part-paid there, whose lines differ from NAV's, are read from
// NAV before Xero (the initial sync's race): the pushes that follow send Xero nothing it would
// refuse, each difference becomes ONE conflict naming its fields with both values, and no
// payment depending on those documents dies.
import { Decimal } from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSyncEnv, type SyncEnv } from '../../support/sync-env.js';

interface XeroLine {
  Description?: string | undefined;
  Quantity: number;
  UnitAmount: number;
  AccountCode?: string | undefined;
  TaxType?: string | undefined;
  ItemCode?: string;
  DiscountRate?: number;
  Tracking?: { Name: string; Option: string }[];
}
interface XeroDoc {
  InvoiceID: string;
  InvoiceNumber?: string;
  Reference?: string;
  Type: 'ACCREC' | 'ACCPAY';
  Status: string;
  Date: string;
  CurrencyCode: string;
  AmountDue: number;
  AmountPaid: number;
  UpdatedDateUTC: string;
  LineItems: XeroLine[];
}

describe('paid documents are never pushed backwards', () => {
  let env: SyncEnv;
  let invoice: XeroDoc; // paid in full in Xero, a unit price changed there first
  let bill: XeroDoc; // part-paid in Xero, a description changed there first
  const newPrice = { value: '' };

  const xeroDoc = async (id: string) =>
    ((await env.xeroGet(`/Invoices/${id}?unitdp=4`)).Invoices as XeroDoc[])[0] as XeroDoc;
  const lineOut = (l: XeroLine): XeroLine => ({
    Description: l.Description,
    Quantity: l.Quantity,
    UnitAmount: l.UnitAmount,
    AccountCode: l.AccountCode,
    TaxType: l.TaxType,
    ...(l.ItemCode ? { ItemCode: l.ItemCode } : {}),
    ...(l.DiscountRate ? { DiscountRate: l.DiscountRate } : {}),
    ...(l.Tracking?.length ? { Tracking: l.Tracking.map((t) => ({ Name: t.Name, Option: t.Option })) } : {}),
  });
  const edit = async (doc: XeroDoc, change: (l: XeroLine) => XeroLine) => {
    const lines = doc.LineItems.map((l, i) => (i === 0 ? change(lineOut(l)) : lineOut(l)));
    const saved = await env.xeroPost(`/Invoices?unitdp=4`, {
      Invoices: [{ InvoiceID: doc.InvoiceID, LineItems: lines }],
    });
    expect(saved.Invoices, JSON.stringify(saved)).toBeDefined();
  };
  const pay = async (doc: XeroDoc, amount: string) => {
    const paid = await env.xeroPost('/Payments', {
      Payments: [
        {
          Invoice: { InvoiceID: doc.InvoiceID },
          Account: { Code: '090' },
          Date: doc.Date,
          Amount: Number(amount),
        },
      ],
    });
    expect(paid.Payments, JSON.stringify(paid)).toBeDefined();
  };
  /** A document both books hold, open and unpaid in Xero, in the base currency. */
  const bothBooks = async (type: 'ACCREC' | 'ACCPAY', service: string) => {
    const nav = ((await (await env.nav$('GET', `/${service}`)).json()) as { value: { No: string }[] }).value;
    const docs = (await env.xeroGet(`/Invoices?where=${encodeURIComponent(`Type=="${type}"`)}&unitdp=4`))
      .Invoices as XeroDoc[];
    const found = docs.find(
      (d) =>
        d.Status === 'AUTHORISED' &&
        d.AmountPaid === 0 &&
        d.CurrencyCode === 'GBP' &&
        nav.some((n) => n.No === (type === 'ACCREC' ? d.InvoiceNumber : d.Reference)),
    );
    expect(found, `a ${type} both books hold`).toBeDefined();
    return xeroDoc(found!.InvoiceID);
  };

  beforeAll(async () => {
    env = await startSyncEnv({ salesInvoices: 16, purchaseInvoices: 8 });
    for (const entity of ['customer', 'vendor', 'item'] as const) {
      await env.engine.pull('NAV', entity);
      await env.engine.pull('XERO', entity);
    }
    await env.engine.drain();
    // Before ledgerbridge: Xero's copies were edited, then money was applied to them.
    const a = await bothBooks('ACCREC', 'PostedSalesInvoices');
    newPrice.value = new Decimal(a.LineItems[0]!.UnitAmount).plus('1.2345').toFixed(4);
    await edit(a, (l) => ({ ...l, UnitAmount: Number(newPrice.value) }));
    await pay(a, new Decimal((await xeroDoc(a.InvoiceID)).AmountDue).toFixed(2));
    invoice = await xeroDoc(a.InvoiceID);
    const b = await bothBooks('ACCPAY', 'PostedPurchaseInvoices');
    await edit(b, (l) => ({ ...l, Description: 'Adjusted in Xero: 0.333 h' }));
    await pay(b, '10.01');
    bill = await xeroDoc(b.InvoiceID);
    expect(invoice.Status).toBe('PAID');
    expect(bill.Status).toBe('AUTHORISED');
    expect(bill.AmountPaid).toBe(10.01);
  }, 180_000);
  afterAll(async () => {
    await env?.close();
  });

  it('reads NAV, then Xero, then pushes: nothing refused, nothing rewritten, one conflict each', async () => {
    await fetch(`${env.sandboxes.xero.url}/__sandbox/calls`, { method: 'DELETE' });
    for (const system of ['NAV', 'XERO'] as const)
      for (const entity of ['invoice', 'bill'] as const) await env.engine.pull(system, entity);
    await env.engine.drain();
    for (const system of ['XERO', 'NAV'] as const) await env.engine.pull(system, 'payment');
    await env.engine.drain();

    // Every push succeeded: no refusal from Xero, no dead payment.
    const unsettled = await env.db.prisma.syncJob.findMany({ where: { status: { not: 'SUCCEEDED' } } });
    expect(unsettled.map((j) => [j.entityType, j.system, j.status, j.lastError])).toEqual([]);
    const refused = await env.db.prisma.syncAttempt.findMany({
      where: { outcome: { in: ['conflict', 'dead', 'retry'] } },
    });
    expect(refused.map((a) => [a.errorKind, a.message])).toEqual([]);
    // Xero holds both exactly as before: same version, same lines, same money.
    for (const before of [invoice, bill]) {
      const now = await xeroDoc(before.InvoiceID);
      expect(now.UpdatedDateUTC).toBe(before.UpdatedDateUTC);
      expect(now.LineItems.map(lineOut)).toEqual(before.LineItems.map(lineOut));
      expect(now.AmountPaid).toBe(before.AmountPaid);
    }

    // One conflict per document and book, each naming what differs with both values.
    const conflicts = await env.db.prisma.syncConflict.findMany({ orderBy: { createdAt: 'asc' } });
    expect(conflicts.length).toBeGreaterThan(0);
    for (const c of conflicts) {
      expect(c.fields.length, JSON.stringify(c)).toBeGreaterThan(0);
      expect(c.fields.every((f) => f.trim() !== '')).toBe(true);
      expect(Object.keys(c.remote as object).length).toBeGreaterThan(0);
      expect((c.resolutions as unknown[]).length).toBe(2);
    }
    const inXero = conflicts.filter((c) => c.system === 'XERO');
    expect(inXero.map((c) => c.entityType).sort()).toEqual(['BILL', 'INVOICE']);
    const paid = inXero.find((c) => c.entityType === 'INVOICE')!;
    const price = (paid.differences as { field: string; local: string; remote: string }[]).find(
      (d) => d.field === 'lines[0].unitPrice',
    );
    expect(price?.remote).toBe(new Decimal(newPrice.value).toFixed());
    expect(new Decimal(price!.local).plus('1.2345').toFixed(4)).toBe(newPrice.value);
    expect(paid.remote).toMatchObject({ status: 'PAID', externalId: invoice.InvoiceID });
    const partPaid = inXero.find((c) => c.entityType === 'BILL')!;
    expect(partPaid.differences).toContainEqual(
      expect.objectContaining({ field: 'lines[0].description', remote: 'Adjusted in Xero: 0.333 h' }),
    );
    expect(partPaid.remote).toMatchObject({ status: 'AUTHORISED', amountPaid: '10.01' });

    // NAV holds them posted: the change read from Xero is a conflict there too, with both values.
    const inNav = conflicts.filter((c) => c.system === 'NAV' && c.entityType === 'INVOICE');
    expect(inNav).toHaveLength(1);
    expect(inNav[0]!.differences).toContainEqual({
      field: 'lines[0].unitPrice',
      local: new Decimal(newPrice.value).toFixed(),
      remote: price!.local,
    });

    // Settled: reading both books again queues nothing and records no further conflict.
    const jobs = await env.db.prisma.syncJob.count();
    for (const system of ['XERO', 'NAV'] as const)
      for (const entity of ['invoice', 'bill'] as const)
        await env.engine.pull(system, entity, { full: true });
    await env.engine.drain();
    expect(await env.db.prisma.syncJob.count()).toBe(jobs);
    expect(await env.db.prisma.syncConflict.count()).toBe(conflicts.length);
  }, 300_000);
});
