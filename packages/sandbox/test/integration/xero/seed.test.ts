import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoCompany } from '../../../src/demo/generate.js';
import { computeDocumentTotals, taxRatesByGroup } from '../../../src/demo/totals.js';
import type { DemoCompany } from '../../../src/demo/model.js';
import { Harness, items } from './harness.js';

describe('Xero sandbox: seeding the generated demo company', () => {
  let h: Harness;
  let company: DemoCompany;
  beforeAll(async () => {
    company = generateDemoCompany({
      customers: 12,
      vendors: 5,
      items: 8,
      salesInvoices: 25,
      purchaseInvoices: 10,
      salesOrders: 0,
    });
    h = await Harness.start({ companies: [company] });
    h.tenant = company.id.toLowerCase();
  });
  afterAll(async () => {
    await h.close();
  });

  it('loads only records present in Xero, keyed as the model says', async () => {
    const contacts = items<{
      ContactID: string;
      ContactNumber: string;
      IsCustomer: boolean;
      IsSupplier: boolean;
    }>((await h.api('GET', '/Contacts?includeArchived=true')).body, 'Contacts');
    const expected = [...company.customers, ...company.vendors].filter((p) => p.presence.xero);
    expect(contacts).toHaveLength(new Set(expected.map((p) => p.id)).size);
    // Contacts in NAV too carry the NAV No.; those the accountant created only in Xero have none.
    const numberOf = (p: { no: string; presence: { nav: boolean } }) => (p.presence.nav ? p.no : undefined);
    for (const p of company.customers.filter((c) => c.presence.xero)) {
      const contact = contacts.find((c) => c.ContactID === p.id.toLowerCase());
      expect(contact).toMatchObject({ IsCustomer: true });
      expect(contact?.ContactNumber).toBe(numberOf(p));
    }
    for (const p of company.vendors.filter((c) => c.presence.xero)) {
      const contact = contacts.find((c) => c.ContactID === p.id.toLowerCase());
      expect(contact).toMatchObject({ IsSupplier: true });
      expect(contact?.ContactNumber).toBe(numberOf(p));
    }
    expect(company.customers.some((c) => c.presence.xero && !c.presence.nav)).toBe(true);
    const active = items<{ Status: string }>(
      (await h.api('GET', '/TrackingCategories')).body,
      'TrackingCategories',
    );
    expect(active.length).toBeLessThanOrEqual(2);
    const codes = items<{ Code: string }>((await h.api('GET', '/Accounts')).body, 'Accounts').map(
      (a) => a.Code,
    );
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('gives every seeded document the totals of the demo model, to the cent', async () => {
    const rates = taxRatesByGroup(company.taxRates);
    const all = items<{
      InvoiceID: string;
      Type: string;
      InvoiceNumber: string;
      Reference: string;
      SubTotal: number;
      TotalTax: number;
      Total: number;
      Status: string;
    }>((await h.api('GET', '/Invoices?page=1&pageSize=1000')).body, 'Invoices');
    const docs = [
      ...company.salesInvoices.map((d) => ['ACCREC', d] as const),
      ...company.purchaseInvoices.map((d) => ['ACCPAY', d] as const),
    ].filter(([, d]) => d.presence.xero);
    expect(all).toHaveLength(docs.length);
    for (const [type, d] of docs) {
      const inv = all.find((i) => i.InvoiceID === d.id.toLowerCase());
      expect(inv?.Type).toBe(type);
      if (type === 'ACCREC') expect(inv?.InvoiceNumber).toBe(d.no);
      else expect(inv?.Reference).toBe(d.no);
      const t = computeDocumentTotals(d.lines, rates, d.pricesIncludeVat);
      expect([inv?.SubTotal.toFixed(2), inv?.TotalTax.toFixed(2), inv?.Total.toFixed(2)], d.no).toEqual([
        t.subTotal,
        t.totalTax,
        t.total,
      ]);
      expect(inv?.Status, d.no).toBe(d.xeroStatus);
    }
  });

  it('applies the demo payments', async () => {
    const payments = items<{ PaymentID: string }>((await h.api('GET', '/Payments')).body, 'Payments');
    for (const p of company.payments.filter((x) => x.presence.xero)) {
      expect(payments.map((x) => x.PaymentID)).toContain(p.id.toLowerCase());
    }
  });
});
