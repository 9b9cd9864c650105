// Test harness: a small demo company, a sandbox on a random port with a controllable clock, and an
// HTTP client that checks every request and response body against Xero's OpenAPI spec.
import { expect } from 'vitest';
import type { DemoCompany, DemoDocument, DemoParty } from '../../../src/demo/model.js';
import {
  startXeroSandbox,
  type RunningXeroSandbox,
  type StartXeroSandboxOptions,
} from '../../../src/xero/index.js';
import { loadXeroSpec } from '../../support/xero-spec.js';

export const spec = loadXeroSpec();

export const TENANT_A = '11111111-1111-4111-8111-111111111111';
export const TENANT_B = '22222222-2222-4222-8222-222222222222';
export const CUSTOMER_ALPHA = 'aaaaaaaa-0000-4000-8000-000000000001';
export const CUSTOMER_BETA = 'aaaaaaaa-0000-4000-8000-000000000002';
export const VENDOR = 'bbbbbbbb-0000-4000-8000-000000000001';
export const SALES_INVOICE = 'cccccccc-0000-4000-8000-000000000001';
export const PURCHASE_INVOICE = 'cccccccc-0000-4000-8000-000000000002';
/** 2026-06-01T00:00:00Z */
export const START = Date.UTC(2026, 5, 1);

function party(id: string, no: string, name: string, extra: Partial<DemoParty> = {}): DemoParty {
  return {
    no,
    id,
    name,
    email: `${no.toLowerCase()}@example.com`,
    address: { line1: '1 High Street', city: 'London', postalCode: 'EC1A 1AA', country: 'GB' },
    currency: 'GBP',
    paymentTermsCode: '30 DAYS',
    blocked: '',
    archived: false,
    lastModified: '2026-05-01T10:00:00+00:00',
    presence: { nav: true, xero: true },
    ...extra,
  };
}

function doc(id: string, no: string, partyNo: string, status: DemoDocument['xeroStatus']): DemoDocument {
  return {
    no,
    id,
    partyNo,
    postingDate: '2026-05-10',
    dueDate: '2026-06-09',
    currency: 'GBP',
    pricesIncludeVat: false,
    posted: true,
    xeroStatus: status,
    lines: [
      {
        lineNo: 10000,
        type: 'Item',
        no: 'WIDGET',
        description: 'Widget',
        quantity: '3',
        unitPrice: '19.99',
        discountPercent: '0',
        vatGroup: 'VAT20',
        dimensions: { AREA: 'NORTH' },
      },
      {
        lineNo: 20000,
        type: 'G/L Account',
        no: '6410',
        description: 'Consulting',
        quantity: '1.5',
        unitPrice: '80',
        discountPercent: '10',
        vatGroup: 'VAT20',
        dimensions: {},
      },
    ],
    lastModified: '2026-05-10T09:00:00+00:00',
    presence: { nav: true, xero: true },
  };
}

