// Sync benchmark: N customers and M sales invoices moved from NAV to Xero by the real sync engine
// (pullers, outbox, workers, both connectors; PGlite in memory, or PostgreSQL with --database), each
// sandbox in its own child process as a remote system would be. Prints figures only, no assertions:
//   - upstream calls per system and endpoint (the sandboxes' call logs) next to the minimum;
//   - records/second end to end under Xero's real limits (60 calls a minute, 5,000 a day and 5 in
//     flight per tenant, 10,000 a minute per app) on a clock running --time-scale times faster —
//     the Xero sandbox's clock and the connector's RateGovernor windows are scaled alike — with the
//     calls refused or over any limit (expected: none), and what the calls mean at real time;
//   - peak RSS of this process (engine + database) and of each sandbox process;
//   - NAV change → entityChanged latency (p50/p99): up to --changes customers edited one after
//     another through NAV's OData PATCH (for at most --latency-seconds) while NAV is polled every
//     --poll-ms, as the gateway polls.
//   npx tsx bench/sync.ts [--customers 10000] [--invoices 50000] [--time-scale 20] [--changes 200]
//     [--latency-seconds 120] [--poll-ms 1000] [--change-every-ms 100] [--workers 2]
//     [--xero empty|demo] [--distinct-parties] [--nav-page-size 1000] [--stall-seconds 300]
//     [--database postgresql://…/empty_db]
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { RateGovernor, XERO_DEFAULT_LIMITS, XERO_WRITE_BATCH } from '../src/systems/xero/index.js';
import { Lookups } from '../src/mapping/lookups.js';
import { createLogger } from '../src/ops/logger.js';
import { CredentialStore } from '../src/store/credential-store.js';
import { openDatabase } from '../src/store/database.js';
import { SecretBox } from '../src/store/secret-box.js';
import { SyncEngine } from '../src/sync/engine.js';
import { connectSandboxNav } from '../src/systems/nav/sandbox.js';
import { connectSandboxXero } from '../src/systems/xero/sandbox.js';
import { createSyncServices } from '../src/sync/services.js';
import { launchSandbox, type SandboxProcess, type SandboxStats } from '@ledgerbridge/sandbox/process.js';

const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '10000' },
    invoices: { type: 'string', default: '50000' },
    'time-scale': { type: 'string', default: '20' },
    changes: { type: 'string', default: '200' },
    'poll-ms': { type: 'string', default: '1000' },
    'change-every-ms': { type: 'string', default: '100' },
    'latency-seconds': { type: 'string', default: '120' },
    workers: { type: 'string', default: '2' },
    xero: { type: 'string', default: 'empty' },
    'nav-page-size': { type: 'string', default: '1000' },
    'stall-seconds': { type: 'string', default: '300' },
    'distinct-parties': { type: 'boolean', default: false },
    database: { type: 'string' },
  },
});
const customers = Number(values.customers);
const invoices = Number(values.invoices);
const scale = Number(values['time-scale']);
const changes = Number(values.changes);
const pollMs = Number(values['poll-ms']);
const changeEveryMs = Number(values['change-every-ms']);
const latencySeconds = Number(values['latency-seconds']);
const workers = Number(values.workers);
const navPageSize = Number(values['nav-page-size']);
const stallMs = Number(values['stall-seconds']) * 1000;
const xeroStart = values.xero === 'demo' ? 'demo' : 'empty';
const distinctParties = values['distinct-parties'];

// ---------- helpers ----------

