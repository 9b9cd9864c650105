// Document writes against the NAV/BC sandbox over real HTTP: bills (purchase invoices) created
// and posted, sales orders created and updated under their etag, invoice lines updated in place;
// retries after dropped connections find the earlier document instead of writing a second one.
import { Decimal } from 'decimal.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DocumentDraft, LineDraft, RemoteRecord } from '../../../../src/systems/system.js';
import type { NavConnector } from '../../../../src/systems/nav/index.js';
import type { RunningNavSandbox } from '@ledgerbridge/sandbox/nav/index.js';
import { baseUrl, callCount, connect, rawRequest, sandboxAdmin, startSandbox } from './harness.js';

let sandbox: RunningNavSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => sandbox.close());
beforeEach(async () => {
  await sandboxAdmin.reset(sandbox);
  await sandboxAdmin.clearFaults(sandbox);
  await sandboxAdmin.resetCalls(sandbox);
});

const dialects = ['nav-odata-v4', 'bc-api-v2'] as const;
type Dialect = (typeof dialects)[number];

async function all<E extends 'customer' | 'vendor' | 'item'>(c: NavConnector, entity: E) {
  const out: RemoteRecord<E>[] = [];
  for await (const page of c.list(entity)) out.push(...page.records);
  return out;
}

function line(
  lineNo: number,
  item: string,
  quantity: string,
  price: string,
  description: string | null,
): LineDraft {
  return {
    lineNo,
    item: { number: item },
    description,
    quantity: new Decimal(quantity),
    unitPrice: new Decimal(price),
    discountPercent: new Decimal(0),
    accountCode: null,
    taxCode: null,
    taxAmount: new Decimal(0),
    lineAmount: new Decimal(quantity).times(price),
    dimensions: {},
  };
}

async function parties(c: NavConnector) {
  const customer = (await all(c, 'customer')).find((x) => x.data.status === 'ACTIVE')!;
  const vendor = (await all(c, 'vendor')).find((x) => x.data.status === 'ACTIVE')!;
  const items = (await all(c, 'item')).filter((x) => !x.data.blocked);
  return { customer, vendor, item: items[0]!.data.number, item2: items[1]!.data.number };
}

function document(
  party: { number: string | null },
  status: DocumentDraft['status'],
  lines: LineDraft[],
  extra: Partial<DocumentDraft> = {},
): DocumentDraft {
  const zero = new Decimal(0);
  return {
    number: '',
    party: { number: party.number ?? '' },
    status,
    issueDate: '2026-10-15',
    dueDate: '2026-11-14',
    currency: 'GBP',
    currencyRate: null,
    lineAmountType: 'EXCLUSIVE',
    reference: null,
    externalDocumentNumber: null,
    subTotal: zero,
    totalTax: zero,
    total: zero,
    amountPaid: zero,
    amountDue: zero,
    lines,
    ...extra,
  };
}

function companyUrl(dialect: Dialect): string {
  return dialect === 'nav-odata-v4'
    ? `${baseUrl(sandbox, dialect)}/Company('${encodeURIComponent(sandbox.companyName)}')`
    : `${baseUrl(sandbox, dialect)}/companies(${sandbox.companyId})`;
}

async function rows(dialect: Dialect, set: string, filter: string): Promise<Record<string, unknown>[]> {
  const res = await rawRequest(`${companyUrl(dialect)}/${set}?$filter=${encodeURIComponent(filter)}`, 'GET');
  expect(res.status).toBe(200);
  return (res.json as { value: Record<string, unknown>[] }).value;
}

/** Unposted and posted bills carrying this vendor invoice No. */
async function billsWith(dialect: Dialect, vendorInvoiceNo: string) {
  if (dialect === 'nav-odata-v4') {
    return {
      unposted: await rows(dialect, 'PurchaseInvoice', `Vendor_Invoice_No eq '${vendorInvoiceNo}'`),
      posted: await rows(dialect, 'PostedPurchaseInvoices', `Vendor_Invoice_No eq '${vendorInvoiceNo}'`),
    };
  }
  const found = await rows(dialect, 'purchaseInvoices', `vendorInvoiceNumber eq '${vendorInvoiceNo}'`);
  return {
    unposted: found.filter((r) => r.status === 'Draft'),
    posted: found.filter((r) => r.status !== 'Draft'),
  };
}

