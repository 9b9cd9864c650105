// Inbound documents (posted sales invoices, purchase bills): read what changed in a system, find
// its customer or vendor (reading it first when it is new), compare with what was last synced on
// that side (echo suppression), link to the same document in the other book instead of duplicating
// it, apply to the mirror and queue the document for the other system — after its party, which
// goes first. A posted NAV document is never edited: a changed copy elsewhere becomes a conflict.
import { documentPlans } from '../../policy/conflict-plans.js';
import { documentDifferences, type Difference } from '../../../systems/differences.js';
import { sourceSystems } from '../../../systems/registry.js';
import { systemModule } from '../../../systems/modules.js';
import type { Connector, DocumentDraft, RemoteRecord, SourceSystem } from '../../../systems/system.js';
import type { EventBus } from '../../../events/bus.js';
import type { LedgerEvent } from '../../../events/types.js';
import { UnmappedCodeError, type Lookups } from '../../../mapping/lookups.js';
import type { ConflictStore } from '../../../store/conflicts.js';
import type { Cursors } from '../../../store/cursors.js';
import type { Database } from '../../../store/database.js';
import type { DocumentKind, DocumentStore } from '../../../store/documents.js';
import type { Outbox } from '../../../store/outbox.js';
import type { SyncLinks } from '../../../store/sync-links.js';
import { documentFromSystem, documentHash } from './translate.js';
import {
  documentEntityType,
  itemNumbersOf,
  pageItems,
  partyOf,
  PartyResolver,
  type PageItems,
  type ResolvedParty,
} from './parties.js';
import { jobUpdatedEvent } from '../../runtime/job-events.js';
import type { MasterDataPuller, PullReport } from '../master-data/pull.js';
import { pollChanges, type PollOptions } from '../../runtime/poll.js';
import { serializeRecord } from '../payloads.js';

export interface DocumentPullDeps {
  db: Database;
  links: SyncLinks;
  documents: DocumentStore;
  parties: PartyResolver;
  masterPuller: MasterDataPuller;
  outbox: Outbox;
  conflicts: ConflictStore;
  cursors: Cursors;
  events: EventBus;
  lookups: Lookups | null;
  connectors: Partial<Record<SourceSystem, Connector>>;
  targets: Partial<Record<SourceSystem, string>>;
  onEnqueued: () => void;
}

/** Only documents that count in the books sync: posted in NAV, approved in Xero. */
function inBooks(system: SourceSystem, status: DocumentDraft['status']): boolean {
  return systemModule(system).traits.bookedStatuses.includes(status);
}

export class DocumentPuller {
  constructor(private readonly deps: DocumentPullDeps) {}

  async pull(system: SourceSystem, kind: DocumentKind, options: PollOptions = {}): Promise<PullReport> {
    const { connector, tenant } = this.connected(system);
    const report: PullReport = { read: 0, applied: 0, unchanged: 0, linked: [], rejected: [] };
    let page: PageItems | undefined;
    await pollChanges(
      connector,
      this.deps.cursors,
      { system, tenant, entityType: documentEntityType[kind] },
      kind,
      (record) => this.apply(system, tenant, kind, record as RemoteRecord<'invoice'>, report, page),
      options,
      (records) => (page = pageItems(records as readonly RemoteRecord<'invoice'>[])),
    );
    return report;
  }

  /** Re-reads these documents live (one batched call) and applies what changed. */
  async refresh(
    system: SourceSystem,
    kind: DocumentKind,
    externalIds: readonly string[],
  ): Promise<PullReport> {
    const { connector, tenant } = this.connected(system);
    const report: PullReport = { read: 0, applied: 0, unchanged: 0, linked: [], rejected: [] };
    const found = [...(await connector.getMany(kind, externalIds)).values()] as RemoteRecord<'invoice'>[];
    const page = pageItems(found);
    for (const record of found) await this.apply(system, tenant, kind, record, report, page);
    return report;
  }

  private connected(system: SourceSystem) {
    const connector = this.deps.connectors[system];
    const tenant = this.deps.targets[system];
    if (!connector || !tenant) throw new Error(`${system} is not connected`);
    return { connector, tenant };
  }

  private async apply(
    system: SourceSystem,
    tenant: string,
    kind: DocumentKind,
    remote: RemoteRecord<'invoice'>,
    report: PullReport,
    page?: PageItems,
  ): Promise<void> {
    report.read += 1;
    const { links, documents } = this.deps;
    const entityType = documentEntityType[kind];
    const link = await links.byExternalId({ entityType, system, tenant, externalId: remote.externalId });
    if (!link && !inBooks(system, remote.data.status)) return; // drafts stay where they are
    const party = await this.deps.parties.resolve(system, tenant, partyOf[kind], remote.data.party);
    if (!party) {
      report.rejected.push({
        externalId: remote.externalId,
        reason: `${partyOf[kind]} ${remote.data.party.number ?? remote.data.party.externalId ?? '?'} of ${kind} ${remote.data.number} was not found in ${system}`,
      });
      return;
    }
    let unified: DocumentDraft;
    try {
      unified = documentFromSystem(system, kind, remote.data, this.deps.lookups);
    } catch (error) {
      if (!(error instanceof UnmappedCodeError)) throw error;
      report.rejected.push({ externalId: remote.externalId, reason: error.message });
      return;
    }
    unified = { ...unified, party: { number: party.number ?? undefined } };
    const hash = documentHash(unified, party.number);
    if (link && link.lastSyncedHash === hash) {
      report.unchanged += 1;
      await this.paymentStateChanged(kind, link.entityId, unified, system);
      return;
    }
    // Its items go to the other book ahead of it: read any we do not know yet.
    await this.deps.parties.readMissingItems(system, remote.data.lines, page);
    const match = link ? null : await documents.byNumber(kind, unified.number);
    if (match)
      report.linked.push({
        externalId: remote.externalId,
        entityId: match.id,
        reason: `same number ${unified.number}`,
      });
    await this.save(
      system,
      tenant,
      kind,
      remote,
      unified,
      hash,
      party,
      link?.entityId ?? match?.id ?? null,
      !!match,
    );
    report.applied += 1;
  }

