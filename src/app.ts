// The gateway process: config → logger → database (migrated) → HTTP server, and a clean stop.
import type { Config } from './config/schema.js';
import { startServer, type RunningServer } from './graphql/server.js';
import type { Logger } from './ops/logger.js';
import { openDatabase, type Database } from './store/database.js';
import { createSyncServices } from './sync/services.js';

export interface Gateway {
  db: Database;
  server: RunningServer;
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
    const sync = createSyncServices(db, { redisUrl: config.REDIS_URL });
    const server = await startServer(config, db, log, sync);
    let stopping: Promise<void> | undefined;
    return {
      db,
      server,
      stop() {
        // Order matters: finish requests first, then close the database so PGlite flushes cleanly.
        stopping ??= (async () => {
          await server.close();
          await sync.close();
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
