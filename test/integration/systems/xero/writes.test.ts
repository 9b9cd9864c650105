// Batch writes against the Xero sandbox: per-record results, batches of 50, idempotency keys,
// version conflicts, and no duplicate after a dropped connection on a committed create.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DocumentDraft, PartyDraft, WriteRequest } from '../../../../src/systems/system.js';
import { Decimal } from '../../../../src/domain/money.js';
import { collect, startEnv, type Env } from './support.js';

function invoice(number: string, partyNo: string, accountCode = '200'): DocumentDraft {
  return {
    number,
    party: { number: partyNo },
    status: 'AUTHORISED',
    issueDate: '2026-11-02',
    dueDate: '2026-12-02',
    currency: 'GBP',
    currencyRate: null,
    lineAmountType: 'EXCLUSIVE',
    reference: `ref ${number}`,
    externalDocumentNumber: null,
    subTotal: new Decimal(0),
    totalTax: new Decimal(0),
    total: new Decimal(0),
    amountPaid: new Decimal(0),
    amountDue: new Decimal(0),
    lines: [
      {
        lineNo: 1,
        item: null,
        description: 'Consulting',
        quantity: new Decimal('1.5'),
        unitPrice: new Decimal('80.10'),
        discountPercent: new Decimal(0),
        accountCode,
        taxCode: null,
        taxAmount: new Decimal(0),
        lineAmount: new Decimal(0),
        dimensions: {},
      },
    ],
  };
}

function party(number: string, name: string): PartyDraft {
  return {
    number,
    name,
    email: `${number.toLowerCase()}@example.com`,
    phone: '020 7946 0000',
    taxNumber: null,
    currency: 'GBP',
    status: 'ACTIVE',
    paymentTerms: '30 DAYS',
    address: { line1: '1 Test Street', city: 'Leeds', postalCode: 'LS1 1AA', country: 'GB' },
  };
}

