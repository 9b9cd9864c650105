// Invariants 5 and 7 under a 429 storm: hundreds of customer changes pushed to a Xero sandbox with
// tight limits (calls a minute, calls in flight) and injected bursts of 429 + Retry-After, by
// several workers — in one gateway process, and in two gateway processes sharing PostgreSQL and
// Redis. Every job succeeds, each record is in Xero exactly once, the sandbox refused no call for
// being over a limit (the gateway paced itself), and jobs held back by a 429 kept their attempts.
// The sandbox's clock runs 60 times faster (a Xero minute is a second), so this takes seconds.
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RateGovernor, type GovernorOptions } from '../../src/systems/xero/index.js';
import { Lookups } from '../../src/mapping/lookups.js';
import { createLogger } from '../../src/ops/logger.js';
import { generateDemoCompany } from '@ledgerbridge/sandbox/demo/index.js';
import { startXeroSandbox, type RunningXeroSandbox } from '@ledgerbridge/sandbox/xero/index.js';
import { CredentialStore } from '../../src/store/credential-store.js';
import type { Database } from '../../src/store/database.js';
import { SecretBox } from '../../src/store/secret-box.js';
import { SyncEngine } from '../../src/sync/engine.js';
import { connectSandboxXero } from '../../src/systems/xero/sandbox.js';
import { createSyncServices } from '../../src/sync/services.js';
import { databaseTargets } from '../support/databases.js';
import { redisForTests } from '../support/redis.js';
import { killWorkerProcesses, sharedStores, startWorkerProcess } from '../support/worker-processes.js';

const RECORDS = 300;
/** The sandbox's clock runs this much faster than the wall clock: a Xero minute lasts 1 s. */
const SPEED = 60;
const XERO_MINUTE_MS = 60_000 / SPEED;
const LIMITS = { perMinute: 3, concurrent: 2 };
/** A burst of injected 429s, Retry-After 2 s: longer than a call may wait, so jobs are held back. */
const BURST = 2;

const targets = await databaseTargets();
const pg = targets.find((t) => t.name === 'postgresql');
const redis = await redisForTests();
const log = createLogger('silent', { pretty: false });

/**
 * The gateway's governor, its minute shortened with the sandbox's. It stamps a call when it leaves
 * and Xero when it arrives, so it keeps a margin for latency jitter (a second by default); on a
 * loaded test machine that jitter is not scaled down with the clock: half a second here.
 */
const governorOptions = (concurrent: number): GovernorOptions => ({
  limits: { perMinute: LIMITS.perMinute, concurrent },
  minuteMs: XERO_MINUTE_MS + 500,
  maxWaitMs: 1_500,
});

async function startStormSandbox(): Promise<RunningXeroSandbox> {
  const started = Date.now();
  return startXeroSandbox({
    port: 0,
    companies: [
      generateDemoCompany({
        customers: 2,
        vendors: 1,
        items: 1,
        salesInvoices: 1,
        purchaseInvoices: 1,
        salesOrders: 0,
      }),
    ],
    limits: { ...LIMITS, perDay: 1_000_000, appPerMinute: 1_000_000 },
    now: () => started + (Date.now() - started) * SPEED,
  });
}

/** The next POSTs /Contacts are answered 429 with Retry-After 2 s. */
function inject429Burst(xero: RunningXeroSandbox): void {
  xero.sandbox.faults.add({
    kind: 'rate-limit',
    method: 'POST',
    path: '/Contacts',
    count: BURST,
    retryAfterSeconds: 2,
  });
}

/** Accepts the changes through the change service, one mutation at a time. */
async function enqueueCustomers(db: Database, lookups: Lookups, tenantId: string, tag: string) {
  const services = createSyncServices(db, { lookups, targets: { XERO: tenantId } });
  for (let i = 1; i <= RECORDS; i++) {
    const result = await services.changes.upsertCustomer(
      null,
      { name: `Storm ${tag} ${i}`, currency: 'GBP', status: 'ACTIVE', email: `ap${i}@storm.example` },
      {},
    );
    expect(result.userErrors).toEqual([]);
  }
  await services.close();
}

