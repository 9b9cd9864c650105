// Starts the sync side of a gateway from its configuration: the connected systems (or, in demo
// mode, both sandboxes in-process with their demo credentials), the engine, an initial sync and
// the polling schedule.
import { BookRules } from './policy/book-rules.js';
import type { Config } from '../config/schema.js';
import type { Connector } from '../systems/system.js';
import type { SourceSystem } from '../systems/registry.js';
import { readOrder, systemModules } from '../systems/modules.js';
import type { ChangeFeed } from '../systems/module.js';
import { Lookups } from '../mapping/lookups.js';
import type { Logger } from '../ops/logger.js';
import type { RunningSandboxes } from '@ledgerbridge/sandbox';
import type { Database } from '../store/database.js';
import { SyncEngine, syncedEntities, type SyncedEntity } from './engine.js';
import { Ownership } from './policy/ownership.js';
import { createSyncServices, type RunningSyncServices } from './services.js';
import { Inbox } from '../store/inbox.js';
import type { Router } from 'express';
import { Redis } from 'ioredis';
import { settleWithin } from './runtime/grace.js';

export interface RunningSync {
  services: RunningSyncServices;
  /** Webhook endpoints to mount on the HTTP server. */
  routes: { path: string; router: Router }[];
  /** Called once the server listens at `graphqlUrl` (demo mode subscribes the sandbox's webhooks). */
  afterListen(graphqlUrl: string): Promise<void>;
  engine: SyncEngine | null;
  sandboxes: RunningSandboxes | null;
  /** Each connected system's change feed (webhooks), where it has one running. */
  feeds: Partial<Record<SourceSystem, ChangeFeed>>;
  /**
   * Reads these entities (default: all) from every connected system in the engine's order; the
   * workers push what it queued. A run already going is joined, not doubled (and `progress` is
   * then not told).
   */
  syncNow(entities?: readonly SyncedEntity[], options?: SyncNowOptions): Promise<void>;
  stop(): Promise<void>;
}

export interface SyncNowOptions {
  full?: boolean;
  /** Told how many (system, entity) reads the run plans, then of each one as it ends. */
  progress?: { plan(total: number): void; step(records: number, failed?: boolean): void };
}

export function demoModeOn(config: Config): boolean {
  return (
    config.DEMO === 'on' || (config.DEMO === 'auto' && !systemModules().some((s) => s.configured(config)))
  );
}

