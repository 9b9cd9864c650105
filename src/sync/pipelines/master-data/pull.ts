// Inbound master data: read what changed in a system, compare with what was last synced on that
// side (echo suppression: our own writes come back unchanged and stop here), link instead of
// duplicating, apply to the mirror and queue the change for the other system — each record in one
// transaction, the cursor saved after every finished page.
import type {
  Connector,
  ItemDraft,
  PartyDraft,
  RemoteRecord,
  SourceSystem,
} from '../../../systems/system.js';
import type { EventBus } from '../../../events/bus.js';
import type { LedgerEvent } from '../../../events/types.js';
import { UnmappedCodeError, type Lookups } from '../../../mapping/lookups.js';
import type { Cursors } from '../../../store/cursors.js';
import type { Database } from '../../../store/database.js';
import type { MasterData } from '../../../store/master-data.js';
import type { Outbox } from '../../../store/outbox.js';
import type { LinkKey, SyncLinks } from '../../../store/sync-links.js';
import { emailKey, nameKey } from '../../../domain/match-keys.js';
import { jobUpdatedEvent } from '../../runtime/job-events.js';
import { entityTypeOf, type MasterEntity } from './entities.js';
import { serializeRecord } from '../payloads.js';
import { pollChanges, type PollOptions } from '../../runtime/poll.js';
import { contentHash, itemFromDraft, partyFromDraft } from './translate.js';
import type { Ownership } from '../../policy/ownership.js';
import type { InventoryStore } from '../../../store/inventory.js';
import { recordInventory } from './inventory.js';
import { linkedTwin, twinConflict } from './twins.js';
import type { ConflictStore } from '../../../store/conflicts.js';

export type PullEntity = MasterEntity;

export interface PullDeps {
  db: Database;
  links: SyncLinks;
  master: MasterData;
  outbox: Outbox;
  cursors: Cursors;
  events: EventBus;
  lookups: Lookups | null;
  connectors: Partial<Record<SourceSystem, Connector>>;
  /** Tenant/company per connected system. */
  targets: Partial<Record<SourceSystem, string>>;
  /** Which system owns what; absent means last writer wins everywhere. */
  ownership?: Ownership;
  /** Where a new customer that duplicates another of its system is held for a person. */
  conflicts?: ConflictStore;
  /** Where items' quantity on hand goes (read-only, apart from the item's content). */
  inventory?: InventoryStore;
  onEnqueued: () => void;
}

export interface PullReport {
  read: number;
  /** A full read: linked records not found upstream (deleted there), each recorded as a conflict. */
  missing?: number;
  /** Changes to what another system owns: not taken; that system is set right instead. */
  overruled?: { externalId: string; fields: string[]; owner: string }[];
  applied: number;
  /** Unchanged since the last sync on that side, including our own writes coming back. */
  unchanged: number;
  /** New records held as conflicts: another record of their system answers to the same e-mail or name. */
  held?: { externalId: string; entityId: string; duplicateOf: string }[];
  /** Matched to an existing unified record instead of creating a duplicate. */
  linked: { externalId: string; entityId: string; reason: string }[];
  /** Not applied: a code without a mapping; fix the lookup tables and pull again. */
  rejected: { externalId: string; reason: string }[];
}

export class MasterDataPuller {
  constructor(private readonly deps: PullDeps) {}

  /** Reads changes of `entity` from `system` since the last completed run. */
  async pull(system: SourceSystem, entity: PullEntity, options: PollOptions = {}): Promise<PullReport> {
    const connector = this.deps.connectors[system];
    const tenant = this.deps.targets[system];
    if (!connector || !tenant) throw new Error(`${system} is not connected`);
    const report: PullReport = { read: 0, applied: 0, unchanged: 0, linked: [], rejected: [] };
    await pollChanges(
      connector,
      this.deps.cursors,
      { system, tenant, entityType: entityTypeOf[entity] },
      entity,
      (record) => this.apply(system, tenant, entity, record, report),
      options,
    );
    return report;
  }

  /** Re-reads these records live from `system` (one batched call) and applies what changed. */
  async refresh(
    system: SourceSystem,
    entity: PullEntity,
    externalIds: readonly string[],
  ): Promise<PullReport> {
    const connector = this.deps.connectors[system];
    const tenant = this.deps.targets[system];
    if (!connector || !tenant) throw new Error(`${system} is not connected`);
    const report: PullReport = { read: 0, applied: 0, unchanged: 0, linked: [], rejected: [] };
    const found = await connector.getMany(entity, externalIds);
    for (const record of found.values()) await this.apply(system, tenant, entity, record, report);
    return report;
  }

