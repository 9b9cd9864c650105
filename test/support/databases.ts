// The store tests run on embedded PGlite always, and ALSO on PostgreSQL when DATABASE_URL_TEST
// points at a reachable server. Each PostgreSQL run gets its own throw-away database.
import pg from 'pg';
import { openDatabase, type Database } from '../../src/store/database.js';

export interface DatabaseTarget {
  name: 'pglite' | 'postgresql';
  /** The database, its connection string when it is PostgreSQL, and how to throw it away. */
  open(): Promise<Database & { url?: string; dispose(): Promise<void> }>;
}

const pgliteTarget: DatabaseTarget = {
  name: 'pglite',
  async open() {
    const db = await openDatabase({ dataDir: 'memory://' });
    await db.migrate();
    return Object.assign(db, { dispose: () => db.close() });
  },
};

async function reachable(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => {});
  }
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

function postgresTarget(adminUrl: string): DatabaseTarget {
  return {
    name: 'postgresql',
    async open() {
      const database = `ledgerbridge_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE "${database}"`);
      await admin.end();
      const url = withDatabase(adminUrl, database);
      const db = await openDatabase({ url, poolSize: 4 });
      await db.migrate();
      return Object.assign(db, {
        url,
        async dispose() {
          await db.close();
          const cleanup = new pg.Client({ connectionString: adminUrl });
          await cleanup.connect();
          await cleanup.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
          await cleanup.end();
        },
      });
    },
  };
}

let cached: Promise<DatabaseTarget[]> | undefined;

/** PGlite, plus PostgreSQL when DATABASE_URL_TEST is set and reachable (else a printed reason). */
export function databaseTargets(): Promise<DatabaseTarget[]> {
  cached ??= (async () => {
    const url = process.env.DATABASE_URL_TEST;
    if (!url) {
      console.warn('[skip] PostgreSQL store tests: DATABASE_URL_TEST is not set; running on PGlite only.');
      return [pgliteTarget];
    }
    const problem = await reachable(url);
    if (problem) {
      console.warn(
        `[skip] PostgreSQL store tests: ${url.replace(/\/\/[^@]*@/, '//***@')} unreachable (${problem}).`,
      );
      return [pgliteTarget];
    }
    return [pgliteTarget, postgresTarget(url)];
  })();
  return cached;
}