  /** Same content, but paid or part-paid since: the mirror shows it; payments sync on their own. */
  private async paymentStateChanged(
    kind: DocumentKind,
    entityId: string,
    doc: DocumentDraft,
    source: SourceSystem,
  ): Promise<void> {
    const current = await this.deps.documents.paymentState(kind, entityId);
    if (!current || (current.amountDue.eq(doc.amountDue) && current.status === doc.status)) return;
    const published = await this.deps.db.transaction(async (tx) => {
      await this.deps.documents.setPaymentState(tx, kind, entityId, doc);
      return this.deps.events.record(
        [
          {
            type: 'ENTITY_CHANGED',
            entityType: documentEntityType[kind],
            entityId,
            change: 'UPDATED',
            source,
          },
        ],
        tx,
      );
    });
    this.deps.events.announce(published);
  }

  private async save(
    system: SourceSystem,
    tenant: string,
    kind: DocumentKind,
    remote: RemoteRecord<'invoice'>,
    unified: DocumentDraft,
    hash: string,
    party: ResolvedParty,
    entityId: string | null,
    matched: boolean,
  ): Promise<void> {
    const { db, links, documents, outbox, events, conflicts } = this.deps;
    const entityType = documentEntityType[kind];
    const others = (Object.keys(this.deps.targets) as SourceSystem[]).filter(
      (s) =>
        s !== system && this.deps.targets[s] && this.deps.connectors[s]?.capabilities.writable.includes(kind),
    );
    const otherLinks = entityId ? await links.forEntities(entityType, [entityId]) : [];
    // What the mirror last synced: what a book that may not be changed (posted) still holds.
    const held = otherLinks.some((l) => systemModule(l.system).traits.bookedDocumentsImmutable)
      ? await documents.snapshot(kind, entityId as string)
      : null;
    // Posted from a sales order: linked to it when the order is known (else the order's read links it).
    const salesOrderId =
      kind === 'invoice' && unified.orderNumber
        ? await links.entityByNumber({
            entityType: 'SALES_ORDER',
            system,
            tenant,
            externalNumber: unified.orderNumber,
          })
        : null;
    const { jobs, published } = await db.transaction(async (tx) => {
      const saved = await documents.save(
        tx,
        kind,
        entityId,
        { ...unified, partyId: party.id, salesOrderId },
        'PENDING',
      );
      await links.linkRemote({ entityType, entityId: saved.id, system, tenant }, remote, hash, tx);
      const recorded: LedgerEvent[] = [
        {
          type: 'ENTITY_CHANGED',
          entityType,
          entityId: saved.id,
          change: entityId ? 'UPDATED' : 'CREATED',
          source: system,
        },
      ];
      if (matched)
        recorded.push({
          type: 'RECORD_LINKED',
          entityType,
          entityId: saved.id,
          system,
          externalId: remote.externalId,
          reason: `same number ${unified.number}`,
        });
      const jobs = [];
      for (const target of others) {
        const targetTenant = this.deps.targets[target] as string;
        const there = otherLinks.find((l) => l.system === target && l.tenant === targetTenant);
        if (there?.lastSyncedHash === hash) continue; // the other book already holds this
        if (there && systemModule(target).traits.bookedDocumentsImmutable) {
          // Posted in NAV: never edited. A person decides (usually a credit note).
          const conflict = await conflicts.record(tx, {
            entityType,
            entityId: saved.id,
            system: target,
            tenant: targetTenant,
            differences: changedAgainst(unified, held),
            resolutions: documentPlans(target, sourceSystems, `${unified.number} is posted in ${target}`),
            local: serializeRecord(unified),
            remote: {
              externalId: there.externalId,
              reason: `${kind} ${unified.number} is posted in NAV and cannot be edited; issue a credit note there`,
            },
          });
          recorded.push({
            type: 'CONFLICT_DETECTED',
            conflictId: conflict.id,
            entityType,
            entityId: saved.id,
            system: target,
            fields: conflict.fields,
          });
          continue;
        }
        const first = await this.deps.parties.prerequisites(
          tx,
          {
            party: { entity: partyOf[kind], id: party.id },
            itemNumbers: itemNumbersOf(unified),
            itemIds: saved.itemIds,
          },
          target,
          targetTenant,
        );
        jobs.push(
          ...(await outbox.enqueue(tx, [
            {
              entityType,
              entityId: saved.id,
              system: target,
              tenant: targetTenant,
              payload: serializeRecord({ ...unified, partyId: party.id }),
              idempotencyKey: `${kind}:${saved.id}:${hash.slice(0, 16)}:${target}`,
              dependsOn: first.dependsOn,
            },
          ])),
          ...first.created,
        );
      }
      if (jobs.length === 0) await documents.settle(tx, kind, saved.id);
      recorded.push(...jobs.map(jobUpdatedEvent));
      return { jobs, published: await events.record(recorded, tx) };
    });
    events.announce(published);
    if (jobs.length) this.deps.onEnqueued();
  }
}

/** What changed against the mirror's last synced copy; the totals when nothing else shows. */
function changedAgainst(unified: DocumentDraft, held: DocumentDraft | null): Difference[] {
  const found = held ? documentDifferences(unified, held) : [];
  return found.length
    ? found
    : [{ field: 'total', local: unified.total.toFixed(), remote: held?.total.toFixed() ?? null }];
}
