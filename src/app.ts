// The gateway process: config → logger → database (migrated) → sync (connectors, or the demo
// sandboxes) → HTTP server, and a clean stop in the reverse order.
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

export async function startGateway(config: Config, log: Logger): Promise<Gateway> {
  const db = await openDatabase({
    url: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    poolSize: config.DATABASE_POOL_SIZE,
  });
  try {
    const applied = await db.migrate();
    log.info(
      { store: db.kind, applied },
      applied.length ? 'migrations applied' : 'database schema up to date',
    );
    const sync = await startSync(config, db, log);
    // Customers, vendors and items are synced before serving, so the first query already sees
    // both systems' parties linked; documents and payments follow in the background.
    await sync.syncNow(['customer', 'vendor', 'item']);
    await sync.engine?.drain();
    const server = await startServer(config, db, log, sync.services, sync.routes);
    await sync.afterListen(server.url);
    void sync.syncNow();
    let stopping: Promise<void> | undefined;
    return {
      db,
      server,
      sync,
      stop() {
        // Order matters: finish requests first, then close the database so PGlite flushes cleanly.
        stopping ??= (async () => {
          await server.close();
          await sync.stop();
          await db.close();
        })();
        return stopping;
      },
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}
