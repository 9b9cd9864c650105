// Conflicts a person must resolve: both sides changed and the policy could not decide. Each names
// the fields that differ with both values, and what each way of resolving it would write where.
import type { Difference } from '../systems/differences.js';
import type { Prisma, PrismaClient, SyncConflict } from './generated/client.js';
import { paginate, type Page, type PageArgs } from './pagination.js';

export type Conflict = SyncConflict;
export type { Difference };

/** One write a resolution would make (or a step a person takes there, when we cannot). */
export interface ResolutionWrite {
  /** GATEWAY (the mirror) or a system. */
  system: string;
  /** UPDATE, CREATE, NONE (nothing is written there), MANUAL (a person acts in that system). */
  action: 'UPDATE' | 'CREATE' | 'NONE' | 'MANUAL';
  summary: string;
}

export interface ResolutionPlan {
  resolution: string;
  writes: ResolutionWrite[];
}

export interface NewConflict {
  entityType: SyncConflict['entityType'];
  entityId: string;
  system: SyncConflict['system'];
  tenant: string;
  /** At least one; every field named. The conflict's `fields` are their names. */
  differences: Difference[];
  resolutions: ResolutionPlan[];
  local: Prisma.InputJsonValue;
  remote: Prisma.InputJsonValue;
}

/** A conflict that names no field, or has no remote side, tells a person nothing: refuse it. */
function assertActionable(c: NewConflict): void {
  const unnamed = c.differences.length === 0 || c.differences.some((d) => !d.field.trim());
  const empty = c.remote === null || (typeof c.remote === 'object' && Object.keys(c.remote).length === 0);
  if (unnamed || empty || c.resolutions.length === 0)
    throw new TypeError(
      `a conflict on ${c.entityType} ${c.entityId} in ${c.system} must name its fields, the remote side and its resolutions`,
    );
}

const json = (v: unknown) => JSON.parse(JSON.stringify(v ?? null)) as Prisma.InputJsonValue;

export class ConflictStore {
  constructor(private readonly prisma: PrismaClient) {}

  record(tx: Prisma.TransactionClient, conflict: NewConflict): Promise<Conflict> {
    assertActionable(conflict);
    const { differences, resolutions, ...rest } = conflict;
    return tx.syncConflict.create({
      data: {
        ...rest,
        fields: differences.map((d) => d.field),
        differences: json(differences),
        resolutions: json(resolutions),
      },
    });
  }

  list(status: SyncConflict['status'] | null, take: number): Promise<Conflict[]> {
    return this.prisma.syncConflict.findMany({
      where: status ? { status } : {},
      orderBy: { createdAt: 'desc' },
      take,
    });
  }

  /** One page of conflicts, newest first, matching every given condition. */
  page(
    filter: {
      status?: readonly SyncConflict['status'][] | null;
      entityType?: readonly SyncConflict['entityType'][] | null;
      system?: readonly SyncConflict['system'][] | null;
    },
    page: PageArgs,
    maxPageSize: number,
  ): Promise<Page<Conflict>> {
    return paginate({
      delegate: this.prisma.syncConflict,
      where: {
        ...(filter.status?.length ? { status: { in: [...filter.status] } } : {}),
        ...(filter.entityType?.length ? { entityType: { in: [...filter.entityType] } } : {}),
        ...(filter.system?.length ? { system: { in: [...filter.system] } } : {}),
      },
      sort: { field: 'createdAt', kind: 'datetime' },
      direction: 'DESC',
      page,
      maxPageSize,
    });
  }

  /** Which of these records already have an open conflict saying they were deleted in that system (one query). */
  async openDeletions(
    key: { entityType: SyncConflict['entityType']; system: SyncConflict['system']; tenant: string },
    entityIds: readonly string[],
  ): Promise<Set<string>> {
    const flagged = await this.prisma.syncConflict.findMany({
      where: {
        entityType: key.entityType,
        system: key.system,
        tenant: key.tenant,
        entityId: { in: [...entityIds] },
        status: 'OPEN',
        fields: { has: 'deleted' },
      },
      select: { entityId: true },
    });
    return new Set(flagged.map((f) => f.entityId));
  }

  find(id: string): Promise<Conflict | null> {
    return this.prisma.syncConflict.findUnique({ where: { id } });
  }

  /** Marks an open conflict resolved; false when it was not open. */
  async resolve(tx: Prisma.TransactionClient, id: string, resolution: string, by: string): Promise<boolean> {
    const { count } = await tx.syncConflict.updateMany({
      where: { id, status: 'OPEN' },
      data: { status: 'RESOLVED', resolution, resolvedBy: by, resolvedAt: new Date() },
    });
    return count === 1;
  }
}
