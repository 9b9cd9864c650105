// `ledgerbridge dlq` as an operator runs it, against an embedded database holding dead letters made
// the way workers make them (enqueued, claimed, settled dead with the upstream response): list,
// show, replay and edit do what GraphQL's deadLetters / replayDeadLetters / editDeadLetter do, and
// a refused request says why, exits non-zero and changes nothing.
import { randomUUID } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/store/database.js';
import { Outbox, payloadHash, type Job } from '../../src/store/outbox.js';
import { runCli, tempDataDir } from '../support/cli.js';
import { makeDeadLetters } from '../support/dead-letters.js';

const graphqlId = (id: string) => Buffer.from(`SyncJob:${id}`).toString('base64url');

async function withDb<T>(dataDir: string, work: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase({ dataDir });
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

const jobUpdatedEvents = (db: Database) =>
  db.prisma.eventLogEntry
    .findMany({ where: { type: 'SYNC_JOB_UPDATED' }, orderBy: { seq: 'asc' } })
    .then((rows) => rows.map((r) => r.payload as { jobId: string; status: string }));

// Each test runs the command several times; on a busy machine one run takes tens of seconds.
describe('ledgerbridge dlq', { timeout: 240_000 }, () => {
  let dataDir: string;
  let env: Record<string, string>;
  let customer: Job; // → XERO, replayed as it is
  let invoice: Job; // → NAV, corrected with `dlq edit`
  let vendor: Job; // → XERO, left for `replay --all`
  let item: Job; // → NAV, replayed by `replay --all --system NAV`
  let pending: Job; // not a dead letter

  beforeAll(async () => {
    dataDir = await tempDataDir('dlq');
    env = { DATA_DIR: dataDir };
    await withDb(dataDir, async (db) => {
      await db.migrate();
      [customer, invoice, vendor, item] = (await makeDeadLetters(db, [
        {
          entityType: 'CUSTOMER',
          system: 'XERO',
          number: 'C00010',
          message: 'Account code 999 is not valid',
        },
        { entityType: 'INVOICE', system: 'NAV', number: '103001', message: 'G/L Account 999 does not exist' },
        { entityType: 'VENDOR', system: 'XERO', number: 'V00010', message: 'Email address is invalid' },
        { entityType: 'ITEM', system: 'NAV', number: '1000', message: 'Unit of measure BOX is unknown' },
      ])) as [Job, Job, Job, Job];
      const outbox = new Outbox(db.prisma);
      [pending] = (await db.transaction((tx) =>
        outbox.enqueue(tx, [
          {
            entityType: 'CUSTOMER',
            entityId: randomUUID(),
            system: 'NAV',
            tenant: 'CRONUS',
            payload: { number: 'C00020' },
          },
        ]),
      )) as [Job];
    });
  }, 120_000);

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('lists dead letters newest first, with the record, attempts, last error and since when', async () => {
    const { code, stdout } = await runCli(['dlq', 'list'], env);
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    const rowOf = (job: Job) => lines.findIndex((l) => l.startsWith(job.id));
    expect(rowOf(item)).toBeGreaterThan(0);
    expect([rowOf(item), rowOf(vendor), rowOf(invoice), rowOf(customer)]).toEqual(
      [rowOf(item), rowOf(vendor), rowOf(invoice), rowOf(customer)].sort((a, b) => a - b),
    );
    expect(rowOf(pending)).toBe(-1);
    const customerRow = lines[rowOf(customer)]!;
    expect(customerRow).toContain('CUSTOMER');
    expect(customerRow).toContain(`${customer.entityId} (C00010)`);
    expect(customerRow).toContain('XERO');
    expect(customerRow).toContain('validation: Account code 999 is not valid');
    expect(customerRow).toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
    expect(stdout).toContain('4 dead letters.');
  });

  it('filters by system and entity, and prints JSON for scripts', async () => {
    const xero = await runCli(['dlq', 'list', '--system', 'xero', '--json'], env);
    expect(xero.code).toBe(0);
    const body = JSON.parse(xero.stdout) as {
      total: number;
      deadLetters: { id: string; system: string; attempts: number; lastError: { kind: string } }[];
    };
    expect(body.total).toBe(2);
    expect(body.deadLetters.map((d) => d.id)).toEqual([vendor.id, customer.id]);
    expect(body.deadLetters.every((d) => d.system === 'XERO' && d.attempts === 1)).toBe(true);
    expect(body.deadLetters[0]!.lastError.kind).toBe('validation');

    const invoices = await runCli(['dlq', 'list', '--entity', 'INVOICE', '--system', 'NAV'], env);
    expect(invoices.code).toBe(0);
    expect(invoices.stdout).toContain(invoice.id);
    expect(invoices.stdout).not.toContain(item.id);
    expect(invoices.stdout).toContain('1 dead letter for NAV INVOICE.');

    const bad = await runCli(['dlq', 'list', '--system', 'SAP'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--system: "SAP" is not one of XERO, NAV.');
  });

  it('shows the payload and every attempt with its upstream response, by uuid or GraphQL id', async () => {
    const { code, stdout } = await runCli(['dlq', 'show', customer.id], env);
    expect(code).toBe(0);
    expect(stdout).toContain(`Job ${customer.id} — dead letter`);
    expect(stdout).toContain('last error  validation: Account code 999 is not valid');
    const payload = stdout.slice(stdout.indexOf('Payload:\n') + 9, stdout.indexOf('\n\nAttempts'));
    expect(JSON.parse(payload)).toEqual(customer.payload);
    expect(stdout).toMatch(/#1 {2}\S+ \S+ {2}dead \(validation\) {2}worker test-worker/);
    expect(stdout).toContain('upstream response:');
    expect(stdout).toContain('"Message": "Account code 999 is not valid"');

    const byGraphqlId = await runCli(['dlq', 'show', graphqlId(customer.id), '--json'], env);
    expect(byGraphqlId.code).toBe(0);
    const shown = JSON.parse(byGraphqlId.stdout) as {
      id: string;
      payload: unknown;
      attemptLog: { outcome: string; upstream: unknown }[];
    };
    expect(shown.id).toBe(customer.id);
    expect(shown.payload).toEqual(customer.payload);
    expect(shown.attemptLog.map((a) => a.outcome)).toEqual(['dead']);
    expect(shown.attemptLog[0]!.upstream).toEqual({
      Elements: [{ ValidationErrors: [{ Message: 'Account code 999 is not valid' }] }],
    });
  });

  it('refuses unknown and malformed ids with a message and exit code 1', async () => {
    const unknown = randomUUID();
    const missing = await runCli(['dlq', 'show', unknown], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`No job ${unknown}.`);
    const malformed = await runCli(['dlq', 'show', 'job-42'], env);
    expect(malformed.code).toBe(1);
    expect(malformed.stderr).toContain('"job-42" is not a job id');
  });

  it('replays nothing when any named id is unknown or not a dead letter', async () => {
    const unknown = randomUUID();
    const run = await runCli(['dlq', 'replay', customer.id, unknown, pending.id], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`No job ${unknown}.`);
    expect(run.stderr).toContain(`${pending.id} is not a dead letter (it is PENDING).`);
    expect(run.stderr).toContain('Nothing was replayed.');
    await withDb(dataDir, async (db) => {
      expect((await db.prisma.syncJob.findUnique({ where: { id: customer.id } }))?.status).toBe('DEAD');
      expect(await jobUpdatedEvents(db)).toEqual([]);
    });

    const usage = await runCli(['dlq', 'replay'], env);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('or --all');
    const both = await runCli(['dlq', 'replay', customer.id, '--all'], env);
    expect(both.code).toBe(2);
  });

  it('refuses a corrected payload that is not a JSON object, and changes nothing', async () => {
    const notJson = path.join(dataDir, 'broken.json');
    await writeFile(notJson, '{"number": "103001",');
    const broken = await runCli(['dlq', 'edit', invoice.id, '--payload', notJson], env);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('is not valid JSON');
    expect(broken.stderr).toContain('Nothing was changed.');

    const list = path.join(dataDir, 'list.json');
    await writeFile(list, '[{"number": "103001"}]');
    const array = await runCli(['dlq', 'edit', invoice.id, '--payload', list], env);
    expect(array.code).toBe(1);
    expect(array.stderr).toContain('The payload is a JSON object');

    const absent = await runCli(
      ['dlq', 'edit', invoice.id, '--payload', path.join(dataDir, 'nope.json')],
      env,
    );
    expect(absent.code).toBe(1);
    expect(absent.stderr).toContain('Cannot read');

    const good = path.join(dataDir, 'good.json');
    await writeFile(good, '{"number": "C00020"}');
    const notDead = await runCli(['dlq', 'edit', pending.id, '--payload', good], env);
    expect(notDead.code).toBe(1);
    expect(notDead.stderr).toContain('is not a dead letter');

    await withDb(dataDir, async (db) => {
      const after = await db.prisma.syncJob.findUnique({ where: { id: invoice.id } });
      expect(after?.status).toBe('DEAD');
      expect(after?.payload).toEqual(invoice.payload);
      expect((await db.prisma.syncJob.findUnique({ where: { id: pending.id } }))?.payload).toEqual(
        pending.payload,
      );
      expect(await jobUpdatedEvents(db)).toEqual([]);
    });
  });

  it('edits a dead letter: the corrected payload replaces the old one and the job is queued again', async () => {
    const line = {
      lineNo: 1,
      item: null,
      description: 'Consulting',
      quantity: '0.333',
      unitPrice: '33.3333',
    };
    const corrected = {
      partyId: '5b0b7c36-0f64-4d1a-9d5e-2f1f3a7c9a01',
      number: '103001',
      party: { number: 'C00010' },
      status: 'AUTHORISED',
      issueDate: '2026-11-20',
      dueDate: '2026-12-04',
      currency: 'GBP',
      lineAmountType: 'EXCLUSIVE',
      subTotal: '10.54',
      totalTax: '2.11',
      total: '12.65',
      lines: [{ ...line, accountCode: '6110', taxCode: 'VAT20', taxAmount: '2.11', lineAmount: '10.54' }],
    };
    // A correction that does not add up is refused, naming the field, and changes nothing.
    const wrongFile = path.join(dataDir, 'wrong.json');
    await writeFile(wrongFile, JSON.stringify({ ...corrected, total: '12.66' }));
    const wrong = await runCli(['dlq', 'edit', graphqlId(invoice.id), '--payload', wrongFile], env);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toContain('total: total 12.66 is not subTotal + totalTax (12.65)');
    expect(wrong.stderr).toContain('Nothing was changed.');
    const file = path.join(dataDir, 'corrected.json');
    await writeFile(file, JSON.stringify(corrected));
    const { code, stdout } = await runCli(['dlq', 'edit', graphqlId(invoice.id), '--payload', file], env);
    expect(code).toBe(0);
    expect(stdout).toContain(`Replaced the payload of ${invoice.id} and replayed it.`);
    await withDb(dataDir, async (db) => {
      const job = await db.prisma.syncJob.findUnique({ where: { id: invoice.id } });
      expect(job).toMatchObject({ status: 'PENDING', attempts: 0, deadAt: null, payload: corrected });
      expect(job?.payloadHash).toBe(payloadHash(corrected));
      expect(await db.prisma.syncAttempt.count({ where: { jobId: invoice.id } })).toBe(1);
      expect(await jobUpdatedEvents(db)).toEqual([
        expect.objectContaining({ jobId: invoice.id, status: 'PENDING', entityType: 'INVOICE' }),
      ]);
    });
  });

  it('replays named dead letters as they are, publishing SYNC_JOB_UPDATED', async () => {
    const { code, stdout } = await runCli(['dlq', 'replay', customer.id], env);
    expect(code).toBe(0);
    expect(stdout).toContain('Replayed 1 dead letter');
    expect(stdout).toContain(`${customer.id}  CUSTOMER C00010 → XERO`);
    await withDb(dataDir, async (db) => {
      const job = await db.prisma.syncJob.findUnique({ where: { id: customer.id } });
      expect(job).toMatchObject({ status: 'PENDING', attempts: 0, payload: customer.payload });
      expect((await jobUpdatedEvents(db)).map((e) => [e.jobId, e.status])).toEqual([
        [invoice.id, 'PENDING'],
        [customer.id, 'PENDING'],
      ]);
    });
    const again = await runCli(['dlq', 'replay', customer.id], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`${customer.id} is not a dead letter (it is PENDING).`);
  });

  it('replays every dead letter with --all, or only those --system / --entity choose', async () => {
    const nav = await runCli(['dlq', 'replay', '--all', '--system', 'NAV'], env);
    expect(nav.code).toBe(0);
    expect(nav.stdout).toContain('Replayed 1 dead letter');
    expect(nav.stdout).toContain(item.id);
    const left = await runCli(['dlq', 'list', '--json'], env);
    expect(
      (JSON.parse(left.stdout) as { deadLetters: { id: string }[] }).deadLetters.map((d) => d.id),
    ).toEqual([vendor.id]);

    const all = await runCli(['dlq', 'replay', '--all'], env);
    expect(all.code).toBe(0);
    expect(all.stdout).toContain(vendor.id);
    const none = await runCli(['dlq', 'list'], env);
    expect(none.stdout).toContain('No dead letters.');
    const nothing = await runCli(['dlq', 'replay', '--all'], env);
    expect(nothing.code).toBe(0);
    expect(nothing.stdout).toContain('No dead letters to replay.');
    await withDb(dataDir, async (db) => {
      expect(await db.prisma.syncJob.count({ where: { status: 'DEAD' } })).toBe(0);
      expect((await jobUpdatedEvents(db)).map((e) => e.jobId).slice(2)).toEqual([item.id, vendor.id]);
    });
  });

  it('asks for migrations instead of running them on a database that lacks them', async () => {
    const fresh = await tempDataDir('dlq-fresh');
    try {
      const { code, stderr } = await runCli(['dlq', 'list'], { DATA_DIR: fresh });
      expect(code).toBe(2);
      expect(stderr).toContain('run `ledgerbridge migrate`');
    } finally {
      await rm(fresh, { recursive: true, force: true });
    }
  });
});