const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0).padStart(5)} s`;
const say = (line: string) => console.log(`[${elapsed()}] ${line}`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const int = (n: number) => Math.round(n).toLocaleString('en-GB');
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

let peakRss = 0;
let phasePeakRss = 0;
const sampler = setInterval(() => {
  const rss = process.memoryUsage.rss();
  peakRss = Math.max(peakRss, rss);
  phasePeakRss = Math.max(phasePeakRss, rss);
}, 50);

function table(rows: string[][]): void {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => r[i]?.length ?? 0))) ?? [];
  for (const r of rows)
    console.log(
      '  ' + r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  '),
    );
}

/** fetch, once more when a kept-alive connection was closed under it (admin calls; an idempotent PATCH). */
async function request(url: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch {
    await sleep(100);
    return fetch(url, init);
  }
}

interface CallLog {
  total: number;
  byEndpoint: Record<string, number>;
}

async function calls(url: string, tenant: string): Promise<CallLog> {
  const body = (await (await request(`${url}/__sandbox/calls`)).json()) as {
    tenants: Record<string, CallLog>;
  };
  return body.tenants[tenant] ?? { total: 0, byEndpoint: {} };
}

async function resetCalls(...sandboxes: SandboxProcess[]): Promise<void> {
  for (const s of sandboxes) {
    await request(`${s.ready.url}/__sandbox/calls`, { method: 'DELETE' });
    await s.reset();
  }
}

/** Time to make `n` calls at Xero's real limits: 60 a minute, and no more than 5,000 in a rolling day. */
function realLimitMs(n: number): number {
  const days = Math.floor(Math.max(0, n - 1) / XERO_DEFAULT_LIMITS.perDay);
  return (
    days * 86_400_000 + ((n - days * XERO_DEFAULT_LIMITS.perDay) / XERO_DEFAULT_LIMITS.perMinute) * 60_000
  );
}

function atRealLimits(n: number): string {
  const ms = realLimitMs(n);
  const days = Math.floor(ms / 86_400_000);
  const minutes = (ms - days * 86_400_000) / 60_000;
  return days ? `${days} day${days > 1 ? 's' : ''} + ${minutes.toFixed(0)} min` : `${minutes.toFixed(1)} min`;
}

function limitReport(name: string, s: SandboxStats, scaleNote: string): void {
  const refused = Object.entries(s.refused);
  console.log(
    `  ${name}: ${int(s.accepted)} calls let through; refused over a limit: ` +
      (refused.length ? refused.map(([k, v]) => `${v} (${k})`).join(', ') : '0') +
      `; answers ${Object.entries(s.statuses)
        .map(([k, v]) => `${k}×${v}`)
        .join(' ')}; answering them took ${seconds(s.answerMs)} (slowest ${seconds(s.slowestMs)})`,
  );
  if (scaleNote)
    console.log(
      `    most in any rolling minute ${s.maxPerMinute} (limit ${XERO_DEFAULT_LIMITS.perMinute}), ` +
        `in any rolling day ${s.maxPerDay} (limit ${XERO_DEFAULT_LIMITS.perDay}), ` +
        `in flight at once ${s.maxInFlight} (limit ${XERO_DEFAULT_LIMITS.concurrent}) — ${scaleNote}`,
    );
}

// ---------- set-up ----------

console.log(
  `sync bench: ${int(customers)} customers + ${int(invoices)} sales invoices, NAV → Xero (Xero starts ${xeroStart === 'empty' ? 'without them' : 'with the demo share'}` +
    `${distinctParties ? '; every customer name and email made distinct' : ''})`,
);
console.log(
  `Xero clock ×${scale} (one Xero minute = ${seconds(60_000 / scale)} real); ${workers} outbox workers; ` +
    `NAV page size ${navPageSize}; ${values.database ? 'PostgreSQL' : 'PGlite in memory'}; ${cpus().length} CPUs, load average ${load()}`,
);
const epoch = Date.now();
const xeroClock = () => epoch + (Date.now() - epoch) * scale;
const demo = { customers, salesInvoices: invoices };
const spec = {
  demo,
  xeroStart,
  distinctParties,
  timeScale: scale,
  epoch,
  xeroLimits: XERO_DEFAULT_LIMITS,
  navPageSize,
} as const;
say('generating the demo company and seeding both sandboxes (one child process each)…');
const [nav, xeroBox] = await Promise.all([
  launchSandbox({ ...spec, system: 'nav' }),
  launchSandbox({ ...spec, system: 'xero' }),
]);
const counts = nav.ready.counts;
say(
  `NAV sandbox ready: generated in ${seconds(nav.ready.generateMs)}, seeded in ${seconds(nav.ready.startMs)} ` +
    `(${int(counts.customers)} customers, ${int(counts.postedInvoices)} posted + ${int(counts.draftInvoices)} draft sales invoices)`,
);
say(
  `Xero sandbox ready: seeded in ${seconds(xeroBox.ready.startMs)} ` +
    `(${int(xeroBox.ready.counts.xeroContacts)} contacts, ${int(xeroBox.ready.counts.xeroSalesInvoices)} sales invoices)`,
);

const db = await openDatabase(values.database ? { url: values.database } : { dataDir: 'memory://' });
await db.migrate();
if ((await db.prisma.customer.count()) + (await db.prisma.syncJob.count()) > 0)
  throw new Error('--database must name an empty database: the bench counts what it syncs there');
const log = createLogger('silent', { pretty: false });
const store = new CredentialStore(db.prisma, new SecretBox(randomBytes(32)));
// Token lifetimes are on the Xero clock, and the minute and day windows shrink with it.
const xero = await connectSandboxXero({
  url: xeroBox.ready.url,
  store,
  connection: 'bench',
  now: xeroClock,
  governor: new RateGovernor({
    limits: XERO_DEFAULT_LIMITS,
    minuteMs: 61_000 / scale,
    dayMs: 86_400_000 / scale,
  }),
});
const navConnector = await connectSandboxNav({ url: nav.ready.url, company: nav.ready.tenant });
const lookups = await Lookups.fromFile(
  fileURLToPath(new URL('../config/lookups.demo.yaml', import.meta.url)),
);
const services = createSyncServices(db, {
  lookups,
  targets: { XERO: xero.tenant, NAV: navConnector.tenant },
  writable: { XERO: xero.capabilities.writable, NAV: navConnector.capabilities.writable },
});
const engine = new SyncEngine({
  db,
  services,
  connectors: { XERO: xero, NAV: navConnector },
  lookups,
  log,
  workers,
});
services.engine = engine;

// ---------- 1. bulk: every customer, then every invoice, pushed as they are queued ----------

const jobCounts = async () => {
  const rows = await db.prisma.syncJob.groupBy({ by: ['status'], _count: { _all: true } });
  return Object.fromEntries(rows.map((r) => [r.status, r._count._all])) as Record<string, number>;
};

/** Waits until no job is pending or running; gives up when nothing settled for `stallMs`. */
async function settled(): Promise<boolean> {
  let last = -1;
  let lastChange = performance.now();
  for (;;) {
    const c = await jobCounts();
    if (!c.PENDING && !c.RUNNING) return true;
    const done = (c.SUCCEEDED ?? 0) + (c.DEAD ?? 0) + (c.CANCELLED ?? 0);
    if (done !== last) [last, lastChange] = [done, performance.now()];
    else if (performance.now() - lastChange > stallMs) return false;
    await sleep(250);
  }
}

await resetCalls(nav, xeroBox);
const setupRss = process.memoryUsage.rss();
phasePeakRss = setupRss;
const navCpuBefore = (await nav.stats()).cpuMs;
const xeroCpuBefore = (await xeroBox.stats()).cpuMs;
say('bulk sync: pulling NAV customers, then invoices; the workers push to Xero meanwhile');
const progress = setInterval(() => {
  void Promise.all([jobCounts(), db.prisma.customer.count(), db.prisma.invoice.count()]).then(([c, cs, is]) =>
    say(
      `  mirror ${int(cs)} customers, ${int(is)} invoices; jobs ${Object.entries(c)
        .map(([k, v]) => `${k.toLowerCase()} ${int(v)}`)
        .join(', ')}; RSS ${mb(process.memoryUsage.rss())}; load ${load()}`,
    ),
  );
}, 15_000);
engine.start();
db.queries.reset();
const bulkCpu = cpuMs();
const bulkStarted = performance.now();
const customerPull = await engine.pull('NAV', 'customer');
const customersPulledMs = performance.now() - bulkStarted;
say(`  customers read: ${int(customerPull.read)} in ${seconds(customersPulledMs)}`);
const invoicePull = await engine.pull('NAV', 'invoice');
const invoicesPulledMs = performance.now() - bulkStarted;
say(`  invoices read: ${int(invoicePull.read)} in ${seconds(invoicesPulledMs - customersPulledMs)}`);
const complete = await settled();
const bulkMs = performance.now() - bulkStarted;
const bulkCpuMs = cpuMs() - bulkCpu;
const bulkStatements = db.queries.count;
clearInterval(progress);
const bulkPeakRss = phasePeakRss;
say(complete ? 'bulk sync settled' : `bulk sync stalled: nothing settled for ${seconds(stallMs)}`);

const navBulk = await calls(nav.ready.url, nav.ready.tenant);
const xeroBulk = await calls(xeroBox.ready.url, xeroBox.ready.tenant);
const navBulkStats = await nav.stats();
const xeroBulkStats = await xeroBox.stats();
const outcomes = await db.prisma.syncJob.groupBy({
  by: ['system', 'entityType', 'status'],
  _count: { _all: true },
});
const succeeded = (entityType: string) =>
  outcomes.find((o) => o.system === 'XERO' && o.entityType === entityType && o.status === 'SUCCEEDED')?._count
    ._all ?? 0;
const movedCustomers = succeeded('CUSTOMER');
const movedInvoices = succeeded('INVOICE');
const moved = movedCustomers + movedInvoices;
const failures = await db.prisma.syncJob.findMany({
  where: { status: { in: ['DEAD', 'CANCELLED', 'PENDING'] } },
  select: { entityType: true, status: true, lastError: true },
  take: 2000,
});

console.log('\nBULK SYNC');
console.log(
  `  ${int(moved)} records reached Xero (${int(movedCustomers)} customers, ${int(movedInvoices)} invoices) in ${seconds(bulkMs)}: ` +
    `${(moved / (bulkMs / 1000)).toFixed(1)} records/s end to end on the ×${scale} clock`,
);
console.log(
  `  NAV read: customers ${seconds(customersPulledMs)}, invoices ${seconds(invoicesPulledMs - customersPulledMs)}; ` +
    `the outbox settled ${seconds(bulkMs - invoicesPulledMs)} after the last page`,
);
console.log(
  `  pull reports: customers read ${int(customerPull.read)} applied ${int(customerPull.applied)} rejected ${customerPull.rejected.length}; ` +
    `invoices read ${int(invoicePull.read)} applied ${int(invoicePull.applied)} rejected ${invoicePull.rejected.length}`,
);
console.log(
  `  jobs: ${outcomes
    .map((o) => `${o.system} ${o.entityType} ${o.status.toLowerCase()} ${int(o._count._all)}`)
    .join('; ')}`,
);
if (failures.length) {
  const reasons = new Map<string, number>();
  for (const f of failures) {
    const message = (f.lastError as { message?: string } | null)?.message ?? '(no error)';
    const key = `${f.entityType} ${f.status}: ${message.replace(/[0-9a-f-]{36}|\d{3,}/g, '…').slice(0, 140)}`;
    reasons.set(key, (reasons.get(key) ?? 0) + 1);
  }
  for (const [reason, n] of [...reasons].sort((a, b) => b[1] - a[1]).slice(0, 5))
    console.log(`    ${n}× ${reason}`);
}
const mirrorCustomers = await db.prisma.customer.count();
const navLinked = await db.prisma.externalLink.count({ where: { entityType: 'CUSTOMER', system: 'NAV' } });
console.log(
  `  mirror: ${int(mirrorCustomers)} customers for ${int(counts.customers)} NAV customers; ` +
    `${customerPull.linked.length} NAV customers were linked to a customer already in the mirror instead of ` +
    `getting their own${customerPull.linked.length ? ` (e.g. ${customerPull.linked[0]?.externalId}: ${customerPull.linked[0]?.reason})` : ''}; ` +
    `${int(navLinked)} keep a NAV link`,
);
console.log(
  `  CPU: this process${db.kind === 'pglite' ? ' (engine + PGlite)' : ''} ${seconds(bulkCpuMs)} (${(bulkCpuMs / bulkMs).toFixed(2)} of a core), NAV sandbox ` +
    `${seconds(navBulkStats.cpuMs - navCpuBefore)}, Xero sandbox ${seconds(xeroBulkStats.cpuMs - xeroCpuBefore)}; ` +
    `${int(bulkStatements)} SQL statements (${(bulkStatements / Math.max(1, moved)).toFixed(0)} per record moved)`,
);
console.log(
  `  Xero now holds ${int(xeroBulkStats.xeroContacts)} contacts and ${int(xeroBulkStats.xeroSalesInvoices)} sales invoices ` +
    `(${int(xeroBox.ready.counts.xeroContacts)} and ${int(xeroBox.ready.counts.xeroSalesInvoices)} at the start)`,
);

console.log('\nUPSTREAM CALLS (bulk)');
const pages = (n: number, size: number) => Math.ceil(Math.max(n, 1) / size);
const navMinimum = pages(counts.customers, navPageSize) + pages(counts.postedInvoices, navPageSize);
const xeroMinimum =
  Math.ceil(movedCustomers / XERO_WRITE_BATCH) + Math.ceil(movedInvoices / XERO_WRITE_BATCH);
const endpointRows = (log: CallLog) =>
  Object.entries(log.byEndpoint)
    .sort((a, b) => b[1] - a[1])
    .map(([endpoint, n]) => [`    ${endpoint}`, int(n), '']);
table([
  ['', 'calls', 'minimum'],
  ['NAV', int(navBulk.total), int(navMinimum)],
  ...endpointRows(navBulk),
  ['Xero', int(xeroBulk.total), int(xeroMinimum)],
  ...endpointRows(xeroBulk),
]);
console.log(
  `  minimum: NAV = ceil(customers ÷ ${navPageSize}) + ceil(posted invoices ÷ ${navPageSize}) pages (lines come ` +
    `in the same page by $expand; drafts need no read); Xero = ceil(customers ÷ ${XERO_WRITE_BATCH}) + ` +
    `ceil(invoices ÷ ${XERO_WRITE_BATCH}) batched writes, nothing read`,
);

console.log('\nXERO LIMITS (bulk)');
const xeroMinutes = bulkMs / 60_000;
const allowed = XERO_DEFAULT_LIMITS.perMinute * scale * xeroMinutes;
limitReport('Xero', xeroBulkStats, 'on the ×' + scale + ' clock');
limitReport('NAV', navBulkStats, '');
console.log(
  `  the run used ${((100 * xeroBulk.total) / allowed).toFixed(0)}% of the scaled minute budget ` +
    `(${int(xeroBulk.total)} calls in ${seconds(bulkMs)}; the limit allowed ${int(allowed)})` +
    (xeroBulk.total / allowed > 0.8 ? ': Xero-bound' : ': bound by the engine, not by Xero'),
);
// At real time the governor's waits let jobs pile up, so each call carries a fuller batch than on
// the fast clock, where Xero is `scale` times quicker relative to the engine. Full batches, with the
// look-up by number the invoice push makes before creating, are the real-time estimate.
const invoiceLookups = xeroBulk.byEndpoint['GET /Invoices'] ?? 0;
const fullBatches =
  Math.ceil(movedCustomers / XERO_WRITE_BATCH) +
  (invoiceLookups ? 2 : 1) * Math.ceil(movedInvoices / XERO_WRITE_BATCH);
console.log(
  `  at Xero's real limits (60 calls/min, 5,000/day): the ${int(xeroBulk.total)} calls made here would take ` +
    `${atRealLimits(xeroBulk.total)}; in full batches of ${XERO_WRITE_BATCH}${invoiceLookups ? ' plus one look-up per invoice batch' : ''} ` +
    `(${int(fullBatches)} calls, as batches fill when the governor makes jobs wait) ${atRealLimits(fullBatches)}; ` +
    `the minimum ${int(xeroMinimum)} calls ${atRealLimits(xeroMinimum)}`,
);
const projectedMs = Math.max(bulkMs, realLimitMs(fullBatches));
console.log(
  `  projected at real time: the longer of this run's ${seconds(bulkMs)} (engine and sandboxes) and Xero's ` +
    `${atRealLimits(fullBatches)} = ${(projectedMs / 60_000).toFixed(1)} min, ${(moved / (projectedMs / 1000)).toFixed(1)} records/s`,
);
console.log(
  `  e.g. ${int(invoices)} invoices = ${int(Math.ceil(invoices / XERO_WRITE_BATCH))} write calls = ` +
    `${atRealLimits(Math.ceil(invoices / XERO_WRITE_BATCH))} at 60 calls/min` +
    (invoiceLookups
      ? ` (${atRealLimits(2 * Math.ceil(invoices / XERO_WRITE_BATCH))} with the look-ups)`
      : ''),
);