  private unified(system: SourceSystem, entity: PullEntity, data: PartyDraft | ItemDraft) {
    return entity === 'item'
      ? itemFromDraft(system, data as ItemDraft, this.deps.lookups)
      : partyFromDraft(system, data as PartyDraft, this.deps.lookups);
  }

  private async apply(
    system: SourceSystem,
    tenant: string,
    entity: PullEntity,
    remote: RemoteRecord,
    report: PullReport,
  ): Promise<void> {
    report.read += 1;
    const { links, master, outbox, events, db } = this.deps;
    const entityType = entityTypeOf[entity];
    let data: PartyDraft | ItemDraft;
    try {
      data = this.unified(system, entity, remote.data as PartyDraft | ItemDraft);
    } catch (error) {
      if (!(error instanceof UnmappedCodeError)) throw error;
      report.rejected.push({ externalId: remote.externalId, reason: error.message });
      return;
    }
    const hash = contentHash(data);
    const link = await links.byExternalId({ entityType, system, tenant, externalId: remote.externalId });
    const stock = (itemId: string) =>
      entity === 'item' && this.deps.inventory
        ? recordInventory(
            { db, inventory: this.deps.inventory, events },
            system,
            itemId,
            remote.data as ItemDraft,
          )
        : Promise.resolve();
    if (link && link.lastSyncedHash === hash) {
      report.unchanged += 1;
      await stock(link.entityId);
      return;
    }
    const match = link ? null : await this.match(entity, data, { entityType, system, tenant });
    const entityId = link?.entityId ?? match?.id ?? null;
    if (match)
      report.linked.push({ externalId: remote.externalId, entityId: match.id, reason: match.reason });

    const owned = await this.applyOwnership(system, entity, entityId, data, remote.externalId, report);
    // Stock is read-only, no field anyone owns: a linked record takes it even when overruled.
    if (owned === 'ignore') return entityId ? stock(entityId) : undefined;
    data = owned.data;

    // Only systems that can take this entity from us get a job; the source too when it holds
    // something its owner says otherwise about.
    const takes = (s: SourceSystem) =>
      !!this.deps.targets[s] && !!this.deps.connectors[s]?.capabilities.writable.includes(entity);
    const targets = (Object.keys(this.deps.targets) as SourceSystem[]).filter(
      (s) => (s === system ? owned.correctSource : !owned.onlySource) && takes(s),
    );
    // New here, but another record of this system already answers to its e-mail or name: held.
    const twin =
      entityId === null && !(data as PartyDraft).number && this.deps.conflicts
        ? await linkedTwin(this.deps, entity, data as PartyDraft, { entityType, system, tenant })
        : null;
    const others = twin ? [] : targets;
    const held = twin ? targets.filter((s) => s !== system) : [];
    const { jobs, published, savedId } = await db.transaction(async (tx) => {
      const status = held.length ? 'CONFLICT' : others.length ? 'PENDING' : 'SYNCED';
      const saved = await master.save(tx, entity, entityId, data, status);
      await links.linkRemote({ entityType, entityId: saved.id, system, tenant }, remote, hash, tx);
      const conflicts: LedgerEvent[] = [];
      for (const target of held) {
        const key = {
          entityType,
          entityId: saved.id,
          system: target,
          tenant: this.deps.targets[target] as string,
        };
        const conflict = await this.deps.conflicts!.record(
          tx,
          twinConflict(key, system, data as PartyDraft, twin!),
        );
        conflicts.push({
          type: 'CONFLICT_DETECTED',
          conflictId: conflict.id,
          entityType,
          entityId: saved.id,
          system: target,
          fields: [twin!.field],
        });
      }
      const jobs = await outbox.enqueue(
        tx,
        others.map((target) => ({
          entityType,
          entityId: saved.id,
          system: target,
          tenant: this.deps.targets[target] as string,
          payload: serializeRecord(saved),
          idempotencyKey: `${entity}:${saved.id}:${hash.slice(0, 16)}:${target}`,
        })),
      );
      const changed: LedgerEvent[] = [
        {
          type: 'ENTITY_CHANGED',
          entityType,
          entityId: saved.id,
          change: entityId ? 'UPDATED' : 'CREATED',
          source: system,
        },
        ...jobs.map(jobUpdatedEvent),
        ...conflicts,
        ...(match
          ? [
              {
                type: 'RECORD_LINKED' as const,
                entityType,
                entityId: saved.id,
                system,
                externalId: remote.externalId,
                reason: match.reason,
              },
            ]
          : []),
      ];
      return { jobs, published: await events.record(changed, tx), savedId: saved.id };
    });
    report.applied += 1;
    if (twin)
      (report.held ??= []).push({ externalId: remote.externalId, entityId: savedId, duplicateOf: twin.id });
    events.announce(published);
    await stock(savedId);
    if (jobs.length) this.deps.onEnqueued();
  }