const setName = (dialect: Dialect, nav: string, bc: string) => (dialect === 'nav-odata-v4' ? nav : bc);

describe.each(dialects)('%s bills', (dialect) => {
  it('a bill written AUTHORISED is created and posted; the retry after a dropped connection finds it', async () => {
    const c = await connect(sandbox, dialect);
    const { vendor, item, item2 } = await parties(c);
    const bill = document(
      vendor.data,
      'AUTHORISED',
      [line(10000, item, '4', '12.50', 'Parts'), line(20000, item2, '1', '99.99', null)],
      {
        vendorInvoiceNumber: `VI-${dialect}-1`,
      },
    );
    const path = setName(dialect, '/PurchaseInvoice', '/purchaseInvoices');
    await sandboxAdmin.fault(sandbox, { kind: 'drop-after-commit', method: 'POST', path, count: 1 });
    const [r] = await c.writeMany('bill', [{ data: bill, idempotencyKey: 'bill:1:v1' }]);
    if (!r?.ok) throw r?.error ?? new Error('no result');
    expect(r.created).toBe(true);
    expect(r.record.data.status).toBe('POSTED');
    expect(r.record.data.vendorInvoiceNumber).toBe(`VI-${dialect}-1`);
    expect(r.record.data.party.number).toBe(vendor.data.number);
    expect(r.record.data.subTotal.toFixed(2)).toBe('149.99');
    // The vendor's payment terms would have set another due date: ours is what the bill says.
    expect(r.record.data.dueDate).toBe('2026-11-14');
    expect(r.record.data.lines).toHaveLength(2);
    expect(await billsWith(dialect, `VI-${dialect}-1`)).toMatchObject({ unposted: [], posted: [{}] });

    // The sync engine retries the job (its earlier attempt's outcome unknown): still one bill.
    const [again] = await c.writeMany('bill', [
      { data: bill, idempotencyKey: 'bill:1:v1', outcomeUnknown: true },
    ]);
    expect(again?.ok && again.record.externalId).toBe(r.record.externalId);
    expect((await billsWith(dialect, `VI-${dialect}-1`)).posted).toHaveLength(1);
  });

  it('a connection dropped while posting: the bill is found posted, never posted twice', async () => {
    const c = await connect(sandbox, dialect);
    const { vendor, item } = await parties(c);
    const bill = document(vendor.data, 'POSTED', [line(10000, item, '2', '10', 'Parts')], {
      externalDocumentNumber: `VI-${dialect}-2`,
    });
    const action = setName(dialect, 'NAV.Post', 'Microsoft.NAV.post');
    await sandboxAdmin.fault(sandbox, { kind: 'drop-after-commit', method: 'POST', path: action, count: 1 });
    const [r] = await c.writeMany('bill', [{ data: bill, idempotencyKey: 'bill:2:v1' }]);
    if (!r?.ok) throw r?.error ?? new Error('no result');
    expect(r.record.data.status).toBe('POSTED');
    // Without a vendor's number, our External Document No. becomes the Vendor Invoice No.
    expect(r.record.data.vendorInvoiceNumber).toBe(`VI-${dialect}-2`);
    expect(await billsWith(dialect, `VI-${dialect}-2`)).toMatchObject({ unposted: [], posted: [{}] });
    const label =
      dialect === 'nav-odata-v4'
        ? 'POST NAV PurchaseInvoice/NAV.Post'
        : 'POST BC purchaseInvoices/Microsoft.NAV.post';
    expect(await callCount(sandbox, label)).toBe(1);
  });

  it('a DRAFT bill stays unposted until post(), which is safe to repeat; posted bills are immutable', async () => {
    const c = await connect(sandbox, dialect);
    const { vendor, item } = await parties(c);
    const bill = document(vendor.data, 'DRAFT', [line(10000, item, '3', '7.25', 'Parts')], {
      vendorInvoiceNumber: `VI-${dialect}-3`,
    });
    const [r] = await c.writeMany('bill', [{ data: bill, idempotencyKey: 'bill:3:v1' }]);
    if (!r?.ok) throw r?.error ?? new Error('no result');
    expect(r.record.data.status).toBe('DRAFT');
    const posted = await c.post('bill', r.record.externalId);
    expect(posted.data.status).toBe('POSTED');
    expect(posted.data.total.eq(r.record.data.total)).toBe(true);
    const twice = await c.post('bill', r.record.externalId);
    expect(twice.externalId).toBe(posted.externalId);
    expect((await billsWith(dialect, `VI-${dialect}-3`)).posted).toHaveLength(1);

    const [changed] = await c.writeMany('bill', [
      {
        externalId: posted.externalId,
        version: posted.version,
        data: { ...bill, lines: [line(10000, item, '30', '7.25', 'Parts')] },
        idempotencyKey: 'bill:3:v2',
      },
    ]);
    expect(changed?.ok).toBe(false);
    if (changed?.ok !== false) return;
    expect(changed.error.kind).toBe('conflict');
    expect(changed.error.details.code).toBe('NotEditable');
  });

  it('a line the system refuses leaves no bill behind', async () => {
    const c = await connect(sandbox, dialect);
    const { vendor, item } = await parties(c);
    const bill = document(
      vendor.data,
      'AUTHORISED',
      [line(10000, item, '1', '5', 'Fine'), line(20000, 'NO-SUCH-ITEM', '1', '5', 'Bad')],
      {
        vendorInvoiceNumber: `VI-${dialect}-4`,
      },
    );
    const [r] = await c.writeMany('bill', [{ data: bill, idempotencyKey: 'bill:4:v1' }]);
    expect(r?.ok).toBe(false);
    if (r?.ok !== false) return;
    expect(r.error.kind).toBe('validation');
    expect(await billsWith(dialect, `VI-${dialect}-4`)).toEqual({ unposted: [], posted: [] });
  });
});

