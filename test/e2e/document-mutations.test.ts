// Documents written through the API reach the books: validated before anything is written (typed
// errors naming the field, nothing changed), totals computed as both books compute them, the
// customer first, idempotency keys honoured, and posted NAV documents never edited.
import { Decimal } from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/schema.js';
import { startServer, type RunningServer } from '../../src/graphql/server.js';
import { fromGlobalId, toGlobalId } from '../../src/graphql/global-id.js';
import { createLogger } from '../../src/ops/logger.js';
import { startSyncEnv, type SyncEnv } from '../support/sync-env.js';

interface Payload {
  record: {
    id: string;
    number: string;
    status: string;
    subTotal: string;
    totalTax: string;
    total: string;
  } | null;
  jobs: { system: string; status: string; entityType: string; lastError: { message: string } | null }[];
  userErrors: { field: string[]; code: string; message: string }[];
}

const payloadFields = `record { id number status subTotal totalTax total }
  jobs { system status entityType lastError { message } }
  userErrors { field code message }`;

describe('document mutations through the sandboxes', () => {
  let env: SyncEnv;
  let server: RunningServer;
  let customerId: string;
  let vendorId: string;
  let itemId: string;

  const gql = async <T>(query: string, variables: Record<string, unknown>) => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as {
      data?: T;
      errors?: { message: string; extensions?: { code?: string } }[];
    };
  };
  const create = async (input: Record<string, unknown>, options: Record<string, unknown> = {}) => {
    const body = await gql<{ createInvoice: Payload }>(
      `mutation($input: DocumentInput!, $options: MutationOptions) { createInvoice(input: $input, options: $options) { ${payloadFields} } }`,
      { input, options: { targets: ['XERO'], wait: true, ...options } },
    );
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    return body.data!.createInvoice;
  };
  const xeroInvoice = async (number: string) =>
    (
      (await env.xeroGet(`/Invoices?InvoiceNumbers=${encodeURIComponent(number)}`)).Invoices as {
        InvoiceID: string;
        Status: string;
        Total: number;
        TotalTax: number;
        Contact: { ContactNumber?: string };
      }[]
    )[0];
  const counts = async () => [
    await env.db.prisma.invoice.count(),
    await env.db.prisma.syncJob.count(),
    await env.db.prisma.eventLogEntry.count(),
  ];
  const invoiceInput = (number: string, lines?: Record<string, unknown>[]) => ({
    number,
    customerId,
    issueDate: '2026-11-20',
    dueDate: '2026-12-20',
    lines: lines ?? [
      { itemId, quantity: '3', unitPrice: '19.99', taxCode: 'VAT20' },
      {
        description: 'Delivery',
        accountCode: '6810',
        quantity: '1',
        unitPrice: '7.50',
        taxCode: 'VAT20',
        dimensions: [{ dimension: 'DEPARTMENT', value: 'SALES' }],
      },
    ],
  });

  beforeAll(async () => {
    env = await startSyncEnv();
    for (const entity of ['customer', 'vendor', 'item', 'invoice'] as const)
      await env.engine.pull('NAV', entity);
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
    const item = await env.db.prisma.item.findFirstOrThrow({
      where: { blocked: false },
      orderBy: { number: 'asc' },
    });
    customerId = toGlobalId('Customer', customer.id);
    vendorId = toGlobalId('Vendor', vendor.id);
    itemId = toGlobalId('Item', item.id);
  });
  afterAll(async () => {
    await server?.close();
    await env?.close();
  });

  it('creates an invoice in Xero with the totals both books compute, to the cent', async () => {
    const result = await create(invoiceInput('LB-1001'));
    expect(result.userErrors).toEqual([]);
    // 3 × 19.99 = 59.97 + 7.50 = 67.47 net; VAT per line 11.99 + 1.50 = 13.49
    expect(result.record).toMatchObject({
      number: 'LB-1001',
      subTotal: '67.47',
      totalTax: '13.49',
      total: '80.96',
    });
    expect(result.jobs.map((j) => [j.entityType, j.system, j.status])).toEqual([
      ['INVOICE', 'XERO', 'SUCCEEDED'],
    ]);
    const xero = await xeroInvoice('LB-1001');
    expect(xero).toBeDefined();
    expect(new Decimal(xero!.Total).toFixed(2)).toBe('80.96');
    expect(new Decimal(xero!.TotalTax).toFixed(2)).toBe('13.49');
    expect(xero!.Status).toBe('AUTHORISED');
  });

  it("dates an invoice given no due date by its customer's payment terms, in the mirror and in Xero", async () => {
    const customer = await env.db.prisma.customer.findUniqueOrThrow({
      where: { id: fromGlobalId(customerId)?.id ?? '' },
    });
    // Whatever the demo customer has, it is put on 14 DAYS for this invoice's sake.
    await env.db.prisma.customer.update({ where: { id: customer.id }, data: { paymentTerms: '14 DAYS' } });
    try {
      const { dueDate: _given, ...input } = invoiceInput('LB-TERMS-1');
      const result = await create(input);
      expect(result.userErrors).toEqual([]);
      const mirrored = await env.db.prisma.invoice.findFirstOrThrow({ where: { number: 'LB-TERMS-1' } });
      expect(mirrored.dueDate.toISOString().slice(0, 10)).toBe('2026-12-04'); // 2026-11-20 + 14 days
      const xero = (
        (await env.xeroGet(`/Invoices?InvoiceNumbers=LB-TERMS-1`)).Invoices as {
          DueDateString?: string;
          DueDate?: string;
        }[]
      )[0];
      expect(xero?.DueDateString ?? xero?.DueDate).toMatch(/2026-12-04|1796342400000/);
      // A given due date wins over the terms.
      const given = await create({ ...invoiceInput('LB-TERMS-2'), dueDate: '2026-11-25' });
      expect(given.userErrors).toEqual([]);
      const kept = await env.db.prisma.invoice.findFirstOrThrow({ where: { number: 'LB-TERMS-2' } });
      expect(kept.dueDate.toISOString().slice(0, 10)).toBe('2026-11-25');
    } finally {
      await env.db.prisma.customer.update({
        where: { id: customer.id },
        data: { paymentTerms: customer.paymentTerms },
      });
    }
  });

  it('sends an item the target lacks before the invoice whose line uses it', async () => {
    // Known to NAV and to us, never sent to Xero: Xero refuses a line with an unknown item code.
    const saved = await gql<{ upsertItem: Payload }>(
      `mutation($input: ItemInput!, $options: MutationOptions) { upsertItem(input: $input, options: $options) {
        record { id } jobs { system status entityType lastError { message } } userErrors { field code message } } }`,
      {
        input: {
          number: 'LB-WIDGET',
          name: 'Widget sold through the API',
          unitPrice: '12.50',
          taxCode: 'VAT20',
          salesAccountCode: '6110',
        },
        options: { targets: ['NAV'], wait: true },
      },
    );
    const item = saved.data!.upsertItem;
    expect(item.userErrors).toEqual([]);
    expect(item.jobs.map((j) => j.status)).toEqual(['SUCCEEDED']);
    const before = ((await env.xeroGet('/Items')).Items as { Code: string }[]).map((i) => i.Code);
    expect(before).not.toContain('LB-WIDGET');

    const result = await create(
      invoiceInput('LB-1090', [
        {
          itemId: item.record!.id,
          quantity: '2',
          unitPrice: '12.50',
          taxCode: 'VAT20',
        },
      ]),
    );
    expect(result.userErrors).toEqual([]);
    expect(
      result.jobs.map((j) => [j.entityType, j.system, j.status]),
      JSON.stringify(result.jobs),
    ).toEqual([
      ['ITEM', 'XERO', 'SUCCEEDED'],
      ['INVOICE', 'XERO', 'SUCCEEDED'],
    ]);
    const after = ((await env.xeroGet('/Items')).Items as { Code: string }[]).map((i) => i.Code);
    expect(after.filter((c) => c === 'LB-WIDGET')).toHaveLength(1);
    expect(new Decimal((await xeroInvoice('LB-1090'))!.Total).toFixed(2)).toBe('30.00');
  });

  it('refuses bad input with typed errors naming the field, and writes nothing', async () => {
    const before = await counts();
    const unmapped = await create(
      invoiceInput('LB-1002', [{ accountCode: '6810', quantity: '1', unitPrice: '5', taxCode: 'VAT99' }]),
    );
    expect(unmapped.userErrors).toMatchObject([
      { field: ['input', 'lines', '0', 'taxCode'], code: 'UNMAPPED_CODE' },
    ]);
    expect(unmapped.userErrors[0]!.message).toContain('VAT99');
    const duplicate = await create(invoiceInput('LB-1001'));
    expect(duplicate.userErrors).toMatchObject([{ field: ['input', 'number'], code: 'DUPLICATE_NUMBER' }]);
    const noAccount = await create(
      invoiceInput('LB-1003', [{ quantity: '1', unitPrice: '5', taxCode: 'VAT20' }]),
    );
    expect(noAccount.userErrors).toMatchObject([
      { field: ['input', 'lines', '0', 'accountCode'], code: 'INVALID' },
    ]);
    const negative = await create(
      invoiceInput('LB-1004', [{ accountCode: '6810', quantity: '-1', unitPrice: '5', taxCode: 'VAT20' }]),
    );
    expect(negative.userErrors).toMatchObject([
      { field: ['input', 'lines', '0', 'quantity'], code: 'INVALID' },
    ]);
    // Awkward numbers: a unit price past four places, and a line that rounds to nothing.
    const precise = await create(
      invoiceInput('LB-1006', [
        { accountCode: '6810', quantity: '0.333', unitPrice: '1.23456', taxCode: 'VAT20' },
      ]),
    );
    expect(precise.userErrors).toMatchObject([
      { field: ['input', 'lines', '0', 'unitPrice'], code: 'INVALID' },
    ]);
    const nothing = await create(
      invoiceInput('LB-1007', [
        { accountCode: '6810', quantity: '0.001', unitPrice: '1.00', taxCode: 'VAT20' },
      ]),
    );
    expect(nothing.userErrors).toMatchObject([
      { field: ['input', 'lines', '0', 'quantity'], code: 'INVALID' },
    ]);
    const wrongId = await gql(
      `mutation($input: DocumentInput!) { createInvoice(input: $input) { record { id } } }`,
      { input: { ...invoiceInput('LB-1005'), customerId: vendorId } },
    );
    expect(wrongId.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await counts()).toEqual(before);
  });

  it('honours idempotency keys: the same input returns the first result, another input is refused', async () => {
    const first = await create(invoiceInput('LB-1010'), { idempotencyKey: 'inv-1010' });
    const jobs = await env.db.prisma.syncJob.count();
    const again = await create(invoiceInput('LB-1010'), { idempotencyKey: 'inv-1010' });
    expect(again.record?.id).toBe(first.record?.id);
    expect(await env.db.prisma.syncJob.count()).toBe(jobs);
    const other = await create(invoiceInput('LB-1011'), { idempotencyKey: 'inv-1010' });
    expect(other.userErrors).toMatchObject([{ code: 'IDEMPOTENCY_KEY_REUSED' }]);
  });

  it('updates an unpaid invoice where it is, then voids it', async () => {
    const created = await create(invoiceInput('LB-1020'));
    const updated = await gql<{ updateInvoice: Payload }>(
      `mutation($id: ID!, $input: DocumentInput!) { updateInvoice(id: $id, input: $input, options: { wait: true }) { ${payloadFields} } }`,
      {
        id: created.record!.id,
        input: invoiceInput('LB-1020', [{ itemId, quantity: '1', unitPrice: '100', taxCode: 'VAT20' }]),
      },
    );
    expect(updated.data!.updateInvoice.userErrors).toEqual([]);
    expect(updated.data!.updateInvoice.record?.total).toBe('120');
    expect(updated.data!.updateInvoice.jobs.map((j) => [j.system, j.status])).toEqual([
      ['XERO', 'SUCCEEDED'],
    ]);
    expect(new Decimal((await xeroInvoice('LB-1020'))!.Total).toFixed(2)).toBe('120.00');

    const voided = await gql<{ voidInvoice: Payload }>(
      `mutation($id: ID!) { voidInvoice(id: $id, options: { wait: true }) { ${payloadFields} } }`,
      { id: created.record!.id },
    );
    expect(voided.data!.voidInvoice.userErrors).toEqual([]);
    expect(voided.data!.voidInvoice.record?.status).toBe('VOIDED');
    expect((await xeroInvoice('LB-1020'))!.Status).toBe('VOIDED');
  });

  it('never edits an invoice posted in NAV: an update is refused, a void records a conflict', async () => {
    const posted = await env.db.prisma.invoice.findFirstOrThrow({
      where: { amountPaid: 0, status: { in: ['POSTED', 'AUTHORISED'] } },
      orderBy: { number: 'asc' },
    });
    const id = toGlobalId('Invoice', posted.id);
    const updated = await gql<{ updateInvoice: Payload }>(
      `mutation($id: ID!, $input: DocumentInput!) { updateInvoice(id: $id, input: $input) { ${payloadFields} } }`,
      { id, input: invoiceInput(posted.number) },
    );
    expect(updated.data!.updateInvoice.userErrors).toMatchObject([{ field: ['id'], code: 'NOT_EDITABLE' }]);
    const conflicts = await env.db.prisma.syncConflict.count();
    const voided = await gql<{ voidInvoice: Payload }>(
      `mutation($id: ID!) { voidInvoice(id: $id, options: { wait: true }) { ${payloadFields} } }`,
      { id },
    );
    expect(voided.data!.voidInvoice.userErrors).toEqual([]);
    const recorded = await env.db.prisma.syncConflict.findMany({ where: { entityId: posted.id } });
    const conflict = recorded.find((c) => c.system === 'NAV');
    expect(conflict).toMatchObject({ system: 'NAV', fields: ['status'], status: 'OPEN' });
    expect(conflict!.differences).toEqual([{ field: 'status', local: 'VOIDED', remote: 'POSTED' }]);
    expect(voided.data!.voidInvoice.jobs.map((j) => j.system)).toEqual(['XERO']);
    // Xero voids it unless money was applied there (the demo paid some in Xero only): then the void
    // is not sent to be refused, it is one more conflict saying so.
    const there = (await xeroInvoice(posted.number))!;
    const inXero = recorded.filter((c) => c.system === 'XERO');
    if (there.Status === 'VOIDED') expect(inXero).toEqual([]);
    else {
      expect(there.Status).toBe('PAID');
      expect(inXero).toHaveLength(1);
      expect(inXero[0]!.differences).toContainEqual({ field: 'status', local: 'VOIDED', remote: 'PAID' });
    }
    expect(await env.db.prisma.syncConflict.count()).toBe(conflicts + recorded.length);
  });

  it('creates a bill in Xero referenced by its number, with the vendor', async () => {
    const body = await gql<{ createBill: Payload }>(
      `mutation($input: DocumentInput!) { createBill(input: $input, options: { targets: [XERO], wait: true }) { ${payloadFields} } }`,
      {
        input: {
          number: 'LB-B-2001',
          vendorId,
          vendorInvoiceNumber: 'SUP-7781',
          issueDate: '2026-11-18',
          lines: [
            {
              accountCode: '8210',
              description: 'Office cleaning',
              quantity: '1',
              unitPrice: '240',
              taxCode: 'VAT20',
            },
          ],
        },
      },
    );
    expect(body.data!.createBill.userErrors).toEqual([]);
    expect(body.data!.createBill.jobs.every((j) => j.status === 'SUCCEEDED')).toBe(true);
    const bills = (await env.xeroGet(`/Invoices?where=${encodeURIComponent('Reference=="LB-B-2001"')}`))
      .Invoices as { Type: string; Total: number; InvoiceNumber: string }[];
    expect(bills).toHaveLength(1);
    expect(bills[0]).toMatchObject({ Type: 'ACCPAY', InvoiceNumber: 'SUP-7781' });
    expect(new Decimal(bills[0]!.Total).toFixed(2)).toBe('288.00');
  });

  it('re-reads a system on demand (resync) and reconciles both books through the API', async () => {
    const resync = await gql<{
      resync: { started: boolean; report: { read: number; applied: number; unchanged: number } };
    }>(
      `mutation { resync(entity: INVOICE, system: NAV, full: true, wait: true) { started report { read applied unchanged } } }`,
      {},
    );
    expect(resync.errors).toBeUndefined();
    expect(resync.data!.resync.started).toBe(true);
    expect(resync.data!.resync.report.read).toBeGreaterThan(0);
    expect(resync.data!.resync.report.applied).toBe(0); // nothing changed in NAV since

    const reconciliation = await gql<{
      reconciliation: {
        mismatches: number;
        rows: { side: string; matches: boolean; nav: { invoiced: string } | null }[];
        pagesRead: { system: string; pages: number }[];
      };
    }>(
      `{ reconciliation { mismatches rows { side matches nav { invoiced } } pagesRead { system pages } } }`,
      {},
    );
    expect(reconciliation.errors).toBeUndefined();
    const report = reconciliation.data!.reconciliation;
    expect(report.rows.length).toBeGreaterThan(0);
    expect(report.mismatches).toBe(report.rows.filter((r) => !r.matches).length);
    // Invoices created only in Xero here (LB-…) make their customer differ between the books.
    expect(report.mismatches).toBeGreaterThan(0);
    expect(report.pagesRead.map((p) => p.system).sort()).toEqual(['NAV', 'XERO']);
  });

  it('reports what is left of each system’s rate limits, without calling them', async () => {
    const xeroCalls = async () =>
      ((await (await fetch(`${env.sandboxes.xero.url}/__sandbox/calls`)).json()) as { total: number }).total;
    const calls = await xeroCalls();
    const body = await gql<{
      rateBudgets: {
        system: string;
        tenant: string;
        inFlight: number;
        maxInFlight: number;
        windows: { name: string; limit: number; remaining: number | null }[];
      }[];
    }>(`{ rateBudgets { system tenant inFlight maxInFlight windows { name limit remaining } } }`, {});
    expect(body.errors).toBeUndefined();
    const [nav, xero] = ['NAV', 'XERO'].map((s) => body.data!.rateBudgets.find((b) => b.system === s)!);
    expect(xero!.tenant).toBe(env.xero.tenant);
    const day = xero!.windows.find((w) => w.name === 'day')!;
    expect(day.limit).toBe(1_000_000);
    expect(day.remaining).toBeLessThan(day.limit); // this test's calls are counted
    expect(xero!.windows.find((w) => w.name === 'minute')!.remaining).not.toBeNull(); // Xero's headers seen
    expect(xero!.maxInFlight).toBe(5);
    const window = nav!.windows.find((w) => w.name === 'window')!;
    expect(window.remaining).toBeLessThan(window.limit);
    expect(await xeroCalls()).toBe(calls);
  });

  it('creates a sales order in NAV only, with its lines; Xero is refused as a target', async () => {
    const body = await gql<{ createSalesOrder: Payload }>(
      `mutation($input: SalesOrderInput!) { createSalesOrder(input: $input, options: { wait: true }) { record { id number total } jobs { system status entityType lastError { message } } userErrors { field code message } } }`,
      {
        input: {
          number: 'LB-SO-3001',
          customerId,
          orderDate: '2026-11-25',
          requestedDate: '2026-12-02',
          lines: [{ itemId, quantity: '4', unitPrice: '12.50', taxCode: 'VAT20' }],
        },
      },
    );
    expect(body.errors).toBeUndefined();
    const result = body.data!.createSalesOrder;
    expect(result.userErrors).toEqual([]);
    expect(result.record).toMatchObject({ number: 'LB-SO-3001', total: '60' });
    expect(result.jobs.map((j) => [j.entityType, j.system, j.status])).toEqual([
      ['SALES_ORDER', 'NAV', 'SUCCEEDED'],
    ]);
    const orders = (await (
      await env.nav$(
        'GET',
        `/SalesOrder?$filter=${encodeURIComponent("External_Document_No eq 'LB-SO-3001'")}`,
      )
    ).json()) as { value: { No: string; Amount_Including_VAT?: number }[] };
    expect(orders.value).toHaveLength(1);

    const refused = await gql<{ createSalesOrder: Payload }>(
      `mutation($input: SalesOrderInput!) { createSalesOrder(input: $input, options: { targets: [XERO] }) { userErrors { field code } } }`,
      {
        input: {
          number: 'LB-SO-3002',
          customerId,
          orderDate: '2026-11-25',
          lines: [{ itemId, quantity: '1', unitPrice: '1', taxCode: 'VAT20' }],
        },
      },
    );
    expect(refused.data!.createSalesOrder.userErrors).toMatchObject([
      { field: ['options', 'targets'], code: 'NOT_SUPPORTED' },
    ]);
  });

  it('records a payment where its invoice is, and refuses more than is due', async () => {
    const invoice = await env.db.prisma.invoice.findUniqueOrThrow({ where: { number: 'LB-1001' } });
    const pay = (amount: string) =>
      gql<{ recordPayment: Payload & { record: { id: string; amount: string } | null } }>(
        `mutation($input: PaymentInput!) { recordPayment(input: $input, options: { wait: true }) { record { id } jobs { system status entityType lastError { message } } userErrors { field code message } } }`,
        {
          input: {
            documentId: toGlobalId('Invoice', invoice.id),
            amount,
            paymentDate: '2026-11-26',
            accountCode: '2910',
            reference: 'BACS LB-1001',
          },
        },
      );
    // Half a cent: NAV would post 10.005 as it is, Xero refuses it; neither gets it.
    const halfCent = await pay('10.005');
    expect(halfCent.data!.recordPayment.userErrors).toMatchObject([
      { field: ['input', 'amount'], code: 'INVALID', message: 'an amount has at most 2 decimal places' },
    ]);
    const over = await pay('80.97');
    expect(over.data!.recordPayment.userErrors).toMatchObject([
      { field: ['input', 'amount'], code: 'OVERPAYMENT' },
    ]);
    const paid = await pay('30.96');
    expect(paid.data!.recordPayment.userErrors).toEqual([]);
    expect(paid.data!.recordPayment.jobs.map((j) => [j.entityType, j.system, j.status])).toEqual([
      ['PAYMENT', 'XERO', 'SUCCEEDED'],
    ]);
    const xero = (await xeroInvoice('LB-1001')) as unknown as { AmountDue: number; AmountPaid: number };
    expect(new Decimal(xero.AmountPaid).toFixed(2)).toBe('30.96');
    expect(new Decimal(xero.AmountDue).toFixed(2)).toBe('50.00');
    const mirrored = await env.db.prisma.invoice.findUniqueOrThrow({ where: { id: invoice.id } });
    expect(mirrored.amountDue.toString()).toBe('50');
  });
});
