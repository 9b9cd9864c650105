// Business Central API v2.0 dialect: companies, entity shapes, documents with lines, posting that
// keeps the id and assigns the posted number, customer payments, journals, errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from './helpers.js';

type Rows = { value: Record<string, unknown>[]; '@odata.context': string };
type Err = { error: { code: string; message: string } };

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.close());

describe('BC API v2.0', () => {
  it('lists companies and serves customers with @odata.context and etags', async () => {
    const companies = await sb.json<Rows>('/BC/api/v2.0/companies');
    expect(companies.body['@odata.context']).toMatch(/\/BC\/api\/v2\.0\/\$metadata#companies$/);
    expect(companies.body.value).toEqual([
      expect.objectContaining({ id: sb.companyId, name: 'CRONUS International Ltd.' }),
    ]);
    const one = await sb.json<Record<string, unknown>>(
      `${sb.bc}/customers(00000000-0000-4000-8000-0000000c0001)`,
    );
    expect(one.status).toBe(200);
    expect(one.body['@odata.context']).toMatch(
      new RegExp(`#companies\\(${sb.companyId}\\)/customers/\\$entity$`),
    );
    expect(one.body).toMatchObject({
      number: 'C00010',
      displayName: 'Adatum Corporation',
      blocked: '_x0020_',
      currencyCode: 'GBP',
      balanceDue: 0,
    });
    expect(one.headers.get('etag')).toBe(one.body['@odata.etag']);
  });

  it('filters by guid, datetime and enum members, and expands lines', async () => {
    const byId = await sb.json<Rows>(
      `${sb.bc}/salesInvoices?$filter=id eq 44444444-0000-4000-8000-000000103002`,
    );
    expect(byId.body.value.map((v) => v.number)).toEqual(['103002']);
    const recent = await sb.json<Rows>(
      `${sb.bc}/customers?$filter=lastModifiedDateTime gt 2024-02-01T00:00:00Z&$select=number`,
    );
    expect(recent.body.value.length).toBe(3);
    const blocked = await sb.json<Rows>(`${sb.bc}/customers?$filter=blocked eq 'Invoice'&$select=number`);
    expect(blocked.body.value.map((v) => v.number)).toEqual(['C00020']);
    const expanded = await sb.json<Rows>(
      `${sb.bc}/salesInvoices?$filter=number eq '103001'&$expand=salesInvoiceLines($select=sequence,amountExcludingTax,totalTaxAmount)`,
    );
    const inv = expanded.body.value[0]!;
    expect(inv).toMatchObject({
      status: 'Paid',
      remainingAmount: 0,
      totalAmountExcludingTax: 114.97,
      totalTaxAmount: 20.75,
      totalAmountIncludingTax: 135.72,
    });
    expect(inv.salesInvoiceLines).toEqual([
      {
        '@odata.etag': expect.any(String) as string,
        sequence: 10000,
        amountExcludingTax: 100,
        totalTaxAmount: 20,
      },
      {
        '@odata.etag': expect.any(String) as string,
        sequence: 20000,
        amountExcludingTax: 14.97,
        totalTaxAmount: 0.75,
      },
    ]);
  });

  it('creates a draft invoice with deep-inserted lines and posts it keeping the id', async () => {
    const created = await sb.json<Record<string, unknown>>(`${sb.bc}/salesInvoices`, {
      method: 'POST',
      body: {
        customerNumber: 'C00010',
        invoiceDate: '2024-04-01',
        postingDate: '2024-04-01',
        externalDocumentNumber: 'PO-1',
        salesInvoiceLines: [
          { lineType: 'Item', lineObjectNumber: '1100', quantity: 3 },
          {
            lineType: 'Account',
            lineObjectNumber: '6410',
            description: 'Consulting',
            quantity: 1.5,
            unitPrice: 80,
            taxCode: 'VAT20',
          },
        ],
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      number: '102002',
      status: 'Draft',
      customerName: 'Adatum Corporation',
      dueDate: '2024-05-01',
    });
    expect(created.body.totalAmountIncludingTax).toBe(263.99);
    const lines = created.body.salesInvoiceLines as Record<string, unknown>[];
    expect(lines.map((l) => [l.sequence, l.lineType, l.unitPrice, l.amountIncludingTax])).toEqual([
      [10000, 'Item', 33.33, 119.99],
      [20000, 'Account', 80, 144],
    ]);
    const id = created.body.id as string;
    expect(created.headers.get('location')).toContain(`/salesInvoices(${id})`);

    const post = await sb.call(`${sb.bc}/salesInvoices(${id})/Microsoft.NAV.post`, { method: 'POST' });
    expect(post.status).toBe(204);
    const posted = await sb.json<Record<string, unknown>>(`${sb.bc}/salesInvoices(${id})`);
    expect(posted.body).toMatchObject({
      id,
      number: '103003',
      status: 'Open',
      remainingAmount: 263.99,
      totalAmountIncludingTax: 263.99,
    });
    expect(posted.body['@odata.etag']).not.toBe(created.body['@odata.etag']);
    const again = await sb.json<Err>(`${sb.bc}/salesInvoices(${id})/Microsoft.NAV.post`, { method: 'POST' });
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('Application_DialogException');
    const patch = await sb.json<Err>(`${sb.bc}/salesInvoices(${id})`, {
      method: 'PATCH',
      body: { externalDocumentNumber: 'x' },
      headers: { 'if-match': '*' },
    });
    expect(patch.status).toBe(400);

    const gl = await sb.all<Record<string, unknown>>(
      `${sb.bc}/generalLedgerEntries?$filter=documentNumber eq '103003'`,
    );
    const debit = gl.reduce((a, e) => a + Math.round((e.debitAmount as number) * 100), 0);
    const credit = gl.reduce((a, e) => a + Math.round((e.creditAmount as number) * 100), 0);
    expect(debit).toBe(26399);
    expect(credit).toBe(debit);
    expect(gl.every((e) => e.documentType === 'Invoice')).toBe(true);
  });

  it('records a customer payment applied to an invoice; once posted the invoice is Paid', async () => {
    const journals = await sb.json<Rows>(`${sb.bc}/customerPaymentJournals`);
    const journal = journals.body.value[0]!;
    expect(journal).toMatchObject({ code: 'GENERAL', balancingAccountNumber: '2910' });
    const payment = await sb.json<Record<string, unknown>>(
      `${sb.bc}/customerPaymentJournals(${journal.id as string})/customerPayments`,
      {
        method: 'POST',
        body: {
          customerNumber: 'C00030',
          postingDate: '2024-04-02',
          amount: 151.98,
          appliesToInvoiceNumber: '103002',
        },
      },
    );
    expect(payment.status).toBe(201);
    expect(payment.body).toMatchObject({
      customerNumber: 'C00030',
      amount: 151.98,
      appliesToInvoiceId: '44444444-0000-4000-8000-000000103002',
      journalDisplayName: 'GENERAL',
    });
    // API v2.0 has no post action on customer payment journals: a user posts it in BC.
    const posted = await sb.admin('/post-journal', { template: 'CASHRCPT', batch: 'GENERAL' });
    expect(posted).toMatchObject({ lines: 1 });
    const inv = await sb.json<Record<string, unknown>>(
      `${sb.bc}/salesInvoices(44444444-0000-4000-8000-000000103002)`,
    );
    expect(inv.body).toMatchObject({ status: 'Paid', remainingAmount: 0 });
  });

  it('posts a general journal through the bound action and rejects an unbalanced one', async () => {
    const journal = (await sb.json<Rows>(`${sb.bc}/journals`)).body.value[0]!;
    expect(journal).toMatchObject({ code: 'DEFAULT', templateDisplayName: 'GENERAL' });
    const lines = `${sb.bc}/journals(${journal.id as string})/journalLines`;
    const l1 = await sb.json<Record<string, unknown>>(lines, {
      method: 'POST',
      body: { accountNumber: '2910', amount: 1000, postingDate: '2024-04-03', description: 'Capital' },
    });
    expect(l1.status).toBe(201);
    expect(l1.body).toMatchObject({
      lineNumber: 10000,
      accountType: 'G_x002F_L_x0020_Account',
      accountNumber: '2910',
    });
    const unbalanced = await sb.json<Err>(`${sb.bc}/journals(${journal.id as string})/Microsoft.NAV.post`, {
      method: 'POST',
    });
    expect(unbalanced.status).toBe(400);
    expect(unbalanced.body.error.message).toContain('out of balance by 1000.00');
    await sb.json(lines, {
      method: 'POST',
      body: { accountNumber: '6410', amount: -1000, description: 'Capital' },
    });
    const ok = await sb.call(`${sb.bc}/journals(${journal.id as string})/Microsoft.NAV.post`, {
      method: 'POST',
    });
    expect(ok.status).toBe(204);
    expect((await sb.json<Rows>(lines)).body.value).toEqual([]);
    const acc = await sb.json<Rows>(`${sb.bc}/accounts?$filter=number eq '6410'`);
    // -1000 from the journal, -120 from the consulting line of the invoice posted above.
    expect(acc.body.value[0]!.netChange).toBe(-1120);
  });

  it('creates a sales order and ships-and-invoices it', async () => {
    const order = await sb.json<Record<string, unknown>>(`${sb.bc}/salesOrders`, {
      method: 'POST',
      body: {
        customerId: '00000000-0000-4000-8000-0000000c0001',
        salesOrderLines: [{ itemId: '11111111-0000-4000-8000-000000001000', quantity: 1 }],
      },
    });
    expect(order.status).toBe(201);
    expect(order.body).toMatchObject({
      number: '101002',
      status: 'Draft',
      customerNumber: 'C00010',
      totalAmountIncludingTax: 120,
    });
    const res = await sb.call(
      `${sb.bc}/salesOrders(${order.body.id as string})/Microsoft.NAV.shipAndInvoice`,
      { method: 'POST' },
    );
    expect(res.status).toBe(204);
    expect((await sb.call(`${sb.bc}/salesOrders(${order.body.id as string})`)).status).toBe(404);
    const inv = await sb.json<Rows>(`${sb.bc}/salesInvoices?$filter=orderNumber eq '101002'`);
    expect(inv.body.value[0]).toMatchObject({ status: 'Open', totalAmountIncludingTax: 120 });
  });

  it('answers with BC error shapes', async () => {
    const missing = await sb.json<Err>(`${sb.bc}/customers(99999999-0000-4000-8000-000000000000)`);
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('Internal_RecordNotFound');
    const ro = await sb.json<Err>(`${sb.bc}/generalLedgerEntries`, { method: 'POST', body: {} });
    expect(ro.status).toBe(405);
    const unknownProp = await sb.json<Err>(`${sb.bc}/customers`, {
      method: 'POST',
      body: { displayName: 'X', nope: 1 },
    });
    expect(unknownProp.status).toBe(400);
    expect(unknownProp.body.error.message).toContain(
      "The property 'nope' does not exist on type 'Microsoft.NAV.customer'",
    );
    const badType = await sb.json<Err>(`${sb.bc}/customers`, {
      method: 'POST',
      body: { displayName: 'X', creditLimit: 'lots' },
    });
    expect(badType.body.error.message).toContain(
      "Cannot convert the literal 'lots' to the expected type 'Edm.Decimal'",
    );
    const badEnum = await sb.json<Err>(`${sb.bc}/customers`, {
      method: 'POST',
      body: { displayName: 'X', blocked: 'Never' },
    });
    expect(badEnum.body.error.message).toContain("enum type 'Microsoft.NAV.customerBlocked'");
    const noCustomer = await sb.json<Err>(`${sb.bc}/salesInvoices`, { method: 'POST', body: {} });
    expect(noCustomer.body.error).toMatchObject({ code: 'Application_DialogException' });
    const badJson = await sb.json<Err>(`${sb.bc}/customers`, { method: 'POST', body: '{"displayName":' });
    expect(badJson.status).toBe(400);
    expect(badJson.body.error.code).toBe('BadRequest');
    const blocked = await sb.json<Err>(`${sb.bc}/customers(00000000-0000-4000-8000-0000000c0001)`, {
      method: 'DELETE',
      headers: { 'if-match': '*' },
    });
    expect(blocked.body.error.code).toBe('Application_DialogException');
  });
});
