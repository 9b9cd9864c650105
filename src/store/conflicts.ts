// Conflicts a person must resolve: both sides changed and the policy could not decide.
import type { Prisma, PrismaClient, SyncConflict } from './generated/client.js';

export type Conflict = SyncConflict;

export interface NewConflict {
  entityType: SyncConflict['entityType'];
  entityId: string;
  system: SyncConflict['system'];
  tenant: string;
  fields: string[];
  local: Prisma.InputJsonValue;
  remote: Prisma.InputJsonValue;
}

export class ConflictStore {
  constructor(private readonly prisma: PrismaClient) {}

  record(tx: Prisma.TransactionClient, conflict: NewConflict): Promise<Conflict> {
    return tx.syncConflict.create({ data: conflict });
  }

  list(status: SyncConflict['status'] | null, take: number): Promise<Conflict[]> {
    return this.prisma.syncConflict.findMany({
      where: status ? { status } : {},
      orderBy: { createdAt: 'desc' },
      take,
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