console.log('\nMEMORY (bulk)');
const navPeak = navBulkStats.peakRssBytes;
const xeroPeak = xeroBulkStats.peakRssBytes;
console.log(
  `  peak RSS: this process (engine${db.kind === 'pglite' ? ' + PGlite' : ''}) ${mb(bulkPeakRss)} (${mb(setupRss)} before the sync); NAV sandbox process ${mb(navPeak)}; ` +
    `Xero sandbox process ${mb(xeroPeak)}`,
);

// ---------- 2. latency: NAV change → entityChanged, polled as the gateway polls ----------

console.log('');
say(
  `latency: up to ${changes} customers changed in NAV one after another (${changeEveryMs} ms apart, for at most ` +
    `${latencySeconds} s); NAV polled every ${pollMs} ms`,
);
await resetCalls(nav, xeroBox);
phasePeakRss = process.memoryUsage.rss();
const navLinks = await db.prisma.externalLink.findMany({
  where: { system: 'NAV', entityType: 'CUSTOMER' },
  select: { entityId: true, externalId: true },
  orderBy: { externalId: 'asc' },
});
const step = Math.max(1, Math.floor(navLinks.length / Math.max(1, changes)));
const chosen = navLinks.filter((_, i) => i % step === 0).slice(0, changes);
const targets = new Set(chosen.map((l) => l.entityId));
/** When NAV answered each PATCH (the change is committed then), and when its entityChanged arrived. */
const committedAt = new Map<string, number>();
const seenAt = new Map<string, number>();
const SENTINEL = 'bench-end';
const consumer = (async () => {
  const feed = services.events.subscribe({
    types: ['ENTITY_CHANGED'],
    filter: (e) => e.type === 'ENTITY_CHANGED' && (targets.has(e.entityId) || e.entityId === SENTINEL),
  });
  for await (const event of feed) {
    if (event.type !== 'ENTITY_CHANGED') continue;
    if (event.entityId === SENTINEL) return;
    if (event.source === 'NAV' && !seenAt.has(event.entityId)) seenAt.set(event.entityId, performance.now());
  }
})();
await sleep(100); // the subscription reads the log head before it listens