describe('Xero connector: writes', () => {
  let env: Env;
  let customerNo: string;
  let salesAccount: string;
  beforeAll(async () => {
    env = await startEnv();
    customerNo = env.company.customers.find((c) => c.presence.xero && !c.archived)?.no ?? '';
    salesAccount =
      env.company.accounts.find((a) => a.accountClass === 'REVENUE' && a.xeroCode)?.xeroCode ?? '200';
  });
  afterAll(async () => {
    await env?.close();
  });
  beforeEach(async () => {
    await env.admin('DELETE', '/faults');
    await env.resetCalls();
  });

  it('writes 120 invoices in batches of 50 with per-record results for mixed valid/invalid elements', async () => {
    const requests: WriteRequest<'invoice'>[] = Array.from({ length: 120 }, (_, i) => ({
      idempotencyKey: `inv-${i}:v1`,
      data: invoice(`BATCH-${String(i).padStart(4, '0')}`, customerNo, i % 10 === 3 ? '9999' : salesAccount),
    }));
    const results = await env.connector().writeMany('invoice', requests);
    expect(results).toHaveLength(120);
    expect((await env.calls())['POST /Invoices']).toBe(3);
    results.forEach((r, i) => {
      if (i % 10 === 3) {
        expect(r.ok).toBe(false);
        if (!r.ok) {
          expect(r.error.kind).toBe('validation');
          expect(r.error.details.fieldErrors?.[0]?.message).toMatch(/9999/);
        }
      } else {
        expect(r.ok).toBe(true);
        if (r.ok) {
          expect(r.created).toBe(true);
          expect(r.record.externalNumber).toBe(`BATCH-${String(i).padStart(4, '0')}`);
          expect(r.record.data.subTotal.toFixed(2)).toBe('120.15');
        }
      }
    });
  });

  it('reads 4-decimal unit prices back as written: list, getMany and deltas ask for unitdp=4 too', async () => {
    const since = new Date(Date.now() - 1000);
    const draft = invoice('UNITDP-0001', customerNo, salesAccount);
    const line = { ...draft.lines[0]!, quantity: new Decimal('0.333'), unitPrice: new Decimal('33.3333') };
    const [written] = await env
      .connector()
      .writeMany('invoice', [{ idempotencyKey: 'unitdp-1:v1', data: { ...draft, lines: [line] } }]);
    if (!written?.ok) throw new Error(`not written: ${JSON.stringify(written)}`);
    expect(written.record.data.lines[0]?.unitPrice.toFixed(4)).toBe('33.3333');
    const id = written.record.externalId;
    const byId = (await env.connector().getMany('invoice', [id])).get(id);
    expect(byId?.data.lines[0]?.unitPrice.toFixed(4)).toBe('33.3333');
    const delta = await collect(env.connector().list('invoice', { modifiedSince: since }));
    const listed = delta.records.find((r) => r.externalId === id);
    expect(listed?.data.lines[0]?.unitPrice.toFixed(4)).toBe('33.3333');
    // Nothing read back differs from what was written, so no read can be taken for a change.
    expect(listed?.version).toBe(written.record.version);
    expect(listed?.data.total.toFixed(2)).toBe(written.record.data.total.toFixed(2));
  });

  it('sends the same Idempotency-Key for the same records and versions (a replay creates nothing)', async () => {
    const requests: WriteRequest<'customer'>[] = [
      { idempotencyKey: 'cust-A:v1', data: party('CIDEM1', 'Idempotent One Ltd') },
      { idempotencyKey: 'cust-B:v1', data: party('CIDEM2', 'Idempotent Two Ltd') },
    ];
    const first = await env.connector().writeMany('customer', requests);
    const second = await env.connector().writeMany('customer', requests);
    expect(first.map((r) => r.ok && r.record.externalId)).toEqual(
      second.map((r) => r.ok && r.record.externalId),
    );
    const all = await collect(env.connector().reconcile('customer'));
    // The new contacts have no sales yet, so they are not customers: look them up by number instead.
    expect(all.records.filter((r) => r.externalNumber === 'CIDEM1')).toHaveLength(0);
    const found = await env.connector().getMany(
      'customer',
      first.flatMap((r) => (r.ok ? [r.record.externalId] : [])),
    );
    expect([...found.values()].map((r) => r.data.name).sort()).toEqual([
      'Idempotent One Ltd',
      'Idempotent Two Ltd',
    ]);
  });

  it('a duplicate contact name is a conflict; an update from a stale version is a conflict', async () => {
    const taken = env.company.customers.find((c) => c.presence.xero && !c.archived)?.name ?? '';
    const [dup] = await env
      .connector()
      .writeMany('customer', [{ idempotencyKey: 'dup:v1', data: party('CDUP1', taken) }]);
    expect(dup?.ok).toBe(false);
    if (dup && !dup.ok) expect(dup.error.kind).toBe('conflict');

    const [created] = await env
      .connector()
      .writeMany('customer', [{ idempotencyKey: 'ver:v1', data: party('CVER1', 'Versioned Ltd') }]);
    if (!created?.ok) throw new Error('create failed');
    const id = created.record.externalId;
    const [ok] = await env.connector().writeMany('customer', [
      {
        externalId: id,
        version: created.record.version,
        idempotencyKey: 'ver:v2',
        data: { ...created.record.data, email: 'new@example.com' },
      },
    ]);
    expect(ok?.ok).toBe(true);
    const [stale] = await env.connector().writeMany('customer', [
      {
        externalId: id,
        version: created.record.version,
        idempotencyKey: 'ver:v3',
        data: created.record.data,
      },
    ]);
    expect(stale?.ok).toBe(false);
    if (stale && !stale.ok) expect(stale.error.kind).toBe('conflict');
  });

  it('an invoice not editable in its status is a conflict', async () => {
    const [created] = await env.connector().writeMany('invoice', [
      {
        idempotencyKey: 'void:v1',
        data: { ...invoice('VOIDME-1', customerNo, salesAccount), status: 'AUTHORISED' },
      },
    ]);
    if (!created?.ok) throw new Error('create failed');
    const [voided] = await env.connector().writeMany('invoice', [
      {
        externalId: created.record.externalId,
        version: created.record.version,
        idempotencyKey: 'void:v2',
        data: { ...created.record.data, status: 'VOIDED' },
      },
    ]);
    expect(voided?.ok).toBe(true);
    if (!voided?.ok) return;
    expect(voided.record.active).toBe(false);
    const [again] = await env.connector().writeMany('invoice', [
      {
        externalId: created.record.externalId,
        version: voided.record.version,
        idempotencyKey: 'void:v3',
        data: { ...voided.record.data, status: 'DRAFT' },
      },
    ]);
    expect(again?.ok).toBe(false);
    if (again && !again.ok) expect(again.error.kind).toBe('conflict');
  });

  it('a create flagged outcomeUnknown by the sync engine is looked up first, never duplicated', async () => {
    const req = { idempotencyKey: 'unsure:v1', data: invoice('UNSURE-1', customerNo, salesAccount) };
    const [first] = await env.connector().writeMany('invoice', [req]);
    expect(first?.ok).toBe(true);
    await env.resetCalls();
    // E.g. a process died after sending: a new process retries with a new key.
    const [retry] = await env
      .connector()
      .writeMany('invoice', [{ ...req, idempotencyKey: 'unsure:v1:retry', outcomeUnknown: true }]);
    expect(retry?.ok && retry.record.externalId).toBe(first?.ok && first.record.externalId);
    expect((await env.calls())['POST /Invoices']).toBeUndefined();
  });

  it('after a dropped connection on a committed create, the retry leaves exactly one record', async () => {
    await env.admin('POST', '/faults', {
      kind: 'drop-after-commit',
      method: 'POST',
      path: '/Invoices',
      count: 1,
    });
    const [result] = await env
      .connector()
      .writeMany('invoice', [
        { idempotencyKey: 'drop:v1', data: invoice('DROP-0001', customerNo, salesAccount) },
      ]);
    expect(result?.ok).toBe(true);
    const calls = await env.calls();
    expect(calls['POST /Invoices']).toBe(1); // found by InvoiceNumber: nothing sent again
    const all = await collect(env.connector().list('invoice'));
    expect(all.records.filter((r) => r.externalNumber === 'DROP-0001')).toHaveLength(1);

    // Bills are found by Reference (our number); a drop there is resolved the same way.
    const vendorNo = env.company.vendors.find((v) => v.presence.xero && !v.archived)?.no ?? '';
    const purchase =
      env.company.accounts.find((a) => a.accountClass === 'EXPENSE' && a.xeroCode)?.xeroCode ?? '300';
    await env.admin('POST', '/faults', {
      kind: 'drop-after-commit',
      method: 'POST',
      path: '/Invoices',
      count: 1,
    });
    const bill = {
      ...invoice('PI-DROP-1', vendorNo, purchase),
      vendorInvoiceNumber: 'SUP-991',
      reference: null,
    };
    const [billResult] = await env
      .connector()
      .writeMany('bill', [{ idempotencyKey: 'bdrop:v1', data: bill }]);
    expect(billResult?.ok).toBe(true);
    const again = await env.connector().writeMany('bill', [{ idempotencyKey: 'bdrop:v1', data: bill }]);
    expect(again[0]?.ok).toBe(true);
    const bills = await collect(env.connector().list('bill'));
    expect(bills.records.filter((r) => r.externalNumber === 'PI-DROP-1')).toHaveLength(1);
  });
});
