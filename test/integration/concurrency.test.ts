// Validation holds under concurrency: requests fired at once (over HTTP, on PostgreSQL's pool as
// well as PGlite) leave exactly one record; the others get the first result or a user error, never
// an internal error, and an invoice is never paid twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Lookups } from '../../src/mapping/lookups.js';
import { toGlobalId } from '../../src/graphql/global-id.js';
import { databaseTargets } from '../support/databases.js';
import { startTestGateway, type GraphQLResponse, type TestGateway } from '../support/gateway.js';

const targets = await databaseTargets();

interface Payload {
  record: { id: string } | null;
  userErrors: { field: string[]; code: string }[];
}

const upsertCustomer = `mutation($input: PartyInput!, $options: MutationOptions) {
  upsertCustomer(input: $input, options: $options) { record { id } userErrors { field code } } }`;
const createInvoice = `mutation($input: DocumentInput!) {
  createInvoice(input: $input) { record { id } userErrors { field code } } }`;
const recordPayment = `mutation($input: PaymentInput!) {
  recordPayment(input: $input) { record { id } userErrors { field code } } }`;

const times = <T>(n: number, f: (i: number) => Promise<T>) =>
  Promise.all(Array.from({ length: n }, (_, i) => f(i)));

describe.each(targets)('concurrent mutations on $name', (target) => {
  let db: Awaited<ReturnType<typeof target.open>>;
  let gateway: TestGateway;

  /** The payload of each answer; an error of any kind fails the test, naming it. */
  const payloads = (answers: { status: number; body: GraphQLResponse<Record<string, Payload>> }[]) =>
    answers.map(({ status, body }) => {
      expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
      expect(status).toBe(200);
      return Object.values(body.data!)[0]!;
    });
  const invoiceInput = async (number: string) => {
    const customer = await gateway.post<{ upsertCustomer: Payload }>(upsertCustomer, {
      input: { name: `Customer of ${number}`, currency: 'GBP' },
    });
    return {
      number,
      customerId: customer.body.data!.upsertCustomer.record!.id,
      issueDate: '2026-11-20',
      lines: [
        { description: 'Consulting', accountCode: '6100', quantity: '1', unitPrice: '100', taxCode: 'ZERO' },
      ],
    };
  };

  beforeAll(async () => {
    db = await target.open();
    gateway = await startTestGateway(db, { lookups: await Lookups.fromFile('config/lookups.demo.yaml') });
  });

  afterAll(async () => {
    await gateway?.close();
    await db?.dispose();
  });

  it('pays an invoice once when ten full payments race', async () => {
    const created = await gateway.post<{ createInvoice: Payload }>(createInvoice, {
      input: await invoiceInput('RACE-PAY-1'),
    });
    expect(created.body.data!.createInvoice.userErrors).toEqual([]);
    const invoice = await db.prisma.invoice.findUniqueOrThrow({ where: { number: 'RACE-PAY-1' } });
    const results = payloads(
      await times(10, () =>
        gateway.post(recordPayment, {
          input: {
            documentId: toGlobalId('Invoice', invoice.id),
            amount: invoice.amountDue.toString(),
            paymentDate: '2026-11-26',
            accountCode: '2910',
          },
        }),
      ),
    );
    expect(results.filter((r) => r.record).length).toBe(1);
    const refusals = results.filter((r) => !r.record).flatMap((r) => r.userErrors.map((e) => e.code));
    expect(refusals).toHaveLength(9);
    expect(new Set(refusals)).toEqual(new Set(['NOT_PAYABLE']));
    expect(await db.prisma.payment.count({ where: { invoiceId: invoice.id } })).toBe(1);
    const after = await db.prisma.invoice.findUniqueOrThrow({ where: { id: invoice.id } });
    expect([after.status, after.amountDue.toString()]).toEqual(['PAID', '0']);
  });

  it('answers one idempotency key raced 25 times with the first result', async () => {
    const results = payloads(
      await times(25, () =>
        gateway.post(upsertCustomer, {
          input: { name: 'Racing Key Ltd', currency: 'GBP' },
          options: { idempotencyKey: 'race-key-1' },
        }),
      ),
    );
    expect(results.flatMap((r) => r.userErrors)).toEqual([]);
    const ids = new Set(results.map((r) => r.record?.id));
    expect(ids.size).toBe(1);
    expect([...ids][0]).toBeTruthy();
    expect(await db.prisma.customer.count({ where: { name: 'Racing Key Ltd' } })).toBe(1);
  });

  it('keeps one customer when 49 upserts race on one number', async () => {
    const results = payloads(
      await times(49, (i) =>
        gateway.post(upsertCustomer, { input: { number: 'RACE-C1', name: `Racer ${i}`, currency: 'GBP' } }),
      ),
    );
    expect(results.every((r) => r.userErrors.length === 0)).toBe(true);
    expect(new Set(results.map((r) => r.record?.id)).size).toBe(1);
    expect(await db.prisma.customer.count({ where: { number: 'RACE-C1' } })).toBe(1);
  });

  it('creates one invoice when nine race on one number, refusing the rest as DUPLICATE_NUMBER', async () => {
    const input = await invoiceInput('RACE-INV-1');
    const results = payloads(await times(9, () => gateway.post(createInvoice, { input })));
    expect(results.filter((r) => r.record).length).toBe(1);
    const refusals = results.filter((r) => !r.record);
    expect(refusals.map((r) => r.userErrors)).toEqual(
      Array.from({ length: 8 }, () => [{ field: ['input', 'number'], code: 'DUPLICATE_NUMBER' }]),
    );
    expect(await db.prisma.invoice.count({ where: { number: 'RACE-INV-1' } })).toBe(1);
  });
});