  /**
   * Keeps what another system owns: a record owned elsewhere is not taken at all (only linked);
   * owned fields keep the mirror's value, and when the source differs there it is set right.
   */
  private async applyOwnership(
    system: SourceSystem,
    entity: PullEntity,
    entityId: string | null,
    data: PartyDraft | ItemDraft,
    externalId: string,
    report: PullReport,
  ): Promise<'ignore' | { data: PartyDraft | ItemDraft; correctSource: boolean; onlySource?: boolean }> {
    const foreign = this.deps.ownership?.foreignTo(entity, system) ?? { all: false, fields: [] };
    if (!foreign.all && foreign.fields.length === 0) return { data, correctSource: false };
    const current = entityId ? await this.deps.master.byId(entity, entityId) : null;
    if (foreign.all) {
      (report.overruled ??= []).push({ externalId, fields: ['*'], owner: foreign.owner });
      // Known here: the source gets the owner's version back. New: not taken at all.
      if (!current) return 'ignore';
      const mine = current as unknown as Record<string, unknown>;
      const kept = Object.fromEntries(Object.keys(data).map((k) => [k, mine[k] ?? null]));
      return { data: kept as unknown as PartyDraft | ItemDraft, correctSource: true, onlySource: true };
    }
    if (!current) return { data, correctSource: false };
    const merged = { ...data } as Record<string, unknown>;
    const differing: string[] = [];
    for (const field of foreign.fields) {
      const mine = (current as unknown as Record<string, unknown>)[field];
      // A field the source does not carry (Xero has no credit limit) needs no correcting there.
      const carried = merged[field] !== undefined;
      if (carried && contentHash({ v: mine }) !== contentHash({ v: merged[field] })) differing.push(field);
      merged[field] = mine;
    }
    if (differing.length === 0)
      return { data: merged as unknown as PartyDraft | ItemDraft, correctSource: false };
    const owner =
      (this.deps.ownership?.rules[entity] as Record<string, string>)[differing[0] as string] ?? '';
    (report.overruled ??= []).push({ externalId, fields: differing, owner });
    return { data: merged as unknown as PartyDraft | ItemDraft, correctSource: true };
  }

  /**
   * An unlinked record that is the same business as one we know: same number first, then (for
   * customers) same email or same normalised name. Linked, never duplicated; the reason is kept.
   * Only a record not yet linked in the source system qualifies: it holds one record per system,
   * so two NAV customers sharing an email stay two customers instead of fighting over one.
   */
  private async match(
    entity: PullEntity,
    data: PartyDraft | ItemDraft,
    source: LinkKey,
  ): Promise<{ id: string; reason: string } | null> {
    const { master } = this.deps;
    const free = this.unlinkedIn(source);
    if (data.number) {
      const byNumber = await master.byNumber(entity, data.number);
      if (byNumber && (await free([byNumber.id])).length)
        return { id: byNumber.id, reason: `same number ${data.number}` };
    }
    if (entity !== 'customer') return null;
    const party = data as PartyDraft;
    const email = emailKey(party.email);
    const name = nameKey(party.name);
    const found = await master.customerCandidates(name, email);
    const freeIds = new Set(await free(found.map((c) => c.id)));
    const candidates = found.filter((c) => freeIds.has(c.id));
    const byEmail = email ? candidates.find((c) => c.matchEmail === email) : undefined;
    if (byEmail) return { id: byEmail.id, reason: `same email ${party.email}` };
    const byName = name ? candidates.find((c) => c.matchName === name) : undefined;
    return byName ? { id: byName.id, reason: `same name "${party.name}"` } : null;
  }

  /** Filters record ids down to those with no link yet in the source system and tenant. */
  private unlinkedIn(source: LinkKey) {
    return async (ids: string[]): Promise<string[]> => {
      if (ids.length === 0) return [];
      const linked = await this.deps.links.forEntities(source.entityType, ids);
      const taken = new Set(
        linked.filter((l) => l.system === source.system && l.tenant === source.tenant).map((l) => l.entityId),
      );
      return ids.filter((id) => !taken.has(id));
    };
  }
}
