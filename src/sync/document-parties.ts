// A document's customer or vendor: found by its key in the source system (read from there first
// when the party is new to us), and made to exist in the target before the document is sent —
// either it is linked there already, or the document's job waits for the party's job.
import type { RemoteRef, SourceSystem } from '../connectors/connector.js';
import type { Prisma } from '../store/generated/client.js';
import type { DocumentKind } from '../store/documents.js';
import type { MasterData } from '../store/master-data.js';
import type { Job, Outbox } from '../store/outbox.js';
import type { SyncLinks } from '../store/sync-links.js';
import { entityTypeOf } from './master-entities.js';
import { serializeRecord } from './payloads.js';
import type { MasterDataPuller } from './pull.js';

type Tx = Prisma.TransactionClient;
export type PartyEntity = 'customer' | 'vendor';

export const documentEntityType = { invoice: 'INVOICE', bill: 'BILL' } as const;
export const partyOf: Record<DocumentKind, PartyEntity> = { invoice: 'customer', bill: 'vendor' };

export interface ResolvedParty {
  id: string;
  number: string | null;
}

export class PartyResolver {
  constructor(
    private readonly deps: {
      links: SyncLinks;
      master: MasterData;
      outbox: Outbox;
      puller: MasterDataPuller;
    },
  ) {}

  /** The unified party `ref` (a key in `system`) stands for; read from `system` when new. */
  async resolve(
    system: SourceSystem,
    tenant: string,
    entity: PartyEntity,
    ref: RemoteRef,
  ): Promise<ResolvedParty | null> {
    const found = await this.find(system, tenant, entity, ref);
    if (found) return found;
    const key = ref.externalId ?? ref.number;
    if (!key) return null;
    await this.deps.puller.refresh(system, entity, [key]);
    return this.find(system, tenant, entity, ref);
  }

  private async find(system: SourceSystem, tenant: string, entity: PartyEntity, ref: RemoteRef) {
    const { links, master } = this.deps;
    if (ref.externalId) {
      const link = await links.byExternalId({
        entityType: entityTypeOf[entity],
        system,
        tenant,
        externalId: ref.externalId,
      });
      const record = link ? await master.byId(entity, link.entityId) : null;
      if (record) return { id: record.id, number: (record as { number: string | null }).number };
    }
    if (!ref.number) return null;
    const record = await master.byNumber(entity, ref.number);
    return record ? { id: record.id, number: ref.number } : null;
  }

  ensureIn(tx: Tx, entity: PartyEntity, partyId: string, target: SourceSystem, tenant: string) {
    return partyFirst(this.deps, tx, entity, partyId, target, tenant);
  }
}

/**
 * Makes the party reach `target` before a document that refers to it: null when it is linked
 * there already, else the job the document must wait for (queued now if none is pending).
 */
export async function partyFirst(
  deps: { links: SyncLinks; master: MasterData; outbox: Outbox },
  tx: Tx,
  entity: PartyEntity,
  partyId: string,
  target: SourceSystem,
  tenant: string,
): Promise<{ id: string; created: false } | { id: string; created: true; job: Job } | null> {
  const entityType = entityTypeOf[entity];
  const key = { entityType, entityId: partyId, system: target, tenant };
  if (await deps.links.forEntity(key, tx)) return null;
  const pending = await tx.syncJob.findFirst({
    where: { ...key, status: { in: ['PENDING', 'RUNNING'] } },
    orderBy: { seq: 'desc' },
    select: { id: true },
  });
  if (pending) return { id: pending.id, created: false };
  const record = await deps.master.byId(entity, partyId, tx);
  if (!record) throw new Error(`${entity} ${partyId} is not in the mirror`);
  const [job] = await deps.outbox.enqueue(tx, [
    {
      ...key,
      payload: serializeRecord(record),
      idempotencyKey: `${entity}:${partyId}:${record.updatedAt.getTime()}:${target}`,
    },
  ]);
  return job ? { id: job.id, created: true, job } : null;
}
