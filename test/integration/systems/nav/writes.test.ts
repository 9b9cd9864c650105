// Writes against the NAV/BC sandbox: per-record results, etag conflicts, no duplicate after a
// dropped connection, posting and customer payments.
import { Decimal } from 'decimal.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DocumentDraft, PartyDraft, RemoteRecord } from '../../../../src/systems/system.js';
import { ConnectorError } from '../../../../src/systems/errors.js';
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

function party(name: string, number: string | null): PartyDraft {
  return {
    number,
    name,
    email: 'ap@example.test',
    phone: null,
    taxNumber: null,
    currency: 'GBP',
    status: 'ACTIVE',
    paymentTerms: null,
    address: { line1: '1 High Street', city: 'Leeds', country: 'GB' },
    creditLimit: new Decimal('2500.50'),
  };
}

async function firstOf<E extends 'customer' | 'item' | 'invoice'>(
  c: NavConnector,
  entity: E,
): Promise<RemoteRecord<E>> {
  for await (const page of c.list(entity)) if (page.records[0]) return page.records[0];
  throw new Error(`no ${entity}`);
}

async function invoiceDraft(c: NavConnector, ext: string): Promise<DocumentDraft> {
  const customer = await firstOf(c, 'customer');
  const item = await firstOf(c, 'item');
  return {
    number: '',
    party: { number: customer.data.number ?? '' },
    status: 'DRAFT',
    issueDate: '2026-10-15',
    dueDate: '2026-11-14',
    currency: 'GBP',
    currencyRate: null,
    lineAmountType: 'EXCLUSIVE',
    reference: null,
    externalDocumentNumber: ext,
    subTotal: new Decimal(0),
    totalTax: new Decimal(0),
    total: new Decimal(0),
    amountPaid: new Decimal(0),
    amountDue: new Decimal(0),
    lines: [
      {
        lineNo: 10000,
        item: { number: item.data.number },
        description: 'Widgets',
        quantity: new Decimal(3),
        unitPrice: new Decimal('19.99'),
        discountPercent: new Decimal(0),
        accountCode: null,
        taxCode: null,
        taxAmount: new Decimal(0),
        lineAmount: new Decimal('59.97'),
        dimensions: {},
      },
      {
        lineNo: 20000,
        item: { number: item.data.number },
        description: 'More widgets',
        quantity: new Decimal(1),
        unitPrice: new Decimal('10.00'),
        discountPercent: new Decimal(0),
        accountCode: null,
        taxCode: null,
        taxAmount: new Decimal(0),
        lineAmount: new Decimal('10.00'),
        dimensions: {},
      },
    ],
  };
}

async function invoicesWithExternalNo(dialect: (typeof dialects)[number], ext: string): Promise<unknown[]> {
  const root =
    dialect === 'nav-odata-v4'
      ? `${baseUrl(sandbox, dialect)}/Company('${encodeURIComponent(sandbox.companyName)}')/SalesInvoice?$filter=External_Document_No eq '${ext}'&$expand=SalesInvoiceSalesLines`
      : `${baseUrl(sandbox, dialect)}/companies(${sandbox.companyId})/salesInvoices?$filter=externalDocumentNumber eq '${ext}'&$expand=salesInvoiceLines`;
  const res = await rawRequest(root.replace(/ /g, '%20'), 'GET');
  return (res.json as { value: unknown[] }).value;
}

