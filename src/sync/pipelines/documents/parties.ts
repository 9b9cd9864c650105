// A document's customer or vendor: found by its key in the source system (read from there first
// when the party is new to us), and made to exist in the target before the document is sent —
// either it is linked there already, or the document's job waits for the party's job. The same
// holds for the items on its lines.
import { systemModule } from '../../../systems/modules.js';
import type { RemoteRef, SourceSystem } from '../../../systems/system.js';
import type { StoreTx } from '../../../store/database.js';
import type { DocumentKind } from '../../../store/documents.js';
import type { MasterData } from '../../../store/master-data.js';
import type { Job, Outbox } from '../../../store/outbox.js';
import type { SyncLinks } from '../../../store/sync-links.js';
import { entityTypeOf, type MasterEntity } from '../master-data/entities.js';
import { serializeRecord } from '../payloads.js';
import type { MasterDataPuller } from '../master-data/pull.js';

type Tx = StoreTx;
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

  /**
   * Items on a document's lines that the mirror lacks, read from NAV/BC now (one batched call) so
   * they can go to the target ahead of the document. Xero's lines name an item only by its code.
   * With `page`, the documents read together ask the mirror once: they share the same few items.
   */
  async readMissingItems(
    system: SourceSystem,
    lines: readonly { item?: RemoteRef | null }[],
    page?: PageItems,
  ) {
    if (!systemModule(system).traits.numbersMasterData) return;
    const { master, puller } = this.deps;
    const refs = lines.flatMap((l) => (l.item?.number ? [{ ...l.item, number: l.item.number }] : []));
    if (refs.length === 0) return;
    const known = page
      ? (page.known ??= await master.knownItemNumbers(page.numbers))
      : await master.knownItemNumbers(refs.map((r) => r.number));
    const missing = refs.filter((r) => !known.has(r.number));
    if (missing.length === 0) return;
    await puller.refresh(system, 'item', [...new Set(missing.map((r) => r.externalId ?? r.number))]);
    // Later documents of the page know what that read added (sync never deletes an item).
    if (page) for (const n of await master.knownItemNumbers(missing.map((r) => r.number))) known.add(n);
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

  /** The party and items a document needs in `target` first (see documentPrerequisites). */
  prerequisites(
    tx: Tx,
    doc: Parameters<typeof documentPrerequisites>[2],
    target: SourceSystem,
    tenant: string,
  ) {
    return documentPrerequisites(this.deps, tx, doc, target, tenant);
  }
}

/** The item numbers on a page of documents and, once one asked, those the mirror holds. */
export interface PageItems {
  readonly numbers: readonly string[];
  known?: Set<string>;
}

export function pageItems(docs: Iterable<{ data: Parameters<typeof itemNumbersOf>[0] }>): PageItems {
  return { numbers: [...new Set([...docs].flatMap((d) => itemNumbersOf(d.data)))] };
}

type DependencyDeps = { links: SyncLinks; master: MasterData; outbox: Outbox };

/** What a document's job waits for in one target, and the jobs queued now to get there. */
export interface Prerequisites {
  dependsOn: string[];
  /** Jobs enqueued for this document (its party's, its items'), to announce with it. */
  created: Job[];
}

/**
 * Makes the party and every item on the lines reach `target` before the document that refers to
 * them (Xero and NAV both refuse a line whose item code they do not know). An item not in the
 * mirror cannot be sent from here: the document goes and the target names what it lacks.
 */
export async function documentPrerequisites(
  deps: DependencyDeps,
  tx: Tx,
  doc: {
    party: { entity: PartyEntity; id: string };
    itemNumbers: readonly string[];
    /** Item ids by number, when this transaction has them already (saving the document did). */
    itemIds?: ReadonlyMap<string, string>;
  },
  target: SourceSystem,
  tenant: string,
): Promise<Prerequisites> {
  const result: Prerequisites = { dependsOn: [], created: [] };
  const add = (found: Awaited<ReturnType<typeof recordFirst>>) => {
    if (!found) return;
    result.dependsOn.push(found.id);
    if (found.created) result.created.push(found.job);
  };
  add(await recordFirst(deps, tx, doc.party.entity, doc.party.id, target, tenant));
  const numbers = [...new Set(doc.itemNumbers)];
  const itemIds = doc.itemIds ?? (await deps.master.itemIds(numbers, tx));
  for (const number of numbers) {
    const id = itemIds.get(number);
    if (id) add(await recordFirst(deps, tx, 'item', id, target, tenant));
  }
  return result;
}

/** The item numbers on a document's lines. */
export function itemNumbersOf(doc: {
  lines: readonly { item?: { number?: string | null | undefined } | null | undefined }[];
}) {
  return doc.lines.flatMap((l) => (l.item?.number ? [l.item.number] : []));
}

/**
 * Makes a record reach `target` before something that refers to it: null when it is linked
 * there already, else the job to wait for (queued now if none is pending).
 */
export async function recordFirst(
  deps: DependencyDeps,
  tx: Tx,
  entity: MasterEntity,
  recordId: string,
  target: SourceSystem,
  tenant: string,
): Promise<{ id: string; created: false } | { id: string; created: true; job: Job } | null> {
  const entityType = entityTypeOf[entity];
  const key = { entityType, entityId: recordId, system: target, tenant };
  if (await deps.links.forEntity(key, tx)) return null;
  const pending = await tx.syncJob.findFirst({
    where: { ...key, status: { in: ['PENDING', 'RUNNING'] } },
    orderBy: { seq: 'desc' },
    select: { id: true },
  });
  if (pending) return { id: pending.id, created: false };
  const record = await deps.master.byId(entity, recordId, tx);
  if (!record) throw new Error(`${entity} ${recordId} is not in the mirror`);
  const [job] = await deps.outbox.enqueue(tx, [
    {
      ...key,
      payload: serializeRecord(record),
      idempotencyKey: `${entity}:${recordId}:${record.updatedAt.getTime()}:${target}`,
    },
  ]);
  return job ? { id: job.id, created: true, job } : null;
}
