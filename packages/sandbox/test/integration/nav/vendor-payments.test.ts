// Vendor payments in the NAV/BC sandbox: NAV's Vendor Ledger Entries (page 29) and Payment Journal
// (page 256) with NAV.Post, BC's vendorPaymentJournals/vendorPayments (API v2.0) posted by a user;
// payments apply to the bill, reduce what it owes and balance in the G/L; BC shapes conform to the
// real API v2.0 $metadata.
import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sharedFile } from '../../support/shared.js';
import { glCents, startSandbox, type Sandbox } from './helpers.js';

type Row = Record<string, unknown>;
type Rows = { value: Row[] };

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.close());
beforeEach(async () => {
  await sb.admin('/reset', {});
});

/** A posted bill still owing money, with its vendor. */
async function openBill(): Promise<{ no: string; id: string; vendor: string; remaining: number }> {
  const bills = await sb.all<Row>(`${sb.nav}/PostedPurchaseInvoices?$filter=Remaining_Amount gt 0`);
  const bill = bills[0]!;
  const bc = await sb.json<Row>(`${sb.bc}/purchaseInvoices?$filter=number eq '${bill.No as string}'`);
  return {
    no: bill.No as string,
    id: (bc.body as unknown as Rows).value[0]!.id as string,
    vendor: bill.Buy_from_Vendor_No as string,
    remaining: bill.Remaining_Amount as number,
  };
}

const cents = (n: number) => Math.round(n * 100);

describe('NAV vendor ledger and payment journal', () => {
  it('Vendor Ledger Entries show posted bills as negative entries, with what closed them', async () => {
    const entries = await sb.all<Row>(`${sb.nav}/VendorLedgerEntries`);
    const invoices = entries.filter((e) => e.Document_Type === 'Invoice');
    expect(invoices.length).toBeGreaterThan(0);
    expect(invoices.every((e) => (e.Amount as number) < 0 && (e.Remaining_Amount as number) <= 0)).toBe(true);
    for (const e of entries) {
      expect(typeof e.Vendor_No).toBe('string');
      expect(typeof e.Closed_by_Entry_No).toBe('number');
    }
  });

  it('posts a payment journal line: debits the vendor, credits the bank, applies to the bill', async () => {
    const bill = await openBill();
    const line = await sb.json<Row>(`${sb.nav}/PaymentJournal`, {
      method: 'POST',
      body: {
        Posting_Date: '2026-10-25',
        Account_No: bill.vendor,
        Amount: 10,
        Applies_to_Doc_Type: 'Invoice',
        Applies_to_Doc_No: bill.no,
        External_Document_No: 'SB-VPAY-1',
      },
    });
    expect(line.status).toBe(201);
    expect(line.body).toMatchObject({
      Journal_Template_Name: 'PAYMENT',
      Journal_Batch_Name: 'GENERAL',
      Document_Type: 'Payment',
      Account_Type: 'Vendor',
      Bal_Account_No: '2910',
    });
    expect(line.body.Document_No).toMatch(/^G04\d{3}$/);
    const key = `Journal_Template_Name='PAYMENT',Journal_Batch_Name='GENERAL',Line_No=${line.body.Line_No as number}`;
    expect((await sb.call(`${sb.nav}/PaymentJournal(${key})/NAV.Post`, { method: 'POST' })).status).toBe(204);

    const posted = await sb.json<Row>(`${sb.nav}/PostedPurchaseInvoices('${bill.no}')`);
    expect(cents(posted.body.Remaining_Amount as number)).toBe(cents(bill.remaining) - 1000);
    const [entry] = await sb.all<Row>(
      `${sb.nav}/VendorLedgerEntries?$filter=External_Document_No eq 'SB-VPAY-1'`,
    );
    expect(entry).toMatchObject({
      Document_Type: 'Payment',
      Vendor_No: bill.vendor,
      Amount: 10,
      Open: false,
    });
    const gl = await sb.all<Row>(
      `${sb.nav}/GLEntry?$filter=Document_No eq '${line.body.Document_No as string}'`,
    );
    expect(glCents(gl as never)).toEqual({ debit: 1000, credit: 1000, net: 0 });
    expect(gl.find((g) => g.G_L_Account_No === '2910')).toMatchObject({ Credit_Amount: 10 });
    expect((await sb.json<Rows>(`${sb.nav}/PaymentJournal`)).body.value).toEqual([]);
  });

  it('refuses to post a payment applied to a bill that is not open', async () => {
    const bill = await openBill();
    const line = await sb.json<Row>(`${sb.nav}/PaymentJournal`, {
      method: 'POST',
      body: {
        Account_No: bill.vendor,
        Amount: 5,
        Applies_to_Doc_Type: 'Invoice',
        Applies_to_Doc_No: '108999',
      },
    });
    const key = `Journal_Template_Name='PAYMENT',Journal_Batch_Name='GENERAL',Line_No=${line.body.Line_No as number}`;
    const res = await sb.json<{ error: { code: string; message: string } }>(
      `${sb.nav}/PaymentJournal(${key})/NAV.Post`,
      { method: 'POST' },
    );
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('Internal_dataNotFoundFilter');
    expect(res.body.error.message).toContain('Vendor Ledger Entry');
  });
});

