// Reading a sales order back after NAV posted part of it, in both dialects: each line's shipped,
// invoiced and outstanding quantities (NAV's SalesOrderSalesLines; BC's salesOrderLines), the
// posted invoice naming its order (Order_No; orderNumber) and the item's stock gone down.
import { Decimal } from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentDraft, LineDraft, RemoteRecord } from '../../../../src/systems/system.js';
import type { NavConnector } from '../../../../src/systems/nav/index.js';
import type { RunningNavSandbox } from '@ledgerbridge/sandbox/nav/index.js';
import { connect, sandboxAdmin, startSandbox } from './harness.js';

let sandbox: RunningNavSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => sandbox.close());

async function all<E extends 'customer' | 'item' | 'invoice'>(c: NavConnector, entity: E) {
  const out: RemoteRecord<E>[] = [];
  for await (const page of c.list(entity)) out.push(...page.records);
  return out;
}

function line(lineNo: number, item: string, quantity: string, price: string): LineDraft {
  const zero = new Decimal(0);
  return {
    lineNo,
    item: { number: item },
    description: null,
    quantity: new Decimal(quantity),
    unitPrice: new Decimal(price),
    discountPercent: new Decimal('2.5'),
    accountCode: null,
    taxCode: null,
    taxAmount: zero,
    lineAmount: new Decimal(quantity).times(price).times('0.975').toDecimalPlaces(2),
    dimensions: {},
  };
}

describe.each(['nav-odata-v4', 'bc-api-v2'] as const)('%s sales order progress', (dialect) => {
  it('reads shipped, invoiced and outstanding per line, the invoice naming its order, and stock', async () => {
    await sandboxAdmin.reset(sandbox);
    const c = await connect(sandbox, dialect);
    const customer = (await all(c, 'customer')).find((x) => x.data.status === 'ACTIVE')!;
    const item = (await all(c, 'item')).find((x) => x.data.type === 'INVENTORY' && !x.data.blocked)!;
    expect(item.data.inventory).toBeInstanceOf(Decimal);
    const zero = new Decimal(0);
    const order: DocumentDraft = {
      number: '',
      party: { number: customer.data.number ?? '' },
      status: 'DRAFT',
      issueDate: '2024-04-01',
      dueDate: '2024-05-01',
      currency: 'GBP',
      currencyRate: null,
      lineAmountType: 'EXCLUSIVE',
      reference: null,
      externalDocumentNumber: `SO-TRACK-${dialect}`,
      subTotal: zero,
      totalTax: zero,
      total: zero,
      amountPaid: zero,
      amountDue: zero,
      lines: [
        line(10000, item.data.number, '1.333', '12.3456'),
        line(20000, item.data.number, '0.5', '7.0001'),
      ],
    };
    const [written] = await c.writeMany('salesOrder', [{ data: order, idempotencyKey: `track:${dialect}` }]);
    if (!written?.ok) throw written?.error ?? new Error('no result');
    const no = written.record.externalNumber!;
    await sandboxAdmin.postSalesOrder(sandbox, no, { 10000: 0.333, 20000: 0 });

    const back = (await c.getMany('salesOrder', [written.record.externalId])).get(written.record.externalId)!;
    expect(
      back.data.lines.map((l) => [
        l.quantityShipped?.toFixed(),
        l.quantityInvoiced?.toFixed(),
        l.outstandingQuantity?.toFixed(),
      ]),
    ).toEqual([
      ['0.333', '0.333', '1'],
      ['0', '0', '0.5'],
    ]);
    const invoices = (await all(c, 'invoice')).filter((i) => i.data.orderNumber === no);
    expect(invoices).toHaveLength(1);
    expect(invoices[0]!.data.lines.map((l) => l.quantity.toFixed())).toEqual(['0.333']);
    const after = (await c.getMany('item', [item.externalId])).get(item.externalId)!;
    expect(after.data.inventory!.eq(item.data.inventory!.minus('0.333'))).toBe(true);
  });
});
