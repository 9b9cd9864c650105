// Payments as a connector entity: NAV lists posted customer payments (customer ledger entries)
// with the invoice each was applied to, and writeMany('payment') records one through the cash
// receipt journal, idempotently. BC's API cannot search posted payments: an unverifiable retry is
// refused instead of paying twice.
import { Decimal } from 'decimal.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DocumentDraft, PaymentDraft, RemoteRecord } from '../../../../src/systems/system.js';
import type { NavConnector } from '../../../../src/systems/nav/index.js';
import type { RunningNavSandbox } from '@ledgerbridge/sandbox/nav/index.js';
import { baseUrl, connect, rawRequest, sandboxAdmin, startSandbox } from './harness.js';

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

async function all<E extends 'customer' | 'item' | 'payment'>(c: NavConnector, entity: E) {
  const out: RemoteRecord<E>[] = [];
  for await (const page of c.list(entity)) out.push(...page.records);
  return out;
}

/** A posted invoice for an active customer, total 69.97 + VAT. */
async function postedInvoice(c: NavConnector, ext: string): Promise<RemoteRecord<'invoice'>> {
  const customer = (await all(c, 'customer')).find((x) => x.data.status === 'ACTIVE')!;
  const item = (await all(c, 'item')).find((x) => !x.data.blocked)!;
  const zero = new Decimal(0);
  const draft: DocumentDraft = {
    number: '',
    party: { number: customer.data.number ?? '' },
    status: 'POSTED',
    issueDate: '2026-10-15',
    dueDate: '2026-11-14',
    currency: 'GBP',
    currencyRate: null,
    lineAmountType: 'EXCLUSIVE',
    reference: null,
    externalDocumentNumber: ext,
    subTotal: zero,
    totalTax: zero,
    total: zero,
    amountPaid: zero,
    amountDue: zero,
    lines: [
      {
        lineNo: 10000,
        item: { number: item.data.number },
        description: 'Widgets',
        quantity: new Decimal(3),
        unitPrice: new Decimal('23.99'),
        discountPercent: zero,
        accountCode: null,
        taxCode: null,
        taxAmount: zero,
        lineAmount: new Decimal('71.97'),
        dimensions: {},
      },
    ],
  };
  const [r] = await c.writeMany('invoice', [{ data: draft, idempotencyKey: `inv:${ext}` }]);
  if (!r?.ok) throw r?.error ?? new Error('no result');
  expect(r.record.data.status).toBe('POSTED');
  return r.record;
}

function paymentFor(invoice: RemoteRecord<'invoice'>, amount: Decimal, withParty = true): PaymentDraft {
  return {
    direction: 'RECEIVED',
    status: 'AUTHORISED',
    paymentDate: '2026-10-20',
    amount,
    currency: 'GBP',
    reference: 'Bank transfer',
    accountCode: null,
    party: withParty
      ? { number: invoice.data.party.number, externalId: invoice.data.party.externalId }
      : null,
    document: { number: invoice.data.number, externalId: invoice.externalId },
  };
}

