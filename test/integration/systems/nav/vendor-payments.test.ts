// Vendor payments (MADE) against the NAV/BC sandbox over real HTTP. NAV: a payment journal line
// (debits the vendor, balanced by the bank account) posted and applied to the bill, read back from
// the vendor ledger with the bill it paid; retries after dropped connections find the payment by
// its External Document No. BC: a vendorPayments line, which only a BC user posts; a retry it
// cannot verify is refused rather than risk paying twice. Both: bad payments are typed errors.
import { Decimal } from 'decimal.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type {
  DocumentDraft,
  PaymentDraft,
  RemoteRecord,
  WriteResult,
} from '../../../../src/systems/system.js';
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

type Dialect = 'nav-odata-v4' | 'bc-api-v2';
const zero = new Decimal(0);

async function all<E extends 'vendor' | 'item' | 'payment'>(c: NavConnector, entity: E) {
  const out: RemoteRecord<E>[] = [];
  for await (const page of c.list(entity)) out.push(...page.records);
  return out;
}

function companyUrl(dialect: Dialect): string {
  return dialect === 'nav-odata-v4'
    ? `${baseUrl(sandbox, dialect)}/Company('${encodeURIComponent(sandbox.companyName)}')`
    : `${baseUrl(sandbox, dialect)}/companies(${sandbox.companyId})`;
}

/** Raw rows of a NAV page (or BC set), as another user would see them. */
async function rows(set: string, filter?: string, dialect: Dialect = 'nav-odata-v4') {
  const query = filter ? `?$filter=${encodeURIComponent(filter)}` : '';
  const res = await rawRequest(`${companyUrl(dialect)}/${set}${query}`, 'GET');
  expect(res.status).toBe(200);
  return (res.json as { value: Record<string, unknown>[] }).value;
}

/** A posted bill of an active vendor: 4 × 25.00 + VAT. */
async function postedBill(c: NavConnector, vendorInvoiceNo: string): Promise<RemoteRecord<'bill'>> {
  const vendor = (await all(c, 'vendor')).find((x) => x.data.status === 'ACTIVE')!;
  const item = (await all(c, 'item')).find((x) => !x.data.blocked)!;
  const draft: DocumentDraft = {
    number: '',
    party: { number: vendor.data.number ?? '' },
    status: 'POSTED',
    issueDate: '2026-10-15',
    dueDate: '2026-11-14',
    currency: 'GBP',
    currencyRate: null,
    lineAmountType: 'EXCLUSIVE',
    reference: null,
    externalDocumentNumber: null,
    vendorInvoiceNumber: vendorInvoiceNo,
    subTotal: zero,
    totalTax: zero,
    total: zero,
    amountPaid: zero,
    amountDue: zero,
    lines: [
      {
        lineNo: 10000,
        item: { number: item.data.number },
        description: 'Parts',
        quantity: new Decimal(4),
        unitPrice: new Decimal('25.00'),
        discountPercent: zero,
        accountCode: null,
        taxCode: null,
        taxAmount: zero,
        lineAmount: new Decimal('100.00'),
        dimensions: {},
      },
    ],
  };
  const [r] = await c.writeMany('bill', [{ data: draft, idempotencyKey: `bill:${vendorInvoiceNo}` }]);
  if (!r?.ok) throw r?.error ?? new Error('no result');
  expect(r.record.data.status).toBe('POSTED');
  expect(r.record.data.total.gte(100)).toBe(true);
  return r.record;
}

/** A payment of `amount` against the bill, naming neither vendor nor bank unless given. */
function payment(
  bill: RemoteRecord<'bill'>,
  amount: Decimal,
  extra: Partial<PaymentDraft> = {},
): PaymentDraft {
  return {
    direction: 'MADE',
    status: 'AUTHORISED',
    paymentDate: '2026-10-25',
    amount,
    currency: 'GBP',
    reference: 'Supplier run',
    accountCode: null,
    party: null,
    document: { number: bill.data.number, externalId: bill.externalId },
    ...extra,
  };
}

function ok(r: WriteResult<'payment'> | undefined): { created: boolean; record: RemoteRecord<'payment'> } {
  if (!r?.ok) throw r?.error ?? new Error('no result');
  return r;
}

