// Fuzzing the mutations with a fixed seed: malformed inputs (wrong types, missing and unknown
// fields, huge strings, bad decimals and dates, unknown ids) against the real server. None may
// be answered with an internal error, and none that is refused may write anything.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Lookups } from '../../src/mapping/lookups.js';
import { openDatabase, type Database } from '../../src/store/database.js';
import { badDates, badDecimals, badIds, seededRandom, wrongValues, type Random } from '../support/fuzz.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

const seed = 20261207;
const cases = 300;

type Vars = Record<string, unknown>;
interface Mutation {
  name: string;
  query: string;
  variables: (i: number) => Vars;
}

const payload = '{ record { id } userErrors { field code } }';
const decimalFields = /^(amount|quantity|unitPrice|unitCost|creditLimit|discountPercent|currencyRate)$/;

const strings = (values: readonly unknown[]) => values.filter((v) => typeof v === 'string');

/**
 * A hostile value for the field `key`, by what the field holds: half the time of the right
 * GraphQL type (a string), so it reaches the domain's checks; else of any type.
 */
function hostile(random: Random, key: string): unknown {
  const pool = /(^id$|Id$)/.test(key)
    ? badIds
    : /Date$/.test(key)
      ? badDates
      : decimalFields.test(key)
        ? badDecimals
        : wrongValues;
  return random.next() < 0.5 ? random.pick(strings(pool)) : random.pick([...pool, ...wrongValues]);
}

/** The paths to every value in `value` (objects and arrays walked). */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([k, v]) => paths(v, [...prefix, k]))];
}

/** One to three damages: a field set to a hostile value, removed, or an unknown one added. */
function damage(random: Random, variables: Vars): Vars {
  const copy = structuredClone(variables);
  for (let n = 1 + random.int(3); n > 0; n--) {
    const candidates = paths(copy).filter((p) => p.length > 0);
    if (!candidates.length) break;
    const path = random.pick(candidates);
    const parent = path
      .slice(0, -1)
      .reduce<Record<string | number, unknown>>(
        (o, k) => o[k] as Record<string | number, unknown>,
        copy as Record<string | number, unknown>,
      );
    const key = path[path.length - 1]!;
    const what = random.int(10);
    // Cloned: a shared hostile array or object damaged later would grow into itself.
    if (what < 6) parent[key] = structuredClone(hostile(random, String(key)));
    else if (what < 8) delete parent[key];
    else if (what < 9) parent[`unknown${random.int(9)}`] = structuredClone(random.pick(wrongValues));
    else parent[key] = null;
  }
  return copy;
}

