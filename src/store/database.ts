// Opens the store: embedded PGlite under DATA_DIR by default, PostgreSQL when DATABASE_URL is set.
// Both go through a Prisma driver adapter, so the same schema, migrations and SQL run on either.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaClient, type Prisma } from './generated/client.js';
import { QueryCounter, withQueryCounting } from './query-counter.js';
import { applyMigrations, migrationNames } from './migrations.js';
import { lockDataDir, type DataDirLock, type LockHolder } from './data-dir-lock.js';

export type DatabaseKind = 'pglite' | 'postgresql';

export interface DatabaseOptions {
  /** PostgreSQL connection string; absent means embedded PGlite. */
  url?: string | undefined;
  /** PGlite data folder; `memory://` keeps it in memory (tests). */
  dataDir?: string;
  poolSize?: number;
  /** Told when a lock left by a process that is gone is taken over (default: a line on stderr). */
  onStaleLock?: (message: string, stale: LockHolder) => void;
}

/** A database transaction, passed to the repositories that take part in it. */
export type StoreTx = Prisma.TransactionClient;

export interface Database {
  readonly kind: DatabaseKind;
  readonly prisma: PrismaClient;
  /** Runs `work` in one transaction: all of its writes commit together or not at all. */
  transaction<T>(work: (tx: StoreTx) => Promise<T>): Promise<T>;
  readonly queries: QueryCounter;
  /** The embedded data folder's lock, held while open; null on PostgreSQL or in memory. */
  readonly lock: DataDirLock | null;
  migrate(): Promise<string[]>;
  pendingMigrations(): Promise<string[]>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Migrations recorded as finished in Prisma's history table (none when it does not exist yet). */
async function appliedMigrations(prisma: PrismaClient): Promise<Set<string>> {
  const [table] = await prisma.$queryRawUnsafe<{ name: string | null }[]>(
    `SELECT to_regclass('_prisma_migrations')::text AS name`,
  );
  if (!table?.name) return new Set();
  const rows = await prisma.$queryRawUnsafe<{ migration_name: string }[]>(
    'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
  );
  return new Set(rows.map((r) => r.migration_name));
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const queries = new QueryCounter();
  let factory: SqlMigrationAwareDriverAdapterFactory;
  let closeDriver: () => Promise<void> = async () => {};
  let kind: DatabaseKind;
  let lock: DataDirLock | null = null;
  if (options.url) {
    kind = 'postgresql';
    factory = new PrismaPg({ connectionString: options.url, max: options.poolSize ?? 10 });
  } else {
    kind = 'pglite';
    const dataDir = options.dataDir ?? './data';
    const pgliteDir = dataDir.startsWith('memory://') ? dataDir : path.resolve(dataDir, 'pglite');
    if (!pgliteDir.startsWith('memory://')) {
      await mkdir(pgliteDir, { recursive: true });
      const folder = path.resolve(dataDir);
      const onStale =
        options.onStaleLock ?? ((message: string) => process.stderr.write(`INFO: ${message}\n`));
      lock = await lockDataDir(folder, (stale) =>
        onStale(
          `took over the lock of ${folder} left by pid ${stale.pid} (${stale.command}, since ${stale.startedAt}), which no longer runs`,
          stale,
        ),
      );
    }
    let pglite: PGlite;
    try {
      pglite = await PGlite.create(pgliteDir);
    } catch (error) {
      await lock?.release();
      throw error;
    }
    factory = new PrismaPGlite(pglite);
    const held = lock;
    closeDriver = async () => {
      try {
        await pglite.close();
      } finally {
        await held?.release();
      }
    };
  }
  const counted = withQueryCounting(factory, queries);
  const prisma = new PrismaClient({ adapter: counted });
  let closed = false;
  const pendingMigrations = async () => {
    const applied = await appliedMigrations(prisma);
    return (await migrationNames()).filter((name) => !applied.has(name));
  };
  return {
    kind,
    prisma,
    queries,
    lock,
    transaction: (work) => prisma.$transaction(work, { timeout: 30_000, maxWait: 10_000 }),
    async migrate() {
      // Prisma's engine migrates under an advisory lock it waits 10 s for, then fails (P1002):
      // gateways starting at once on one PostgreSQL would queue for it only to find nothing to do.
      if (kind === 'postgresql' && (await pendingMigrations()).length === 0) return [];
      return applyMigrations(factory);
    },
    pendingMigrations,
    async ping() {
      await prisma.$queryRawUnsafe('SELECT 1');
    },
    async close() {
      if (closed) return;
      closed = true;
      await prisma.$disconnect();
      await closeDriver();
    },
  };
}
