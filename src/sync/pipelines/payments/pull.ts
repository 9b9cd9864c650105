// Inbound payments: money received against an invoice or paid against a bill in one book is
// recorded in the other — after the document it pays, which must be there first. The same money
// already recorded in both books (same document, amount and date) is linked, never paid twice.
import { systemModule } from '../../../systems/modules.js';
import type { Connector, PaymentDraft, RemoteRecord, SourceSystem } from '../../../systems/system.js';
import type { EventBus } from '../../../events/bus.js';
import type { LedgerEvent } from '../../../events/types.js';
import { UnmappedCodeError, type Lookups } from '../../../mapping/lookups.js';
import type { ConflictStore } from '../../../store/conflicts.js';
import type { Cursors } from '../../../store/cursors.js';
import type { Database } from '../../../store/database.js';
import type { DocumentKind, DocumentStore } from '../../../store/documents.js';
import type { Outbox } from '../../../store/outbox.js';
import type { PaymentFields, PaymentStore } from '../../../store/payments.js';
import type { SyncLinks } from '../../../store/sync-links.js';
import { settleSyncStatus } from '../../../store/sync-status.js';
import { documentEntityType } from '../documents/parties.js';
import { jobUpdatedEvent } from '../../runtime/job-events.js';
import { serializeRecord } from '../payloads.js';
import { pollChanges, type PollOptions } from '../../runtime/poll.js';
import type { DocumentPuller } from '../documents/pull.js';
import type { PullReport } from '../master-data/pull.js';
import { contentHash } from '../master-data/translate.js';
import { documentPlans } from '../../policy/conflict-plans.js';
import { recordDifferences, type Difference } from '../../../systems/differences.js';
import { sourceSystems } from '../../../systems/registry.js';

export interface PaymentPullDeps {
  db: Database;
  links: SyncLinks;
  payments: PaymentStore;
  documents: DocumentStore;
  documentPuller: DocumentPuller;
  outbox: Outbox;
  conflicts: ConflictStore;
  cursors: Cursors;
  events: EventBus;
  lookups: Lookups | null;
  connectors: Partial<Record<SourceSystem, Connector>>;
  targets: Partial<Record<SourceSystem, string>>;
  onEnqueued: () => void;
}

export const paymentDocumentKind = (p: Pick<PaymentDraft, 'direction'>): DocumentKind =>
  p.direction === 'RECEIVED' ? 'invoice' : 'bill';

/** What both books must agree on for a payment. */
export function paymentHash(p: PaymentFields): string {
  return contentHash({
    direction: p.direction,
    status: p.status,
    paymentDate: p.paymentDate,
    amount: p.amount,
    currency: p.currency,
    document: p.documentId,
  });
}

/** A short, stable External Document No. (NAV keeps 35 characters) for a payment we send. */
export const paymentIdempotencyKey = (paymentId: string, target: SourceSystem) =>
  `LB${target[0]}${paymentId.replace(/-/g, '')}`;

export class PaymentPuller {
  constructor(private readonly deps: PaymentPullDeps) {}

  async pull(system: SourceSystem, options: PollOptions = {}): Promise<PullReport> {
    const connector = this.deps.connectors[system];
    const tenant = this.deps.targets[system];
    if (!connector || !tenant) throw new Error(`${system} is not connected`);
    const report: PullReport = { read: 0, applied: 0, unchanged: 0, linked: [], rejected: [] };
    await pollChanges(
      connector,
      this.deps.cursors,
      { system, tenant, entityType: 'PAYMENT' },
      'payment',
      (record) => this.apply(system, tenant, record, report),
      options,
    );
    return report;
  }

  private async apply(
    system: SourceSystem,
    tenant: string,
    remote: RemoteRecord<'payment'>,
    report: PullReport,
  ): Promise<void> {
    report.read += 1;
    const { links, payments } = this.deps;
    const link = await links.byExternalId({
      entityType: 'PAYMENT',
      system,
      tenant,
      externalId: remote.externalId,
    });
    if (!link && remote.data.status === 'DELETED') return;
    const kind = paymentDocumentKind(remote.data);
    const document = await this.document(system, tenant, kind, remote.data);
    if (!document) {
      report.rejected.push({
        externalId: remote.externalId,
        reason: `the ${kind} it pays (${remote.data.document.number ?? remote.data.document.externalId ?? '?'}) is not synced`,
      });
      return;
    }
    let accountCode = remote.data.accountCode;
    try {
      if (accountCode)
        accountCode = systemModule(system).vocabulary.paymentAccountIn(accountCode, this.deps.lookups);
    } catch (error) {
      if (!(error instanceof UnmappedCodeError)) throw error;
      report.rejected.push({ externalId: remote.externalId, reason: error.message });
      return;
    }
    const unified: PaymentFields = {
      ...remote.data,
      // NAV's customer ledger does not say which bank account; the lookup tables name the usual one.
      accountCode: accountCode ?? this.deps.lookups?.tables.defaultBankAccount ?? null,
      party: { number: document.partyNumber ?? undefined },
      document: { number: document.number },
      documentId: document.id,
      partyId: document.partyId,
    };
    const hash = paymentHash(unified);
    if (link?.lastSyncedHash === hash) {
      report.unchanged += 1;
      return;
    }
    const match = link ? null : await payments.sameMoney(unified, system, tenant);
    if (match)
      report.linked.push({
        externalId: remote.externalId,
        entityId: match.id,
        reason: `same amount and date on ${document.number}`,
      });
    await this.save(system, tenant, remote, unified, hash, link?.entityId ?? match?.id ?? null, !!match);
    report.applied += 1;
  }

