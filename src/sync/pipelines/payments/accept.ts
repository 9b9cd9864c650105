// Accepting a payment through the API: the document it pays must be payable and owe at least the
// amount, the payment goes where its document is (or is about to be), and in one transaction the
// payment, the document's amounts and one job per target (after the document's own job) are written.
// The amount due is checked again in that transaction, under the document's row lock.
import type { DocumentDraft } from '../../../systems/system.js';
import type { LedgerEvent } from '../../../events/types.js';
import type { StoreTx } from '../../../store/database.js';
import type { DocumentKind } from '../../../store/documents.js';
import type { Job } from '../../../store/outbox.js';
import type { PaymentFields } from '../../../store/payments.js';
import type { Decimal } from '../../../domain/money.js';
import { Refusal, zodErrors, type TargetSystem, type UserErrorShape } from '../change-support.js';
import { jobUpdatedEvent } from '../../runtime/job-events.js';
import { serializeRecord } from '../payloads.js';
import { paymentInputSchema } from '../documents/inputs.js';
import { documentEntityType } from '../documents/parties.js';
import type { DocumentChecks } from '../documents/checks.js';
import { error, type Accepted, type DocumentChangeDeps, type Prepared } from '../documents/change-deps.js';
import { paymentIdempotencyKey } from './pull.js';

/** Why `doc` takes no payment of `amount`: not in the books, or less is due. */
function paymentRefusal(
  kind: DocumentKind,
  doc: { status: string; amountDue: Decimal; currency: string; number: string },
  amount: Decimal,
): UserErrorShape | null {
  if (!['AUTHORISED', 'POSTED'].includes(doc.status))
    return error(
      ['input', 'documentId'],
      'NOT_PAYABLE',
      `A ${doc.status.toLowerCase()} ${kind} takes no payment.`,
    );
  if (amount.gt(doc.amountDue))
    return error(
      ['input', 'amount'],
      'OVERPAYMENT',
      `Only ${doc.amountDue.toFixed(2)} ${doc.currency} is due on ${doc.number}.`,
    );
  return null;
}

export async function preparePayment(
  deps: DocumentChangeDeps,
  checks: DocumentChecks,
  input: unknown,
  requested: TargetSystem[],
  explicit: boolean,
): Promise<Prepared> {
  const parsed = paymentInputSchema.safeParse(input);
  if (!parsed.success) return zodErrors(parsed.error, ['input']);
  const p = parsed.data;
  const kind = (await deps.documents.byId('invoice', p.documentId)) ? 'invoice' : 'bill';
  const doc = await deps.documents.snapshot(kind, p.documentId);
  if (!doc) return [error(['input', 'documentId'], 'NOT_FOUND', 'No such invoice or bill.')];
  const unpayable = paymentRefusal(kind, doc, p.amount);
  if (unpayable) return [unpayable];
  // A payment goes where its document is (or is about to be).
  const present = await checks.presentIn(kind, p.documentId);
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
  const codes = checks.mapped(systems, [
    [['input', 'accountCode'], () => deps.lookups?.accountToXero(p.accountCode)],
  ]);
  if (codes.length) return codes;
  const books = deps.books;
  if (books) {
    const refused = await books.checkPayment(systems, {
      accountCode: p.accountCode,
      currency: doc.currency,
      paymentDate: p.paymentDate,
    });
    if (refused.length) return refused;
    const links = (await deps.links.forEntities(documentEntityType[kind], [p.documentId])).filter(
      (l) => systems.includes(l.system) && deps.targets[l.system] === l.tenant,
    );
    const overpaid = await books.checkDue(
      kind,
      links.map((l) => ({ system: l.system, externalId: l.externalId })),
      p.amount,
      doc.number,
    );
    if (overpaid.length) return overpaid;
  }
  const payment: PaymentFields = {
    direction: kind === 'invoice' ? 'RECEIVED' : 'MADE',
    status: 'AUTHORISED',
    paymentDate: p.paymentDate,
    amount: p.amount,
    currency: doc.currency,
    // The payment's own rate; without one the target applies its rate for the day.
    currencyRate: p.currencyRate,
    reference: p.reference,
    accountCode: p.accountCode,
    party: { number: doc.party.number },
    document: { number: doc.number },
    documentId: p.documentId,
    partyId: doc.partyId,
  };
  return (tx) => writePayment(deps, tx, kind, doc, payment, systems);
}

export async function writePayment(
  deps: DocumentChangeDeps,
  tx: StoreTx,
  kind: DocumentKind,
  doc: DocumentDraft,
  payment: PaymentFields,
  systems: TargetSystem[],
): Promise<Accepted> {
  const { payments, documents, outbox } = deps;
  // Checked again under the document's row lock: a concurrent payment may have taken the amount due.
  const state = await documents.lockPaymentState(tx, kind, payment.documentId);
  const refusal = state && paymentRefusal(kind, { ...doc, ...state }, payment.amount);
  if (!state) throw new Refusal([error(['input', 'documentId'], 'NOT_FOUND', 'No such invoice or bill.')]);
  if (refusal) throw new Refusal([refusal]);
  const saved = await payments.save(tx, null, payment, systems.length ? 'PENDING' : 'LOCAL_ONLY');
  const amountPaid = state.amountPaid.plus(payment.amount);
  const amountDue = state.amountDue.minus(payment.amount);
  await documents.setPaymentState(tx, kind, payment.documentId, {
    status: amountDue.isZero() ? 'PAID' : (state.status as DocumentDraft['status']),
    amountPaid,
    amountDue,
  });
  const jobs: Job[] = [];
  for (const system of systems) {
    const tenant = deps.targets[system] as string;
    const documentJob = await outbox.latestUnfinished(tx, {
      entityType: documentEntityType[kind],
      entityId: payment.documentId,
      system,
      tenant,
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
          dependsOn: documentJob ? [documentJob] : [],
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
