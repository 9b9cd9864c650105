// The link table as the sync engine uses it: where a unified record lives in each system, which
// version we last saw there, and the hash of what we last wrote or read there (echo suppression).
import type { Prisma, PrismaClient, ExternalLink } from './generated/client.js';

export type Link = ExternalLink;
type Tx = Prisma.TransactionClient;

export interface LinkKey {
  entityType: ExternalLink['entityType'];
  system: ExternalLink['system'];
  tenant: string;
}

export interface LinkUpdate extends LinkKey {
  entityId: string;
  externalId: string;
  externalNumber: string | null;
  version: string | null;
  remoteUpdatedAt: Date | null;
  /** Hash of the record as that system now holds it, in the unified shape. */
  syncedHash: string;
}

export class SyncLinks {
  constructor(private readonly prisma: PrismaClient) {}

  /** Whether any record is linked to a system yet (the mirror has been synced). */
  async any(): Promise<boolean> {
    return (await this.prisma.externalLink.findFirst({ select: { id: true } })) !== null;
  }

  forEntity(key: LinkKey & { entityId: string }, tx: Tx | PrismaClient = this.prisma): Promise<Link | null> {
    return tx.externalLink.findUnique({
      where: {
        entityType_entityId_system_tenant: {
          entityType: key.entityType,
          entityId: key.entityId,
          system: key.system,
          tenant: key.tenant,
        },
      },
    });
  }

  byExternalId(
    key: LinkKey & { externalId: string },
    tx: Tx | PrismaClient = this.prisma,
  ): Promise<Link | null> {
    return tx.externalLink.findUnique({
      where: {
        entityType_system_tenant_externalId: {
          entityType: key.entityType,
          system: key.system,
          tenant: key.tenant,
          externalId: key.externalId,
        },
      },
    });
  }

  /** The record linked under this number there (a NAV document No., a BC number), if any. */
  async entityByNumber(key: LinkKey & { externalNumber: string }): Promise<string | null> {
    const row = await this.prisma.externalLink.findFirst({
      where: {
        entityType: key.entityType,
        system: key.system,
        tenant: key.tenant,
        externalNumber: key.externalNumber,
      },
      select: { entityId: true },
    });
    return row?.entityId ?? null;
  }

  /** Every link of these records (one query), e.g. to translate references between systems. */
  forEntities(
    entityType: Link['entityType'],
    entityIds: readonly string[],
    tx: Tx | PrismaClient = this.prisma,
  ) {
    return tx.externalLink.findMany({ where: { entityType, entityId: { in: [...entityIds] } } });
  }

  /** Which of these external ids are linked as `entityType` (one query). */
  async byExternalIds(
    entityType: Link['entityType'],
    system: Link['system'],
    tenant: string,
    externalIds: readonly string[],
  ): Promise<Map<string, Link>> {
    const rows = await this.prisma.externalLink.findMany({
      where: { entityType, system, tenant, externalId: { in: [...externalIds] } },
    });
    return new Map(rows.map((r) => [r.externalId, r]));
  }

  /**
   * Every record of `entityType` linked in that system (in that tenant only, when given), with its
   * key there (one query): what a full read should have seen, or how to recognise its records.
   */
  linkedIn(key: {
    entityType: Link['entityType'];
    system: Link['system'];
    tenant?: string;
  }): Promise<Pick<Link, 'entityId' | 'externalId' | 'externalNumber'>[]> {
    return this.prisma.externalLink.findMany({
      where: {
        entityType: key.entityType,
        system: key.system,
        ...(key.tenant !== undefined ? { tenant: key.tenant } : {}),
      },
      select: { entityId: true, externalId: true, externalNumber: true },
    });
  }

  async setVersion(tx: Tx, linkId: string, version: string | null): Promise<void> {
    await tx.externalLink.update({ where: { id: linkId }, data: { version } });
  }

  /** Links a record as its system holds it (after a read or a write), with the hash of its content. */
  linkRemote(
    key: LinkKey & { entityId: string },
    remote: Pick<LinkUpdate, 'externalId' | 'externalNumber' | 'version' | 'remoteUpdatedAt'>,
    syncedHash: string,
    tx: Tx,
  ): Promise<Link> {
    return this.upsert(
      {
        ...key,
        externalId: remote.externalId,
        externalNumber: remote.externalNumber,
        version: remote.version,
        remoteUpdatedAt: remote.remoteUpdatedAt,
        syncedHash,
      },
      tx,
    );
  }

  /** Records (or moves) the link after a successful push or pull. */
  async upsert(update: LinkUpdate, tx: Tx): Promise<Link> {
    const now = new Date();
    const data = {
      externalId: update.externalId,
      externalNumber: update.externalNumber,
      version: update.version,
      remoteUpdatedAt: update.remoteUpdatedAt,
      lastSyncedHash: update.syncedHash,
      lastSyncedAt: now,
    };
    return tx.externalLink.upsert({
      where: {
        entityType_entityId_system_tenant: {
          entityType: update.entityType,
          entityId: update.entityId,
          system: update.system,
          tenant: update.tenant,
        },
      },
      create: {
        entityType: update.entityType,
        entityId: update.entityId,
        system: update.system,
        tenant: update.tenant,
        ...data,
      },
      update: data,
    });
  }
}
