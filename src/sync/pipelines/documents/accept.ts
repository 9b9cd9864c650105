// Accepting documents and payments through the API: validate (shape, then the domain rules that
// need the mirror: the party exists and is not blocked, the number is free, every code has a
// mapping and a tax rate, the document may still be changed, the amount is due), compute totals
// the way both books do (per line, to the cent), then in ONE transaction write the mirror, one job
// per target system (after the customer or vendor, after the document a payment pays) and the
// events. Posted NAV documents are never edited: voiding one elsewhere records a conflict.
import { systemModule } from '../../../systems/modules.js';
import type { DocumentDraft, LineDraft } from '../../../systems/system.js';
import { Decimal } from '../../../domain/money.js';
import { documentTotals, lineTotals } from '../../../domain/totals.js';
import type { EventBus } from '../../../events/bus.js';
import type { LedgerEvent } from '../../../events/types.js';
import { UnmappedCodeError, type Lookups } from '../../../mapping/lookups.js';
import type { ConflictStore } from '../../../store/conflicts.js';
import type { Database, StoreTx } from '../../../store/database.js';
import type { DocumentFields, DocumentKind, DocumentStore } from '../../../store/documents.js';
import type { MasterData } from '../../../store/master-data.js';
import type { MutationRecords } from '../../../store/mutation-records.js';
import type { Job, NewJob, Outbox } from '../../../store/outbox.js';
import type { PaymentFields, PaymentStore } from '../../../store/payments.js';
import type { SyncLinks } from '../../../store/sync-links.js';
import {
  hashInput,
  previousResult,
  refused,
  targetsFor,
  translatesCodes,
  zodErrors,
  type ChangeOptions,
  type ChangeResult,
  type TargetSystem,
  type UserErrorShape,
} from '../change-support.js';
import {
  documentInputSchema,
  paymentInputSchema,
  salesOrderInputSchema,
  type DocumentInput,
} from './inputs.js';
import type { SalesOrderStore } from '../../../store/sales-orders.js';
import { documentEntityType, documentPrerequisites, itemNumbersOf, partyOf } from './parties.js';
import { jobUpdatedEvent } from '../../runtime/job-events.js';
import { serializeRecord } from '../payloads.js';
import { documentHash, sideOf } from './translate.js';
import { paymentIdempotencyKey } from '../payments/pull.js';

export interface DocumentChangeDeps {
  db: Database;
  master: MasterData;
  documents: DocumentStore;
  payments: PaymentStore;
  salesOrders: SalesOrderStore;
  links: SyncLinks;
  outbox: Outbox;
  conflicts: ConflictStore;
  events: EventBus;
  mutations: MutationRecords;
  lookups: Lookups | null;
  targets: Partial<Record<TargetSystem, string>>;
  writable?: Partial<Record<TargetSystem, readonly string[]>>;
  onEnqueued: () => void;
}

/** What a change writes once it is accepted. */
interface Accepted {
  recordId: string;
  jobs: Job[];
  events: LedgerEvent[];
}

const error = (field: (string | number)[], code: string, message: string): UserErrorShape => ({
  field: field.map(String),
  code,
  message,
});

