// Documents kept consistent between NAV and Xero through the sandboxes: NAV posted invoices and
// bills reach Xero once (their customer or vendor first), documents both books already hold are
// linked, not duplicated, and the totals agree to the cent.
import { Decimal } from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Inbox } from '../../src/store/inbox.js';
import { SyncLinks } from '../../src/store/sync-links.js';
import { createLogger } from '../../src/ops/logger.js';
import { processXeroInbox } from '../../src/systems/xero/inbox.js';
import { startSyncEnv, type SyncEnv } from '../support/sync-env.js';

interface XeroInvoice {
  InvoiceID: string;
  InvoiceNumber?: string;
  Reference?: string;
  Type: 'ACCREC' | 'ACCPAY';
  Status: string;
  Total: number;
  SubTotal: number;
  TotalTax: number;
  Contact: { ContactID: string; ContactNumber?: string };
}

interface NavPosted {
  No: string;
  Sell_to_Customer_No?: string;
  Buy_from_Vendor_No?: string;
  Amount: number;
  Amount_Including_VAT: number;
  Pre_Assigned_No?: string;
}

describe('document sync between NAV and Xero', () => {
  let env: SyncEnv;
  const xeroDocuments = async (type: 'ACCREC' | 'ACCPAY') =>
    ((await env.xeroGet(`/Invoices?where=${encodeURIComponent(`Type=="${type}"`)}&pageSize=1000`))
      .Invoices as XeroInvoice[]) ?? [];
  const navPosted = async (service: string) =>
    ((await (await env.nav$('GET', `/${service}`)).json()) as { value: NavPosted[] }).value;

  beforeAll(async () => {
    env = await startSyncEnv({ salesInvoices: 14, purchaseInvoices: 6 });
  });
  afterAll(async () => {
    await env?.close();
  });

  it('sends NAV posted invoices to Xero once, each with its customer, totals to the cent', async () => {
    const before = await xeroDocuments('ACCREC');
    const report = await env.engine.pull('NAV', 'invoice');
    await env.engine.drain();
    const posted = await navPosted('PostedSalesInvoices');
    const after = await xeroDocuments('ACCREC');
    expect(report.rejected).toEqual([]);
    expect(posted.length).toBeGreaterThan(before.length); // some exist only in NAV so far
    for (const nav of posted) {
      const copies = after.filter((x) => x.InvoiceNumber === nav.No);
      expect(copies, `Xero invoices numbered ${nav.No}`).toHaveLength(1);
      const xero = copies[0]!;
      expect(new Decimal(xero.Total).toFixed(2)).toBe(new Decimal(nav.Amount_Including_VAT).toFixed(2));
      expect(new Decimal(xero.SubTotal).toFixed(2)).toBe(new Decimal(nav.Amount).toFixed(2));
      expect(xero.Contact.ContactNumber).toBe(nav.Sell_to_Customer_No);
    }
    expect(after.length).toBe(
      before.length +
        (posted.length - before.filter((x) => posted.some((p) => p.No === x.InvoiceNumber)).length),
    );
    // The customer went first: every invoice job that ran had its customer linked in Xero.
    const failed = await env.db.prisma.syncJob.findMany({ where: { status: { not: 'SUCCEEDED' } } });
    expect(failed.map((j) => [j.entityType, j.lastError])).toEqual([]);
    const invoices = await env.db.prisma.invoice.findMany();
    expect(invoices).toHaveLength(posted.length);
    expect(invoices.every((i) => i.syncStatus === 'SYNCED')).toBe(true);
  });

  it('sends NAV posted purchase invoices to Xero as bills, referenced by the NAV number', async () => {
    const report = await env.engine.pull('NAV', 'bill');
    await env.engine.drain();
    expect(report.rejected).toEqual([]);
    const posted = await navPosted('PostedPurchaseInvoices');
    const bills = await xeroDocuments('ACCPAY');
    expect(posted.length).toBeGreaterThan(0);
    for (const nav of posted) {
      const copies = bills.filter((x) => x.Reference === nav.No);
      expect(copies, `Xero bills referencing ${nav.No}`).toHaveLength(1);
      expect(new Decimal(copies[0]!.Total).toFixed(2)).toBe(new Decimal(nav.Amount_Including_VAT).toFixed(2));
    }
    expect(await env.db.prisma.syncJob.count({ where: { status: { not: 'SUCCEEDED' } } })).toBe(0);
  });

  it('suppresses echoes: reading both books again queues nothing', async () => {
    const jobs = await env.db.prisma.syncJob.count();
    for (const system of ['XERO', 'NAV'] as const)
      for (const entity of ['invoice', 'bill'] as const) {
        const report = await env.engine.pull(system, entity, { full: true });
        expect(report.applied, `${system} ${entity}`).toBe(0);
      }
    expect(await env.db.prisma.syncJob.count()).toBe(jobs);
    expect(await env.db.prisma.syncConflict.count()).toBe(0);
  });

  it('reconciles: both books invoice every customer and vendor the same, to the cent', async () => {
    const report = await env.engine.reconcile();
    expect(report.rows.length).toBeGreaterThan(0);
    for (const row of report.rows) {
      expect(row.nav, `${row.side} ${row.number} in NAV`).not.toBeNull();
      expect(row.xero, `${row.side} ${row.number} in Xero`).not.toBeNull();
      expect(row.invoicedDifference?.toFixed(2), `${row.side} ${row.number}`).toBe('0.00');
    }
    expect(report.pagesRead.NAV).toBeGreaterThan(0);
    expect(report.pagesRead.XERO).toBeGreaterThan(0);
  });

  it('takes an invoice approved in Xero to NAV, posted, from a webhook event (read in one batch)', async () => {
    const contact = (await xeroDocuments('ACCREC'))[0]!.Contact;
    const created = await env.xeroPost('/Invoices', {
      Invoices: [
        {
          Type: 'ACCREC',
          Contact: { ContactID: contact.ContactID },
          InvoiceNumber: 'XR-5001',
          Date: '2026-11-24',
          DueDate: '2026-12-24',
          Status: 'AUTHORISED',
          LineAmountTypes: 'Exclusive',
          LineItems: [
            {
              Description: 'Consulting',
              Quantity: 2,
              UnitAmount: 150,
              AccountCode: '210',
              TaxType: 'OUTPUT2',
            },
          ],
        },
      ],
    });
    const invoiceId = (created.Invoices as { InvoiceID: string }[])[0]!.InvoiceID;
    const inbox = new Inbox(env.db.prisma);
    const event = {
      tenantId: env.xero.tenant,
      eventCategory: 'INVOICE',
      eventType: 'CREATE',
      resourceId: invoiceId,
    };
    // Delivered twice: one effect.
    for (const eventDateUtc of ['2026-11-24T10:00:00.000', '2026-11-24T10:00:00.000'])
      await inbox.store([
        {
          system: 'XERO',
          tenant: env.xero.tenant,
          dedupeKey: `xero:${env.xero.tenant}:INVOICE:${invoiceId}:CREATE:${eventDateUtc}`,
          entityType: 'INVOICE',
          externalId: invoiceId,
          payload: { ...event, eventDateUtc },
        },
      ]);
    await env.engine.inbound.prepare();
    const links = new SyncLinks(env.db.prisma);
    const log = createLogger('silent', { pretty: false });
    while (
      (await processXeroInbox({ inbox, links, sync: env.engine.inbound, tenant: env.xero.tenant, log })) > 0
    );
    await env.engine.drain();
    const failed = await env.db.prisma.syncJob.findMany({ where: { status: { not: 'SUCCEEDED' } } });
    expect(failed.map((j) => [j.entityType, j.system, j.lastError])).toEqual([]);
    const navCopies = (await (
      await env.nav$(
        'GET',
        `/PostedSalesInvoices?$filter=${encodeURIComponent("External_Document_No eq 'XR-5001'")}`,
      )
    ).json()) as { value: NavPosted[] };
    expect(navCopies.value).toHaveLength(1);
    expect(new Decimal(navCopies.value[0]!.Amount_Including_VAT).toFixed(2)).toBe('360.00');
    expect(navCopies.value[0]!.Sell_to_Customer_No).toBe(contact.ContactNumber);
    // Reading NAV back finds our own write: nothing goes to Xero again.
    const jobs = await env.db.prisma.syncJob.count();
    const report = await env.engine.pull('NAV', 'invoice');
    expect(report.applied).toBe(0);
    expect(await env.db.prisma.syncJob.count()).toBe(jobs);
  });

  it('sends an item new to both the mirror and Xero ahead of the NAV invoice that uses it', async () => {
    const navJson = async (method: string, path: string, body?: unknown) => {
      const res = await env.nav$(method, path, body);
      expect(res.status, await res.clone().text()).toBeLessThan(300);
      const text = await res.text();
      return (text ? JSON.parse(text) : {}) as Record<string, unknown>;
    };
    const item = await navJson('POST', '/Item', {
      Description: 'Gift wrapping',
      Type: 'Service',
      Unit_Price: 4.5,
      VAT_Prod_Posting_Group: 'VAT20',
    });
    const itemNo = item.No as string;
    expect(await env.db.prisma.item.count({ where: { number: itemNo } })).toBe(0);
    const customers = (await navJson('GET', '/Customer')).value as Record<string, string>[];
    const customer = customers.find((c) => !c.Currency_Code && ['', '_x0020_'].includes(c.Blocked ?? ''))!;
    const header = await navJson('POST', '/SalesInvoice', { Sell_to_Customer_No: customer.No });
    const base = `/SalesInvoice(Document_Type='Invoice',No='${header.No as string}')`;
    await navJson('POST', `${base}/SalesInvoiceSalesLines`, { Type: 'Item', No: itemNo, Quantity: 2 });
    await navJson('POST', `${base}/NAV.Post`);

    // Only invoices are read: the item comes with the invoice that needs it.
    expect((await env.engine.pull('NAV', 'invoice')).rejected).toEqual([]);
    await env.engine.drain();
    const failed = await env.db.prisma.syncJob.findMany({ where: { status: { not: 'SUCCEEDED' } } });
    expect(failed.map((j) => [j.entityType, j.system, j.lastError])).toEqual([]);
    const codes = ((await env.xeroGet('/Items')).Items as { Code: string }[]).map((i) => i.Code);
    expect(codes.filter((c) => c === itemNo)).toHaveLength(1);
    const posted = (await navPosted('PostedSalesInvoices')).find((p) => p.Pre_Assigned_No === header.No);
    const copy = (await xeroDocuments('ACCREC')).find((x) => x.InvoiceNumber === posted?.No);
    expect(new Decimal(copy!.Total).toFixed(2)).toBe(new Decimal(posted!.Amount_Including_VAT).toFixed(2));
  });
});