const pollDurations: number[] = [];
const polls: { running: Promise<void> | null } = { running: null };
let pollErrors = 0;
const poll = () => {
  polls.running ??= (async () => {
    const t = performance.now();
    try {
      await engine.pull('NAV', 'customer');
      pollDurations.push(performance.now() - t);
    } catch {
      pollErrors += 1;
    }
  })().finally(() => (polls.running = null));
};
const poller = setInterval(poll, pollMs);

const navAuth = `Basic ${Buffer.from('ADMIN:sandbox').toString('base64')}`;
const customerUrl = (no: string) =>
  `${nav.ready.url}/DynamicsNAV110/ODataV4/Company('${encodeURIComponent(nav.ready.tenant)}')/Customer('${encodeURIComponent(no)}')`;
let patchFailures = 0;
const patchTimes: number[] = [];
const changesStarted = performance.now();
for (const [i, link] of chosen.entries()) {
  if (performance.now() - changesStarted > latencySeconds * 1000) break;
  const sent = performance.now();
  const res = await request(customerUrl(link.externalId), {
    method: 'PATCH',
    headers: { authorization: navAuth, 'content-type': 'application/json', 'if-match': '*' },
    body: JSON.stringify({ Phone_No: `+44 20 7946 ${String(i).padStart(4, '0')}` }),
  });
  await res.arrayBuffer();
  const answered = performance.now();
  patchTimes.push(answered - sent);
  if (res.ok) committedAt.set(link.entityId, answered);
  else patchFailures += 1;
  await sleep(changeEveryMs);
}
const waitMs = Math.max(60_000, 20 * pollMs, 3 * Math.max(0, ...pollDurations));
const deadline = performance.now() + waitMs;
const unseen = () => [...committedAt.keys()].filter((id) => !seenAt.has(id)).length;
while (unseen() && performance.now() < deadline) await sleep(50);
const missed = unseen();
clearInterval(poller);
await polls.running;
await services.events.publish([
  {
    type: 'ENTITY_CHANGED',
    entityType: 'CUSTOMER',
    entityId: SENTINEL,
    change: 'UPDATED',
    source: 'GATEWAY',
  },
]);
await consumer;
const latencyComplete = await settled();
const latencyPeakRss = phasePeakRss;
const navLatency = await calls(nav.ready.url, nav.ready.tenant);
const xeroLatency = await calls(xeroBox.ready.url, xeroBox.ready.tenant);
const navLatencyStats = await nav.stats();
const xeroLatencyStats = await xeroBox.stats();