describe('NAV payments', () => {
  it('lists posted customer payments with the invoice each was applied to', async () => {
    const c = await connect(sandbox, 'nav-odata-v4');
    const before = await all(c, 'payment');
    // The demo company has paid invoices; their payments name them.
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((p) => p.data.amount.isPositive())).toBe(true);
    // Customer payments keep their entry No. as id; vendor payments (their own series) are prefixed.
    const received = before.filter((p) => p.data.direction === 'RECEIVED');
    expect(received.every((p) => /^\d+$/.test(p.externalId))).toBe(true);
    const linked = received.filter((p) => p.data.document.number);
    expect(linked.length).toBeGreaterThan(0);
    const invoices = await c.getMany(
      'invoice',
      linked.slice(0, 20).map((p) => p.data.document.number!),
    );
    for (const p of linked.slice(0, 20)) {
      const invoice = invoices.get(p.data.document.number!);
      expect(invoice?.data.party.number).toBe(p.data.party?.number);
      expect(invoice?.data.amountPaid.isPositive()).toBe(true);
    }

    // An overpayment closes its invoice (the invoice entry is closed by the payment); a part
    // payment is used up by its invoice (the payment entry is closed by the invoice): both name it.
    const full = await postedInvoice(c, 'LB-PAY-FULL');
    const part = await postedInvoice(c, 'LB-PAY-PART');
    const results = await c.writeMany('payment', [
      { data: paymentFor(full, full.data.total.plus(5)), idempotencyKey: 'pay:full' },
      { data: paymentFor(part, new Decimal('20.00')), idempotencyKey: 'pay:part' },
    ]);
    const [fullPay, partPay] = results.map((r) => (r.ok ? r.record : null));
    const after = await all(c, 'payment');
    expect(after).toHaveLength(before.length + 2);
    const listed = (id: string | undefined) => after.find((p) => p.externalId === id);
    expect(listed(fullPay?.externalId)?.data.document.number).toBe(full.data.number);
    expect(listed(fullPay?.externalId)?.data.amount.eq(full.data.total.plus(5))).toBe(true);
    expect(listed(partPay?.externalId)?.data.document.number).toBe(part.data.number);
    expect(listed(partPay?.externalId)?.data.amount.toFixed(2)).toBe('20.00');
    const fresh = await c.getMany('invoice', [full.externalId, part.externalId]);
    expect(fresh.get(full.externalId)?.data.status).toBe('PAID');
    expect(fresh.get(part.externalId)?.data.amountPaid.toFixed(2)).toBe('20.00');
  });

  it('writeMany records a payment once: a repeat with the same key finds the posted entry', async () => {
    const c = await connect(sandbox, 'nav-odata-v4');
    const invoice = await postedInvoice(c, 'LB-PAY-ONCE');
    // No customer on the payment: NAV takes it from the invoice it pays.
    const payment = paymentFor(invoice, invoice.data.total, false);
    const [first] = await c.writeMany('payment', [{ data: payment, idempotencyKey: 'pay:once:v1' }]);
    if (!first?.ok) throw first?.error ?? new Error('no result');
    expect(first.created).toBe(true);
    expect(first.record.data.document.number).toBe(invoice.data.number);
    expect(first.record.data.party?.number).toBe(invoice.data.party.number);
    const got = await c.getMany('payment', [first.record.externalId]);
    expect(got.get(first.record.externalId)?.data.document.number).toBe(invoice.data.number);

    const [repeat] = await c.writeMany('payment', [
      { data: payment, idempotencyKey: 'pay:once:v1', outcomeUnknown: true },
    ]);
    expect(repeat?.ok && repeat.created).toBe(false);
    expect(repeat?.ok && repeat.record.externalId).toBe(first.record.externalId);
    const entries = await rawRequest(
      `${baseUrl(sandbox, 'nav-odata-v4')}/Company('${encodeURIComponent(sandbox.companyName)}')/CustLedgerEntries?$filter=${encodeURIComponent("External_Document_No eq 'pay:once:v1'")}`,
      'GET',
    );
    expect((entries.json as { value: unknown[] }).value).toHaveLength(1);
  });

  it('a linked payment is immutable: the same data is fine, a change is a conflict', async () => {
    const c = await connect(sandbox, 'nav-odata-v4');
    const invoice = await postedInvoice(c, 'LB-PAY-FIXED');
    const payment = paymentFor(invoice, new Decimal('30.00'));
    const [first] = await c.writeMany('payment', [{ data: payment, idempotencyKey: 'pay:fixed:v1' }]);
    if (!first?.ok) throw first?.error ?? new Error('no result');
    const update = { externalId: first.record.externalId, version: first.record.version };
    const [same] = await c.writeMany('payment', [
      { ...update, data: payment, idempotencyKey: 'pay:fixed:v2' },
    ]);
    expect(same?.ok && same.created).toBe(false);
    const [changed] = await c.writeMany('payment', [
      { ...update, data: { ...payment, amount: new Decimal('31.00') }, idempotencyKey: 'pay:fixed:v3' },
    ]);
    expect(changed?.ok === false && changed.error.kind).toBe('conflict');
    expect(changed?.ok === false && changed.error.details.code).toBe('NotEditable');
  });

  it('a vendor payment naming a sales invoice is refused as validation, not sent', async () => {
    const c = await connect(sandbox, 'nav-odata-v4');
    const invoice = await postedInvoice(c, 'LB-PAY-MADE');
    const [r] = await c.writeMany('payment', [
      { data: { ...paymentFor(invoice, new Decimal(1)), direction: 'MADE' }, idempotencyKey: 'pay:made' },
    ]);
    expect(r?.ok === false && r.error.kind).toBe('validation');
    expect(r?.ok === false && r.error.details.code).toBe('PaymentDocumentNotFound');
  });
});

