// A gateway's sync side as a process of its own, for the end-to-end tests that kill workers and
// run several processes over one database: the connectors (Xero, and NAV when given), the outbox
// engine and its workers, nothing else. Driven by environment variables (below); it prints one
// JSON line `{"event":"ready"}` once it is connected, and with LB_WORKER_EXIT_WHEN_IDLE=1 runs
// until no job is pending or running, prints `{"event":"idle",…}` and exits. Otherwise it runs
// until SIGTERM (then stops its workers cleanly) or SIGKILL.
//
//   LB_WORKER_DATABASE_URL | LB_WORKER_DATA_DIR   PostgreSQL, or the PGlite data folder
//   LB_WORKER_SECRET_KEY                           base64 key sealing the stored Xero tokens
//   LB_WORKER_XERO_URL                             the Xero sandbox (its one organisation is pushed to)
//   LB_WORKER_XERO_API_URL                         its Accounting API (default: on LB_WORKER_XERO_URL)
//   LB_WORKER_XERO_GOVERNOR                        JSON: RateGovernor limits, minuteMs, maxWaitMs
//   LB_WORKER_REDIS_URL / LB_WORKER_REDIS_PREFIX   share the Xero budget with other processes
//   LB_WORKER_NAV_URL / LB_WORKER_NAV_COMPANY      the NAV sandbox (or a proxy before it) and company
//   LB_WORKER_WORKERS / LB_WORKER_LEASE_MS         outbox workers in this process, their lease
//   LB_WORKER_WAIT_FOR_GO=1                        load, then wait for `go` on stdin to start
//   LB_WORKER_EXIT_WHEN_IDLE=1                     exit once no job is pending or running
//   LB_WORKER_LOG_LEVEL                            pino level on stdout (default silent)
import { Redis } from 'ioredis';
import type { Connector, SourceSystem } from '../../src/systems/system.js';
import { RateGovernor, type GovernorOptions } from '../../src/systems/xero/index.js';
import { Lookups } from '../../src/mapping/lookups.js';
import { createLogger } from '../../src/ops/logger.js';
import { CredentialStore } from '../../src/store/credential-store.js';
import { openDatabase } from '../../src/store/database.js';
import { SecretBox, parseSecretKey } from '../../src/store/secret-box.js';
import { SyncEngine } from '../../src/sync/engine.js';
import { connectSandboxNav } from '../../src/systems/nav/sandbox.js';
import { connectSandboxXero } from '../../src/systems/xero/sandbox.js';
import { createSyncServices } from '../../src/sync/services.js';

// Never outlive the test that started this process (stdin closes when it goes).
process.stdin.on('end', () => process.exit(1));
process.stdin.resume();

const env = process.env;
// Started ahead of time (its modules loaded), it waits for a line `go` before touching anything.
if (env.LB_WORKER_WAIT_FOR_GO === '1') {
  await new Promise<void>((resolve) => {
    let input = '';
    process.stdin.on('data', (chunk: Buffer) => {
      input += chunk.toString();
      if (input.includes('go\n')) resolve();
    });
  });
}
const required = (name: string): string => {
  const value = env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};
const say = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line)}\n`);

const db = await openDatabase(
  env.LB_WORKER_DATABASE_URL
    ? { url: env.LB_WORKER_DATABASE_URL, poolSize: 4 }
    : { dataDir: required('LB_WORKER_DATA_DIR') },
);
const log = createLogger(env.LB_WORKER_LOG_LEVEL ?? 'silent', { pretty: false });
const redis = env.LB_WORKER_REDIS_URL ? new Redis(env.LB_WORKER_REDIS_URL) : undefined;

const connectors: Partial<Record<SourceSystem, Connector>> = {};
if (env.LB_WORKER_XERO_URL) {
  const governor = JSON.parse(env.LB_WORKER_XERO_GOVERNOR ?? '{}') as GovernorOptions;
  connectors.XERO = await connectSandboxXero({
    url: env.LB_WORKER_XERO_URL,
    ...(env.LB_WORKER_XERO_API_URL ? { apiUrl: env.LB_WORKER_XERO_API_URL } : {}),
    store: new CredentialStore(db.prisma, new SecretBox(parseSecretKey(required('LB_WORKER_SECRET_KEY')))),
    governor: new RateGovernor({
      ...governor,
      ...(redis ? { redis, keyPrefix: env.LB_WORKER_REDIS_PREFIX } : {}),
    }),
  });
}
if (env.LB_WORKER_NAV_URL)
  connectors.NAV = await connectSandboxNav({
    url: env.LB_WORKER_NAV_URL,
    company: required('LB_WORKER_NAV_COMPANY'),
  });

const lookups = await Lookups.fromFile('config/lookups.demo.yaml');
const services = createSyncServices(db, {
  lookups,
  targets: Object.fromEntries(Object.entries(connectors).map(([s, c]) => [s, c.tenant])),
  writable: Object.fromEntries(Object.entries(connectors).map(([s, c]) => [s, c.capabilities.writable])),
});
const engine = new SyncEngine({
  db,
  services,
  connectors,
  lookups,
  log,
  workers: Number(env.LB_WORKER_WORKERS ?? 1),
  leaseMs: Number(env.LB_WORKER_LEASE_MS ?? 60_000),
  // Quick retries; a rate-limited job still waits until its Retry-After.
  policy: { baseDelayMs: 20, maxDelayMs: 200, defaultRateLimitWaitMs: 1_000, random: Math.random },
});
services.engine = engine;

const shutdown = async () => {
  await engine.stop();
  await services.close();
  await db.close();
  redis?.disconnect();
};

say({ event: 'ready', pid: process.pid, t: Math.round(performance.now()) });

if (env.LB_WORKER_EXIT_WHEN_IDLE === '1') {
  // A job left RUNNING by a killed process is taken over once its lease runs out: keep looking.
  for (;;) {
    await engine.drain();
    const unfinished = await db.prisma.syncJob.count({ where: { status: { in: ['PENDING', 'RUNNING'] } } });
    if (unfinished === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  await shutdown();
  say({ event: 'idle' });
  process.exit(0);
} else {
  engine.start();
  process.once('SIGTERM', () => {
    void shutdown().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