/** Sales orders with this External Document No. */
async function ordersWith(dialect: Dialect, ext: string) {
  return rows(
    dialect,
    setName(dialect, 'SalesOrder', 'salesOrders'),
    `${setName(dialect, 'External_Document_No', 'externalDocumentNumber')} eq '${ext}'`,
  );
}

describe.each(dialects)('%s sales orders', (dialect) => {
  it('creates an order once, even when the connection drops after NAV committed it', async () => {
    const c = await connect(sandbox, dialect);
    const { customer, item, item2 } = await parties(c);
    const order = document(
      customer.data,
      'DRAFT',
      [line(10000, item, '2', '15', 'Widgets'), line(20000, item2, '1', '40', null)],
      {
        externalDocumentNumber: `SO-${dialect}-1`,
      },
    );
    const path = setName(dialect, '/SalesOrder', '/salesOrders');
    await sandboxAdmin.fault(sandbox, { kind: 'drop-after-commit', method: 'POST', path, count: 1 });
    const [r] = await c.writeMany('salesOrder', [{ data: order, idempotencyKey: 'so:1:v1' }]);
    if (!r?.ok) throw r?.error ?? new Error('no result');
    expect(r.created).toBe(true);
    expect(r.record.data.status).toBe('DRAFT');
    expect(r.record.data.externalDocumentNumber).toBe(`SO-${dialect}-1`);
    expect(r.record.data.lines.map((l) => l.quantity.toFixed())).toEqual(['2', '1']);
    expect(r.record.data.subTotal.toFixed(2)).toBe('70.00');
    const [again] = await c.writeMany('salesOrder', [
      { data: order, idempotencyKey: 'so:1:v1', outcomeUnknown: true },
    ]);
    expect(again?.ok && again.record.externalId).toBe(r.record.externalId);
    expect(await ordersWith(dialect, `SO-${dialect}-1`)).toHaveLength(1);
  });

  it('updates header and lines under the etag it read; a stale etag is a conflict and nothing is overwritten', async () => {
    const c = await connect(sandbox, dialect);
    const { customer, item, item2 } = await parties(c);
    const order = document(
      customer.data,
      'DRAFT',
      [line(10000, item, '2', '15', 'Widgets'), line(20000, item2, '1', '40', 'Gadget')],
      {
        externalDocumentNumber: `SO-${dialect}-2`,
      },
    );
    const [created] = await c.writeMany('salesOrder', [{ data: order, idempotencyKey: 'so:2:v1' }]);
    if (!created?.ok) throw created?.error ?? new Error('no result');
    const v1 = created.record;
    const [updated] = await c.writeMany('salesOrder', [
      {
        externalId: v1.externalId,
        version: v1.version,
        data: {
          ...order,
          issueDate: '2026-10-20',
          lines: [line(10000, item, '5', '15', 'Widgets'), line(30000, item2, '2', '40', 'Gadgets')],
        },
        idempotencyKey: 'so:2:v2',
      },
    ]);
    if (!updated?.ok) throw updated?.error ?? new Error('no result');
    expect(updated.created).toBe(false);
    expect(updated.record.externalId).toBe(v1.externalId);
    expect(updated.record.version).not.toBe(v1.version);
    expect(updated.record.data.issueDate).toBe('2026-10-20');
    expect(updated.record.data.lines.map((l) => [l.lineNo, l.quantity.toFixed()])).toEqual([
      [10000, '5'],
      [30000, '2'],
    ]);

    // A NAV user edits the order; our next change still carries the version we saw before.
    const url =
      dialect === 'nav-odata-v4'
        ? `${companyUrl(dialect)}/SalesOrder(Document_Type='Order',No='${updated.record.externalNumber}')`
        : `${companyUrl(dialect)}/salesOrders(${updated.record.externalId})`;
    const patch = dialect === 'nav-odata-v4' ? { Posting_Date: '2026-10-25' } : { postingDate: '2026-10-25' };
    expect((await rawRequest(url, 'PATCH', patch, { 'if-match': '*' })).status).toBe(200);
    const [stale] = await c.writeMany('salesOrder', [
      {
        externalId: updated.record.externalId,
        version: updated.record.version,
        data: { ...order, lines: [line(10000, item, '9', '15', 'Widgets')] },
        idempotencyKey: 'so:2:v3',
      },
    ]);
    expect(stale?.ok).toBe(false);
    if (stale?.ok !== false) return;
    expect(stale.error.kind).toBe('conflict');
    const upstream = stale.error.details.upstream as RemoteRecord<'salesOrder'>;
    expect(upstream.data.lines.map((l) => l.quantity.toFixed())).toEqual(['5', '2']);
    const now = (await c.getMany('salesOrder', [updated.record.externalId])).get(updated.record.externalId);
    expect(now?.data.lines.map((l) => l.quantity.toFixed())).toEqual(['5', '2']);
  });

  it('a released order is not changed behind NAV: conflict', async () => {
    const c = await connect(sandbox, dialect);
    const { customer, item } = await parties(c);
    const order = document(customer.data, 'DRAFT', [line(10000, item, '1', '15', 'Widget')], {
      externalDocumentNumber: `SO-${dialect}-3`,
    });
    const [created] = await c.writeMany('salesOrder', [{ data: order, idempotencyKey: 'so:3:v1' }]);
    if (!created?.ok) throw created?.error ?? new Error('no result');
    const res = await fetch(`${sandbox.url}/__sandbox/release-sales-order`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ no: created.record.externalNumber }),
    });
    expect(res.ok).toBe(true);
    const [r] = await c.writeMany('salesOrder', [
      {
        externalId: created.record.externalId,
        data: { ...order, lines: [line(10000, item, '3', '15', 'Widget')] },
        idempotencyKey: 'so:3:v2',
      },
    ]);
    expect(r?.ok === false && r.error.kind).toBe('conflict');
    expect(r?.ok === false && r.error.details.code).toBe('NotEditable');
  });
});