describe('BC payments (API v2.0 cannot search posted payments)', () => {
  it('writes a journal line once; after a BC user posted it, an unverifiable retry is refused, not paid twice', async () => {
    const c = await connect(sandbox, 'bc-api-v2');
    expect(c.capabilities.entities).not.toContain('payment');
    expect(c.capabilities.writable).toContain('payment');
    const invoice = await postedInvoice(c, 'LB-BCPAY-1');
    const payment = paymentFor(invoice, invoice.data.total);
    // Not linked yet, so the engine says "look before paying": the untouched invoice proves it unpaid.
    const [first] = await c.writeMany('payment', [
      { data: payment, idempotencyKey: 'bcpay:1', outcomeUnknown: true },
    ]);
    if (!first?.ok) throw first?.error ?? new Error('no result');
    expect(first.created).toBe(true);
    // Still in the journal: a repeat finds the line.
    const [repeat] = await c.writeMany('payment', [
      { data: payment, idempotencyKey: 'bcpay:1', outcomeUnknown: true },
    ]);
    expect(repeat?.ok && repeat.created).toBe(false);
    expect(repeat?.ok && repeat.record.externalId).toBe(first.record.externalId);

    await sandboxAdmin.postJournal(sandbox, 'CASHRCPT', 'GENERAL');
    const [retry] = await c.writeMany('payment', [
      { data: payment, idempotencyKey: 'bcpay:1', outcomeUnknown: true },
    ]);
    expect(retry?.ok).toBe(false);
    if (retry?.ok !== false) return;
    expect(retry.error.kind).toBe('validation');
    expect(retry.error.details.code).toBe('PaymentOutcomeUnverifiable');
    expect(retry.error.message).toContain('bcpay:1');
    const paid = (await c.getMany('invoice', [invoice.externalId])).get(invoice.externalId);
    expect(paid?.data.status).toBe('PAID');
    expect(paid?.data.amountPaid.eq(invoice.data.total)).toBe(true);
  });

  it('a dropped connection while writing the line is found on the spot', async () => {
    const c = await connect(sandbox, 'bc-api-v2');
    const invoice = await postedInvoice(c, 'LB-BCPAY-2');
    await sandboxAdmin.fault(sandbox, {
      kind: 'drop-after-commit',
      method: 'POST',
      path: 'customerPayments',
      count: 1,
    });
    const [r] = await c.writeMany('payment', [
      { data: paymentFor(invoice, invoice.data.total), idempotencyKey: 'bcpay:2' },
    ]);
    expect(r?.ok && r.created).toBe(true);
    const lines = await rawRequest(
      `${baseUrl(sandbox, 'bc-api-v2')}/companies(${sandbox.companyId})/customerPaymentJournals?$expand=customerPayments`,
      'GET',
    );
    const all = (
      lines.json as { value: { customerPayments: { externalDocumentNumber: string }[] }[] }
    ).value.flatMap((j) => j.customerPayments);
    expect(all.filter((l) => l.externalDocumentNumber === 'bcpay:2')).toHaveLength(1);
  });
});
