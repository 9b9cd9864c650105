// Posting a sales order in parts, as NAV does: each posting invoices the lines' Qty. to Ship, the
// posted invoice carries the order's number, stock leaves, and the order is deleted only once
// every line is fully invoiced.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from './helpers.js';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ now: () => Date.UTC(2024, 3, 1, 12) });
});
afterAll(() => sb.close());

type Rows = { value: Record<string, unknown>[] };

describe('posting a sales order in parts', () => {
  it('ships and invoices what is to ship, keeps the order until all is invoiced', async () => {
    const items = await sb.json<Rows>(`${sb.nav}/Item?$filter=Type eq 'Inventory'&$top=1`);
    const item = items.body.value[0]!;
    const before = Number(item.Inventory);
    const order = await sb.json<Record<string, unknown>>(`${sb.nav}/SalesOrder`, {
      method: 'POST',
      body: { Sell_to_Customer_No: 'C00010' },
    });
    const no = order.body.No as string;
    const linesUrl = `${sb.nav}/SalesOrder(Document_Type='Order',No='${no}')/SalesOrderSalesLines`;
    await sb.json(linesUrl, {
      method: 'POST',
      body: { Line_No: 10000, Type: 'Item', No: item.No, Quantity: 1.333, Unit_Price: 12.3456 },
    });
    const first = await sb.admin('/post-sales-order', { no, quantities: { 10000: 0.333 } });
    const lines = await sb.json<Rows>(linesUrl);
    expect(lines.body.value[0]).toMatchObject({
      Quantity: 1.333,
      Quantity_Shipped: 0.333,
      Quantity_Invoiced: 0.333,
      Outstanding_Quantity: 1,
      Qty_to_Ship: 1,
    });
    const posted = await sb.json<Rows>(
      `${sb.nav}/PostedSalesInvoices?$filter=No eq '${(first as { postedNo: string }).postedNo}'`,
    );
    expect(posted.body.value[0]).toMatchObject({ Order_No: no });
    const tooMuch = await sb.json<{ error: { code: string } }>(
      `${linesUrl}(Document_Type='Order',Document_No='${no}',Line_No=10000)`,
      { method: 'PATCH', body: { Qty_to_Ship: 2 }, headers: { 'If-Match': '*' } },
    );
    expect(tooMuch.body.error.code).toBe('Application_FieldValidationException');

    await sb.admin('/post-sales-order', { no });
    const gone = await sb.json<Rows>(`${sb.nav}/SalesOrder?$filter=No eq '${no}'`);
    expect(gone.body.value).toEqual([]);
    const after = await sb.json<Rows>(`${sb.nav}/Item?$filter=No eq '${item.No as string}'`);
    expect(Number(after.body.value[0]!.Inventory)).toBeCloseTo(before - 1.333, 6);
    const bc = await sb.json<Rows>(`${sb.bc}/salesInvoices?$filter=orderNumber eq '${no}'`);
    expect(bc.body.value).toHaveLength(2);
  });
});