describe('mutation fuzzing (seed ' + seed + ')', () => {
  let db: Database;
  let gateway: TestGateway;
  const ids: Record<string, string> = {};

  const snapshot = async () => ({
    counts: await Promise.all([
      db.prisma.customer.count(),
      db.prisma.vendor.count(),
      db.prisma.item.count(),
      db.prisma.invoice.count(),
      db.prisma.bill.count(),
      db.prisma.salesOrder.count(),
      db.prisma.payment.count(),
      db.prisma.syncJob.count(),
      db.prisma.mutationRecord.count(),
      db.prisma.eventLogEntry.count(),
    ]),
    invoices: (await db.prisma.invoice.findMany({ select: { id: true, status: true, amountDue: true } })).map(
      (i) => `${i.id}:${i.status}:${i.amountDue.toString()}`,
    ),
  });

  const line = () => ({
    accountCode: '6100',
    description: 'Fuzz',
    quantity: '1',
    unitPrice: '10',
    taxCode: 'VAT20',
  });
  const mutations = (): Mutation[] => [
    {
      name: 'upsertCustomer',
      query: `mutation($input: PartyInput!, $options: MutationOptions) { upsertCustomer(input: $input, options: $options) ${payload} }`,
      variables: (i) => ({
        input: {
          name: `Fuzz Customer ${i}`,
          currency: 'GBP',
          email: `fuzz${i}@example.com`,
          creditLimit: '100',
          address: { line1: '1 Road', country: 'GB' },
        },
        options: { idempotencyKey: `fuzz-${seed}-${i}` },
      }),
    },
    {
      name: 'upsertVendor',
      query: `mutation($input: PartyInput!) { upsertVendor(input: $input) ${payload} }`,
      variables: (i) => ({ input: { name: `Fuzz Vendor ${i}`, currency: 'GBP', phone: '0123' } }),
    },
    {
      name: 'upsertItem',
      query: `mutation($input: ItemInput!) { upsertItem(input: $input) ${payload} }`,
      variables: (i) => ({
        input: { number: `FZ${i}`, name: `Fuzz item ${i}`, unitPrice: '1.50', type: 'SERVICE' },
      }),
    },
    {
      name: 'createInvoice',
      query: `mutation($input: DocumentInput!) { createInvoice(input: $input) ${payload} }`,
      variables: (i) => ({
        input: { number: `FZI-${i}`, customerId: ids.customer, issueDate: '2026-11-20', lines: [line()] },
      }),
    },
    {
      name: 'createBill',
      query: `mutation($input: DocumentInput!) { createBill(input: $input) ${payload} }`,
      variables: (i) => ({
        input: { number: `FZB-${i}`, vendorId: ids.vendor, issueDate: '2026-11-20', lines: [line()] },
      }),
    },
    {
      name: 'updateInvoice',
      query: `mutation($id: ID!, $input: DocumentInput!) { updateInvoice(id: $id, input: $input) ${payload} }`,
      variables: () => ({
        id: ids.invoice,
        input: { number: 'FZ-BASE', customerId: ids.customer, issueDate: '2026-11-20', lines: [line()] },
      }),
    },
    {
      name: 'createSalesOrder',
      query: `mutation($input: SalesOrderInput!) { createSalesOrder(input: $input) ${payload} }`,
      variables: (i) => ({
        input: { number: `FZS-${i}`, customerId: ids.customer, orderDate: '2026-11-20', lines: [line()] },
      }),
    },
    {
      name: 'recordPayment',
      query: `mutation($input: PaymentInput!) { recordPayment(input: $input) ${payload} }`,
      variables: () => ({
        input: { documentId: ids.invoice, amount: '0.01', paymentDate: '2026-11-26', accountCode: '2910' },
      }),
    },
    {
      name: 'voidInvoice',
      query: `mutation($id: ID!) { voidInvoice(id: $id) ${payload} }`,
      variables: () => ({ id: ids.invoice }),
    },
  ];

  beforeAll(async () => {
    db = await openDatabase({ dataDir: 'memory://' });
    await db.migrate();
    gateway = await startTestGateway(db, { lookups: await Lookups.fromFile('config/lookups.demo.yaml') });
    const made = async (query: string, variables: Vars) => {
      const { body } = await gateway.post<Record<string, { record: { id: string } }>>(query, variables);
      return Object.values(body.data!)[0]!.record.id;
    };
    const [customer, vendor, , invoice] = mutations();
    ids.customer = await made(customer!.query, { input: { name: 'Fuzz Base', currency: 'GBP' } });
    ids.vendor = await made(vendor!.query, { input: { name: 'Fuzz Supplier', currency: 'GBP' } });
    ids.invoice = await made(invoice!.query, {
      input: { number: 'FZ-BASE', customerId: ids.customer, issueDate: '2026-11-20', lines: [line()] },
    });
  });

  afterAll(async () => {
    await gateway?.close();
    await db?.close();
  });

  it(`answers ${cases} malformed mutations without an internal error, writing nothing when refused`, async () => {
    const random = seededRandom(seed);
    const all = mutations();
    let refused = 0;
    let before = await snapshot();
    for (let i = 0; i < cases; i++) {
      const mutation = random.pick(all);
      const variables = damage(random, mutation.variables(i));
      const label = `case ${i} ${mutation.name} ${JSON.stringify(variables).slice(0, 300)}`;
      const { status, body } = await gateway.post<Record<string, { record: unknown; userErrors: unknown[] }>>(
        mutation.query,
        variables,
      );
      expect(status, label).toBeLessThan(500);
      const codes = (body.errors ?? []).map((e) => e.extensions?.code);
      expect(codes, `${label} ${JSON.stringify(body.errors)}`).not.toContain('INTERNAL_SERVER_ERROR');
      const result = body.data ? Object.values(body.data)[0] : null;
      const accepted = !body.errors?.length && !!result?.record && result.userErrors.length === 0;
      const after = await snapshot();
      if (!accepted) {
        refused++;
        expect(after, label).toEqual(before);
      }
      before = after;
    }
    // The seed makes most cases malformed; a few damages leave a valid input (an optional field removed).
    expect(refused).toBeGreaterThan(cases * 0.6);
  }, 120_000);
});
