// Durable read positions per system, tenant and entity: a restarted poller resumes where the
// last finished page left off, and the next delta starts from the last completed run.
import type { Prisma, PrismaClient, SyncCursor } from './generated/client.js';

export interface CursorKey {
  system: SyncCursor['system'];
  tenant: string;
  entityType: SyncCursor['entityType'];
}

export interface CursorState {
  /** Resume point inside an unfinished listing (the connector's checkpoint). */
  checkpoint: Record<string, string | number | boolean | null> | null;
  /** Start of the last completed run: the next delta asks for changes since then. */
  since: string | null;
  /** Append-only listings (ledgers): the highest entry number read, where the next delta starts. */
  after?: number | null;
}

export class Cursors {
  constructor(private readonly prisma: PrismaClient) {}

  async get(
    key: CursorKey,
  ): Promise<
    (CursorState & { lastRunAt: Date | null; lastSuccessAt: Date | null; lastError: string | null }) | null
  > {
    const row = await this.prisma.syncCursor.findUnique({ where: { system_tenant_entityType: key } });
    if (!row) return null;
    const state = (row.cursor ?? { checkpoint: null, since: null }) as unknown as CursorState;
    return { ...state, lastRunAt: row.lastRunAt, lastSuccessAt: row.lastSuccessAt, lastError: row.lastError };
  }

  async save(
    key: CursorKey,
    state: CursorState,
    outcome: { finished: boolean; error?: string | null },
  ): Promise<void> {
    const now = new Date();
    const data = {
      cursor: state as unknown as Prisma.InputJsonValue,
      lastRunAt: now,
      ...(outcome.finished ? { lastSuccessAt: now, lastError: null } : {}),
      ...(outcome.error ? { lastError: outcome.error } : {}),
    };
    await this.prisma.syncCursor.upsert({
      where: { system_tenant_entityType: key },
      create: { ...key, ...data },
      update: data,
    });
  }

  all(): Promise<SyncCursor[]> {
    return this.prisma.syncCursor.findMany({ orderBy: [{ system: 'asc' }, { entityType: 'asc' }] });
  }
}
