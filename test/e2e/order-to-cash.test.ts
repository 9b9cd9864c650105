// Order to cash in one query: a sales order created through the API goes to NAV, NAV posts it in
// two parts, and the sync brings back its status, what each line shipped and invoiced, the posted
// invoices linked both ways, and the item's stock gone down; an order deleted in NAV without an
// invoice is cancelled, and orders entered in NAV come into the mirror.
import { Decimal } from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/schema.js';
import { startServer, type RunningServer } from '../../src/graphql/server.js';
import { toGlobalId } from '../../src/graphql/global-id.js';
import { createLogger } from '../../src/ops/logger.js';
import { startSyncEnv, type SyncEnv } from '../support/sync-env.js';

interface OrderView {
  status: string;
  completedAt: string | null;
  lines: {
    lineNo: number;
    quantity: string;
    quantityShipped: string;
    quantityInvoiced: string;
    outstandingQuantity: string;
  }[];
  invoices: {
    number: string;
    orderNumber: string;
    total: string;
    salesOrder: { id: string } | null;
    payments: { amount: string }[];
  }[];
}

describe('sales orders tracked to their invoices', () => {
  let env: SyncEnv;
  let server: RunningServer;
  let customerId: string;
  let itemId: string;
  let itemDbId: string;

  const gql = async <T>(query: string, variables: Record<string, unknown> = {}) => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: unknown[] };
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    return body.data as T;
  };
  const admin = async (path: string, body: unknown) =>
    (await (
      await fetch(`${env.sandboxes.nav.url}/__sandbox${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    ).json()) as Record<string, unknown>;
  const navOrder = async (ourNumber: string) =>
    (
      (await (
        await env.nav$(
          'GET',
          `/SalesOrder?$filter=${encodeURIComponent(`External_Document_No eq '${ourNumber}'`)}`,
        )
      ).json()) as { value: { No: string }[] }
    ).value[0];
  const inventory = async () =>
    (
      await gql<{ item: { inventory: { quantityOnHand: string; source: string } | null } }>(
        `query($id: ID!) { item(id: $id) { inventory { quantityOnHand source } } }`,
        { id: itemId },
      )
    ).item.inventory;
  const order = async (id: string) =>
    (
      await gql<{ salesOrder: OrderView }>(
        `query($id: ID!) { salesOrder(id: $id) { status completedAt
           lines { lineNo quantity quantityShipped quantityInvoiced outstandingQuantity }
           invoices { number orderNumber total salesOrder { id } payments { amount } } } }`,
        { id },
      )
    ).salesOrder;
  const createOrder = async (number: string, lines: Record<string, unknown>[]) => {
    const data = await gql<{
      createSalesOrder: { record: { id: string } | null; userErrors: unknown[]; jobs: { status: string }[] };
    }>(
      `mutation($input: SalesOrderInput!) { createSalesOrder(input: $input, options: { wait: true }) {
         record { id } userErrors { field code message } jobs { status } } }`,
      { input: { number, customerId, orderDate: '2024-04-01', lines } },
    );
    expect(data.createSalesOrder.userErrors).toEqual([]);
    expect(data.createSalesOrder.jobs.every((j) => j.status === 'SUCCEEDED')).toBe(true);
    return data.createSalesOrder.record!.id;
  };
  const sync = async () => {
    await env.engine.pull('NAV', 'item');
    await env.engine.pull('NAV', 'invoice');
  };

  beforeAll(async () => {
    env = await startSyncEnv();
    for (const entity of ['customer', 'vendor', 'item'] as const) await env.engine.pull('NAV', entity);
    await env.engine.drain();
    const config = configSchema.parse({ PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'test' });
    server = await startServer(config, env.db, createLogger('silent', { pretty: false }), env.services);
    env.engine.start();
    const customer = await env.db.prisma.customer.findFirstOrThrow({
      where: { status: 'ACTIVE', currency: 'GBP' },
      orderBy: { number: 'asc' },
    });
    const item = await env.db.prisma.item.findFirstOrThrow({
      where: { blocked: false, type: 'INVENTORY' },
      orderBy: { number: 'asc' },
    });
    customerId = toGlobalId('Customer', customer.id);
    itemId = toGlobalId('Item', item.id);
    itemDbId = item.id;
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await env?.close();
  });

  it('reads item stock from NAV, read-only', async () => {
    const stock = await inventory();
    expect(stock).toMatchObject({ source: 'NAV' });
    const nav = (await (
      await env.nav$('GET', `/Item?$filter=${encodeURIComponent("Type eq 'Inventory'")}`)
    ).json()) as {
      value: { No: string; Inventory: number }[];
    };
    const row = await env.db.prisma.item.findUniqueOrThrow({ where: { id: itemDbId } });
    const there = nav.value.find((v) => v.No === row.number)!;
    expect(new Decimal(stock!.quantityOnHand).eq(there.Inventory)).toBe(true);
  });

  it("takes Xero's QuantityOnHand for a tracked item NAV keeps no stock of; NAV's stock stands", async () => {
    // A service in NAV (no stock there) that Xero tracks, and the inventory item NAV counts.
    const service = await env.db.prisma.item.findFirstOrThrow({
      where: { type: { not: 'INVENTORY' }, blocked: false },
      orderBy: { number: 'asc' },
    });
    const counted = await env.db.prisma.item.findUniqueOrThrow({ where: { id: itemDbId } });
    const navStock = await inventory();
    const created = await env.xeroPost('/Items', {
      Items: [service, counted].map((i) => ({
        Code: i.number,
        InventoryAssetAccountCode: '630',
        PurchaseDetails: { COGSAccountCode: '310' },
      })),
    });
    const items = created.Items as { Code: string; IsTrackedAsInventory: boolean; QuantityOnHand?: number }[];
    expect(items.map((i) => [i.IsTrackedAsInventory, i.QuantityOnHand])).toEqual([
      [true, 0],
      [true, 0],
    ]);
    await env.engine.pull('XERO', 'item');
    const stockOf = async (id: string) =>
      (
        await gql<{ item: { inventory: { quantityOnHand: string; source: string } | null } }>(
          `query($id: ID!) { item(id: $id) { inventory { quantityOnHand source } } }`,
          { id },
        )
      ).item.inventory;
    expect(await stockOf(toGlobalId('Item', service.id))).toEqual({ quantityOnHand: '0', source: 'XERO' });
    expect(await stockOf(itemId)).toEqual(navStock);
    expect(navStock!.quantityOnHand).not.toBe('0');
  });

  it('follows an order posted in two parts to its invoices, both ways', async () => {
    const before = new Decimal((await inventory())!.quantityOnHand);
    const id = await createOrder('LB-SO-7001', [
      { itemId, quantity: '1.333', unitPrice: '12.3456', discountPercent: '2.5', taxCode: 'VAT20' },
      { itemId, quantity: '0.5', unitPrice: '7.0001', taxCode: 'VAT20' },
    ]);
    const no = (await navOrder('LB-SO-7001'))!.No;
    const fresh = await order(id);
    expect(fresh.status).toBe('OPEN');
    const [first, second] = fresh.lines;
    expect(first).toMatchObject({ quantityShipped: '0', outstandingQuantity: '1.333' });

    // NAV ships and invoices 0.333 of the first line and nothing of the second.
    const part = await admin('/post-sales-order', {
      no,
      quantities: { [first!.lineNo]: 0.333, [second!.lineNo]: 0 },
    });
    expect(part.postedNo).toBeDefined();
    await sync();
    const partly = await order(id);
    expect(partly.status).toBe('OPEN');
    expect(partly.completedAt).toBeNull();
    expect(partly.lines.map((l) => [l.quantityShipped, l.quantityInvoiced, l.outstandingQuantity])).toEqual([
      ['0.333', '0.333', '1'],
      ['0', '0', '0.5'],
    ]);
    expect(partly.invoices).toHaveLength(1);
    expect(partly.invoices[0]).toMatchObject({ number: part.postedNo, orderNumber: no, salesOrder: { id } });
    // 0.333 × 12.3456 less 2.5 % = 4.01 (NAV rounds the line), plus 20 % VAT.
    expect(new Decimal(partly.invoices[0]!.total).eq('4.81')).toBe(true);
    expect(new Decimal((await inventory())!.quantityOnHand).eq(before.minus('0.333'))).toBe(true);

    // The rest: NAV posts what is outstanding and deletes the fully invoiced order.
    const rest = await admin('/post-sales-order', { no });
    await sync();
    expect(await navOrder('LB-SO-7001')).toBeUndefined();
    const done = await order(id);
    expect(done.status).toBe('INVOICED');
    expect(done.completedAt).not.toBeNull();
    expect(done.lines.map((l) => [l.quantityShipped, l.quantityInvoiced, l.outstandingQuantity])).toEqual([
      ['1.333', '1.333', '0'],
      ['0.5', '0.5', '0'],
    ]);
    expect(done.invoices.map((i) => i.number)).toEqual([part.postedNo, rest.postedNo]);
    expect(done.invoices.every((i) => i.salesOrder?.id === id && i.payments.length === 0)).toBe(true);
    expect(new Decimal((await inventory())!.quantityOnHand).eq(before.minus('1.833'))).toBe(true);

    // Reading again changes nothing and costs what listing NAV's open orders costs: a completed
    // order is not asked for again.
    const calls = async () =>
      ((await (await fetch(`${env.sandboxes.nav.url}/__sandbox/calls`)).json()) as { total: number }).total;
    const start = await calls();
    for await (const page of env.nav.list('salesOrder')) expect(page.records.length).toBeGreaterThan(0);
    const listing = (await calls()) - start;
    const again = await env.engine.pullSalesOrders('NAV', { full: true });
    expect(again.applied).toBe(0);
    expect((await calls()) - start - listing).toBe(listing);
  });

  it('cancels an order deleted in NAV with nothing invoiced, and takes in orders entered there', async () => {
    const id = await createOrder('LB-SO-7002', [
      { itemId, quantity: '0.333', unitPrice: '1.2345', taxCode: 'VAT20' },
    ]);
    const no = (await navOrder('LB-SO-7002'))!.No;
    const deleted = await env.nav$('DELETE', `/SalesOrder(Document_Type='Order',No='${no}')`, undefined, {
      'If-Match': '*',
    });
    expect(deleted.status).toBe(204);
    await sync();
    const gone = await order(id);
    expect(gone).toMatchObject({ status: 'CANCELLED', invoices: [] });
    expect(gone.completedAt).not.toBeNull();

    const entered = (await (await env.nav$('GET', '/SalesOrder')).json()) as {
      value: { No: string; Status: string }[];
    };
    expect(entered.value.length).toBeGreaterThan(0);
    for (const o of entered.value) {
      const found = await gql<{ salesOrder: { status: string; lines: unknown[] } | null }>(
        `query($no: String!) { salesOrder(navNumber: $no) { status lines { lineNo } } }`,
        { no: o.No },
      );
      expect(found.salesOrder?.status).toBe(o.Status === 'Released' ? 'RELEASED' : 'OPEN');
    }
  });
});