const latencies = [...committedAt]
  .flatMap(([id, at]) => {
    const seen = seenAt.get(id);
    // The poll may deliver the event before this loop has read NAV's answer to the PATCH.
    return seen === undefined ? [] : [Math.max(0, seen - at)];
  })
  .sort((a, b) => a - b);
pollDurations.sort((a, b) => a - b);
patchTimes.sort((a, b) => a - b);
console.log('\nLATENCY: NAV change → entityChanged');
console.log(
  `  ${committedAt.size} of ${chosen.length} changes made in ${seconds(latencySeconds * 1000)} or less ` +
    `(PATCH answered in p50 ${percentile(patchTimes, 50).toFixed(0)} ms; ${patchFailures} refused); ` +
    `${latencies.length} seen, ${missed} not within ${seconds(waitMs)} after the last`,
);
console.log(
  `  change committed → entityChanged: p50 ${percentile(latencies, 50).toFixed(0)} ms, ` +
    `p99 ${percentile(latencies, 99).toFixed(0)} ms, max ${(latencies.at(-1) ?? NaN).toFixed(0)} ms`,
);
console.log(
  `  ${pollDurations.length} polls (${pollErrors} failed), each p50 ${percentile(pollDurations, 50).toFixed(0)} ms, ` +
    `p99 ${percentile(pollDurations, 99).toFixed(0)} ms; latency ≈ the wait for the next poll (≤ ${pollMs} ms) + one poll`,
);
const patches = Object.entries(navLatency.byEndpoint)
  .filter(([k]) => k.startsWith('PATCH'))
  .reduce((n, [, v]) => n + v, 0);
console.log(
  `  upstream calls meanwhile: NAV ${int(navLatency.total - patches)} by the gateway (+${patches} PATCHes by the bench), ` +
    `Xero ${int(xeroLatency.total)} pushing the changed customers on (minimum ${Math.ceil(committedAt.size / XERO_WRITE_BATCH)} ` +
    `if batched 50 a call; they come a few per poll)${latencyComplete ? '' : ' — the pushes had not settled'}`,
);
limitReport('NAV', navLatencyStats, '');
limitReport('Xero', xeroLatencyStats, 'on the ×' + scale + ' clock');
console.log(`  peak RSS during the latency phase: ${mb(latencyPeakRss)}`);

// ---------- shut down ----------

await engine.stop();
await services.close();
await db.close();
await Promise.all([nav.close(), xeroBox.close()]);
clearInterval(sampler);
console.log(
  `\nwhole run ${elapsed().trim()}; peak RSS of this process ${mb(peakRss)}; load average at the end ${load()}`,
);
