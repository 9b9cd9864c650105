// Accepting documents through the API (and, through their own pipelines, sales orders and
// payments): idempotency and targets around each change, its checks (checks.ts), then in ONE
// transaction the mirror, one job per target system (after the customer or vendor and the items)
// and the events. A booked document in a system that never edits one (NAV's posted documents)
// is not voided there: that records a conflict.
import { documentPlans } from '../../policy/conflict-plans.js';
import { sourceSystems } from '../../../systems/registry.js';
import { systemModule } from '../../../systems/modules.js';
import type { LedgerEvent } from '../../../events/types.js';
import type { StoreTx } from '../../../store/database.js';
import type { DocumentFields, DocumentKind } from '../../../store/documents.js';
import type { Job, NewJob } from '../../../store/outbox.js';
import { retryOnUniqueViolation } from '../../../store/unique-violation.js';
import {
  hashInput,
  previousResult,
  Refusal,
  refused,
  targetsFor,
  zodErrors,
  type ChangeOptions,
  type ChangeResult,
  type TargetSystem,
} from '../change-support.js';
import { documentInputSchema } from './inputs.js';
import { documentEntityType, documentPrerequisites, itemNumbersOf, partyOf } from './parties.js';
import { jobUpdatedEvent } from '../../runtime/job-events.js';
import { serializeRecord } from '../payloads.js';
import { documentHash } from './translate.js';
import { DocumentChecks } from './checks.js';
import { error, type Accepted, type DocumentChangeDeps, type Prepared } from './change-deps.js';
import { prepareSalesOrder } from '../sales-orders/accept.js';
import { preparePayment } from '../payments/accept.js';

export type { DocumentChangeDeps } from './change-deps.js';

export class DocumentChangeService {
  private readonly checks: DocumentChecks;

  constructor(private readonly deps: DocumentChangeDeps) {
    this.checks = new DocumentChecks(deps);
  }

  create(kind: DocumentKind, input: unknown, options: ChangeOptions): Promise<ChangeResult<{ id: string }>> {
    return this.accept(`create:${kind}`, kind, { input }, options, async (systems) => {
      const parsed = documentInputSchema.safeParse(input);
      if (!parsed.success) return zodErrors(parsed.error, ['input']);
      const checked = await this.checks.checkDocument(kind, null, parsed.data, systems);
      if ('errors' in checked) return checked.errors;
      return (tx) => this.write(tx, kind, null, checked.document, systems, 'CREATED');
    });
  }

  update(kind: DocumentKind, id: string, input: unknown, options: ChangeOptions) {
    return this.accept(`update:${kind}`, kind, { id, input }, options, async (requested, explicit) => {
      const parsed = documentInputSchema.safeParse(input);
      if (!parsed.success) return zodErrors(parsed.error, ['input']);
      const editable = await this.checks.checkEditable(kind, id);
      if (editable.length) return editable;
      // An update goes where the document already is (and wherever else was asked for).
      const linked = await this.checks.linkedSystems(kind, id);
      const systems = explicit ? [...new Set([...linked, ...requested])] : linked;
      const checked = await this.checks.checkDocument(kind, id, parsed.data, systems);
      if ('errors' in checked) return checked.errors;
      return (tx) => this.write(tx, kind, id, checked.document, systems, 'UPDATED');
    });
  }

  /** Voids an invoice where it is approved (Xero); a posted NAV invoice needs a credit note instead. */
  void(id: string, options: ChangeOptions) {
    return this.accept('void:invoice', 'invoice', { id }, options, async () => {
      const current = await this.deps.documents.snapshot('invoice', id);
      if (!current) return [error(['id'], 'NOT_FOUND', 'No such invoice.')];
      if (current.status === 'VOIDED')
        return [error(['id'], 'ALREADY_VOIDED', 'The invoice is voided already.')];
      if (!current.amountPaid.isZero())
        return [
          error(
            ['id'],
            'HAS_PAYMENTS',
            'The invoice has payments: remove them first, or issue a credit note.',
          ),
        ];
      const linked = await this.checks.linkedSystems('invoice', id);
      return async (tx) => {
        // Checked again under the row lock: a payment may have landed since.
        const state = await this.deps.documents.lockPaymentState(tx, 'invoice', id);
        if (state?.status === 'VOIDED')
          throw new Refusal([error(['id'], 'ALREADY_VOIDED', 'The invoice is voided already.')]);
        if (state && !state.amountPaid.isZero())
          throw new Refusal([error(['id'], 'HAS_PAYMENTS', 'The invoice has payments: remove them first.')]);
        // Where it never arrived (refused, or still on its way) it is not voided but never sent:
        // its queued push and its dead letter are called off, so no retry or replay creates it.
        const unsent = await this.deps.outbox.cancelUnsent(
          tx,
          { entityType: 'INVOICE', entityId: id },
          linked,
          `${current.number} was voided before it reached this system`,
        );
        if ('running' in unsent)
          throw new Refusal([
            error(
              ['id'],
              'PUSH_IN_FLIGHT',
              `${current.number} is being sent to ${unsent.running.join(', ')} right now: void it once that push settles.`,
            ),
          ]);
        const accepted = await this.write(
          tx,
          'invoice',
          id,
          { ...current, status: 'VOIDED' },
          linked,
          'UPDATED',
        );
        return { ...accepted, events: [...accepted.events, ...unsent.cancelled.map(jobUpdatedEvent)] };
      };
    });
  }

  /** Creates an open sales order in NAV (Xero keeps no orders). */
  createSalesOrder(input: unknown, options: ChangeOptions): Promise<ChangeResult<{ id: string }>> {
    return this.accept('create:salesOrder', 'salesOrder', { input }, options, (systems) =>
      prepareSalesOrder(this.deps, this.checks, input, systems),
    );
  }