function refused(r: WriteResult<'payment'> | undefined) {
  expect(r?.ok).toBe(false);
  if (r?.ok !== false) throw new Error('expected a refusal');
  return r.error;
}

/** What a posted bill still owes, as NAV's Posted Purchase Invoices page shows it. */
const remainingOf = async (billNo: string) =>
  (await rows('PostedPurchaseInvoices', `No eq '${billNo}'`))[0]!.Remaining_Amount as number;

describe('NAV vendor payments', () => {
  it('posts a payment journal line applied to the bill, reducing what it still owes; lists it back with its bill', async () => {
    const c = await connect(sandbox, 'nav-odata-v4');
    const before = await all(c, 'payment');
    // The demo company's NAV vendor payments are listed beside the customer ones, ids apart.
    const made = before.filter((p) => p.data.direction === 'MADE');
    const received = before.filter((p) => p.data.direction === 'RECEIVED');
    expect(made.length).toBeGreaterThan(0);
    expect(received.length).toBeGreaterThan(0);
    expect(made.every((p) => /^vendor:\d+$/.test(p.externalId))).toBe(true);
    expect(received.every((p) => /^\d+$/.test(p.externalId))).toBe(true);
    expect(made.some((p) => p.data.document.number)).toBe(true);

    const bill = await postedBill(c, 'VI-VP-1');
    const total = bill.data.total;
    expect(await remainingOf(bill.data.number)).toBe(total.toNumber());

    // A part payment through another G/L account than the batch's bank: accountCode balances it.
    const [first] = await c.writeMany('payment', [
      {
        data: payment(bill, new Decimal('40.00'), { accountCode: '9310' }),
        idempotencyKey: 'vpay:part:1',
      },
    ]);
    const part = ok(first);
    expect(part.created).toBe(true);
    expect(part.record.externalId).toMatch(/^vendor:\d+$/);
    expect(part.record.data).toMatchObject({
      direction: 'MADE',
      party: { number: bill.data.party.number },
      document: { number: bill.data.number },
    });
    expect(part.record.data.amount.toFixed(2)).toBe('40.00');
    expect(await remainingOf(bill.data.number)).toBe(total.minus(40).toNumber());

    const [entry] = await rows('VendorLedgerEntries', "External_Document_No eq 'vpay:part:1'");
    expect(entry).toMatchObject({ Document_Type: 'Payment', Vendor_No: bill.data.party.number, Amount: 40 });
    const gl = await rows('GLEntry', `Document_No eq '${entry!.Document_No as string}'`);
    expect(gl.find((g) => g.G_L_Account_No === '9310')).toMatchObject({ Credit_Amount: 40 });
    expect(gl.reduce((s, g) => s.plus(String(g.Amount)), zero).isZero()).toBe(true);

    // The rest closes the bill; both payments name it (one closed by it, one closing it).
    const rest = total.minus(40);
    const second = ok(
      (await c.writeMany('payment', [{ data: payment(bill, rest), idempotencyKey: 'vpay:rest:1' }]))[0],
    );
    expect(await remainingOf(bill.data.number)).toBe(0);
    const paid = (await c.getMany('bill', [bill.externalId])).get(bill.externalId);
    expect(paid?.data.status).toBe('PAID');

    const after = await all(c, 'payment');
    expect(after).toHaveLength(before.length + 2);
    for (const [id, amount] of [
      [part.record.externalId, '40.00'],
      [second.record.externalId, rest.toFixed(2)],
    ] as const) {
      const listed = after.find((p) => p.externalId === id);
      expect(listed?.data.document.number).toBe(bill.data.number);
      expect(listed?.data.amount.toFixed(2)).toBe(amount);
    }
    const got = await c.getMany('payment', [
      part.record.externalId,
      second.record.externalId,
      received[0]!.externalId,
    ]);
    expect([...got.keys()].sort()).toEqual(
      [part.record.externalId, second.record.externalId, received[0]!.externalId].sort(),
    );
    expect(got.get(part.record.externalId)?.data.document.number).toBe(bill.data.number);
    expect(got.get(received[0]!.externalId)?.data.direction).toBe('RECEIVED');
    // Nothing left waiting in the payment journal.
    expect(await rows('PaymentJournal')).toEqual([]);
  });

  it('a dropped connection while posting, then a retry from a restarted process: exactly one payment', async () => {
    const c = await connect(sandbox, 'nav-odata-v4');
    const bill = await postedBill(c, 'VI-VP-2');
    const data = payment(bill, bill.data.total);
    await sandboxAdmin.fault(sandbox, {
      kind: 'drop-after-commit',
      method: 'POST',
      path: 'NAV.Post',
      count: 1,
    });
    const first = ok((await c.writeMany('payment', [{ data, idempotencyKey: 'vpay:drop:1' }]))[0]);
    expect(first.created).toBe(true);

    // The engine did not hear back and retries in a fresh process: found, not paid again.
    const restarted = await connect(sandbox, 'nav-odata-v4');
    const retry = ok(
      (
        await restarted.writeMany('payment', [{ data, idempotencyKey: 'vpay:drop:1', outcomeUnknown: true }])
      )[0],
    );
    expect(retry.created).toBe(false);
    expect(retry.record.externalId).toBe(first.record.externalId);
    // A plain repeat with the same key, too.
    const repeat = ok((await c.writeMany('payment', [{ data, idempotencyKey: 'vpay:drop:1' }]))[0]);
    expect(repeat.created).toBe(false);
    expect(await rows('VendorLedgerEntries', "External_Document_No eq 'vpay:drop:1'")).toHaveLength(1);
    expect(await remainingOf(bill.data.number)).toBe(0);
  });

  it('a line written before a crash (never posted) is posted by the retry, not written twice', async () => {
    const c = await connect(sandbox, 'nav-odata-v4');
    const bill = await postedBill(c, 'VI-VP-3');
    // An earlier attempt wrote the line, then its process died before posting it.
    const written = await rawRequest(`${companyUrl('nav-odata-v4')}/PaymentJournal`, 'POST', {
      Posting_Date: '2026-10-25',
      Account_Type: 'Vendor',
      Account_No: bill.data.party.number,
      Amount: 10,
      Applies_to_Doc_Type: 'Invoice',
      Applies_to_Doc_No: bill.data.number,
      External_Document_No: 'vpay:crash:1',
    });
    expect(written.status).toBe(201);
    expect(await rows('PaymentJournal', "External_Document_No eq 'vpay:crash:1'")).toHaveLength(1);
    expect(await rows('VendorLedgerEntries', "External_Document_No eq 'vpay:crash:1'")).toHaveLength(0);

    const retry = ok(
      (
        await c.writeMany('payment', [
          { data: payment(bill, new Decimal('10.00')), idempotencyKey: 'vpay:crash:1', outcomeUnknown: true },
        ])
      )[0],
    );
    expect(retry.record.data.amount.toFixed(2)).toBe('10.00');
    expect(await rows('PaymentJournal')).toEqual([]);
    expect(await rows('VendorLedgerEntries', "External_Document_No eq 'vpay:crash:1'")).toHaveLength(1);
    expect(await remainingOf(bill.data.number)).toBe(bill.data.total.minus(10).toNumber());
  });

  it('refuses an overpayment, an unknown or unposted bill and another vendor as typed errors, writing nothing', async () => {
    const c = await connect(sandbox, 'nav-odata-v4');
    const bill = await postedBill(c, 'VI-VP-4');
    const vendors = (await all(c, 'vendor')).filter((v) => v.data.status === 'ACTIVE');
    const other = vendors.find((v) => v.data.number !== bill.data.party.number)!;
    const entriesBefore = (await rows('VendorLedgerEntries')).length;
    const draftBills = await rows('PurchaseInvoice');
    expect(draftBills.length).toBeGreaterThan(0);
    const results = await c.writeMany('payment', [
      { data: payment(bill, bill.data.total.plus('0.01')), idempotencyKey: 'vpay:over' },
      {
        data: payment(bill, new Decimal(5), { document: { number: '108999', externalId: '108999' } }),
        idempotencyKey: 'vpay:unknown',
      },
      {
        data: payment(bill, new Decimal(5), {
          document: {
            number: draftBills[0]!.No as string,
            externalId: `draft:${draftBills[0]!.No as string}`,
          },
        }),
        idempotencyKey: 'vpay:draft',
      },
      {
        data: payment(bill, new Decimal(5), { party: { number: other.data.number! } }),
        idempotencyKey: 'vpay:other',
      },
      { data: payment(bill, new Decimal(0)), idempotencyKey: 'vpay:zero' },
    ]);
    const codes = results.map((r) => {
      const e = refused(r);
      expect(e.kind).toBe('validation');
      return [e.details.code, e.details.fieldErrors?.[0]?.field];
    });
    expect(codes).toEqual([
      ['PaymentExceedsAmountDue', 'amount'],
      ['PaymentDocumentNotFound', 'document'],
      ['PaymentDocumentNotPosted', 'document'],
      ['PaymentPartyMismatch', 'party'],
      ['PaymentAmountInvalid', 'amount'],
    ]);
    expect(refused(results[0]).message).toContain(bill.data.total.toFixed(2));
    expect(await rows('PaymentJournal')).toEqual([]);
    expect(await rows('VendorLedgerEntries')).toHaveLength(entriesBefore);
    expect(await remainingOf(bill.data.number)).toBe(bill.data.total.toNumber());

    // A fully paid bill owes nothing more.
    ok(
      (
        await c.writeMany('payment', [{ data: payment(bill, bill.data.total), idempotencyKey: 'vpay:all' }])
      )[0],
    );
    const again = refused(
      (
        await c.writeMany('payment', [{ data: payment(bill, new Decimal(1)), idempotencyKey: 'vpay:more' }])
      )[0],
    );
    expect(again.details.code).toBe('PaymentExceedsAmountDue');
  });

  it('a linked vendor payment is immutable: the same data is fine, a change is a conflict', async () => {
    const c = await connect(sandbox, 'nav-odata-v4');
    const bill = await postedBill(c, 'VI-VP-5');
    const data = payment(bill, new Decimal('12.50'));
    const first = ok((await c.writeMany('payment', [{ data, idempotencyKey: 'vpay:fixed' }]))[0]);
    const link = { externalId: first.record.externalId, version: first.record.version };
    const same = ok((await c.writeMany('payment', [{ ...link, data, idempotencyKey: 'vpay:fixed:2' }]))[0]);
    expect(same.created).toBe(false);
    const changed = refused(
      (
        await c.writeMany('payment', [
          { ...link, data: { ...data, amount: new Decimal('13.00') }, idempotencyKey: 'vpay:fixed:3' },
        ])
      )[0],
    );
    expect(changed.kind).toBe('conflict');
    expect(changed.details.code).toBe('NotEditable');
  });

  it("payments: ['RECEIVED'] leaves vendor payments out: not listed, refused when written", async () => {
    const c = await connect(sandbox, 'nav-odata-v4', { payments: ['RECEIVED'] });
    const listed = await all(c, 'payment');
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every((p) => p.data.direction === 'RECEIVED')).toBe(true);
    const full = await connect(sandbox, 'nav-odata-v4');
    const bill = await postedBill(full, 'VI-VP-6');
    const e = refused(
      (
        await c.writeMany('payment', [{ data: payment(bill, new Decimal(1)), idempotencyKey: 'vpay:off' }])
      )[0],
    );
    expect(e.details.code).toBe('PaymentKindDisabled');
    const none = await connect(sandbox, 'nav-odata-v4', { payments: [] });
    expect(none.capabilities.entities).not.toContain('payment');
    expect(none.capabilities.writable).not.toContain('payment');
  });
});

