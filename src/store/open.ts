// Opens the configured store and makes sure it answers, so an unreachable PostgreSQL is one line
// naming where and what to do, not a driver's stack trace in the middle of a migration.
import type { Config } from '../config/schema.js';
import { CannotStart } from '../ops/startup.js';
import { openDatabase, type Database } from './database.js';

/** `postgresql://user:secret@host:5432/db` → `host:5432/db` (never the credentials). */
export function describeDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host || 'localhost'}${parsed.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}

export async function openReachableDatabase(
  config: Pick<Config, 'DATABASE_URL' | 'DATA_DIR' | 'DATABASE_POOL_SIZE'>,
): Promise<Database> {
  let db: Database;
  try {
    db = await openDatabase({
      url: config.DATABASE_URL,
      dataDir: config.DATA_DIR,
      poolSize: config.DATABASE_POOL_SIZE,
    });
  } catch (error) {
    throw cannotOpen(config, error);
  }
  try {
    await db.ping();
    return db;
  } catch (error) {
    await db.close().catch(() => {});
    throw cannotOpen(config, error);
  }
}

function cannotOpen(config: Pick<Config, 'DATABASE_URL' | 'DATA_DIR'>, error: unknown): CannotStart {
  const reason = reasonOf(error);
  if (config.DATABASE_URL)
    return new CannotStart(
      `database unreachable at ${describeDatabaseUrl(config.DATABASE_URL)} (${reason}): start PostgreSQL there or fix DATABASE_URL`,
    );
  return new CannotStart(
    `cannot open the embedded database in ${config.DATA_DIR} (${reason}): is another process using it? else check DATA_DIR`,
  );
}

/** The driver's reason in a few words: Prisma wraps it as "… Message: `<reason>`" on its last line. */
function reasonOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const lines = text.split('\n').filter((l) => l.trim());
  const last = (lines.at(-1) ?? text).trim();
  return (/Message: `([^`]+)`/.exec(last)?.[1] ?? last).slice(0, 200);
}