export async function startSync(config: Config, db: Database, log: Logger): Promise<RunningSync> {
  const demo = demoModeOn(config);
  let sandboxes: RunningSandboxes | null = null;
  let governorRedis: Redis | undefined;
  // Shutdown: reads stop after the record in hand (their cursors resume there), waits for rate
  // budget end at once, workers claim nothing more and hand back the pushes it cut short.
  const shutdown = new AbortController();
  if (demo) {
    const { startSandboxes } = await import('@ledgerbridge/sandbox');
    sandboxes = await startSandboxes({
      xeroPort: config.SANDBOX_XERO_PORT,
      navPort: config.SANDBOX_NAV_PORT,
    });
    log.info(`demo mode: sandboxes running with demo data\n${sandboxes.describe()}`);
  }
  try {
    const connectors: Partial<Record<SourceSystem, Connector>> = {};
    governorRedis = config.REDIS_URL ? new Redis(config.REDIS_URL, { lazyConnect: false }) : undefined;
    const context = { config, db, log, signal: shutdown.signal, redis: governorRedis, sandboxes };
    for (const system of systemModules())
      if (demo || system.configured(config)) connectors[system.id] = await system.connect(context);
    const connected = Object.keys(connectors).length > 0;
    const lookups = connected ? await Lookups.fromFile(config.LOOKUPS_FILE) : null;
    const ownership = connected ? await Ownership.fromFile(config.LOOKUPS_FILE) : undefined;
    const targets = Object.fromEntries(Object.entries(connectors).map(([s, c]) => [s, c.tenant]));
    const writable = Object.fromEntries(
      Object.entries(connectors).map(([s, c]) => [s, c.capabilities.writable]),
    );
    const textLimits = Object.fromEntries(
      Object.entries(connectors).map(([s, c]) => [s, c.capabilities.textLimits ?? {}]),
    );
    const services = createSyncServices(db, {
      redisUrl: config.REDIS_URL,
      // The books' base currency: NAV's LCY, which the Xero organisation shares.
      baseCurrency: config.NAV_LOCAL_CURRENCY,
      lookups,
      targets,
      writable,
      textLimits,
      books: new BookRules(connectors, lookups, (system, error) =>
        log.warn(
          { system, err: error },
          `could not read ${system}'s chart of accounts and settings; its checks are left to the write`,
        ),
      ),
    });
    const engine = connected
      ? new SyncEngine({
          db,
          services,
          connectors,
          lookups,
          log,
          workers: config.SYNC_WORKERS,
          leaseMs: config.SYNC_LEASE_MS,
          ownership,
          signal: shutdown.signal,
        })
      : null;
    services.engine = engine;

    let running: Promise<void> | null = null;
    const syncNow = (
      entities: readonly SyncedEntity[] = syncedEntities,
      { progress, ...options }: SyncNowOptions = {},
    ) => {
      running ??= (async () => {
        if (!engine) return;
        // NAV first: its numbers identify customers, vendors and items, so records Xero already
        // holds under the same number link to them instead of being created again.
        // Parties before documents: a document's customer is then known on both sides.
        const order = readOrder(Object.keys(connectors) as SourceSystem[]);
        const chosen = syncedEntities.filter((e) => entities.includes(e));
        progress?.plan(chosen.length * order.length);
        for (const entity of chosen) {
          for (const system of order) {
            if (shutdown.signal.aborted) return;
            try {
              const report = await engine.pull(system, entity, { ...options, signal: shutdown.signal });
              progress?.step(report.applied);
              if (report.applied || report.rejected.length || report.missing)
                log.info({ system, entity, ...report, linked: report.linked.length }, 'pulled changes');
            } catch (error) {
              if (shutdown.signal.aborted) return;
              progress?.step(0, true);
              log.warn({ err: error, system, entity }, 'pull failed; the next run resumes from its cursor');
            }
          }
        }
      })().finally(() => (running = null));
      return running;
    };

    // Webhooks in: each system's feed stores what it is told in the inbox and applies it apart.
    const inbox = new Inbox(db.prisma);
    const feeds: RunningSync['feeds'] = {};
    if (engine)
      for (const [system, connector] of Object.entries(connectors) as [SourceSystem, Connector][]) {
        const feed = await systemModules()
          .find((s) => s.id === system)
          ?.changeFeed?.({
            config,
            db,
            log,
            signal: shutdown.signal,
            redis: governorRedis,
            sandboxes,
            connector,
            inbox,
            sync: engine.inbound,
          });
        if (feed) feeds[system] = feed;
      }
    const routes = Object.values(feeds).flatMap((feed) => feed.routes);

    engine?.start();
    const timer = engine ? setInterval(() => void syncNow(), config.SYNC_INTERVAL_MS) : null;
    timer?.unref();
    // Now and then everything is read in full: deletions and what deltas miss come to light.
    const fullTimer =
      engine && config.FULL_SYNC_INTERVAL_MS > 0
        ? setInterval(
            // After the delta run in progress, if any (joining it would skip the full read).
            () => void (running ?? Promise.resolve()).then(() => syncNow(syncedEntities, { full: true })),
            config.FULL_SYNC_INTERVAL_MS,
          )
        : null;
    fullTimer?.unref();
    // Subscribers resume from the event log; beyond the retention window they start afresh.
    const retentionMs = config.EVENT_RETENTION_HOURS * 3_600_000;
    const pruneEvents = () =>
      services.events
        .prune(new Date(Date.now() - retentionMs))
        .catch((error: unknown) => log.warn({ err: error }, 'pruning the event log failed'));
    void pruneEvents();
    const pruner = setInterval(() => void pruneEvents(), 3_600_000);
    pruner.unref();
    if (!connected) log.info('no system configured and demo mode off: serving the mirror only');
    return {
      services,
      routes,
      async afterListen(graphqlUrl: string) {
        await Promise.all(Object.values(feeds).map((feed) => feed.start(graphqlUrl)));
      },
      engine,
      sandboxes,
      feeds,
      syncNow,
      async stop() {
        if (timer) clearInterval(timer);
        if (fullTimer) clearInterval(fullTimer);
        clearInterval(pruner);
        shutdown.abort();
        // Calls already sent finish; past the grace period whatever still runs is left behind.
        const { unfinished, failed } = await settleWithin(config.SHUTDOWN_GRACE_MS, {
          'sync run': running,
          webhooks: Promise.all(Object.values(feeds).map((feed) => feed.stop())),
          workers: engine?.stop(),
        });
        for (const { step, error } of failed) log.warn({ err: error, step }, 'stopping: a step failed');
        if (unfinished.length)
          log.warn(
            { unfinished, jobs: engine?.inFlightJobs() ?? [], graceMs: config.SHUTDOWN_GRACE_MS },
            'shutdown grace period over: closing with these still running',
          );
        await services.close();
        if (unfinished.length) governorRedis?.disconnect();
        else await governorRedis?.quit();
        await sandboxes?.close();
      },
    };
  } catch (error) {
    governorRedis?.disconnect();
    await sandboxes?.close();
    throw error;
  }
}