  recordPayment(input: unknown, options: ChangeOptions): Promise<ChangeResult<{ id: string }>> {
    return this.accept('record:payment', 'payment', { input }, options, (requested, explicit) =>
      preparePayment(this.deps, this.checks, input, requested, explicit),
    );
  }

  /** Reads every target's chart of accounts, currencies and lock dates again on the next change. */
  refreshBookRules(): void {
    this.deps.books?.refresh();
  }

  // ---------- writing ----------

  /**
   * Idempotency and targets around one change; `prepare` validates and returns the writer. A change
   * that lost a race on a unique key (the same idempotency key, a document number) is tried again:
   * it then finds the winner's result, or a DUPLICATE_NUMBER user error.
   */
  private async accept(
    operation: string,
    entity: string,
    input: object,
    options: ChangeOptions,
    prepare: (systems: TargetSystem[], explicit: boolean) => Promise<Prepared>,
  ): Promise<ChangeResult<{ id: string }>> {
    const attempt = () => this.attempt(operation, entity, input, options, prepare);
    try {
      return await retryOnUniqueViolation(async () => {
        const result = await attempt();
        // Refused against what a request with the same key committed meanwhile: its result.
        const key = options.idempotencyKey;
        if (result.userErrors.length && key && (await this.deps.mutations.find(key))) return attempt();
        return result;
      });
    } catch (error) {
      if (error instanceof Refusal) return refused(error.userErrors);
      throw error;
    }
  }

  private async attempt(
    operation: string,
    entity: string,
    input: object,
    options: ChangeOptions,
    prepare: (systems: TargetSystem[], explicit: boolean) => Promise<Prepared>,
  ): Promise<ChangeResult<{ id: string }>> {
    const targets = targetsFor(options.targets, entity, this.deps.targets, this.deps.writable);
    if ('userErrors' in targets) return refused(targets.userErrors);
    const inputHash = hashInput({ ...input, targets: targets.systems });
    const previous = await previousResult(
      this.deps.mutations,
      this.deps.outbox,
      options.idempotencyKey,
      operation,
      inputHash,
    );
    if (previous && 'refused' in previous) return refused(previous.refused);
    if (previous) return { record: { id: previous.recordId }, jobs: previous.jobs, userErrors: [] };
    const writer = await prepare(targets.systems, !!options.targets);
    if (Array.isArray(writer)) return refused(writer);
    const { accepted, published } = await this.deps.db.transaction(async (tx) => {
      const result = await writer(tx);
      if (options.idempotencyKey)
        await this.deps.mutations.save(tx, options.idempotencyKey, {
          operation,
          inputHash,
          result: { recordId: result.recordId, jobIds: result.jobs.map((j) => j.id) },
        });
      return { accepted: result, published: await this.deps.events.record(result.events, tx) };
    });
    // Announced once committed: a subscriber that reads the record finds it.
    this.deps.events.announce(published);
    if (accepted.jobs.length) this.deps.onEnqueued();
    return { record: { id: accepted.recordId }, jobs: accepted.jobs, userErrors: [] };
  }

  private async write(
    tx: StoreTx,
    kind: DocumentKind,
    id: string | null,
    doc: DocumentFields,
    systems: TargetSystem[],
    change: 'CREATED' | 'UPDATED',
  ): Promise<Accepted> {
    const { documents, outbox, links, conflicts, master } = this.deps;
    const entityType = documentEntityType[kind];
    const saved = await documents.save(tx, kind, id, doc, systems.length ? 'PENDING' : 'LOCAL_ONLY');
    const events: LedgerEvent[] = [
      { type: 'ENTITY_CHANGED', entityType, entityId: saved.id, change, source: 'GATEWAY' },
    ];
    const hash = documentHash(doc, doc.party.number ?? null);
    const jobs: Job[] = [];
    for (const system of systems) {
      const tenant = this.deps.targets[system] as string;
      const link = id ? await links.forEntity({ entityType, entityId: saved.id, system, tenant }, tx) : null;
      if (link && systemModule(system).traits.bookedDocumentsImmutable && doc.status === 'VOIDED') {
        const conflict = await conflicts.record(tx, {
          entityType,
          entityId: saved.id,
          system,
          tenant,
          differences: [{ field: 'status', local: doc.status, remote: 'POSTED' }],
          resolutions: documentPlans(system, sourceSystems, `${doc.number} is posted in ${system}`),
          local: serializeRecord(doc),
          remote: {
            externalId: link.externalId,
            reason: `${doc.number} is posted in NAV: issue a credit note there to void it`,
          },
        });
        events.push({
          type: 'CONFLICT_DETECTED',
          conflictId: conflict.id,
          entityType,
          entityId: saved.id,
          system,
          fields: ['status'],
        });
        continue;
      }
      const first = await documentPrerequisites(
        { links, master, outbox },
        tx,
        {
          party: { entity: partyOf[kind], id: doc.partyId },
          itemNumbers: itemNumbersOf(doc),
          itemIds: saved.itemIds,
        },
        system,
        tenant,
      );
      jobs.push(...first.created);
      const job: NewJob = {
        entityType,
        entityId: saved.id,
        system,
        tenant,
        payload: serializeRecord(doc),
        idempotencyKey: `${kind}:${saved.id}:${hash.slice(0, 16)}:${doc.status}:${system}`,
        dependsOn: first.dependsOn,
      };
      jobs.push(...(await outbox.enqueue(tx, [job])));
    }
    if (jobs.length === 0) await documents.settle(tx, kind, saved.id);
    events.push(...jobs.map(jobUpdatedEvent));
    return { recordId: saved.id, jobs, events };
  }
}
