// The official xero-node SDK, unchanged except for where it sends requests, works against the sandbox.
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Invoice, LineAmountTypes, XeroClient } from 'xero-node';
import { CUSTOMER_BETA, Harness, TENANT_A } from './harness.js';

// xero-node uses the CommonJS axios; its identity URL is fixed, so point that host at the sandbox.
const axios = createRequire(import.meta.url)('axios') as typeof import('axios').default;

describe('Xero sandbox: official xero-node SDK', () => {
  let h: Harness;
  let xero: XeroClient;
  let interceptor: number;
  beforeAll(async () => {
    h = await Harness.start();
    interceptor = axios.interceptors.request.use((config) => {
      if (config.url?.startsWith('https://identity.xero.com'))
        config.url = config.url.replace('https://identity.xero.com', h.url);
      if (config.url?.startsWith('https://api.xero.com/connections'))
        config.url = config.url.replace('https://api.xero.com', h.url);
      return config;
    });
    xero = new XeroClient({
      clientId: 'sandbox',
      clientSecret: 'sandbox',
      grantType: 'client_credentials',
      scopes: ['accounting.transactions', 'accounting.contacts', 'accounting.settings'],
    });
    xero.accountingApi.basePath = `${h.url}/api.xro/2.0`;
  });
  afterAll(async () => {
    axios.interceptors.request.eject(interceptor);
    await h.close();
  });

  it('gets a client-credentials token and lists the connected organisations', async () => {
    const tokenSet = await xero.getClientCredentialsToken();
    expect(tokenSet.access_token).toBeTruthy();
    expect(tokenSet.expires_in).toBe(1800);
    const tenants = (await xero.updateTenants(false)) as { tenantId: string }[];
    expect(tenants.map((t) => t.tenantId)).toContain(TENANT_A);
  });

  it('getContacts', async () => {
    const { body } = await xero.accountingApi.getContacts(
      TENANT_A,
      undefined,
      undefined,
      'Name ASC',
      undefined,
      1,
      false,
      undefined,
      undefined,
      10,
    );
    expect(body.contacts?.map((c) => c.name)).toEqual([
      'Alpha Retail Ltd',
      'Beta Foods plc',
      'Supplies Direct Ltd',
    ]);
    expect(body.pagination?.itemCount).toBe(3);
    expect(body.contacts?.[0]?.updatedDateUTC).toBeInstanceOf(Date);
  });

  it('createInvoices with summarizeErrors=false, getInvoices with IDs, updateOrCreateInvoices', async () => {
    const good = {
      type: Invoice.TypeEnum.ACCREC,
      contact: { contactID: CUSTOMER_BETA },
      date: '2026-06-01',
      dueDate: '2026-07-01',
      lineAmountTypes: LineAmountTypes.Exclusive,
      lineItems: [
        { description: 'SDK line', quantity: 2, unitAmount: 12.5, accountCode: '200', taxType: 'OUTPUT2' },
      ],
    };
    const bad = {
      ...good,
      lineItems: [{ description: 'bad', quantity: 1, unitAmount: 1, accountCode: '999' }],
    };
    const created = await xero.accountingApi.createInvoices(
      TENANT_A,
      { invoices: [good, bad] },
      false,
      4,
      'sdk-key-1',
    );
    const [ok, failed] = created.body.invoices ?? [];
    expect(ok?.statusAttributeString).toBe('OK');
    expect(ok?.total).toBe(30);
    expect(ok?.date).toBeInstanceOf(Date);
    expect(failed?.statusAttributeString).toBe('ERROR');
    expect(failed?.validationErrors?.[0]?.message).toBe(
      "Account code '999' is not a valid code for this document.",
    );

    const id = ok?.invoiceID ?? '';
    const fetched = await xero.accountingApi.getInvoices(TENANT_A, undefined, undefined, undefined, [id]);
    expect(fetched.body.invoices?.map((i) => i.invoiceID)).toEqual([id]);

    const updated = await xero.accountingApi.updateOrCreateInvoices(TENANT_A, {
      invoices: [{ invoiceID: id, reference: 'from SDK', status: Invoice.StatusEnum.AUTHORISED }],
    });
    expect(updated.body.invoices?.[0]).toMatchObject({ reference: 'from SDK', status: 'AUTHORISED' });

    const payment = await xero.accountingApi.createPayment(TENANT_A, {
      invoice: { invoiceID: id },
      account: { code: '090' },
      amount: 30,
      date: '2026-06-05',
    });
    expect(payment.body.payments?.[0]?.amount).toBe(30);
    const paid = await xero.accountingApi.getInvoice(TENANT_A, id);
    expect(paid.body.invoices?.[0]?.status).toBe('PAID');
  });

  it('getTrackingCategories', async () => {
    const { body } = await xero.accountingApi.getTrackingCategories(TENANT_A);
    expect(body.trackingCategories?.map((c) => c.name)).toEqual(['Area', 'Department']);
    expect(body.trackingCategories?.[0]?.options?.map((o) => o.name)).toEqual(['North', 'South']);
  });

  it('surfaces Xero’s summarised ValidationException to the SDK', async () => {
    const err = await xero.accountingApi
      .createContacts(TENANT_A, { contacts: [{ name: 'Alpha Retail Ltd' }] })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    const parsed = JSON.parse(String(err)) as {
      response: { statusCode: number; body: { Type: string; Elements: unknown[] } };
    };
    expect(parsed.response.statusCode).toBe(400);
    expect(parsed.response.body.Type).toBe('ValidationException');
  });
});