/** One error per field is enough to act on (an unknown code has neither a rate nor a mapping). */
function firstPerField(errors: UserErrorShape[]): UserErrorShape[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = e.field.join('.');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export class DocumentChangeService {
  constructor(private readonly deps: DocumentChangeDeps) {}

  create(kind: DocumentKind, input: unknown, options: ChangeOptions): Promise<ChangeResult<{ id: string }>> {
    return this.accept(`create:${kind}`, kind, { input }, options, async (systems) => {
      const parsed = documentInputSchema.safeParse(input);
      if (!parsed.success) return zodErrors(parsed.error, ['input']);
      const checked = await this.checkDocument(kind, null, parsed.data, systems);
      if ('errors' in checked) return checked.errors;
      return (tx) => this.write(tx, kind, null, checked.document, systems, 'CREATED');
    });
  }

  update(kind: DocumentKind, id: string, input: unknown, options: ChangeOptions) {
    return this.accept(`update:${kind}`, kind, { id, input }, options, async (requested, explicit) => {
      const parsed = documentInputSchema.safeParse(input);
      if (!parsed.success) return zodErrors(parsed.error, ['input']);
      const editable = await this.checkEditable(kind, id);
      if (editable.length) return editable;
      // An update goes where the document already is (and wherever else was asked for).
      const linked = await this.linkedSystems(kind, id);
      const systems = explicit ? [...new Set([...linked, ...requested])] : linked;
      const checked = await this.checkDocument(kind, id, parsed.data, systems);
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
      const linked = await this.linkedSystems('invoice', id);
      return (tx) => this.write(tx, 'invoice', id, { ...current, status: 'VOIDED' }, linked, 'UPDATED');
    });
  }

  /** Creates an open sales order in NAV (Xero keeps no orders). */
  createSalesOrder(input: unknown, options: ChangeOptions): Promise<ChangeResult<{ id: string }>> {
    return this.accept('create:salesOrder', 'salesOrder', { input }, options, async (systems) => {
      const parsed = salesOrderInputSchema.safeParse(input);
      if (!parsed.success) return zodErrors(parsed.error, ['input']);
      const order = parsed.data;
      const checked = await this.checkDocument(
        'invoice',
        null,
        {
          ...order,
          issueDate: order.orderDate,
          dueDate: order.requestedDate,
          status: 'DRAFT',
          vendorInvoiceNumber: null,
        },
        systems,
        (number) => this.deps.salesOrders.numberTaken(number),
      );
      if ('errors' in checked)
        return checked.errors.map((e) => ({
          ...e,
          field: e.field.map((f) =>
            f === 'issueDate' ? 'orderDate' : f === 'dueDate' ? 'requestedDate' : f,
          ),
        }));
      return async (tx) => {
        const saved = await this.deps.salesOrders.create(
          tx,
          checked.document,
          order.requestedDate,
          systems.length ? 'PENDING' : 'LOCAL_ONLY',
        );
        const jobs: Job[] = [];
        for (const system of systems) {
          const tenant = this.deps.targets[system] as string;
          const first = await documentPrerequisites(
            this.deps,
            tx,
            {
              party: { entity: 'customer', id: checked.document.partyId },
              itemNumbers: itemNumbersOf(checked.document),
            },
            system,
            tenant,
          );
          jobs.push(...first.created);
          jobs.push(
            ...(await this.deps.outbox.enqueue(tx, [
              {
                entityType: 'SALES_ORDER',
                entityId: saved.id,
                system,
                tenant,
                payload: serializeRecord(checked.document),
                idempotencyKey: `salesOrder:${saved.id}:${system}`,
                dependsOn: first.dependsOn,
              },
            ])),
          );
        }
        const events: LedgerEvent[] = [
          {
            type: 'ENTITY_CHANGED',
            entityType: 'SALES_ORDER',
            entityId: saved.id,
            change: 'CREATED',
            source: 'GATEWAY',
          },
          ...jobs.map(jobUpdatedEvent),
        ];
        return { recordId: saved.id, jobs, events };
      };
    });
  }

  recordPayment(input: unknown, options: ChangeOptions): Promise<ChangeResult<{ id: string }>> {
    return this.accept('record:payment', 'payment', { input }, options, async (requested, explicit) => {
      const parsed = paymentInputSchema.safeParse(input);
      if (!parsed.success) return zodErrors(parsed.error, ['input']);
      const p = parsed.data;
      const kind = (await this.deps.documents.byId('invoice', p.documentId)) ? 'invoice' : 'bill';
      const doc = await this.deps.documents.snapshot(kind, p.documentId);
      if (!doc) return [error(['input', 'documentId'], 'NOT_FOUND', 'No such invoice or bill.')];
      if (!['AUTHORISED', 'POSTED'].includes(doc.status))
        return [
          error(
            ['input', 'documentId'],
            'NOT_PAYABLE',
            `A ${doc.status.toLowerCase()} ${kind} takes no payment.`,
          ),
        ];
      if (p.amount.gt(doc.amountDue))
        return [
          error(
            ['input', 'amount'],
            'OVERPAYMENT',
            `Only ${doc.amountDue.toFixed(2)} ${doc.currency} is due on ${doc.number}.`,
          ),
        ];
      // A payment goes where its document is (or is about to be).
      const present = await this.presentIn(kind, p.documentId);
      const systems = requested.filter((s) => present.includes(s));
      const missing = requested.filter((s) => !present.includes(s));
      if (missing.length && explicit)
        return missing.map((s) =>
          error(
            ['options', 'targets'],
            'NOT_IN_TARGET',
            `${doc.number} is not in ${s}; the payment cannot go there.`,
          ),
        );
      const codes = this.mapped(systems, [
        [['input', 'accountCode'], () => this.deps.lookups?.accountToXero(p.accountCode)],
      ]);
      if (codes.length) return codes;
      const payment: PaymentFields = {
        direction: kind === 'invoice' ? 'RECEIVED' : 'MADE',
        status: 'AUTHORISED',
        paymentDate: p.paymentDate,
        amount: p.amount,
        currency: doc.currency,
        reference: p.reference,
        accountCode: p.accountCode,
        party: { number: doc.party.number },
        document: { number: doc.number },
        documentId: p.documentId,
        partyId: doc.partyId,
      };
      return (tx) => this.writePayment(tx, kind, doc, payment, systems);
    });
  }

  // ---------- validation ----------

  /**
   * Runs each mapping when a target translates codes through the lookup tables; an unmapped code
   * becomes a user error naming it.
   */
  private mapped(systems: TargetSystem[], checks: [(string | number)[], () => unknown][]): UserErrorShape[] {
    return translatesCodes(systems) ? this.checkMapped(checks) : [];
  }

  /** Runs each mapping (with lookup tables); an unmapped code becomes a user error naming it. */
  private checkMapped(checks: [(string | number)[], () => unknown][]): UserErrorShape[] {
    if (!this.deps.lookups) return [];
    const errors: UserErrorShape[] = [];
    for (const [field, check] of checks) {
      try {
        check();
      } catch (e) {
        if (!(e instanceof UnmappedCodeError)) throw e;
        errors.push(error(field, 'UNMAPPED_CODE', e.message));
      }
    }
    return errors;
  }

  private async checkDocument(
    kind: DocumentKind,
    id: string | null,
    input: DocumentInput,
    systems: TargetSystem[],
    numberTaken?: (number: string) => Promise<boolean>,
  ): Promise<{ document: DocumentFields } | { errors: UserErrorShape[] }> {
    const { master, documents, lookups } = this.deps;
    const errors: UserErrorShape[] = [];
    const party = await master.byId(partyOf[kind], input.partyId);
    if (!party) return { errors: [error(['input', 'partyId'], 'NOT_FOUND', `No such ${partyOf[kind]}.`)] };
    const p = party as { number: string | null; status: string; currency: string };
    if (p.status !== 'ACTIVE')
      errors.push(
        error(['input', 'partyId'], 'PARTY_NOT_ACTIVE', `The ${partyOf[kind]} is ${p.status.toLowerCase()}.`),
      );
    const taken = numberTaken
      ? (await numberTaken(input.number)) && { id: null }
      : await documents.byNumber(kind, input.number);
    if (taken && taken.id !== id)
      errors.push(error(['input', 'number'], 'DUPLICATE_NUMBER', `${input.number} exists already.`));
    const currency = input.currency ?? p.currency;
    if (lookups)
      errors.push(...this.checkMapped([[['input', 'currency'], () => lookups.currencyToNav(currency)]]));
    const itemIds = [...new Set(input.lines.flatMap((l) => (l.itemId ? [l.itemId] : [])))];
    const items = new Map(
      (await Promise.all(itemIds.map((i) => master.byId('item', i)))).flatMap((i) =>
        i
          ? [
              [
                i.id,
                i as {
                  id: string;
                  number: string;
                  salesAccountCode: string | null;
                  purchaseAccountCode: string | null;
                  blocked: boolean;
                },
              ],
            ]
          : [],
      ),
    );
    const lines: LineDraft[] = [];
    const rates: Decimal[] = [];
    input.lines.forEach((l, i) => {
      const at = ['input', 'lines', i];
      const item = l.itemId ? items.get(l.itemId) : undefined;
      if (l.itemId && !item) errors.push(error([...at, 'itemId'], 'NOT_FOUND', 'No such item.'));
      if (item?.blocked)
        errors.push(error([...at, 'itemId'], 'ITEM_BLOCKED', `Item ${item.number} is blocked.`));
      const account =
        l.accountCode ?? (kind === 'invoice' ? item?.salesAccountCode : item?.purchaseAccountCode) ?? null;
      // Without an account of its own, an item line posts where the item's setup says (NAV posting
      // groups, the Xero item's sales or purchase details).
      const rate = lookups?.taxRate(l.taxCode) ?? null;
      if (rate === null)
        errors.push(
          error(
            [...at, 'taxCode'],
            'UNMAPPED_CODE',
            `tax code "${l.taxCode}" has no rate in the lookup tables; add it before using it.`,
          ),
        );
      errors.push(
        ...this.mapped(systems, [
          ...(account
            ? [
                [[...at, 'accountCode'], () => lookups?.accountToXero(account)] as [
                  (string | number)[],
                  () => unknown,
                ],
              ]
            : []),
          [[...at, 'taxCode'], () => lookups?.taxToXero(l.taxCode, sideOf(kind))],
          ...l.dimensions.map(
            (d, j) =>
              [[...at, 'dimensions', j], () => lookups?.dimensionToXero(d.dimension, d.value)] as [
                (string | number)[],
                () => unknown,
              ],
          ),
        ]),
      );
      const taxRatePercent = new Decimal(rate ?? 0);
      rates.push(taxRatePercent);
      const totals = lineTotals({ ...l, taxRatePercent }, input.lineAmountType);
      lines.push({
        lineNo: i + 1,
        item: item ? { number: item.number } : null,
        description: l.description,
        quantity: l.quantity,
        unitPrice: l.unitPrice,
        discountPercent: l.discountPercent,
        accountCode: item ? l.accountCode : account,
        taxCode: l.taxCode,
        taxAmount: totals.taxAmount,
        lineAmount: totals.lineAmount,
        dimensions: Object.fromEntries(l.dimensions.map((d) => [d.dimension, d.value])),
      });
    });
    if (errors.length) return { errors: firstPerField(errors) };
    const totals = documentTotals(
      input.lines.map((l, i) => ({ ...l, taxRatePercent: rates[i] as Decimal })),
      input.lineAmountType,
    );
    return {
      document: {
        partyId: input.partyId,
        number: input.number,
        party: { number: p.number ?? undefined },
        status: input.status,
        issueDate: input.issueDate,
        dueDate: input.dueDate ?? input.issueDate,
        currency,
        currencyRate: null,
        lineAmountType: input.lineAmountType,
        reference: input.reference,
        externalDocumentNumber: null,
        vendorInvoiceNumber: kind === 'bill' ? input.vendorInvoiceNumber : null,
        ...totals,
        amountPaid: new Decimal(0),
        amountDue: totals.total,
        lines,
      },
    };
  }

  /** Paid, voided or posted in NAV: not editable (a credit note is the way). */
  private async checkEditable(kind: DocumentKind, id: string): Promise<UserErrorShape[]> {
    const current = await this.deps.documents.snapshot(kind, id);
    if (!current) return [error(['id'], 'NOT_FOUND', `No such ${kind}.`)];
    if (['PAID', 'VOIDED', 'DELETED'].includes(current.status) || !current.amountPaid.isZero())
      return [
        error(
          ['id'],
          'NOT_EDITABLE',
          `The ${kind} is ${current.amountPaid.isZero() ? current.status.toLowerCase() : 'part-paid'}; issue a credit note instead.`,
        ),
      ];
    const linked = await this.linkedSystems(kind, id);
    if (linked.some((s) => systemModule(s).traits.bookedDocumentsImmutable) && current.status !== 'DRAFT')
      return [
        error(
          ['id'],
          'NOT_EDITABLE',
          `The ${kind} is posted in NAV and cannot be edited; issue a credit note there.`,
        ),
      ];
    return [];
  }

  private async linkedSystems(kind: DocumentKind, id: string): Promise<TargetSystem[]> {
    const links = await this.deps.links.forEntities(documentEntityType[kind], [id]);
    return links.filter((l) => this.deps.targets[l.system] === l.tenant).map((l) => l.system);
  }

  /** Systems the document is in, or on its way to. */
  private async presentIn(kind: DocumentKind, id: string): Promise<TargetSystem[]> {
    const pending = await this.deps.outbox.unfinishedFor(documentEntityType[kind], id);
    return [...new Set([...(await this.linkedSystems(kind, id)), ...pending])];
  }

  // ---------- writing ----------

  /** Idempotency and targets around one change; `prepare` validates and returns the writer. */
  private async accept(
    operation: string,
    entity: string,
    input: object,
    options: ChangeOptions,
    prepare: (
      systems: TargetSystem[],
      explicit: boolean,
    ) => Promise<UserErrorShape[] | ((tx: StoreTx) => Promise<Accepted>)>,
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
          fields: ['status'],
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

  private async writePayment(
    tx: StoreTx,
    kind: DocumentKind,
    doc: DocumentDraft,
    payment: PaymentFields,
    systems: TargetSystem[],
  ): Promise<Accepted> {
    const { payments, documents, outbox } = this.deps;
    const saved = await payments.save(tx, null, payment, systems.length ? 'PENDING' : 'LOCAL_ONLY');
    const amountPaid = doc.amountPaid.plus(payment.amount);
    const amountDue = doc.amountDue.minus(payment.amount);
    await documents.setPaymentState(tx, kind, payment.documentId, {
      status: amountDue.isZero() ? 'PAID' : doc.status,
      amountPaid,
      amountDue,
    });
    const jobs: Job[] = [];
    for (const system of systems) {
      const tenant = this.deps.targets[system] as string;
      const documentJob = await tx.syncJob.findFirst({
        where: {
          entityType: documentEntityType[kind],
          entityId: payment.documentId,
          system,
          tenant,
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
            system,
            tenant,
            payload: serializeRecord(payment),
            idempotencyKey: paymentIdempotencyKey(saved.id, system),
            dependsOn: documentJob ? [documentJob.id] : [],
          },
        ])),
      );
    }
    const events: LedgerEvent[] = [
      {
        type: 'ENTITY_CHANGED',
        entityType: 'PAYMENT',
        entityId: saved.id,
        change: 'CREATED',
        source: 'GATEWAY',
      },
      {
        type: 'ENTITY_CHANGED',
        entityType: documentEntityType[kind],
        entityId: payment.documentId,
        change: 'UPDATED',
        source: 'GATEWAY',
      },
      ...jobs.map(jobUpdatedEvent),
    ];
    return { recordId: saved.id, jobs, events };
  }
}
