// Every target's own rules are checked before anything is written to any of them: a line's account
// must be one that kind of line posts to in BOTH charts (no revenue posted to the bank in NAV while
// Xero refuses it), a payment goes through an account that takes payments, into an open period,
// and never for more than a target still holds as due. A refused change writes nothing: no row, no
// job, and no write call to either sandbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configSchema } from '../../../src/config/schema.js';
import { startServer, type RunningServer } from '../../../src/graphql/server.js';
import { toGlobalId } from '../../../src/graphql/global-id.js';
import { createLogger } from '../../../src/ops/logger.js';
import { startSyncEnv, type SyncEnv } from '../../support/sync-env.js';

interface Payload {
  record: { id: string; number: string; total: string } | null;
  userErrors: { field: string[]; code: string; message: string }[];
}
const fields = `record { id number total } userErrors { field code message }`;

describe("each target's own rules, before any write", () => {
  let env: SyncEnv;
  let server: RunningServer;
  let customerId: string;
  let vendorId: string;

  const gql = async <T>(query: string, variables: Record<string, unknown>) => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: unknown[] };
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    return body.data as T;
  };
  const both = { targets: ['XERO', 'NAV'], wait: true };
  const createInvoice = async (input: Record<string, unknown>) =>
    (
      await gql<{ createInvoice: Payload }>(
        `mutation($input: DocumentInput!, $options: MutationOptions) { createInvoice(input: $input, options: $options) { ${fields} } }`,
        { input, options: both },
      )
    ).createInvoice;
  const createBill = async (input: Record<string, unknown>) =>
    (
      await gql<{ createBill: Payload }>(
        `mutation($input: DocumentInput!, $options: MutationOptions) { createBill(input: $input, options: $options) { ${fields} } }`,
        { input, options: both },
      )
    ).createBill;
  const recordPayment = async (input: Record<string, unknown>) =>
    (
      await gql<{ recordPayment: Payload }>(
        `mutation($input: PaymentInput!, $options: MutationOptions) { recordPayment(input: $input, options: $options) { record { id } userErrors { field code message } } }`,
        { input, options: { wait: true } },
      )
    ).recordPayment;
  /** Write calls (anything but GET) each sandbox has served. */
  const writes = async () => {
    const count = async (url: string) => {
      const calls = (await (await fetch(`${url}/__sandbox/calls`)).json()) as {
        tenants?: Record<string, { byEndpoint: Record<string, number> }>;
      };
      return Object.values(calls.tenants ?? {})
        .flatMap((t) => Object.entries(t.byEndpoint))
        .filter(([endpoint]) => !endpoint.startsWith('GET'))
        .reduce((n, [, c]) => n + c, 0);
    };
    return [await count(env.sandboxes.xero.url), await count(env.sandboxes.nav.url)];
  };
  const rows = async () => [
    await env.db.prisma.invoice.count(),
    await env.db.prisma.bill.count(),
    await env.db.prisma.payment.count(),
    await env.db.prisma.syncJob.count(),
  ];
  /** Runs a refused change and requires that it changed nothing anywhere. */
  const refusedWithoutTrace = async (change: () => Promise<Payload>) => {
    const before = [await rows(), await writes()];
    const result = await change();
    expect(result.record).toBeNull();
    expect([await rows(), await writes()]).toEqual(before);
    return result.userErrors;
  };
  const line = (accountCode: string, extra: Record<string, unknown> = {}) => ({
    description: 'Consulting, awkward',
    accountCode,
    quantity: '0.333',
    unitPrice: '33.3333',
    discountPercent: '5',
    taxCode: 'VAT20',
    ...extra,
  });
  const invoice = (number: string, lines: unknown[], extra: Record<string, unknown> = {}) => ({
    number,
    customerId,
    issueDate: '2026-11-20',
    lines,
    ...extra,
  });

  beforeAll(async () => {
    env = await startSyncEnv();
    for (const entity of ['customer', 'vendor', 'item'] as const) {
      await env.engine.pull('NAV', entity);
      await env.engine.pull('XERO', entity);
    }
    await env.engine.drain();
    const config = configSchema.parse({ PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'test' });
    server = await startServer(config, env.db, createLogger('silent', { pretty: false }), env.services);
    env.engine.start();
    const customer = await env.db.prisma.customer.findFirstOrThrow({
      where: { status: 'ACTIVE', currency: 'GBP' },
      orderBy: { number: 'asc' },
    });
    const vendor = await env.db.prisma.vendor.findFirstOrThrow({
      where: { status: 'ACTIVE', currency: 'GBP' },
      orderBy: { number: 'asc' },
    });
    customerId = toGlobalId('Customer', customer.id);
    vendorId = toGlobalId('Vendor', vendor.id);
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await env?.close();
  });

  it('refuses a sales line on the bank account, naming the line and both charts, and writes nothing', async () => {
    const errors = await refusedWithoutTrace(() =>
      createInvoice(invoice('LB-TR-1', [line('6110'), line('2910')])),
    );
    expect(errors.map((e) => [e.field.join('.'), e.code])).toEqual([
      ['input.lines.1.accountCode', 'ACCOUNT_NOT_ALLOWED'],
    ]);
    // Xero says bank (090); NAV says balance sheet: either alone refuses it.
    expect(errors[0]?.message).toMatch(/2910/);
  });

  it('refuses a bill line on a revenue account and an invoice line on a receivables control account', async () => {
    const bill = await refusedWithoutTrace(() =>
      createBill({
        number: 'LB-TR-B1',
        vendorId,
        vendorInvoiceNumber: 'V-77',
        issueDate: '2026-11-20',
        lines: [line('7110'), line('6110')],
      }),
    );
    expect(bill.map((e) => [e.field.join('.'), e.code])).toEqual([
      ['input.lines.1.accountCode', 'ACCOUNT_NOT_ALLOWED'],
    ]);
    expect(bill[0]?.message).toMatch(/revenue/);
    const control = await refusedWithoutTrace(() => createInvoice(invoice('LB-TR-2', [line('2310')])));
    expect(control.map((e) => e.code)).toEqual(['ACCOUNT_NOT_ALLOWED']);
  });

  it('refuses a line on an account blocked in NAV once the chart is read again', async () => {
    const blocked = await env.nav$(
      'PATCH',
      `/Chart_of_Accounts('6810')`,
      { Blocked: true },
      { 'if-match': '*' },
    );
    expect(blocked.ok, await blocked.text()).toBe(true);
    env.services.documentChanges.refreshBookRules();
    const errors = await refusedWithoutTrace(() => createInvoice(invoice('LB-TR-3', [line('6810')])));
    expect(errors).toMatchObject([
      { field: ['input', 'lines', '0', 'accountCode'], code: 'ACCOUNT_NOT_ALLOWED' },
    ]);
    expect(errors[0]?.message).toMatch(/blocked in NAV/);
    await env.nav$('PATCH', `/Chart_of_Accounts('6810')`, { Blocked: false }, { 'if-match': '*' });
    env.services.documentChanges.refreshBookRules();
  });

  it("refuses a document dated in Xero's locked period", async () => {
    const tenant = env.xero.tenant;
    const lock = await fetch(`${env.sandboxes.xero.url}/__sandbox/organisations/${tenant}/lock-dates`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ periodLockDate: '2026-10-31' }),
    });
    expect(lock.ok).toBe(true);
    env.services.documentChanges.refreshBookRules();
    try {
      const errors = await refusedWithoutTrace(() =>
        createInvoice(invoice('LB-TR-4', [line('6110')], { issueDate: '2026-10-31' })),
      );
      expect(errors).toMatchObject([{ field: ['input', 'issueDate'], code: 'PERIOD_CLOSED' }]);
      expect(errors[0]?.message).toMatch(/2026-11-01/);
    } finally {
      await fetch(`${env.sandboxes.xero.url}/__sandbox/organisations/${tenant}/lock-dates`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ periodLockDate: null }),
      });
      env.services.documentChanges.refreshBookRules();
    }
  });

  it('takes a payment into the bank, refuses one "into" the Sales account, and one Xero would take as overpaid', async () => {
    const created = await createInvoice(
      invoice('LB-TR-5', [line('6110', { quantity: '3', unitPrice: '19.9999' })]),
    );
    expect(created.userErrors).toEqual([]);
    const id = created.record!.id;
    await env.engine.drain();
    const sales = await refusedWithoutTrace(() =>
      recordPayment({ documentId: id, amount: '10.00', paymentDate: '2026-11-25', accountCode: '6110' }),
    );
    // Each book says why: Xero (no payments to Sales) and NAV (an income-statement account).
    expect(sales.map((e) => [e.field.join('.'), e.code])).toEqual([
      ['input.accountCode', 'ACCOUNT_NOT_ALLOWED'],
      ['input.accountCode', 'ACCOUNT_NOT_ALLOWED'],
    ]);
    expect(sales.map((e) => / in (XERO|NAV)/.exec(e.message)?.[1])).toEqual(['XERO', 'NAV']);
    // Someone pays 20.00 in Xero itself; the gateway has not read it yet.
    const xeroId = (
      (await env.xeroGet(`/Invoices?InvoiceNumbers=LB-TR-5`)).Invoices as { InvoiceID: string }[]
    )[0]!.InvoiceID;
    const paid = await env.xeroPost('/Payments', {
      Invoice: { InvoiceID: xeroId },
      Account: { Code: '090' },
      Date: '2026-11-24',
      Amount: 20,
    });
    expect(JSON.stringify(paid)).not.toMatch(/ValidationException/);
    const total = created.record!.total;
    const over = await refusedWithoutTrace(() =>
      recordPayment({ documentId: id, amount: total, paymentDate: '2026-11-25', accountCode: '2910' }),
    );
    expect(over).toMatchObject([{ field: ['input', 'amount'], code: 'OVERPAYMENT' }]);
    expect(over[0]?.message).toMatch(/XERO/);
    const ok = await recordPayment({
      documentId: id,
      amount: '10.00',
      paymentDate: '2026-11-25',
      accountCode: '2910',
    });
    expect(ok.userErrors).toEqual([]);
    expect(ok.record).not.toBeNull();
  });
});
