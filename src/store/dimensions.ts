// Dimensions and their values in the mirror, as NAV (their owner) holds them: saved by the
// dimension sync inside the transaction that also links them and queues their push to Xero.
// A value NAV no longer lists is kept (document lines may refer to it) but blocked.
import type { SourceSystem } from '../systems/registry.js';
import type { Prisma, PrismaClient } from './generated/client.js';
import type { RecordMeta } from '../domain/common.js';
import type { Dimension, DimensionValue } from '../domain/dimension.js';
import type { SyncedDimensionValue } from '../mapping/lookups.js';
import { settleSyncStatus, type SyncStatusValue } from './sync-status.js';

type Tx = Prisma.TransactionClient;

/** A dimension value as the domain declares it, without the dimension it belongs to. */
export type DimensionValueFields = Omit<DimensionValue, keyof RecordMeta | 'dimensionId'>;

/** A dimension as the domain declares it, with its values. */
export interface DimensionFields extends Omit<Dimension, keyof RecordMeta> {
  values: DimensionValueFields[];
}

export interface StoredDimension extends DimensionFields {
  id: string;
  syncStatus: SyncStatusValue;
  values: (DimensionValueFields & { id: string })[];
}

const withValues = { values: { orderBy: { code: 'asc' } } } as const;

function stored(row: {
  id: string;
  code: string;
  name: string;
  blocked: boolean;
  syncStatus: SyncStatusValue;
  values: { id: string; code: string; name: string; blocked: boolean }[];
}): StoredDimension {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    blocked: row.blocked,
    syncStatus: row.syncStatus,
    values: row.values.map((v) => ({ id: v.id, code: v.code, name: v.name, blocked: v.blocked })),
  };
}

export class DimensionStore {
  constructor(private readonly prisma: PrismaClient) {}

  /** Writes a dimension and its values as NAV lists them; values NAV no longer lists are blocked. */
  async save(
    tx: Tx,
    fields: DimensionFields,
    status: SyncStatusValue,
  ): Promise<{ dimension: StoredDimension; created: boolean }> {
    const existing = await tx.dimension.findUnique({ where: { code: fields.code }, select: { id: true } });
    const synced = status === 'SYNCED' ? { lastSyncedAt: new Date() } : {};
    const row = existing
      ? await tx.dimension.update({
          where: { id: existing.id },
          data: { name: fields.name, blocked: fields.blocked, syncStatus: status, ...synced },
        })
      : await tx.dimension.create({
          data: {
            code: fields.code,
            name: fields.name,
            blocked: fields.blocked,
            syncStatus: status,
            ...synced,
          },
        });
    for (const value of fields.values) {
      await tx.dimensionValue.upsert({
        where: { dimensionId_code: { dimensionId: row.id, code: value.code } },
        create: { dimensionId: row.id, ...value, syncStatus: status, ...synced },
        update: { name: value.name, blocked: value.blocked, syncStatus: status, ...synced },
      });
    }
    await tx.dimensionValue.updateMany({
      where: { dimensionId: row.id, code: { notIn: fields.values.map((v) => v.code) } },
      data: { blocked: true, syncStatus: status, ...synced },
    });
    const saved = await tx.dimension.findUniqueOrThrow({ where: { id: row.id }, include: withValues });
    return { dimension: stored(saved), created: !existing };
  }

  async byId(id: string, tx: Tx | PrismaClient = this.prisma): Promise<StoredDimension | null> {
    const row = await tx.dimension.findUnique({ where: { id }, include: withValues });
    return row ? stored(row) : null;
  }

  /** Every value the mirror knows, with its dimension's code (one statement, even when empty). */
  allValues(): Promise<SyncedDimensionValue[]> {
    return this.prisma.$queryRawUnsafe<SyncedDimensionValue[]>(
      'SELECT d.code AS dimension, v.code, v.name FROM dimension_value v JOIN dimension d ON d.id = v.dimension_id',
    );
  }

  /**
   * Before a value is linked to `externalId`: another value linked to it lets go (a Xero option
   * renamed to this value's name is this value's option now).
   */
  async releaseValueLink(
    tx: Tx,
    key: { system: SourceSystem; tenant: string; externalId: string; keep: string },
  ): Promise<void> {
    await tx.externalLink.deleteMany({
      where: {
        entityType: 'DIMENSION_VALUE',
        system: key.system,
        tenant: key.tenant,
        externalId: key.externalId,
        entityId: { not: key.keep },
      },
    });
  }

  /** Where the dimensions are linked in `system` (one query). */
  links(system: SourceSystem, tenant: string): Promise<{ entityId: string; externalId: string }[]> {
    return this.prisma.externalLink.findMany({
      where: { entityType: 'DIMENSION', system, tenant },
      select: { entityId: true, externalId: true },
    });
  }

  /** Codes of the dimensions with a push to `system` still queued or running (one query). */
  async pushesUnderway(system: SourceSystem, tenant: string): Promise<Set<string>> {
    const jobs = await this.prisma.syncJob.findMany({
      where: { entityType: 'DIMENSION', system, tenant, status: { in: ['PENDING', 'RUNNING'] } },
      select: { entityId: true, payload: true },
    });
    const codes = new Set<string>();
    for (const job of jobs) {
      const code = (job.payload as { code?: unknown } | null)?.code;
      if (typeof code === 'string') codes.add(code);
    }
    return codes;
  }

  /** Whether this dimension has a push to `system` still queued or running. */
  async hasPushUnderway(id: string, system: SourceSystem, tenant: string): Promise<boolean> {
    const n = await this.prisma.syncJob.count({
      where: {
        entityType: 'DIMENSION',
        entityId: id,
        system,
        tenant,
        status: { in: ['PENDING', 'RUNNING'] },
      },
    });
    return n > 0;
  }
}

/** After one of a dimension's jobs settled: its status (the common rule), passed on to its values. */
export async function settleDimensionStatus(tx: Tx, id: string): Promise<void> {
  await settleSyncStatus(tx, 'dimension', id);
  await tx.$executeRawUnsafe(
    `UPDATE dimension_value v SET sync_status = d.sync_status, last_synced_at = d.last_synced_at
       FROM dimension d WHERE d.id = $1::uuid AND v.dimension_id = d.id`,
    id,
  );
}
