// The NAV-specific admin API: "a user posted this in NAV", reset with demo data, the clock, and a
// sandbox seeded from the generated demo company.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoCompany } from '../../../src/demo/generate.js';
import { glCents, startSandbox, type Sandbox } from './helpers.js';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ now: () => Date.UTC(2024, 3, 1, 12) });
});
afterAll(() => sb.close());

describe('admin API', () => {
  it('posts a sales order as a NAV user would, with balanced G/L entries', async () => {
    const res = await sb.admin('/post-sales-order', { no: '101001' });
    expect(res).toMatchObject({ postedNo: '103003', amountIncludingVat: '359.99' });
    const gl = await sb.all(`${sb.nav}/GLEntry?$filter=Document_No eq '103003'`);
    expect(glCents(gl as never)).toEqual({ debit: 35999, credit: 35999, net: 0 });
    const bc = await sb.json<{ value: Record<string, unknown>[] }>(
      `${sb.bc}/salesInvoices?$filter=number eq '103003'`,
    );
    expect(bc.body.value[0]).toMatchObject({ orderNumber: '101001', status: 'Open' });
    const missing = await sb.admin('/post-sales-order', { no: '999' });
    expect(missing).toMatchObject({ error: { code: 'Internal_RecordNotFound' } });
  });

  it('posts open invoices, releases orders and moves the clock', async () => {
    expect(await sb.admin('/post-sales-invoice', { no: '102001' })).toMatchObject({ postedNo: '103004' });
    expect(await sb.admin('/clock')).toEqual({ now: '2024-04-01T12:00:00.000Z' });
    expect(await sb.admin('/clock', { advanceSeconds: 86400 })).toEqual({ now: '2024-04-02T12:00:00.000Z' });
    const order = await sb.json<Record<string, unknown>>(`${sb.nav}/SalesOrder`, {
      method: 'POST',
      body: { Sell_to_Customer_No: 'C00010' },
    });
    expect(order.body).toMatchObject({ Order_Date: '2024-04-02', Due_Date: '2024-05-02' });
    await sb.admin('/release-sales-order', { no: order.body.No });
    const bc = await sb.json<{ value: Record<string, unknown>[] }>(
      `${sb.bc}/salesOrders?$filter=number eq '${order.body.No as string}'`,
    );
    expect(bc.body.value[0]!.status).toBe('Open');
    const line = await sb.json<{ error: { code: string } }>(
      `${sb.nav}/SalesOrder(Document_Type='Order',No='${order.body.No as string}')/SalesOrderSalesLines`,
      {
        method: 'POST',
        body: { Type: 'Item', No: '1000', Quantity: 1 },
      },
    );
    expect(line.body.error.code).toBe('Application_FieldValidationException');
  });

  it('resets to the demo data', async () => {
    await sb.admin('/reset', {});
    const orders = await sb.json<{ value: Record<string, unknown>[] }>(`${sb.nav}/SalesOrder`);
    expect(orders.body.value.map((o) => o.No)).toEqual(['101001']);
  });
});

describe('a sandbox seeded from the generated demo company', () => {
  it('serves the NAV records of the demo company in both dialects', async () => {
    const company = generateDemoCompany();
    const demo = await startSandbox({ company });
    try {
      const navCustomers = company.customers.filter((c) => c.presence.nav);
      const count = await demo.call(`${demo.nav}/Customer/$count`);
      expect(Number(await count.text())).toBe(navCustomers.length);
      const bc = await demo.json<{ value: { number: string }[] }>(
        `${demo.bc}/customers?$select=number&$orderby=number`,
      );
      expect(bc.body.value.map((c) => c.number)).toEqual(navCustomers.map((c) => c.no).sort());
      const gl = await demo.all(`${demo.nav}/GLEntry`);
      const sums = glCents(gl as never);
      expect(sums.net).toBe(0);
      expect(sums.debit).toBe(sums.credit);
    } finally {
      await demo.close();
    }
  });
});