describe('BC vendorPaymentJournals / vendorPayments', () => {
  async function journalId(): Promise<string> {
    const res = await sb.json<Rows>(`${sb.bc}/vendorPaymentJournals`);
    expect(res.body.value.map((j) => j.code)).toEqual(['GENERAL']);
    return res.body.value[0]!.id as string;
  }

  it('a line applied by invoice id takes the vendor from the bill; a user posting the journal pays it', async () => {
    const bill = await openBill();
    const id = await journalId();
    const created = await sb.json<Row>(`${sb.bc}/vendorPaymentJournals(${id})/vendorPayments`, {
      method: 'POST',
      body: {
        postingDate: '2026-10-25',
        amount: bill.remaining,
        appliesToInvoiceId: bill.id,
        externalDocumentNumber: 'SB-BCVPAY-1',
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      journalId: id,
      journalDisplayName: 'GENERAL',
      vendorNumber: bill.vendor,
      appliesToInvoiceNumber: bill.no,
      appliesToInvoiceId: bill.id,
      amount: bill.remaining,
    });
    expect(await sb.admin('/post-journal', { template: 'PAYMENT', batch: 'GENERAL' })).toMatchObject({
      lines: 1,
    });
    const paid = await sb.json<Row>(`${sb.bc}/purchaseInvoices(${bill.id})`);
    expect(paid.body.status).toBe('Paid');
    expect((await sb.json<Rows>(`${sb.bc}/vendorPaymentJournals(${id})/vendorPayments`)).body.value).toEqual(
      [],
    );
  });

  it("refuses an invoice id that is no posted bill and a vendor number that is no vendor, in BC's words", async () => {
    const id = await journalId();
    const lines = `${sb.bc}/vendorPaymentJournals(${id})/vendorPayments`;
    const badInvoice = await sb.json<{ error: { code: string; message: string } }>(lines, {
      method: 'POST',
      body: { amount: 1, appliesToInvoiceId: '00000000-0000-4000-8000-00000000dead' },
    });
    expect(badInvoice.status).toBe(400);
    expect(badInvoice.body.error.message).toContain('"appliesToInvoiceId" should be the ID of an Open, Paid');
    const badVendor = await sb.json<{ error: { message: string } }>(lines, {
      method: 'POST',
      body: { amount: 1, vendorNumber: 'V99999' },
    });
    expect(badVendor.status).toBe(400);
    expect(badVendor.body.error.message).toContain('"vendorNumber" does not match to a Vendor');
  });

  const metadataFile = sharedFile('nav-metadata/bc-api-v2.0-metadata.xml');
  it.skipIf(!metadataFile)(
    'serves vendorPayments with the real API v2.0 properties, types and keys',
    async () => {
      const xml = new XMLParser({
        ignoreAttributes: false,
        attributeNamePrefix: '',
        isArray: (name) => ['EntityType', 'Property', 'PropertyRef', 'NavigationProperty'].includes(name),
      }).parse(readFileSync(metadataFile!, 'utf8')) as Record<string, never>;
      const schema = (xml['edmx:Edmx'] as unknown as Record<string, Record<string, Record<string, unknown>>>)[
        'edmx:DataServices'
      ]!.Schema! as {
        EntityType: {
          Name: string;
          Property?: { Name: string; Type: string }[];
          NavigationProperty?: { Name: string }[];
        }[];
      };
      const real = (name: string) => schema.EntityType.find((t) => t.Name === name)!;
      const bill = await openBill();
      const id = await journalId();
      await sb.json(`${sb.bc}/vendorPaymentJournals(${id})/vendorPayments`, {
        method: 'POST',
        body: { vendorNumber: bill.vendor, amount: 1, appliesToInvoiceNumber: bill.no },
      });
      const kinds: Record<string, (v: unknown) => boolean> = {
        'Edm.Guid': (v) => typeof v === 'string' && /^[0-9a-f-]{36}$/.test(v),
        'Edm.String': (v) => typeof v === 'string',
        'Edm.Int32': (v) => Number.isInteger(v),
        'Edm.Decimal': (v) => typeof v === 'number',
        'Edm.Date': (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v),
        'Edm.DateTimeOffset': (v) => typeof v === 'string' && /Z$/.test(v),
      };
      const expanded = (await sb.json<Rows>(`${sb.bc}/vendorPaymentJournals?$expand=vendorPayments`)).body
        .value;
      for (const [typeName, records] of [
        ['vendorPaymentJournal', expanded.map(({ vendorPayments: _, ...j }) => j)],
        ['vendorPayment', expanded.flatMap((j) => j.vendorPayments as Row[])],
      ] as const) {
        const type = real(typeName);
        expect(records.length, typeName).toBeGreaterThan(0);
        const props = new Map((type.Property ?? []).map((p) => [p.Name, p.Type]));
        for (const record of records) {
          for (const [prop, value] of Object.entries(record)) {
            if (prop.startsWith('@odata.')) continue;
            const edm = props.get(prop);
            expect(edm, `${typeName}.${prop} exists in the real metadata`).toBeDefined();
            expect(kinds[edm!]?.(value), `${typeName}.${prop}: ${JSON.stringify(value)} as ${edm}`).toBe(
              true,
            );
          }
        }
      }
      expect(real('vendorPaymentJournal').NavigationProperty?.map((n) => n.Name)).toContain('vendorPayments');
    },
  );
});