describe.each(dialects)('%s writes', (dialect) => {
  it('a batch with valid and invalid records gets one result per record', async () => {
    const c = await connect(sandbox, dialect);
    const existing = await firstOf(c, 'customer');
    const results = await c.writeMany('customer', [
      { data: party('Alpha Ltd', 'LB-A1'), idempotencyKey: 'k1' },
      { data: party('Duplicate number', existing.data.number), idempotencyKey: 'k2' },
      { data: party('Beta Ltd '.repeat(15), 'LB-B1'), idempotencyKey: 'k3' },
      { data: party('Gamma Ltd', 'LB-C1'), idempotencyKey: 'k4' },
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, false, false, true]);
    expect(results.map((r) => (r.ok ? 'ok' : r.error.kind))).toEqual(['ok', 'conflict', 'validation', 'ok']);
    const [a, dup, , g] = results;
    expect(a?.ok && a.created && a.record.data.name).toBe('Alpha Ltd');
    expect(a?.ok && a.record.data.creditLimit?.toFixed(2)).toBe('2500.50');
    expect(dup?.ok === false && dup.error.kind).toBe('conflict');
    expect(g?.ok && g.record.data.address?.city).toBe('Leeds');
  });

  it('a create the caller marks outcomeUnknown is looked up by its number first: no duplicate, no conflict', async () => {
    const c = await connect(sandbox, dialect);
    const [first] = await c.writeMany('customer', [
      { data: party('Delta Ltd', 'LB-D1'), idempotencyKey: 'd1' },
    ]);
    expect(first?.ok).toBe(true);
    await sandboxAdmin.resetCalls(sandbox);
    const [retry] = await c.writeMany('customer', [
      { data: party('Delta Ltd', 'LB-D1'), idempotencyKey: 'd1', outcomeUnknown: true },
    ]);
    expect(retry?.ok && retry.record.externalId).toBe(first?.ok && first.record.externalId);
    const label = dialect === 'nav-odata-v4' ? 'POST NAV Customer' : 'POST BC customers';
    expect(await callCount(sandbox, label)).toBe(0);
  });

  it('updates with the etag it read; a stale version is a conflict and nothing is overwritten', async () => {
    const c = await connect(sandbox, dialect);
    const before = await firstOf(c, 'customer');
    const ok = await c.writeMany('customer', [
      {
        externalId: before.externalId,
        version: before.version,
        data: { ...before.data, name: 'Renamed by us' },
        idempotencyKey: 'u1',
      },
    ]);
    expect(ok[0]?.ok).toBe(true);
    const v2 = ok[0]?.ok ? ok[0].record : before;
    expect(v2.version).not.toBe(before.version);

    // Another user changes it behind our back.
    const url =
      dialect === 'nav-odata-v4'
        ? `${baseUrl(sandbox, dialect)}/Company('${encodeURIComponent(sandbox.companyName)}')/Customer('${v2.externalId}')`
        : `${baseUrl(sandbox, dialect)}/companies(${sandbox.companyId})/customers(${v2.externalId})`;
    const field = dialect === 'nav-odata-v4' ? 'Name' : 'displayName';
    expect(
      (await rawRequest(url, 'PATCH', { [field]: 'Changed by a NAV user' }, { 'if-match': '*' })).status,
    ).toBe(200);

    const res = await c.writeMany('customer', [
      {
        externalId: v2.externalId,
        version: v2.version,
        data: { ...v2.data, name: 'Our stale change' },
        idempotencyKey: 'u2',
      },
    ]);
    const r = res[0]!;
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.kind).toBe('conflict');
    const upstream = r.error.details.upstream as RemoteRecord<'customer'>;
    expect(upstream.data.name).toBe('Changed by a NAV user');
    const now = await c.getMany('customer', [v2.externalId]);
    expect(now.get(v2.externalId)?.data.name).toBe('Changed by a NAV user');
  });

  it('a 409 Request_EntityChanged on the PATCH itself becomes a conflict with the current record', async () => {
    const c = await connect(sandbox, dialect);
    const before = await firstOf(c, 'customer');
    const url =
      dialect === 'nav-odata-v4'
        ? `${baseUrl(sandbox, dialect)}/Company('${encodeURIComponent(sandbox.companyName)}')/Customer('${before.externalId}')`
        : `${baseUrl(sandbox, dialect)}/companies(${sandbox.companyId})/customers(${before.externalId})`;
    const set = dialect === 'nav-odata-v4' ? 'Customer' : 'customers';
    const label = dialect === 'nav-odata-v4' ? 'PATCH NAV Customer' : 'PATCH BC customers';
    // Hold our PATCH at the server, change the record meanwhile, then let the PATCH through.
    await sandboxAdmin.fault(sandbox, { kind: 'latency', method: 'PATCH', path: set, ms: 400, count: 1 });
    const pending = c.writeMany('customer', [
      { externalId: before.externalId, data: { ...before.data, name: 'Ours' }, idempotencyKey: 'r1' },
    ]);
    while ((await callCount(sandbox, label)) === 0) await new Promise((r) => setTimeout(r, 10));
    const field = dialect === 'nav-odata-v4' ? 'Name' : 'displayName';
    expect((await rawRequest(url, 'PATCH', { [field]: 'Theirs' }, { 'if-match': '*' })).status).toBe(200);
    const [r] = await pending;
    expect(r?.ok).toBe(false);
    if (!r || r.ok) return;
    expect(r.error.kind).toBe('conflict');
    expect(r.error.details.code).toBe('Request_EntityChanged');
    expect((r.error.details.upstream as RemoteRecord<'customer'>).data.name).toBe('Theirs');
  });

  it('a dropped connection after a committed create is found by External Document No.: exactly one invoice', async () => {
    const c = await connect(sandbox, dialect);
    const ext = `LB-${dialect}-drop`;
    const draft = await invoiceDraft(c, ext);
    const set = dialect === 'nav-odata-v4' ? '/SalesInvoice' : '/salesInvoices';
    await sandboxAdmin.fault(sandbox, { kind: 'drop-after-commit', method: 'POST', path: set, count: 1 });
    const [r] = await c.writeMany('invoice', [{ data: draft, idempotencyKey: 'inv-drop-1' }]);
    expect(r?.ok).toBe(true);
    if (!r?.ok) return;
    expect(r.created).toBe(true);
    expect(r.record.data.lines).toHaveLength(2);
    expect(r.record.data.externalDocumentNumber).toBe(ext);
    expect(r.record.data.subTotal.toFixed(2)).toBe('69.97');
    const found = await invoicesWithExternalNo(dialect, ext);
    expect(found).toHaveLength(1);

    // The job is retried by the sync engine: still one invoice.
    const again = await c.writeMany('invoice', [{ data: draft, idempotencyKey: 'inv-drop-1' }]);
    expect(again[0]?.ok).toBe(true);
    expect(await invoicesWithExternalNo(dialect, ext)).toHaveLength(1);
  });

  it('posts an invoice and records a payment that closes it', async () => {
    const c = await connect(sandbox, dialect);
    const [r] = await c.writeMany('invoice', [
      { data: await invoiceDraft(c, `LB-${dialect}-pay`), idempotencyKey: 'inv-pay' },
    ]);
    if (!r?.ok) throw r?.error ?? new Error('no result');
    const posted = await c.post('invoice', r.record.externalId);
    expect(posted.data.status).toBe('POSTED');
    expect(posted.data.amountDue.eq(posted.data.total)).toBe(true);
    const payment = {
      direction: 'RECEIVED' as const,
      status: 'AUTHORISED' as const,
      paymentDate: '2026-10-20',
      amount: posted.data.total,
      currency: 'GBP',
      reference: 'Payment for widgets',
      accountCode: null,
      party: { number: posted.data.party.number },
      document: { number: posted.data.number, externalId: posted.externalId },
    };
    const paid = await c.recordPayment(payment, 'pay-1');
    expect(paid.created).toBe(true);
    if (dialect === 'bc-api-v2') {
      // Before posting, a repeat finds the journal line.
      const repeat = await c.recordPayment(payment, 'pay-1');
      expect(repeat).toMatchObject({ created: false, externalId: paid.externalId });
    }
    if (dialect === 'bc-api-v2') {
      // API v2.0 cannot post customer payment journals: a BC user posts them.
      expect(paid.posted).toBe(false);
      await sandboxAdmin.postJournal(sandbox, 'CASHRCPT', 'GENERAL');
    } else {
      expect(paid.posted).toBe(true);
    }
    const after = (await c.getMany('invoice', [posted.externalId])).get(posted.externalId)!;
    expect(after.data.status).toBe('PAID');
    expect(after.data.amountDue.isZero()).toBe(true);
    expect(after.data.amountPaid.eq(posted.data.total)).toBe(true);

    if (dialect === 'nav-odata-v4') {
      // Recording it again finds the posted payment (customer ledger entry) instead of paying twice.
      const repeat = await c.recordPayment(payment, 'pay-1');
      expect(repeat.created).toBe(false);
      expect(repeat.externalId).toBe(paid.externalId);
    }
  });
});

describe('invalid invoice lines leave nothing half-made in NAV', () => {
  it('removes the header when a line is refused', async () => {
    const c = await connect(sandbox, 'nav-odata-v4');
    const draft = await invoiceDraft(c, 'LB-bad-line');
    draft.lines[1]!.item = { number: 'NO-SUCH-ITEM' };
    const [r] = await c.writeMany('invoice', [{ data: draft, idempotencyKey: 'bad-line' }]);
    expect(r?.ok).toBe(false);
    if (!r || r.ok) return;
    expect(r.error.kind).toBe('validation');
    expect(await invoicesWithExternalNo('nav-odata-v4', 'LB-bad-line')).toHaveLength(0);
  });
});

describe('error is a ConnectorError', () => {
  it('is thrown by reads of an entity the dialect does not publish (BC: posted payments)', async () => {
    const c = await connect(sandbox, 'bc-api-v2');
    await expect(c.getMany('payment', ['x'])).rejects.toBeInstanceOf(ConnectorError);
  });
});
