// Master-data mutations: validated before anything is written; accepted changes write the mirror,
// one outbox job per target and their events in one transaction; idempotency keys.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Lookups } from '../../src/mapping/lookups.js';
import { databaseTargets } from '../support/databases.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

const targets = await databaseTargets();

interface Payload {
  record: {
    id: string;
    number: string | null;
    name: string;
    creditLimit: string | null;
    sync: { status: string };
  } | null;
  jobs: { id: string; system: string; status: string; payload: Record<string, unknown> }[];
  userErrors: { field: string[]; code: string; message: string }[];
}

const upsertCustomer = `
  mutation($input: PartyInput!, $options: MutationOptions) {
    upsertCustomer(input: $input, options: $options) {
      record { id number name creditLimit sync { status } }
      jobs { id system status payload }
      userErrors { field code message }
    }
  }`;

describe.each(targets)('master-data mutations on $name', (target) => {
  let db: Awaited<ReturnType<typeof target.open>>;
  let gateway: TestGateway;

  const counts = async () => [
    await db.prisma.customer.count(),
    await db.prisma.syncJob.count(),
    await db.prisma.eventLogEntry.count(),
  ];
  const run = async (input: Record<string, unknown>, options?: Record<string, unknown>) => {
    const { body } = await gateway.post<{ upsertCustomer: Payload }>(upsertCustomer, { input, options });
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    return body.data!.upsertCustomer;
  };

  beforeAll(async () => {
    db = await target.open();
    gateway = await startTestGateway(db, {
      lookups: await Lookups.fromFile('config/lookups.demo.yaml'),
      targets: { XERO: 'xero-tenant', NAV: 'CRONUS International Ltd.' },
    });
  });

  afterAll(async () => {
    await gateway?.close();
    await db?.dispose();
  });

  it('writes the record and one job per target system in one go', async () => {
    const before = await counts();
    const result = await run({
      number: 'C90010',
      name: 'Northwind Traders',
      email: 'ap@northwind.example',
      currency: 'GBP',
      paymentTerms: '30 DAYS',
      creditLimit: '15000.00',
    });
    expect(result.userErrors).toEqual([]);
    expect(result.record).toMatchObject({
      number: 'C90010',
      creditLimit: '15000',
      sync: { status: 'PENDING' },
    });
    expect(result.jobs.map((j) => j.system).sort()).toEqual(['NAV', 'XERO']);
    expect(result.jobs.every((j) => j.status === 'PENDING' && j.payload.creditLimit === '15000')).toBe(true);
    const after = await counts();
    expect(after[0]! - before[0]!).toBe(1);
    expect(after[1]! - before[1]!).toBe(2);
    expect(after[2]! - before[2]!).toBe(3); // ENTITY_CHANGED + one SYNC_JOB_UPDATED per job

    const update = await run(
      { number: 'C90010', name: 'Northwind Traders Ltd', currency: 'GBP' },
      { targets: ['NAV'] },
    );
    expect(update.record!.id).toBe(result.record!.id);
    expect(update.jobs.map((j) => j.system)).toEqual(['NAV']);
  });

  it('refuses bad input with field paths and writes nothing', async () => {
    const before = await counts();
    const result = await run({
      name: ' ',
      email: 'not-an-email',
      currency: 'pounds',
      creditLimit: '-5',
      address: { country: 'England' },
    });
    const fields = result.userErrors.map((e) => e.field.join('.')).sort();
    expect(fields).toEqual([
      'input.address.country',
      'input.creditLimit',
      'input.currency',
      'input.email',
      'input.name',
    ]);
    expect(result.record).toBeNull();
    expect(await counts()).toEqual(before);
  });

  it('refuses codes that have no mapping for a target, naming the code', async () => {
    const before = await counts();
    const result = await run({ name: 'Litware Inc', currency: 'GBP', paymentTerms: '45 DAYS' });
    expect(result.userErrors).toEqual([
      {
        field: ['input', 'paymentTerms'],
        code: 'UNMAPPED_CODE',
        message: expect.stringMatching(/paymentTerms "45 DAYS"/) as string,
      },
    ]);
    const currency = await run({ name: 'Litware Inc', currency: 'JPY' });
    expect(currency.userErrors[0]).toMatchObject({ field: ['input', 'currency'], code: 'UNMAPPED_CODE' });
    expect(await counts()).toEqual(before);
    // NAV alone does not need a Xero payment-terms mapping.
    const navOnly = await run(
      { name: 'Litware Inc', currency: 'GBP', paymentTerms: '45 DAYS' },
      { targets: ['NAV'] },
    );
    expect(navOnly.userErrors).toEqual([]);
  });

  it('returns the first result for a repeated idempotency key and refuses it for another input', async () => {
    const input = { name: 'Proseware, Inc.', currency: 'EUR' };
    const first = await run(input, { idempotencyKey: 'order-4711' });
    const before = await counts();
    const again = await run(input, { idempotencyKey: 'order-4711' });
    expect(again.record!.id).toBe(first.record!.id);
    expect(again.jobs.map((j) => j.id).sort()).toEqual(first.jobs.map((j) => j.id).sort());
    expect(await counts()).toEqual(before);
    const other = await run({ ...input, name: 'Proseware Ltd' }, { idempotencyKey: 'order-4711' });
    expect(other.userErrors).toMatchObject([
      { code: 'IDEMPOTENCY_KEY_REUSED', field: ['options', 'idempotencyKey'] },
    ]);
    expect(await counts()).toEqual(before);
  });

  it('refuses a new customer another already answers to by e-mail or name, unless asked to allow it', async () => {
    const first = await run({ name: 'Dup Coffee Ltd', currency: 'GBP', email: 'Orders@DupCoffee.example' });
    expect(first.userErrors).toEqual([]);
    const before = await counts();
    const byName = await run({ name: 'DUP COFFEE LIMITED.', currency: 'GBP', email: 'other@dup.example' });
    expect(byName.record).toBeNull();
    expect(byName.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'name'], code: 'DUPLICATE_PARTY' }),
    ]);
    expect(byName.userErrors[0]?.message).toContain('"Dup Coffee Ltd"');
    const byEmail = await run({ name: 'Another Shop', currency: 'GBP', email: 'orders@dupcoffee.example' });
    expect(byEmail.userErrors.map((e) => [e.field.join('.'), e.code])).toEqual([
      ['input.email', 'DUPLICATE_PARTY'],
    ]);
    expect(await counts()).toEqual(before); // refused: nothing written anywhere
    const allowed = await run(
      { name: 'Another Shop', currency: 'GBP', email: 'orders@dupcoffee.example' },
      { allowDuplicate: true },
    );
    expect(allowed.userErrors).toEqual([]);
    expect(allowed.record?.id).not.toBe(first.record!.id);
    // An update of the record itself is no duplicate of itself.
    const updated = await run({
      id: first.record!.id,
      name: 'Dup Coffee Ltd',
      currency: 'GBP',
      email: 'orders@dupcoffee.example',
    });
    expect(updated.userErrors).toEqual([]);
  });

  it('refuses targets that are not connected', async () => {
    const { body } = await gateway.post<{ upsertCustomer: Payload }>(upsertCustomer, {
      input: { name: 'Trey Research', currency: 'GBP' },
      options: { targets: ['XERO', 'NAV'] },
    });
    expect(body.data!.upsertCustomer.userErrors).toEqual([]);
    const other = await startTestGateway(db, { targets: { NAV: 'CRONUS International Ltd.' } });
    try {
      const refused = await other.post<{ upsertCustomer: Payload }>(upsertCustomer, {
        input: { name: 'Trey Research', currency: 'GBP' },
        options: { targets: ['XERO'] },
      });
      expect(refused.body.data!.upsertCustomer.userErrors).toMatchObject([
        { code: 'NOT_CONNECTED', field: ['options', 'targets'] },
      ]);
    } finally {
      await other.close();
    }
  });
});
