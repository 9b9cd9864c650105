// The CLI's dead-letter commands on the database leave their audit entries: `dlq replay` (by ids and
// --all) and `dlq edit` each append one entry as the OS user, with the jobs they touched and the
// corrected payload (secrets redacted); a refused one (a job that is not a dead letter, a payload
// that does not fit) appends REFUSED with the reason; the replay's events name the user, and
// the chain stays intact.
import { randomUUID } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../src/store/database.js';
import { Outbox, type Job } from '../../../src/store/outbox.js';
import { runCli, tempDataDir } from '../../support/cli.js';
import { makeDeadLetters } from '../../support/dead-letters.js';

const user = userInfo().username;

describe('audit entries of ledgerbridge dlq', { timeout: 240_000 }, () => {
  let dataDir: string;
  let env: Record<string, string>;
  let customer: Job;
  let vendor: Job;
  let item: Job;
  let pending: Job;
  const withDb = async <T>(run: (db: Database) => Promise<T>): Promise<T> => {
    const db = await openDatabase({ dataDir });
    try {
      return await run(db);
    } finally {
      await db.close();
    }
  };
  const entries = () => withDb((db) => db.prisma.auditEntry.findMany({ orderBy: { seq: 'asc' } }));

  beforeAll(async () => {
    dataDir = await tempDataDir('audit-dlq');
    env = { DATA_DIR: dataDir };
    await withDb(async (db) => {
      await db.migrate();
      [customer, vendor, item] = (await makeDeadLetters(db, [
        {
          entityType: 'CUSTOMER',
          system: 'XERO',
          number: 'C00010',
          message: 'Account code 999 is not valid',
        },
        { entityType: 'VENDOR', system: 'XERO', number: 'V00010', message: 'Email address is invalid' },
        { entityType: 'ITEM', system: 'NAV', number: '1000', message: 'Unit of measure BOX is unknown' },
      ])) as [Job, Job, Job];
      [pending] = (await db.transaction((tx) =>
        new Outbox(db.prisma).enqueue(tx, [
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
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('dlq replay <job>: one entry as the OS user naming the job; its event names the user as the cause', async () => {
    const run = await runCli(['dlq', 'replay', customer.id], env);
    expect(run.code, run.stderr).toBe(0);
    const all = await entries();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({
      actorKind: 'cli',
      actorId: user,
      operation: 'ledgerbridge dlq replay',
      outcome: 'ok',
      touched: [customer.id],
      arguments: { jobIds: [customer.id] },
    });
    await withDb(async (db) => {
      // The job keeps whoever created it (nobody: a worker's); the replay's event names the user.
      expect(await db.prisma.syncJob.findUnique({ where: { id: customer.id } })).toMatchObject({
        status: 'PENDING',
        actor: null,
      });
      const events = await db.prisma.eventLogEntry.findMany({ where: { type: 'SYNC_JOB_UPDATED' } });
      expect(events.map((e) => [(e.payload as { jobId: string }).jobId, e.actor])).toEqual([
        [customer.id, `cli:${user}`],
      ]);
    });
  });

  it('a refused replay (not a dead letter) appends REFUSED with the reason, and changes nothing', async () => {
    const run = await runCli(['dlq', 'replay', pending.id, item.id], env);
    expect(run.code).toBe(1);
    const last = (await entries()).at(-1)!;
    expect(last).toMatchObject({
      actorKind: 'cli',
      operation: 'ledgerbridge dlq replay',
      outcome: 'REFUSED',
      touched: [],
      arguments: { jobIds: [pending.id, item.id] },
    });
    expect((last.arguments as { reason: string }).reason).toContain(`${pending.id} is not a dead letter`);
    await withDb(async (db) => {
      expect((await db.prisma.syncJob.findUnique({ where: { id: item.id } }))?.status).toBe('DEAD');
    });
  });

  it('dlq edit: the corrected payload in the entry with its secrets redacted; a misfit one is REFUSED', async () => {
    const misfit = path.join(dataDir, 'misfit.json');
    await writeFile(misfit, JSON.stringify({ number: 42 }));
    const refused = await runCli(['dlq', 'edit', vendor.id, '--payload', misfit], env);
    expect(refused.code).toBe(1);
    expect((await entries()).at(-1)).toMatchObject({
      operation: 'ledgerbridge dlq edit',
      outcome: 'REFUSED',
      arguments: { jobIds: [vendor.id], payload: { number: 42 } },
    });

    const corrected = {
      number: 'V00010',
      name: 'Record V00010',
      currency: 'GBP',
      email: 'ap@example.com',
      bankAccountNumber: '12345678',
    };
    const file = path.join(dataDir, 'vendor.json');
    await writeFile(file, JSON.stringify(corrected));
    const run = await runCli(['dlq', 'edit', vendor.id, '--payload', file], env);
    expect(run.code, run.stderr).toBe(0);
    const last = (await entries()).at(-1)!;
    expect(last).toMatchObject({
      actorKind: 'cli',
      actorId: user,
      operation: 'ledgerbridge dlq edit',
      outcome: 'ok',
      touched: [vendor.id],
      arguments: {
        jobIds: [vendor.id],
        payload: { number: 'V00010', email: 'ap@example.com', bankAccountNumber: '[redacted]' },
      },
    });
    expect(JSON.stringify(last.arguments)).not.toContain('12345678');
  });

  it('dlq replay --all: one entry for the run, naming every job it replayed; the chain is intact', async () => {
    const run = await runCli(['dlq', 'replay', '--all', '--system', 'NAV'], env);
    expect(run.code, run.stderr).toBe(0);
    expect((await entries()).at(-1)).toMatchObject({
      operation: 'ledgerbridge dlq replay',
      outcome: 'ok',
      touched: [item.id],
      arguments: { all: true, system: 'NAV' },
    });
    const verify = await runCli(['audit', 'verify'], env);
    expect(verify.code, verify.stderr).toBe(0);
    expect(verify.stdout.trim()).toBe(`audit trail intact: ${(await entries()).length} entries`);
  });
});
