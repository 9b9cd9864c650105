// Payment writes against the Xero sandbox over real HTTP: PUT /Payments in batches of ≤ 50 with
// per-element results, conflicts for documents that take no payment, bills paid by our number,
// deletes, no duplicate after a dropped answer or a retry with an unknown outcome, and the polling
// reads (list with modifiedSince, getMany). Every body sent is checked against Xero's spec.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DocumentDraft, PaymentDraft, RemoteRef, WriteRequest } from '../../../../src/systems/system.js';
import type { XeroConnector } from '../../../../src/systems/xero/index.js';
import { Decimal } from '../../../../src/domain/money.js';
import { collect, startEnv, type Env } from './support.js';
import {
  recordedConnector,
  spec,
  specProblems,
  startRecorder,
  type Recorded,
  type Recorder,
} from './wire-recorder.js';

function document(number: string, partyNo: string, accountCode: string, unitPrice = '100.00'): DocumentDraft {
  return {
    number,
    party: { number: partyNo },
    status: 'AUTHORISED',
    issueDate: '2026-11-02',
    dueDate: '2026-12-02',
    currency: 'GBP',
    currencyRate: null,
    lineAmountType: 'NO_TAX',
    reference: null,
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
        description: 'Services',
        quantity: new Decimal(1),
        unitPrice: new Decimal(unitPrice),
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

describe('Xero connector: payment writes', () => {
  let env: Env;
  let recorder: Recorder;
  let connector: XeroConnector;
  let customerNo: string;
  let vendorNo: string;
  let salesAccount: string;
  let purchaseAccount: string;
  let bank: string;
  const allWrites: Recorded[] = [];

  const payment = (doc: RemoteRef, amount: string, extra: Partial<PaymentDraft> = {}): PaymentDraft => ({
    direction: 'RECEIVED',
    status: 'AUTHORISED',
    paymentDate: '2026-11-10',
    amount: new Decimal(amount),
    currency: 'GBP',
    reference: null,
    accountCode: bank,
    party: null,
    document: doc,
    ...extra,
  });

  /** Creates AUTHORISED sales invoices (total 100.00 each unless priced otherwise) and returns their ids. */
  async function invoices(prefix: string, count: number, unitPrice = '100.00'): Promise<string[]> {
    const results = await env.connector().writeMany(
      'invoice',
      Array.from({ length: count }, (_, i) => ({
        idempotencyKey: `${prefix}-${i}`,
        data: document(`${prefix}-${String(i).padStart(3, '0')}`, customerNo, salesAccount, unitPrice),
      })),
    );
    return results.map((r) => {
      if (!r.ok) throw new Error(`invoice not created: ${r.error.message}`);
      return r.record.externalId;
    });
  }

  async function paymentsOn(invoiceId: string) {
    const all = await collect(env.connector().list('payment'));
    return all.records.filter((p) => p.data.document.externalId === invoiceId && p.active);
  }

  beforeAll(async () => {
    env = await startEnv();
    recorder = await startRecorder(env.sandbox.url);
    connector = recordedConnector(env, recorder);
    customerNo = env.company.customers.find((c) => c.presence.xero && !c.archived)?.no ?? '';
    vendorNo = env.company.vendors.find((v) => v.presence.xero && !v.archived)?.no ?? '';
    salesAccount =
      env.company.accounts.find((a) => a.accountClass === 'REVENUE' && a.xeroCode)?.xeroCode ?? '200';
    purchaseAccount =
      env.company.accounts.find((a) => a.accountClass === 'EXPENSE' && a.xeroCode)?.xeroCode ?? '300';
    bank = env.company.accounts.find((a) => a.isBank)?.xeroCode ?? '090';
  });
  afterAll(async () => {
    await recorder?.close();
    await env?.close();
  });
  beforeEach(async () => {
    allWrites.push(...recorder.writes());
    recorder.clear();
    await env.admin('DELETE', '/faults');
    await env.resetCalls();
  });

  it('creates 52 payments in two PUT /Payments calls; the one over the amount due fails alone', async () => {
    const ids = await invoices('PAYB', 52);
    await env.resetCalls();
    const requests: WriteRequest<'payment'>[] = ids.map((id, i) => ({
      idempotencyKey: `payb-${i}:v1`,
      data: payment({ externalId: id }, i === 7 ? '100.01' : '40.00', { reference: `BACS ${i}` }),
    }));
    const results = await connector.writeMany('payment', requests);
    expect(await env.calls()).toEqual({ 'PUT /Payments': 2 });
    expect(recorder.writes().map((w) => (w.body as { Payments: unknown[] }).Payments.length)).toEqual([
      50, 2,
    ]);
    expect(recorder.writes().every((w) => w.path.includes('summarizeErrors=false'))).toBe(true);
    results.forEach((r, i) => {
      if (i === 7) {
        expect(r.ok).toBe(false);
        if (!r.ok) {
          expect(r.error.kind).toBe('validation');
          expect(r.error.message).toMatch(/exceeds the amount outstanding/);
        }
        return;
      }
      expect(r.ok, `payment ${i}`).toBe(true);
      if (!r.ok) return;
      expect(r.created).toBe(true);
      expect(r.record.active).toBe(true);
      expect(r.record.data).toMatchObject({
        direction: 'RECEIVED',
        status: 'AUTHORISED',
        paymentDate: '2026-11-10',
        reference: `BACS ${i}`,
        accountCode: bank,
        currency: 'GBP',
        document: { externalId: ids[i] },
      });
      expect(r.record.data.amount.toFixed(2)).toBe('40.00');
    });
    const invoiceAfter = await env.connector().getMany('invoice', [ids[0] as string, ids[7] as string]);
    expect(invoiceAfter.get((ids[0] as string).toLowerCase())?.data.amountDue.toFixed(2)).toBe('60.00');
    expect(invoiceAfter.get((ids[7] as string).toLowerCase())?.data.amountDue.toFixed(2)).toBe('100.00');
  });

  it('pays a sales invoice by its number, and a bill by our number (its Reference)', async () => {
    await invoices('PAYNO', 1);
    const bill = await env.connector().writeMany('bill', [
      {
        idempotencyKey: 'paybill-bill',
        data: { ...document('PI-PAY-1', vendorNo, purchaseAccount), vendorInvoiceNumber: 'SUP-1' },
      },
    ]);
    if (!bill[0]?.ok) throw new Error('bill not created');
    await env.resetCalls();
    const [byNumber, billPaid] = await connector.writeMany('payment', [
      { idempotencyKey: 'payno-1', data: payment({ number: 'PAYNO-000' }, '25.50') },
      { idempotencyKey: 'paybill-1', data: payment({ number: 'PI-PAY-1' }, '100.00', { direction: 'MADE' }) },
    ]);
    expect(byNumber?.ok && byNumber.record.data.document.number).toBe('PAYNO-000');
    expect(billPaid?.ok).toBe(true);
    if (!billPaid?.ok) return;
    expect(billPaid.record.data.direction).toBe('MADE');
    expect(billPaid.record.data.document.externalId).toBe(bill[0].record.externalId);
    // One look-up for the bill by Reference, one PUT for both payments.
    expect(await env.calls()).toEqual({ 'GET /Invoices': 1, 'PUT /Payments': 1 });
    const [paidBill] = [...(await env.connector().getMany('bill', [bill[0].record.externalId])).values()];
    expect(paidBill?.data.status).toBe('PAID');

    const [unknownBill] = await connector.writeMany('payment', [
      { idempotencyKey: 'paybill-2', data: payment({ number: 'PI-NOPE' }, '1.00', { direction: 'MADE' }) },
    ]);
    expect(unknownBill?.ok === false && unknownBill.error.kind).toBe('validation');
  });

  it('a payment on a paid or voided invoice is a conflict; a bad draft fails before anything is sent', async () => {
    const [paid, voided] = await invoices('PAYC', 2);
    const [full] = await connector.writeMany('payment', [
      { idempotencyKey: 'payc-full', data: payment({ externalId: paid }, '100.00') },
    ]);
    expect(full?.ok).toBe(true);
    const [current] = [...(await env.connector().getMany('invoice', [voided as string])).values()];
    const [voiding] = await env.connector().writeMany('invoice', [
      {
        externalId: voided,
        version: current?.version,
        idempotencyKey: 'payc-void',
        data: { ...(current?.data as DocumentDraft), status: 'VOIDED' },
      },
    ]);
    expect(voiding?.ok).toBe(true);
    await env.resetCalls();
    const results = await connector.writeMany('payment', [
      { idempotencyKey: 'payc-1', data: payment({ externalId: paid }, '1.00') },
      { idempotencyKey: 'payc-2', data: payment({ externalId: voided }, '1.00') },
      { idempotencyKey: 'payc-3', data: payment({ externalId: paid }, '1.005') },
      { idempotencyKey: 'payc-4', data: payment({ externalId: paid }, '1.00', { accountCode: null }) },
      { idempotencyKey: 'payc-5', data: payment({ externalId: paid }, '1.00', { status: 'DELETED' }) },
    ]);
    expect(results.map((r) => !r.ok && r.error.kind)).toEqual([
      'conflict',
      'conflict',
      'validation',
      'validation',
      'validation',
    ]);
    if (!results[0]?.ok) expect(results[0]?.error.message).toMatch(/Authorised documents/);
    if (!results[2]?.ok) expect(results[2]?.error.details.fieldErrors?.[0]?.field).toBe('amount');
    expect((recorder.writes().at(-1)?.body as { Payments: unknown[] }).Payments).toHaveLength(2);
    expect(await env.calls()).toEqual({ 'PUT /Payments': 1 });
  });

  it('deletes a payment by id (Status DELETED), and a second delete or an unchanged replay sends nothing', async () => {
    const [id] = await invoices('PAYD', 1);
    const draft = payment({ externalId: id }, '30.00', { reference: 'to delete' });
    const [created] = await connector.writeMany('payment', [{ idempotencyKey: 'payd-1', data: draft }]);
    if (!created?.ok) throw new Error('payment not created');
    const paymentId = created.record.externalId;
    await env.resetCalls();

    const [unchanged] = await connector.writeMany('payment', [
      { externalId: paymentId, version: created.record.version, idempotencyKey: 'payd-1b', data: draft },
    ]);
    expect(unchanged?.ok && unchanged.created).toBe(false);
    const [changed] = await connector.writeMany('payment', [
      {
        externalId: paymentId,
        idempotencyKey: 'payd-1c',
        data: { ...draft, amount: new Decimal('31.00') },
      },
    ]);
    expect(changed?.ok === false && changed.error.details.code).toBe('PaymentImmutable');
    expect(await env.calls()).toEqual({ 'GET /Payments': 2 });

    await env.resetCalls();
    const [deleted] = await connector.writeMany('payment', [
      {
        externalId: paymentId,
        version: created.record.version,
        idempotencyKey: 'payd-2',
        data: { ...draft, status: 'DELETED' },
      },
    ]);
    expect(deleted?.ok).toBe(true);
    if (!deleted?.ok) return;
    expect(deleted.record.active).toBe(false);
    expect(deleted.record.data.status).toBe('DELETED');
    expect(await env.calls()).toEqual({ 'GET /Payments': 1, 'POST /Payments/{id}': 1 });
    expect(recorder.writes().at(-1)?.body).toEqual({ Status: 'DELETED' });
    const [invoice] = [...(await env.connector().getMany('invoice', [id as string])).values()];
    expect(invoice?.data.amountDue.toFixed(2)).toBe('100.00');

    await env.resetCalls();
    const [again] = await connector.writeMany('payment', [
      { externalId: paymentId, idempotencyKey: 'payd-3', data: { ...draft, status: 'DELETED' } },
    ]);
    expect(again?.ok && again.record.active).toBe(false);
    expect(await env.calls()).toEqual({ 'GET /Payments': 1 });
  });

  it('after a dropped answer on a committed PUT, the payment is found, not created twice', async () => {
    const [id] = await invoices('PAYDROP', 1);
    await env.resetCalls();
    await env.admin('POST', '/faults', {
      kind: 'drop-after-commit',
      method: 'PUT',
      path: '/Payments',
      count: 1,
    });
    const [result] = await connector.writeMany('payment', [
      { idempotencyKey: 'paydrop-1', data: payment({ externalId: id }, '10.00', { reference: 'drop' }) },
    ]);
    expect(result?.ok).toBe(true);
    if (result?.ok) expect(result.created).toBe(false);
    expect(await env.calls()).toEqual({ 'PUT /Payments': 1, 'GET /Payments': 1 });
    expect(await paymentsOn(id as string)).toHaveLength(1);
  });

  it('a retry flagged outcomeUnknown (the first attempt died unanswered) yields exactly one payment', async () => {
    const [id] = await invoices('PAYUNK', 1);
    const draft = payment({ externalId: id }, '12.34', { reference: 'INV PAYUNK-000' });
    // The answer is dropped after the commit and the connector's own look-up fails too: the outcome
    // stays unknown for the caller.
    await env.admin('POST', '/faults', {
      kind: 'drop-after-commit',
      method: 'PUT',
      path: '/Payments',
      count: 1,
    });
    await env.admin('POST', '/faults', {
      kind: 'status',
      status: 503,
      method: 'GET',
      path: '/Payments',
      count: 1,
    });
    const [first] = await connector.writeMany('payment', [{ idempotencyKey: 'payunk-1', data: draft }]);
    expect(first?.ok === false && first.error.kind).toBe('unknown-outcome');
    await env.admin('DELETE', '/faults');
    await env.resetCalls();

    // The retry (a new process: a new connector and, once Xero forgot the key, another key).
    const [retry] = await recordedConnector(env, recorder).writeMany('payment', [
      { idempotencyKey: 'payunk-1:retry', data: draft, outcomeUnknown: true },
    ]);
    expect(retry?.ok).toBe(true);
    if (!retry?.ok) return;
    expect(retry.created).toBe(false);
    expect(retry.record.data.amount.toFixed(2)).toBe('12.34');
    expect(await env.calls()).toEqual({ 'GET /Payments': 1 });
    expect(await paymentsOn(id as string)).toHaveLength(1);

    // Two identical payments on one invoice: the look-up adopts the one that exists, and creates one more.
    await env.resetCalls();
    const both = await connector.writeMany('payment', [
      { idempotencyKey: 'payunk-2', data: draft, outcomeUnknown: true },
      { idempotencyKey: 'payunk-3', data: draft, outcomeUnknown: true },
    ]);
    expect(both.map((r) => r.ok && r.created)).toEqual([false, true]);
    expect(await env.calls()).toEqual({ 'GET /Payments': 1, 'PUT /Payments': 1 });
    expect(await paymentsOn(id as string)).toHaveLength(2);
  });

  it('an equal payment the caller says is another record’s is never adopted: the instalment is created', async () => {
    const [id] = await invoices('PAYSIB', 1);
    const draft = payment({ externalId: id }, '7.00', { reference: 'INSTALMENT' });
    const [first] = await connector.writeMany('payment', [{ idempotencyKey: 'paysib-1', data: draft }]);
    if (!first?.ok) throw new Error('the first instalment was not created');
    await env.resetCalls();
    // Same invoice, amount, date and reference: only the caller knows the first is linked already.
    const linkedElsewhere = [first.record.externalId.toUpperCase()];
    const [second] = await connector.writeMany('payment', [
      { idempotencyKey: 'paysib-2', data: draft, outcomeUnknown: true, linkedElsewhere },
    ]);
    expect(second?.ok && second.created).toBe(true);
    if (!second?.ok) return;
    expect(second.record.externalId).not.toBe(first.record.externalId);
    expect(await env.calls()).toEqual({ 'GET /Payments': 1, 'PUT /Payments': 1 });
    // Its retry finds it, and still not the first.
    const [again] = await connector.writeMany('payment', [
      { idempotencyKey: 'paysib-2:retry', data: draft, outcomeUnknown: true, linkedElsewhere },
    ]);
    expect(again?.ok && !again.created && again.record.externalId).toBe(second.record.externalId);
    expect(await paymentsOn(id as string)).toHaveLength(2);
  });

  it("the same request again within Xero's idempotency window is replayed, not created again", async () => {
    const [id] = await invoices('PAYIDEM', 1);
    const req = { idempotencyKey: 'payidem-1', data: payment({ externalId: id }, '5.00') };
    const [a] = await connector.writeMany('payment', [req]);
    const [b] = await connector.writeMany('payment', [req]);
    expect(a?.ok && b?.ok && a.record.externalId === b.record.externalId).toBe(true);
    const keys = recorder.writes().map((w) => w.headers['idempotency-key']);
    expect(keys[0]).toBeTruthy();
    expect(keys[0]).toBe(keys[1]);
    expect(await paymentsOn(id as string)).toHaveLength(1);
  });

  it('lists payments changed since a time (deleted ones included) and reads them 50 ids to a call', async () => {
    const since = new Date(Date.now() - 1000);
    const ids = await invoices('PAYLIST', 3);
    const created = await connector.writeMany(
      'payment',
      ids.map((id, i) => ({ idempotencyKey: `paylist-${i}`, data: payment({ externalId: id }, '9.00') })),
    );
    const paymentIds = created.map((r) => (r.ok ? r.record.externalId : ''));
    await connector.writeMany('payment', [
      {
        externalId: paymentIds[0],
        idempotencyKey: 'paylist-del',
        data: payment({ externalId: ids[0] }, '9.00', { status: 'DELETED' }),
      },
    ]);
    await env.resetCalls();
    const delta = await collect(env.connector().list('payment', { modifiedSince: since }));
    expect(await env.calls()).toEqual({ 'GET /Payments': 1 });
    const seen = new Map(delta.records.map((r) => [r.externalId, r]));
    for (const id of paymentIds) expect(seen.has(id)).toBe(true);
    expect(seen.get(paymentIds[0] as string)?.active).toBe(false);
    const old = await collect(
      env.connector().list('payment', { modifiedSince: new Date(Date.now() + 60_000) }),
    );
    expect(old.records).toHaveLength(0);

    await env.resetCalls();
    const found = await env.connector().getMany('payment', paymentIds);
    expect([...found.keys()].sort()).toEqual(paymentIds.map((id) => id.toLowerCase()).sort());
    expect(await env.calls()).toEqual({ 'GET /Payments': 1 });
  });

  it('reads 50 payments by id in as few calls as fit a request line of 2,048 characters', async () => {
    const [id] = await invoices('PAYMANY', 1);
    const [made] = await connector.writeMany('payment', [
      { idempotencyKey: 'paymany-1', data: payment({ externalId: id }, '3.00') },
    ]);
    const real = made?.ok ? made.record.externalId : '';
    const ids = [real, ...Array.from({ length: 49 }, () => randomUUID())];
    recorder.clear();
    const found = await connector.getMany('payment', ids);
    expect([...found.keys()]).toEqual([real.toLowerCase()]);
    const reads = recorder.calls.filter((c) => c.method === 'GET');
    // 50 ORed PaymentID terms would be about 3,500 characters: split, but no further than needed.
    expect(reads.length).toBe(3);
    for (const r of reads) expect(`/api.xro/2.0${r.path}`.length).toBeLessThanOrEqual(2048);
  });

  it.skipIf(!spec)(
    "sends only what Xero's OpenAPI spec declares, with an Idempotency-Key on every write",
    () => {
      allWrites.push(...recorder.writes());
      recorder.clear();
      const ops = new Set(
        allWrites.map((w) => `${w.method} ${w.path.split('?')[0]?.replace(/[0-9a-f-]{36}/i, '{id}')}`),
      );
      expect(ops).toEqual(new Set(['PUT /Payments', 'POST /Payments/{id}']));
      expect(specProblems(allWrites)).toEqual([]);
    },
  );
});