  /** The document paid, in the mirror; read from `system` first when it is new to us. */
  private async document(system: SourceSystem, tenant: string, kind: DocumentKind, p: PaymentDraft) {
    const find = async () => {
      const { externalId, number } = p.document;
      const link = externalId
        ? await this.deps.links.byExternalId({
            entityType: documentEntityType[kind],
            system,
            tenant,
            externalId,
          })
        : null;
      if (link) return this.deps.documents.summary(kind, link.entityId);
      const byNumber = number ? await this.deps.documents.byNumber(kind, number) : null;
      return byNumber ? this.deps.documents.summary(kind, byNumber.id) : null;
    };
    const found = await find();
    if (found || !p.document.externalId) return found;
    await this.deps.documentPuller.refresh(system, kind, [p.document.externalId]);
    return find();
  }

  private async save(
    system: SourceSystem,
    tenant: string,
    remote: RemoteRecord<'payment'>,
    unified: PaymentFields,
    hash: string,
    entityId: string | null,
    matched: boolean,
  ): Promise<void> {
    const { db, links, payments, outbox, events, conflicts } = this.deps;
    const kind = paymentDocumentKind(unified);
    const others = (Object.keys(this.deps.targets) as SourceSystem[]).filter(
      (s) =>
        s !== system &&
        this.deps.targets[s] &&
        this.deps.connectors[s]?.capabilities.writable.includes('payment'),
    );
    const otherLinks = entityId ? await links.forEntities('PAYMENT', [entityId]) : [];
    // What the mirror last synced: what a book that may not be changed still holds.
    const held = otherLinks.some((l) => systemModule(l.system).traits.bookedDocumentsImmutable)
      ? await payments.money(entityId as string)
      : null;
    const { jobs, published } = await db.transaction(async (tx) => {
      const saved = await payments.save(tx, entityId, unified, 'PENDING');
      await links.linkRemote({ entityType: 'PAYMENT', entityId: saved.id, system, tenant }, remote, hash, tx);
      const recorded: LedgerEvent[] = [
        {
          type: 'ENTITY_CHANGED',
          entityType: 'PAYMENT',
          entityId: saved.id,
          change: entityId ? 'UPDATED' : 'CREATED',
          source: system,
        },
      ];
      if (matched)
        recorded.push({
          type: 'RECORD_LINKED',
          entityType: 'PAYMENT',
          entityId: saved.id,
          system,
          externalId: remote.externalId,
          reason: 'same amount and date on the same document',
        });
      const jobs = [];
      for (const target of others) {
        const targetTenant = this.deps.targets[target] as string;
        const there = otherLinks.find((l) => l.system === target && l.tenant === targetTenant);
        if (there?.lastSyncedHash === hash) continue;
        if (there && systemModule(target).traits.bookedDocumentsImmutable) {
          // A posted NAV payment is never changed or deleted by us: a person reverses it there.
          const conflict = await conflicts.record(tx, {
            entityType: 'PAYMENT',
            entityId: saved.id,
            system: target,
            tenant: targetTenant,
            differences: paymentDifferences(unified, held),
            resolutions: documentPlans(target, sourceSystems, `the payment is posted in ${target}`),
            local: serializeRecord(unified),
            remote: {
              externalId: there.externalId,
              reason: 'the payment is posted in NAV; reverse it there',
            },
          });
          recorded.push({
            type: 'CONFLICT_DETECTED',
            conflictId: conflict.id,
            entityType: 'PAYMENT',
            entityId: saved.id,
            system: target,
            fields: conflict.fields,
          });
          continue;
        }
        // The document it pays goes first.
        const documentJob = await tx.syncJob.findFirst({
          where: {
            entityType: documentEntityType[kind],
            entityId: unified.documentId,
            system: target,
            tenant: targetTenant,
            status: { in: ['PENDING', 'RUNNING'] },
          },
          orderBy: { seq: 'desc' },
          select: { id: true },
        });
        jobs.push(
          ...(await outbox.enqueue(tx, [
            {
              entityType: 'PAYMENT',
              entityId: saved.id,
              system: target,
              tenant: targetTenant,
              payload: serializeRecord(unified),
              idempotencyKey: paymentIdempotencyKey(saved.id, target),
              dependsOn: documentJob ? [documentJob.id] : [],
            },
          ])),
        );
      }
      if (jobs.length === 0) await settleSyncStatus(tx, 'payment', saved.id);
      recorded.push(...jobs.map(jobUpdatedEvent));
      return { jobs, published: await events.record(recorded, tx) };
    });
    events.announce(published);
    if (jobs.length) this.deps.onEnqueued();
  }
}

const MONEY_FIELDS = ['status', 'paymentDate', 'amount', 'currency', 'reference', 'accountCode'] as const;

/** The payment's fields that changed against what the mirror last synced (the posted book's copy). */
function paymentDifferences(
  unified: PaymentFields,
  held: Record<(typeof MONEY_FIELDS)[number], unknown> | null,
): Difference[] {
  const local = Object.fromEntries(MONEY_FIELDS.map((f) => [f, unified[f]]));
  const found = held ? recordDifferences(local, held, MONEY_FIELDS) : [];
  return found.length
    ? found
    : [{ field: 'amount', local: unified.amount.toFixed(), remote: held?.amount ?? null }];
}