/** A small company exercising every seeded kind of record. */
export function fixtureCompany(id = TENANT_A, name = 'Harness Trading Ltd'): DemoCompany {
  return {
    name,
    id,
    baseCurrency: 'GBP',
    currencies: ['GBP', 'EUR'],
    accounts: [
      {
        navNo: '2910',
        xeroCode: '090',
        name: 'Business Bank Account',
        accountClass: 'ASSET',
        xeroType: 'BANK',
        isBank: true,
      },
      {
        navNo: '2310',
        xeroCode: '610',
        name: 'Accounts Receivable',
        accountClass: 'ASSET',
        xeroType: 'CURRENT',
        isBank: false,
      },
      {
        navNo: '5410',
        xeroCode: '800',
        name: 'Accounts Payable',
        accountClass: 'LIABILITY',
        xeroType: 'CURRLIAB',
        isBank: false,
      },
      {
        navNo: '5610',
        xeroCode: '820',
        name: 'VAT',
        accountClass: 'LIABILITY',
        xeroType: 'CURRLIAB',
        isBank: false,
      },
      {
        navNo: '6110',
        xeroCode: '200',
        name: 'Sales',
        accountClass: 'REVENUE',
        xeroType: 'REVENUE',
        isBank: false,
      },
      {
        navNo: '6410',
        xeroCode: '210',
        name: 'Sales, Services',
        accountClass: 'REVENUE',
        xeroType: 'REVENUE',
        isBank: false,
      },
      {
        navNo: '7110',
        xeroCode: '300',
        name: 'Purchases',
        accountClass: 'EXPENSE',
        xeroType: 'DIRECTCOSTS',
        isBank: false,
      },
      {
        navNo: '8510',
        xeroCode: '412',
        name: 'Consulting',
        accountClass: 'EXPENSE',
        xeroType: 'OVERHEADS',
        isBank: false,
      },
    ],
    taxRates: [
      {
        xeroTaxType: 'OUTPUT2',
        navVatGroup: 'VAT20',
        name: '20% (VAT on Income)',
        ratePercent: '20',
        appliesTo: 'SALES',
      },
      {
        xeroTaxType: 'INPUT2',
        navVatGroup: 'VAT20',
        name: '20% (VAT on Expenses)',
        ratePercent: '20',
        appliesTo: 'PURCHASES',
      },
      {
        xeroTaxType: 'RROUTPUT',
        navVatGroup: 'VAT5',
        name: '5% (VAT on Income)',
        ratePercent: '5',
        appliesTo: 'SALES',
      },
    ],
    paymentTerms: [{ code: '30 DAYS', days: 30 }],
    dimensions: [
      {
        code: 'AREA',
        name: 'Area',
        values: [
          { code: 'NORTH', name: 'North' },
          { code: 'SOUTH', name: 'South' },
        ],
      },
      {
        code: 'DEPARTMENT',
        name: 'Department',
        values: [
          { code: 'SALES', name: 'Sales' },
          { code: 'ADM', name: 'Administration' },
        ],
      },
      { code: 'PROJECT', name: 'Project', values: [{ code: 'P1', name: 'Project One' }] },
    ],
    customers: [
      { ...party(CUSTOMER_ALPHA, 'C00010', 'Alpha Retail Ltd'), creditLimit: '5000' },
      { ...party(CUSTOMER_BETA, 'C00020', 'Beta Foods plc'), creditLimit: '0' },
      {
        ...party('aaaaaaaa-0000-4000-8000-000000000003', 'C00030', 'Gamma Archived Ltd', { archived: true }),
        creditLimit: '0',
      },
      {
        ...party('aaaaaaaa-0000-4000-8000-000000000004', 'C00040', 'Delta NAV-only Ltd', {
          presence: { nav: true, xero: false },
        }),
        creditLimit: '0',
      },
    ],
    vendors: [party(VENDOR, 'V00010', 'Supplies Direct Ltd')],
    items: [
      {
        no: 'WIDGET',
        id: 'dddddddd-0000-4000-8000-000000000001',
        description: 'Widget',
        type: 'Inventory',
        baseUnitOfMeasure: 'PCS',
        unitPrice: '19.99',
        unitCost: '8.50',
        salesAccountNo: '6110',
        purchaseAccountNo: '7110',
        vatGroup: 'VAT20',
        blocked: false,
        lastModified: '2026-05-01T10:00:00+00:00',
        presence: { nav: true, xero: true },
      },
    ],
    salesOrders: [],
    salesInvoices: [doc(SALES_INVOICE, 'SI-1001', 'C00010', 'AUTHORISED')],
    purchaseInvoices: [
      { ...doc(PURCHASE_INVOICE, 'PI-2001', 'V00010', 'AUTHORISED'), vendorInvoiceNo: 'SUP-77' },
    ],
    payments: [
      {
        id: 'eeeeeeee-0000-4000-8000-000000000001',
        direction: 'RECEIVED',
        documentNo: 'SI-1001',
        partyNo: 'C00010',
        date: '2026-05-20',
        amount: '50.00',
        currency: 'GBP',
        bankAccountNo: '2910',
        reference: 'BACS SI-1001',
        presence: { nav: true, xero: true },
      },
    ],
  };
}

export interface Reply<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export class Harness {
  clock = { ms: START };
  token = '';
  tenant = TENANT_A;
  private constructor(readonly running: RunningXeroSandbox) {}

  static async start(options: Partial<StartXeroSandboxOptions> = {}): Promise<Harness> {
    const clock = { ms: START };
    const running = await startXeroSandbox({
      port: 0,
      companies: [fixtureCompany(), fixtureCompany(TENANT_B, 'Second Org Ltd')],
      now: () => clock.ms,
      webhookRetryDelaysMs: [5, 5],
      ...options,
    });
    const h = new Harness(running);
    h.clock = clock;
    h.token = await h.clientCredentials();
    return h;
  }

  get url(): string {
    return this.running.url;
  }

  async close(): Promise<void> {
    await this.running.close();
  }

  /** Moves the sandbox clock and takes a fresh token (access tokens live 30 minutes). */
  async setClock(ms: number): Promise<void> {
    this.clock.ms = ms;
    this.token = await this.clientCredentials();
  }

  async clientCredentials(id = 'sandbox', secret = 'sandbox'): Promise<string> {
    const res = await fetch(`${this.url}/connect/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    const body = (await res.json()) as { access_token: string };
    return body.access_token;
  }

  async admin(method: string, path: string, body?: unknown): Promise<Reply> {
    const res = await fetch(`${this.url}/__sandbox${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return {
      status: res.status,
      headers: res.headers,
      text,
      body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    };
  }

  /** Calls the Accounting API and checks request and response bodies against the spec. */
  async api<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply<T>> {
    if (spec && body !== undefined && typeof body !== 'string' && (method === 'PUT' || method === 'POST')) {
      const check = spec.validateRequest(method, path, body);
      expect(check.errors, `request ${method} ${path} vs spec`).toEqual([]);
    }
    const res = await fetch(`${this.url}/api.xro/2.0${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        'xero-tenant-id': this.tenant,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await res.text();
    const json =
      res.headers.get('content-type')?.includes('json') && text
        ? (JSON.parse(text) as T)
        : (text as unknown as T);
    if (spec && typeof json === 'object') {
      const check = spec.validateResponse(method, path, res.status, json);
      expect(check.errors, `response ${method} ${path} ${res.status} vs spec`).toEqual([]);
    }
    return { status: res.status, headers: res.headers, body: json, text };
  }
}

/** Convenience accessors for envelope bodies. */
export function items<T = Record<string, unknown>>(body: unknown, key: string): T[] {
  return ((body as Record<string, unknown>)[key] ?? []) as T[];
}

export function first<T = Record<string, unknown>>(body: unknown, key: string): T {
  const list = items<T>(body, key);
  if (!list[0]) throw new Error(`no ${key} in response`);
  return list[0];
}
