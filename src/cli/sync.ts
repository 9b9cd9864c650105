// `ledgerbridge sync`: one sync run from the configuration, as `serve` would connect (the configured
// Xero and NAV/BC, or demo mode's sandboxes), then exit. Reads the chosen entities in the engine's
// order (parties before documents; NAV before Xero, so Xero records holding a NAV number link to
// it), then drains the outbox in this process, and reports per system and entity what was read and
// what was pushed. Exits 1 when a record was rejected, a job died, a conflict was recorded or a read
// failed.
import type { Command } from 'commander';
import type { Config } from '../config/schema.js';
import { sourceSystems, type SourceSystem } from '../systems/registry.js';
import type { Logger } from '../ops/logger.js';
import type { Database } from '../store/database.js';
import type { RunningSync } from '../sync/bootstrap.js';
import type { SyncedEntity } from '../sync/engine.js';
import { withGatewayOption, type GatewayOption } from './gateway-client.js';
import { printSyncReport, type SyncRow, type SyncRunReport } from './sync-report.js';
import {
  CliError,
  cliLogger,
  command,
  exitCodes,
  listOf,
  openStore,
  progressBar,
  usageError,
  usageExits,
  type Progress,
} from './common.js';

export const syncEntityNames = [
  'customer',
  'vendor',
  'item',
  'invoice',
  'bill',
  'payment',
  'ledgerEntry',
] as const satisfies readonly SyncedEntity[];
export const syncSystems = sourceSystems;

/** The longest interval a timer takes (about 24.8 days): the polling schedule never fires. */
const never = 2_147_483_647;

const nothingConnected =
  'Nothing to sync: neither Xero (XERO_CLIENT_ID) nor NAV/BC (NAV_URL) is configured, and demo mode is off (DEMO=on runs the sandboxes).';

/** The systems `startSync` connects for this configuration (demo mode: both sandboxes); never none. */
export async function connectedSystems(config: Config): Promise<SourceSystem[]> {
  const { demoModeOn } = await import('../sync/bootstrap.js');
  const { readOrder, systemModules } = await import('../systems/modules.js');
  const demo = demoModeOn(config);
  const systems = readOrder(systemModules().flatMap((s) => (demo || s.configured(config) ? [s.id] : [])));
  if (systems.length === 0) throw new CliError(nothingConnected, exitCodes.usage);
  return systems;
}

/**
 * Starts the sync side exactly as `serve` does, but for one run: no polling schedule, and outbox
 * workers only when `push`. As in `serve`, they push while the run reads (what was pushed reads
 * back as an echo instead of being compared again), and the run drains what is left at the end.
 */
export async function startOneShot(
  config: Config,
  db: Database,
  log: Logger,
  options: { push: boolean },
): Promise<RunningSync & { engine: NonNullable<RunningSync['engine']> }> {
  const { startSync } = await import('../sync/bootstrap.js');
  const running = await startSync(
    {
      ...config,
      SYNC_INTERVAL_MS: never,
      SYNC_WORKERS: options.push ? Math.max(1, config.SYNC_WORKERS) : 0,
    },
    db,
    log,
  );
  const { engine } = running;
  if (!engine) {
    await running.stop();
    throw new CliError(nothingConnected, exitCodes.usage);
  }
  return { ...running, engine };
}

export { printSyncReport, type SyncRow, type SyncRunReport };

