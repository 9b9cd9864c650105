// Where a record stands in each system, one row per system and tenant: from its latest job there,
// its open conflicts and its links. A document can be in one book and refused by the other (its
// sync status is PARTIAL); this is the picture that says which book holds it and why the other
// does not. Three statements for a whole page of records.
import type { TargetSyncState as TargetState } from '../domain/common.js';
import { Prisma, type EntityType, type PrismaClient, type SourceSystem } from './generated/client.js';

export interface TargetSyncState {
  system: SourceSystem;
  tenant: string;
  state: TargetState;
  /** The latest job for this record in this system; null when it came from there (read, not pushed). */
  jobId: string | null;
  /** Why it is not synced there: the dead letter's error, a retry's last error or the conflict's fields. */
  reason: string | null;
  /** When it reached that state. */
  at: Date | null;
}

interface LatestJob {
  id: string;
  entity_id: string;
  system: SourceSystem;
  tenant: string;
  status: 'PENDING' | 'RUNNING' | 'SUCCEEDED' | 'DEAD' | 'CANCELLED';
  last_error: { message?: string } | null;
  dead_at: Date | null;
  completed_at: Date | null;
  updated_at: Date;
}

const stateOfJob: Record<LatestJob['status'], TargetState> = {
  PENDING: 'PENDING',
  RUNNING: 'PENDING',
  SUCCEEDED: 'SYNCED',
  DEAD: 'REFUSED',
  CANCELLED: 'CANCELLED',
};

export async function syncTargetsOf(
  prisma: PrismaClient,
  entityType: EntityType,
  entityIds: readonly string[],
): Promise<Map<string, TargetSyncState[]>> {
  const result = new Map<string, TargetSyncState[]>();
  if (entityIds.length === 0) return result;
  const ids = [...entityIds];
  const [jobs, conflicts, links] = await Promise.all([
    prisma.$queryRaw<LatestJob[]>`
      SELECT DISTINCT ON (entity_id, system, tenant)
             id, entity_id, system, tenant, status, last_error, dead_at, completed_at, updated_at
        FROM sync_job
       WHERE entity_type = ${entityType}::"EntityType" AND entity_id IN (${Prisma.join(ids.map((id) => Prisma.sql`${id}::uuid`))})
       ORDER BY entity_id, system, tenant, seq DESC`,
    prisma.syncConflict.findMany({
      where: { entityType, entityId: { in: ids }, status: 'OPEN' },
      orderBy: { createdAt: 'asc' },
      select: { entityId: true, system: true, tenant: true, fields: true, createdAt: true },
    }),
    prisma.externalLink.findMany({
      where: { entityType, entityId: { in: ids } },
      select: { entityId: true, system: true, tenant: true, lastSyncedAt: true },
    }),
  ]);
  const key = (r: { entity_id?: string; entityId?: string; system: string; tenant: string }) =>
    `${r.entity_id ?? r.entityId}:${r.system}:${r.tenant}`;
  const rows = new Map<string, TargetSyncState & { entityId: string }>();
  for (const link of links)
    rows.set(key(link), {
      entityId: link.entityId,
      system: link.system,
      tenant: link.tenant,
      state: 'SYNCED',
      jobId: null,
      reason: null,
      at: link.lastSyncedAt,
    });
  for (const job of jobs) {
    const state = stateOfJob[job.status];
    rows.set(key(job), {
      entityId: job.entity_id,
      system: job.system,
      tenant: job.tenant,
      state,
      jobId: job.id,
      reason: state === 'SYNCED' ? null : (job.last_error?.message ?? null),
      at: job.dead_at ?? job.completed_at ?? job.updated_at,
    });
  }
  // A conflict waits for a person unless a newer push is already on its way.
  for (const conflict of conflicts) {
    const row = rows.get(key(conflict));
    if (row?.state === 'PENDING') continue;
    rows.set(key(conflict), {
      entityId: conflict.entityId,
      system: conflict.system,
      tenant: conflict.tenant,
      state: 'CONFLICT',
      jobId: row?.jobId ?? null,
      reason: `differs in ${conflict.fields.join(', ')}`,
      at: conflict.createdAt,
    });
  }
  const sorted = [...rows.values()].sort((a, b) =>
    a.system === b.system ? a.tenant.localeCompare(b.tenant) : a.system.localeCompare(b.system),
  );
  for (const { entityId, ...row } of sorted) {
    const list = result.get(entityId);
    if (list) list.push(row);
    else result.set(entityId, [row]);
  }
  return result;
}