describe.each(dialects)('%s invoice line updates', (dialect) => {
  it('PATCHes changed lines, POSTs new ones and DELETEs removed ones on an unposted invoice', async () => {
    const c = await connect(sandbox, dialect);
    const { customer, item, item2 } = await parties(c);
    const invoice = document(
      customer.data,
      'DRAFT',
      [line(10000, item, '3', '19.99', 'Widgets'), line(20000, item2, '1', '10', 'More')],
      {
        externalDocumentNumber: `INV-${dialect}-lines`,
      },
    );
    const [created] = await c.writeMany('invoice', [{ data: invoice, idempotencyKey: 'inv:lines:v1' }]);
    if (!created?.ok) throw created?.error ?? new Error('no result');
    await sandboxAdmin.resetCalls(sandbox);
    const lines = setName(dialect, 'SalesInvoice/SalesInvoiceSalesLines', 'salesInvoices/salesInvoiceLines');
    const [r] = await c.writeMany('invoice', [
      {
        externalId: created.record.externalId,
        version: created.record.version,
        data: {
          ...invoice,
          lines: [line(10000, item, '5', '19.99', 'Widgets'), line(30000, item2, '2', '12.5', 'Extra')],
        },
        idempotencyKey: 'inv:lines:v2',
      },
    ]);
    if (!r?.ok) throw r?.error ?? new Error('no result');
    expect(r.record.data.lines.map((l) => [l.lineNo, l.quantity.toFixed(), l.unitPrice.toFixed(2)])).toEqual([
      [10000, '5', '19.99'],
      [30000, '2', '12.50'],
    ]);
    expect(r.record.data.subTotal.toFixed(2)).toBe('124.95');
    const d = dialect === 'nav-odata-v4' ? 'NAV' : 'BC';
    expect(await callCount(sandbox, `PATCH ${d} ${lines}`)).toBe(1);
    expect(await callCount(sandbox, `POST ${d} ${lines}`)).toBe(1);
    expect(await callCount(sandbox, `DELETE ${d} ${lines}`)).toBe(1);
    // The header did not change: no header PATCH.
    expect(await callCount(sandbox, `PATCH ${d} ${setName(dialect, 'SalesInvoice', 'salesInvoices')}`)).toBe(
      0,
    );

    // Written again unchanged: nothing is sent but reads.
    await sandboxAdmin.resetCalls(sandbox);
    const [same] = await c.writeMany('invoice', [
      {
        externalId: r.record.externalId,
        version: r.record.version,
        data: {
          ...invoice,
          lines: [line(10000, item, '5', '19.99', 'Widgets'), line(30000, item2, '2', '12.5', 'Extra')],
        },
        idempotencyKey: 'inv:lines:v3',
      },
    ]);
    expect(same?.ok).toBe(true);
    const snap = await sandboxAdmin.calls(sandbox);
    const writes = Object.keys(snap.tenants[sandbox.companyName]?.byEndpoint ?? {}).filter(
      (k) => !k.startsWith('GET'),
    );
    expect(writes).toEqual([]);
  });

  it('a line changed by a NAV user since our read is a conflict; their change stays', async () => {
    const c = await connect(sandbox, dialect);
    const { customer, item } = await parties(c);
    const invoice = document(customer.data, 'DRAFT', [line(10000, item, '3', '19.99', 'Widgets')], {
      externalDocumentNumber: `INV-${dialect}-theirs`,
    });
    const [created] = await c.writeMany('invoice', [{ data: invoice, idempotencyKey: 'inv:theirs:v1' }]);
    if (!created?.ok) throw created?.error ?? new Error('no result');
    const rec = created.record;
    const lineUrl =
      dialect === 'nav-odata-v4'
        ? `${companyUrl(dialect)}/SalesInvoice(Document_Type='Invoice',No='${rec.externalNumber}')/SalesInvoiceSalesLines(Document_Type='Invoice',Document_No='${rec.externalNumber}',Line_No=10000)`
        : `${companyUrl(dialect)}/salesInvoices(${rec.externalId})/salesInvoiceLines(${(await rows(dialect, `salesInvoices(${rec.externalId})/salesInvoiceLines`, 'sequence eq 10000'))[0]!.id as string})`;
    const body = dialect === 'nav-odata-v4' ? { Quantity: 7 } : { quantity: 7 };
    expect((await rawRequest(lineUrl, 'PATCH', body, { 'if-match': '*' })).status).toBe(200);
    const [r] = await c.writeMany('invoice', [
      {
        externalId: rec.externalId,
        version: rec.version,
        data: { ...invoice, lines: [line(10000, item, '4', '19.99', 'Widgets')] },
        idempotencyKey: 'inv:theirs:v2',
      },
    ]);
    expect(r?.ok === false && r.error.kind).toBe('conflict');
    const now = (await c.getMany('invoice', [rec.externalId])).get(rec.externalId);
    expect(now?.data.lines[0]?.quantity.toFixed()).toBe('7');
  });
});
