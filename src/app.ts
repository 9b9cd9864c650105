// The gateway process: config → logger → port bound (/healthz alive, /readyz "starting") →
// database (migrated) → sync (connectors, or the demo sandboxes) → API mounted → the initial sync
// in the background (/readyz "ready" when it is done), and a clean stop in the reverse order.
import { announceLocalGateway } from './auth/local-credential.js';
import type { Config } from './config/schema.js';
import { listen, type Listener } from './graphql/listener.js';
import { startServer, type RunningServer } from './graphql/server.js';
import type { Logger } from './ops/logger.js';
import { StartupProgress } from './ops/startup.js';
import { openReachableDatabase } from './store/open.js';
import type { Database } from './store/database.js';
import { startSync, type RunningSync } from './sync/bootstrap.js';
import { runInitialSync } from './sync/initial-sync.js';

export interface Gateway {
  db: Database;
  server: RunningServer;
  sync: RunningSync;
  /** Where the start-up stands; `/readyz` reports it. */
  startup: StartupProgress;
  /** Settles when the initial sync is over (after `stop()`, when it was cut short). */
  initialSync: Promise<void>;
  stop(): Promise<void>;
}

/** SIGTERM/SIGINT arrived before the gateway was serving: it stopped cleanly instead. */
export class StartupAborted extends Error {
  constructor() {
    super('stopped during start-up');
    this.name = 'StartupAborted';
  }
}

/**
 * `signal` stops a start-up still under way (the demo's initial sync takes a while): reads end
 * after the record in hand, pushes are handed back, the database is closed cleanly and
 * StartupAborted is thrown.
 */
/**
 * Resolves once the API is mounted; the initial sync (customers, vendors and items, then the
 * pushes they queue) goes on in the background while queries are answered from the mirror.
 * `signal` stops a start-up still under way (before the API is mounted): the database is closed
 * cleanly and StartupAborted is thrown. After that a signal is the caller's to handle with stop().
 */
export async function startGateway(
  config: Config,
  log: Logger,
  options: { signal?: AbortSignal } = {},
): Promise<Gateway> {
  const { signal } = options;
  const startup = new StartupProgress();
  const health: { db?: Database; startup: StartupProgress } = { startup };
  // The port first: a port in use fails at once, and a liveness probe sees a live process.
  const listener: Listener = await listen(config, log, health);
  let db: Database | undefined;
  let sync: RunningSync | undefined;
  let listening: RunningServer | undefined;
  let syncStopped: Promise<void> | undefined;
  const stopSync = () => (syncStopped ??= sync?.stop() ?? Promise.resolve());
  const onAbort = () => void stopSync();
  try {
    signal?.throwIfAborted();
    db = await openReachableDatabase(config);
    health.db = db;
    const applied = await db.migrate();
    log.info(
      { store: db.kind, applied },
      applied.length ? 'migrations applied' : 'database schema up to date',
    );
    signal?.throwIfAborted();
    startup.enter('connecting');
    sync = await startSync(config, db, log);
    signal?.addEventListener('abort', onAbort, { once: true });
    if (signal?.aborted) onAbort();
    if (signal?.aborted) throw new StartupAborted();
    const server = await startServer(config, db, log, sync.services, sync.routes, listener);
    listening = server;
    await announceLocalGateway(db, config.DATA_DIR, server.url);
    signal?.removeEventListener('abort', onAbort);
    const running = sync;
    const opened = db;
    const stopped = new AbortController();
    const initialSync = runInitialSync(running, startup, log, stopped.signal, server.url);
    let stopping: Promise<void> | undefined;
    return {
      db: opened,
      server,
      sync: running,
      startup,
      initialSync,
      stop() {
        // Order matters: finish requests first, then close the database so PGlite flushes cleanly.
        stopping ??= (async () => {
          stopped.abort();
          await server.close();
          await stopSync();
          await initialSync;
          await opened.close();
        })();
        return stopping;
      },
    };
  } catch (error) {
    signal?.removeEventListener('abort', onAbort);
    await (listening ?? listener).close();
    await stopSync();
    await db?.close();
    throw signal?.aborted ? new StartupAborted() : error;
  }
}