/** Reads in the engine's order, drains the outbox and reports; the caller stops `running`. */
export async function runSync(
  running: Awaited<ReturnType<typeof startOneShot>>,
  options: {
    entities: readonly SyncedEntity[];
    systems: readonly SourceSystem[];
    full: boolean;
    demo: boolean;
  },
  progress: Progress,
): Promise<SyncRunReport> {
  const { engine } = running;
  const { syncedEntities } = await import('../sync/engine.js');
  const startedAt = new Date();
  const { outbox } = running.services;
  const lastSeq = await outbox.lastSeq();
  const rows = new Map<string, SyncRow>();
  const row = (system: SourceSystem, entity: string) => {
    const key = `${system}:${entity}`;
    let found = rows.get(key);
    if (!found) {
      found = {
        system,
        entity,
        read: null,
        failed: null,
        jobs: { succeeded: 0, dead: 0, conflicts: 0, waiting: 0 },
      };
      rows.set(key, found);
    }
    return found;
  };
  // The engine's order, whatever order the options named them in.
  const entities = syncedEntities.filter((e) => options.entities.includes(e));
  const systems = (await import('../systems/modules.js')).readOrder(options.systems);
  const steps = entities.flatMap((entity) => systems.map((system) => ({ entity, system })));
  progress.start(steps.length + 1, steps[0] ? `${steps[0].system} ${steps[0].entity}` : 'pushing');
  for (const [i, { entity, system }] of steps.entries()) {
    const entry = row(system, entity);
    try {
      const report = await engine.pull(system, entity, { full: options.full });
      entry.read = {
        read: report.read,
        applied: report.applied,
        unchanged: report.unchanged,
        linked: report.linked.length,
        rejected: report.rejected,
      };
    } catch (error) {
      entry.failed = error instanceof Error ? error.message : String(error);
    }
    const next = steps[i + 1];
    progress.advance(next ? `${next.system} ${next.entity}` : 'pushing');
  }
  // The background loops finish the batch they hold, then this process runs every job still due.
  await engine.stop();
  await engine.drain();
  progress.advance('done');

  // The jobs this run is answerable for: those enqueued since it started, and older ones its
  // workers ran (a replayed dead letter, a retry that came due).
  const workerIds = engine.workers.map((w) => w.workerId);
  const jobs = await outbox.enqueuedOrAttemptedSince(lastSeq, workerIds, startedAt);
  const deadLetters: SyncRunReport['deadLetters'] = [];
  for (const job of jobs) {
    const counts = row(job.system, job.entityType.toLowerCase()).jobs;
    if (job.status === 'SUCCEEDED') counts.succeeded += 1;
    else if (job.status === 'DEAD') {
      counts.dead += 1;
      const error = job.lastError as { kind?: string; message?: string } | null;
      deadLetters.push({
        id: job.id,
        system: job.system,
        entityType: job.entityType,
        entityId: job.entityId,
        error: `${error?.kind ?? 'error'}: ${error?.message ?? '(no message)'}`,
      });
    } else if (job.status === 'CANCELLED') counts.conflicts += 1;
    else counts.waiting += 1;
  }
  const all = [...rows.values()];
  const problems = all.reduce(
    (n, r) => n + (r.read?.rejected.length ?? 0) + (r.failed ? 1 : 0) + r.jobs.dead + r.jobs.conflicts,
    0,
  );
  return {
    demo: options.demo,
    full: options.full,
    startedAt,
    finishedAt: new Date(),
    rows: all,
    deadLetters,
    problems,
  };
}

interface SyncOptions extends GatewayOption {
  entity?: string;
  system?: string;
  full?: boolean;
  json?: boolean;
}

/** The entities and systems the options choose; the systems must be connected. */
export function chooseScope(
  options: { entity?: string | undefined; system?: string | undefined },
  connected: readonly SourceSystem[],
) {
  const entities = options.entity
    ? listOf('--entity', options.entity, syncEntityNames)
    : [...syncEntityNames];
  const systems = options.system ? listOf('--system', options.system, syncSystems) : [...connected];
  const missing = systems.filter((s) => !connected.includes(s));
  if (missing.length)
    throw usageError(
      `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not configured; connected: ${connected.join(', ')}.`,
    );
  return { entities, systems };
}

async function sync(options: SyncOptions): Promise<number> {
  const { loadConfig } = await import('../config/load.js');
  const { demoModeOn } = await import('../sync/bootstrap.js');
  const config = loadConfig();
  const connected = await connectedSystems(config);
  const scope = chooseScope(options, connected);
  const { findGateway } = await import('./gateway-client.js');
  const gateway = await findGateway(config, options.gateway);
  if (gateway) {
    // A gateway runs: its engine reads and its workers push (in demo mode, to its sandboxes).
    const { syncThroughGateway } = await import('./sync-gateway.js');
    const progress = await progressBar(Boolean(process.stderr.isTTY) && !options.json);
    let report: SyncRunReport;
    try {
      report = await syncThroughGateway(
        gateway,
        { ...scope, full: Boolean(options.full), demo: demoModeOn(config) },
        progress,
      );
    } finally {
      progress.stop();
    }
    return printed(report, options);
  }
  const log = await cliLogger(config.LOG_LEVEL);
  const db = await openStore(config, { migrate: true });
  try {
    const running = await startOneShot(config, db, log, { push: true });
    const progress = await progressBar(Boolean(process.stderr.isTTY) && !options.json);
    let report: SyncRunReport;
    try {
      report = await runSync(
        running,
        { ...scope, full: Boolean(options.full), demo: demoModeOn(config) },
        progress,
      );
    } finally {
      progress.stop();
      await running.stop();
    }
    const code = printed(report, options);
    if (!options.json)
      console.log(
        `Log: on stderr at LOG_LEVEL=${config.LOG_LEVEL} (\`ledgerbridge sync 2> sync.log\` keeps it in a file).`,
      );
    return code;
  } finally {
    await db.close();
  }
}

function printed(report: SyncRunReport, options: SyncOptions): number {
  if (options.json) console.log(JSON.stringify(report, null, 2));
  else printSyncReport(report);
  return report.problems ? exitCodes.problems : exitCodes.ok;
}

export function registerSync(program: Command): void {
  withGatewayOption(usageExits(program.command('sync')))
    .description(
      'one sync run: read the chosen entities from the configured systems (or the demo sandboxes), push what changed, report',
    )
    .option('--entity <list>', `comma-separated, of ${syncEntityNames.join(',')} (default: all)`)
    .option('--system <list>', `comma-separated, of ${syncSystems.join(',')} (default: every configured one)`)
    .option('--full', 'read everything, not only what changed since the last run')
    .option('--json', 'print the report as JSON')
    .action(command(sync));
}
