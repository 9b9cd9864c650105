// The gateway process: config → logger → database (migrated) → sync (connectors, or the demo
// sandboxes) → HTTP server, and a clean stop in the reverse order.
import { announceLocalGateway } from './auth/local-credential.js';
import type { Config } from './config/schema.js';
import { startServer, type RunningServer } from './graphql/server.js';
import type { Logger } from './ops/logger.js';
import { openDatabase, type Database } from './store/database.js';
import { startSync, type RunningSync } from './sync/bootstrap.js';

export interface Gateway {
  db: Database;
  server: RunningServer;
  sync: RunningSync;
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
export async function startGateway(
  config: Config,
  log: Logger,
  options: { signal?: AbortSignal } = {},
): Promise<Gateway> {
  const { signal } = options;
  const db = await openDatabase({
    url: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    poolSize: config.DATABASE_POOL_SIZE,
  });
  let sync: RunningSync | undefined;
  let listening: RunningServer | undefined;
  let syncStopped: Promise<void> | undefined;
  const stopSync = () => (syncStopped ??= sync?.stop() ?? Promise.resolve());
  const onAbort = () => void stopSync();
  try {
    signal?.throwIfAborted();
    const applied = await db.migrate();
    log.info(
      { store: db.kind, applied },
      applied.length ? 'migrations applied' : 'database schema up to date',
    );
    sync = await startSync(config, db, log);
    signal?.addEventListener('abort', onAbort, { once: true });
    if (signal?.aborted) onAbort();
    // Customers, vendors and items are synced before serving, so the first query already sees
    // both systems' parties linked; documents and payments follow in the background.
    await sync.syncNow(['customer', 'vendor', 'item']);
    await sync.engine?.drain();
    if (signal?.aborted) throw new StartupAborted();
    const server = await startServer(config, db, log, sync.services, sync.routes);
    listening = server;
    await announceLocalGateway(db, config.DATA_DIR, server.url);
    signal?.removeEventListener('abort', onAbort);
    await sync.afterListen(server.url);
    void sync.syncNow();
    const running = sync;
    let stopping: Promise<void> | undefined;
    return {
      db,
      server,
      sync: running,
      stop() {
        // Order matters: finish requests first, then close the database so PGlite flushes cleanly.
        stopping ??= (async () => {
          await server.close();
          await stopSync();
          await db.close();
        })();
        return stopping;
      },
    };
  } catch (error) {
    signal?.removeEventListener('abort', onAbort);
    await listening?.close();
    await stopSync();
    await db.close();
    throw signal?.aborted ? new StartupAborted() : error;
  }
}