/** Waits until no job is pending or running (polling the queue; no fixed sleep decides anything). */
async function settled(db: Database, deadline: number): Promise<void> {
  for (;;) {
    const open = await db.prisma.syncJob.count({ where: { status: { in: ['PENDING', 'RUNNING'] } } });
    if (open === 0) return;
    if (Date.now() > deadline) throw new Error(`${open} jobs still open`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function expectStormSurvived(db: Database, xero: RunningXeroSandbox, tenantId: string, tag: string) {
  const jobs = await db.prisma.syncJob.findMany();
  expect(jobs).toHaveLength(RECORDS);
  // Every job succeeded, none dead.
  expect(jobs.filter((j) => j.status !== 'SUCCEEDED').map((j) => [j.status, j.lastError])).toEqual([]);
  // Held back by a 429 ('deferred') costs no attempt: a job's attempts are its other outcomes only
  // (an answer lost on the way counts, as it should: that call may have reached Xero).
  const attempts = await db.prisma.syncAttempt.groupBy({
    by: ['jobId', 'outcome'],
    _count: { _all: true },
  });
  const counted = new Map<string, number>();
  for (const a of attempts)
    if (a.outcome !== 'deferred') counted.set(a.jobId, (counted.get(a.jobId) ?? 0) + a._count._all);
  expect(jobs.filter((j) => j.attempts !== counted.get(j.id)).map((j) => j.attempts)).toEqual([]);
  const deferred = attempts.filter((a) => a.outcome === 'deferred');
  expect(deferred.length).toBeGreaterThan(0); // the burst did hold jobs back
  expect(attempts.filter((a) => a.outcome === 'succeeded').length).toBe(RECORDS);
  expect(new Set(attempts.map((a) => a.outcome))).not.toContain('dead');

  // Exactly one contact per record, and its link.
  const contacts = [...xero.sandbox.tenant(tenantId)!.contacts.values()].filter((c) =>
    c.Name.startsWith(`Storm ${tag} `),
  );
  expect(contacts).toHaveLength(RECORDS);
  expect(new Set(contacts.map((c) => c.Name)).size).toBe(RECORDS);
  expect(await db.prisma.externalLink.count({ where: { system: 'XERO' } })).toBe(RECORDS);

  // The sandbox refused nothing for being over a limit; every 429 it sent was an injected one.
  expect(xero.sandbox.limiter.breaches).toEqual({ minute: 0, day: 0, concurrent: 0, appminute: 0 });
  expect(xero.sandbox.faults.list()).toEqual([]);
  // The limits did bind: more calls were made than a Xero minute allows.
  const calls = xero.sandbox.calls.snapshot().tenants[tenantId]?.byEndpoint['POST /Contacts'] ?? 0;
  expect(calls).toBeGreaterThan(LIMITS.perMinute);
}

describe.each(targets)('a 429 storm against one gateway process with four workers ($name)', (target) => {
  let xero: RunningXeroSandbox;
  let db: Awaited<ReturnType<typeof target.open>>;

  beforeAll(async () => {
    xero = await startStormSandbox();
    db = await target.open();
  });

  afterAll(async () => {
    await db?.dispose();
    await xero?.close();
  });

  it('loses no job, duplicates no contact, never exceeds a limit, and spends no attempt on a 429', async () => {
    const tenantId = xero.tenants[0]!.tenantId;
    const lookups = await Lookups.fromFile('config/lookups.demo.yaml');
    const store = new CredentialStore(db.prisma, new SecretBox(randomBytes(32)));
    const connector = await connectSandboxXero({
      url: xero.url,
      store,
      governor: new RateGovernor(governorOptions(LIMITS.concurrent)),
    });
    const services = createSyncServices(db, { lookups, targets: { XERO: tenantId } });
    const engine = new SyncEngine({
      db,
      services,
      connectors: { XERO: connector },
      lookups,
      log,
      workers: 4,
      policy: { baseDelayMs: 20, maxDelayMs: 200, defaultRateLimitWaitMs: 1_000, random: Math.random },
    });
    // The whole queue is there when the four workers start: each claims a batch at once.
    await enqueueCustomers(db, lookups, tenantId, target.name);
    inject429Burst(xero);
    engine.start();
    try {
      await settled(db, Date.now() + 100_000);
    } finally {
      await engine.stop();
      await services.close();
    }
    await expectStormSurvived(db, xero, tenantId, target.name);
  }, 120_000);
});

const twoProcessesProblem = !pg
  ? 'DATABASE_URL_TEST is not set or PostgreSQL is unreachable'
  : redis.problem
    ? `Redis: ${redis.problem}`
    : null;
if (twoProcessesProblem)
  console.warn(
    `[skip] 429 storm across two gateway processes (needs PostgreSQL and Redis): ${twoProcessesProblem}.`,
  );

describe.skipIf(twoProcessesProblem !== null)('a 429 storm against two gateway processes', () => {
  let xero: RunningXeroSandbox;

  beforeAll(async () => {
    xero = await startStormSandbox();
  });

  afterEach(killWorkerProcesses);

  afterAll(async () => {
    await xero?.close();
  });

  it('shares one budget: no job lost, no contact twice, no call over a limit, no attempt spent on a 429', async () => {
    const tenantId = xero.tenants[0]!.tenantId;
    const stores = sharedStores('postgresql');
    const store = await stores.create();
    try {
      const lookups = await Lookups.fromFile('config/lookups.demo.yaml');
      const env = {
        ...store.env,
        LB_WORKER_SECRET_KEY: randomBytes(32).toString('base64'),
        LB_WORKER_XERO_URL: xero.url,
        // Budgets are shared through Redis; calls in flight are counted per process, so each
        // process takes its share of Xero's concurrency limit.
        LB_WORKER_XERO_GOVERNOR: JSON.stringify(governorOptions(LIMITS.concurrent / 2)),
        LB_WORKER_REDIS_URL: redis.url!,
        LB_WORKER_REDIS_PREFIX: `lb:test:storm:${randomUUID()}`,
        LB_WORKER_WORKERS: '3',
      };
      const gateways = [startWorkerProcess(env), startWorkerProcess(env)];
      await Promise.all(gateways.map((g) => g.ready));
      inject429Burst(xero);
      // The changes arrive while both processes' workers poll the queue.
      await store.use(async (db) => {
        await enqueueCustomers(db, lookups, tenantId, 'two processes');
        await settled(db, Date.now() + 100_000);
      });
      for (const g of gateways) g.child.kill('SIGTERM');
      await Promise.all(gateways.map((g) => g.succeeded()));
      await store.use((db) => expectStormSurvived(db, xero, tenantId, 'two processes'));
      // Both processes did part of the work.
      const byWorker = await store.use((db) =>
        db.prisma.syncAttempt.groupBy({ by: ['workerId'], where: { outcome: 'succeeded' } }),
      );
      const pids = new Set(byWorker.map((w) => w.workerId.split('-')[0]));
      expect(pids.size).toBe(2);
    } finally {
      await store.dispose();
      await stores.dispose();
    }
  }, 120_000);
});
