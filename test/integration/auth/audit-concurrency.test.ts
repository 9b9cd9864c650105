// Two gateway processes' worth of servers, each with its own connection pool, on one PostgreSQL:
// 20 concurrent mutations leave 20 entries in one gapless chain that `audit verify` accepts, and
// every job they enqueued names its caller (the local admin here).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChainWalker } from '../../../src/audit/chain.js';
import { Lookups } from '../../../src/mapping/lookups.js';
import { AuditLog } from '../../../src/store/audit-log.js';
import { openDatabase, type Database } from '../../../src/store/database.js';
import { runCli } from '../../support/cli.js';
import { databaseTargets } from '../../support/databases.js';
import { startTestGateway, type TestGateway } from '../../support/gateway.js';

const postgres = (await databaseTargets()).find((t) => t.name === 'postgresql');
if (!postgres)
  console.warn(
    '[skip] audit chain under concurrency: needs PostgreSQL (set DATABASE_URL_TEST to a reachable server).',
  );

const upsert = `mutation($name: String!) {
  upsertCustomer(input: { name: $name, currency: "GBP" }) { record { id } userErrors { code } }
}`;

describe.skipIf(!postgres)('audit chain under concurrency (PostgreSQL)', () => {
  let db: Awaited<ReturnType<NonNullable<typeof postgres>['open']>>;
  let second: Database;
  const gateways: TestGateway[] = [];

  beforeAll(async () => {
    db = await postgres!.open();
    second = await openDatabase({ url: db.url!, poolSize: 4 });
    const options = async () => ({
      lookups: await Lookups.fromFile('config/lookups.demo.yaml'),
      targets: { XERO: 'xero-tenant', NAV: 'CRONUS International Ltd.' },
    });
    gateways.push(
      await startTestGateway(db, await options()),
      await startTestGateway(second, await options()),
    );
  });

  afterAll(async () => {
    for (const gateway of gateways) await gateway.close();
    await second?.close();
    await db?.dispose();
  });

  it('20 concurrent mutations through two servers keep one valid chain', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => gateways[i % 2]!.post(upsert, { name: `Concurrent ${i} Ltd` })),
    );
    for (const { body } of results) expect(body.errors).toBeUndefined();

    const walker = new ChainWalker();
    const seqs: bigint[] = [];
    for await (const row of new AuditLog(db.prisma).walk()) {
      expect(walker.next(row)).toBeNull();
      seqs.push(row.seq);
    }
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => BigInt(i + 1)));
    const names = (await db.prisma.auditEntry.findMany()).map(
      (e) => (e.arguments as { upsertCustomer: { input: { name: string } } }).upsertCustomer.input.name,
    );
    expect(new Set(names).size).toBe(20);

    const jobs = await db.prisma.syncJob.findMany();
    expect(jobs.length).toBeGreaterThanOrEqual(20);
    expect(new Set(jobs.map((j) => j.actor))).toEqual(new Set(['local']));

    const verified = await runCli(['audit', 'verify'], { DATABASE_URL: db.url! });
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.stdout.trim()).toBe('audit trail intact: 20 entries');
  }, 180_000);
});