describe('BC vendor payments (a journal line; API v2.0 cannot search posted payments)', () => {
  const vendorPaymentLines = async () => {
    const res = await rawRequest(
      `${companyUrl('bc-api-v2')}/vendorPaymentJournals?$expand=vendorPayments`,
      'GET',
    );
    return (res.json as { value: { vendorPayments: Record<string, unknown>[] }[] }).value.flatMap(
      (j) => j.vendorPayments,
    );
  };

  it('writes the line once, applied to the bill; a BC user posts it and the bill is paid; an unverifiable retry is refused', async () => {
    const c = await connect(sandbox, 'bc-api-v2');
    const bill = await postedBill(c, 'VI-BCVP-1');
    // Not linked yet, so the engine says "look before paying": an Open bill proves a payment of
    // its whole total was never posted.
    const data = payment(bill, bill.data.total);
    const first = ok(
      (await c.writeMany('payment', [{ data, idempotencyKey: 'bcvpay:1', outcomeUnknown: true }]))[0],
    );
    expect(first.created).toBe(true);
    expect(first.record.data.party?.number).toBe(bill.data.party.number);
    const [line] = await vendorPaymentLines();
    expect(line).toMatchObject({
      externalDocumentNumber: 'bcvpay:1',
      vendorNumber: bill.data.party.number,
      appliesToInvoiceNumber: bill.data.number,
      amount: bill.data.total.toNumber(),
    });
    // Still in the journal: a repeat finds the line.
    const repeat = ok(
      (await c.writeMany('payment', [{ data, idempotencyKey: 'bcvpay:1', outcomeUnknown: true }]))[0],
    );
    expect(repeat.created).toBe(false);
    expect(repeat.record.externalId).toBe(first.record.externalId);

    await sandboxAdmin.postJournal(sandbox, 'PAYMENT', 'GENERAL');
    const paid = (await c.getMany('bill', [bill.externalId])).get(bill.externalId);
    expect(paid?.data.status).toBe('PAID');
    expect(await remainingOf(bill.data.number)).toBe(0);

    const retry = refused(
      (await c.writeMany('payment', [{ data, idempotencyKey: 'bcvpay:1', outcomeUnknown: true }]))[0],
    );
    expect(retry.kind).toBe('validation');
    expect(retry.details.code).toBe('PaymentOutcomeUnverifiable');
    expect(retry.message).toContain('bcvpay:1');
    expect(retry.message).toContain('vendor ledger entries');
    expect(await vendorPaymentLines()).toEqual([]);
  });

  it('a part payment is written when sure, refused when an earlier attempt may have been posted', async () => {
    const c = await connect(sandbox, 'bc-api-v2');
    const bill = await postedBill(c, 'VI-BCVP-2');
    const part = payment(bill, new Decimal('30.00'));
    const uncertain = refused(
      (await c.writeMany('payment', [{ data: part, idempotencyKey: 'bcvpay:2', outcomeUnknown: true }]))[0],
    );
    expect(uncertain.details.code).toBe('PaymentOutcomeUnverifiable');
    expect(await vendorPaymentLines()).toEqual([]);
    const sure = ok((await c.writeMany('payment', [{ data: part, idempotencyKey: 'bcvpay:2' }]))[0]);
    expect(sure.created).toBe(true);
    await sandboxAdmin.postJournal(sandbox, 'PAYMENT', 'GENERAL');
    expect(await remainingOf(bill.data.number)).toBe(bill.data.total.minus(30).toNumber());
  });

  it('a dropped connection while writing the line is found on the spot: one line', async () => {
    const c = await connect(sandbox, 'bc-api-v2');
    const bill = await postedBill(c, 'VI-BCVP-3');
    await sandboxAdmin.fault(sandbox, {
      kind: 'drop-after-commit',
      method: 'POST',
      path: 'vendorPayments',
      count: 1,
    });
    const r = ok(
      (
        await c.writeMany('payment', [{ data: payment(bill, bill.data.total), idempotencyKey: 'bcvpay:3' }])
      )[0],
    );
    expect(r.created).toBe(true);
    expect((await vendorPaymentLines()).filter((l) => l.externalDocumentNumber === 'bcvpay:3')).toHaveLength(
      1,
    );
  });

  it('refuses an overpayment and an unknown bill as typed errors, writing nothing', async () => {
    const c = await connect(sandbox, 'bc-api-v2');
    const bill = await postedBill(c, 'VI-BCVP-4');
    const results = await c.writeMany('payment', [
      { data: payment(bill, bill.data.total.plus(1)), idempotencyKey: 'bcvpay:over' },
      {
        data: payment(bill, new Decimal(5), {
          document: { number: '108999', externalId: '00000000-0000-4000-8000-00000000dead' },
        }),
        idempotencyKey: 'bcvpay:unknown',
      },
      {
        data: payment(bill, new Decimal(5), { document: { number: '108999' } }),
        idempotencyKey: 'bcvpay:unknown-no',
      },
    ]);
    expect(results.map((r) => refused(r).details.code)).toEqual([
      'PaymentExceedsAmountDue',
      'PaymentDocumentNotFound',
      'PaymentDocumentNotFound',
    ]);
    expect(await vendorPaymentLines()).toEqual([]);
  });
});
