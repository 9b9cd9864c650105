// Pushing payments to their target system: applied to the document there (which went first),
// through the bank account translated to the target's code. Xero takes up to 50 a call; NAV
// posts a cash receipt journal line. A payment not yet linked is looked up before it is created
// (Xero: same invoice, amount, date and reference, and not another payment's already; NAV: its
// External Document No.), so a retry never pays twice and an equal instalment is never skipped.
import { systemModule } from '../../../systems/modules.js';
import type { Connector, RemoteRecord, SourceSystem, WriteRequest } from '../../../systems/system.js';
import { ConnectorError } from '../../../systems/errors.js';
import { UnmappedCodeError, type Lookups } from '../../../mapping/lookups.js';
import type { Database } from '../../../store/database.js';
import type { Job } from '../../../store/outbox.js';
import type { PaymentFields, PaymentStore } from '../../../store/payments.js';
import type { SyncLinks } from '../../../store/sync-links.js';
import { documentEntityType } from '../documents/parties.js';
import { paymentFromPayload } from '../payloads.js';
import { refusedBy } from '../refusal.js';
import { paymentDocumentKind, paymentHash } from './pull.js';
import { pauseHereForTests } from '../../runtime/test-pause.js';
import type { BatchJobHandler } from '../../runtime/worker.js';

export interface PaymentPushDeps {
  db: Database;
  links: SyncLinks;
  payments: PaymentStore;
  lookups: Lookups | null;
  connectors: Partial<Record<SourceSystem, Connector>>;
}

export function paymentPusher(deps: PaymentPushDeps): BatchJobHandler {
  return async (jobs) => {
    const first = jobs[0];
    if (!first) return [];
    const connector = deps.connectors[first.system];
    if (!connector)
      return jobs.map(
        () => new ConnectorError('auth', `${first.system} is not connected`, { system: first.system }),
      );
    const outcomes: unknown[] = jobs.map(() => null);
    const payments = jobs.map((job) => paymentFromPayload(job.payload));
    const valid = payments.filter((p): p is PaymentFields => !(p instanceof Error));
    const documentLinks = [
      ...(await deps.links.forEntities(
        'INVOICE',
        valid.filter((p) => p.direction === 'RECEIVED').map((p) => p.documentId),
      )),
      ...(await deps.links.forEntities(
        'BILL',
        valid.filter((p) => p.direction === 'MADE').map((p) => p.documentId),
      )),
    ];
    const ownLinks = await deps.links.forEntities(
      'PAYMENT',
      jobs.map((j) => j.entityId),
    );
    // The other payments of the same documents that are linked already: an earlier instalment of
    // the same money on the same day looks like this one to Xero, but is never this one.
    const siblings = await deps.payments.ofDocuments(valid.map((p) => p.documentId));
    const documentOf = new Map(siblings.map((s) => [s.id, s.invoiceId ?? s.billId]));
    const siblingLinks = await deps.links.forEntities(
      'PAYMENT',
      siblings.map((s) => s.id),
    );
    const requests: { index: number; request: WriteRequest<'payment'>; unified: PaymentFields }[] = [];
    jobs.forEach((job, index) => {
      const payment = payments[index];
      try {
        if (!payment || payment instanceof Error) throw payment ?? new TypeError('no payload');
        const kind = paymentDocumentKind(payment);
        const document = documentLinks.find(
          (l) =>
            l.entityType === documentEntityType[kind] &&
            l.entityId === payment.documentId &&
            l.system === job.system &&
            l.tenant === job.tenant,
        );
        if (!document)
          throw new ConnectorError(
            'transient',
            `the ${kind} ${payment.document.number ?? ''} is not in ${job.system} yet`,
            { system: job.system },
          );
        const own = ownLinks.find(
          (l) => l.entityId === job.entityId && l.system === job.system && l.tenant === job.tenant,
        );
        // Linked meanwhile to the same money in that book (read after this job was queued): done.
        if (own && own.lastSyncedHash === paymentHash(payment)) return;
        const account = payment.accountCode
          ? systemModule(job.system).vocabulary.paymentAccountOut(payment.accountCode, deps.lookups)
          : payment.accountCode;
        requests.push({
          index,
          unified: payment,
          request: {
            externalId: own?.externalId,
            version: own?.version,
            data: {
              ...payment,
              accountCode: account,
              document: {
                externalId: document.externalId,
                number: document.externalNumber ?? payment.document.number,
              },
            },
            idempotencyKey: job.idempotencyKey,
            // Not linked yet: the same money may be in that book already; look before paying.
            outcomeUnknown: job.outcomeUnknown || !own,
            linkedElsewhere: siblingLinks
              .filter(
                (l) =>
                  l.entityId !== job.entityId &&
                  l.system === job.system &&
                  l.tenant === job.tenant &&
                  documentOf.get(l.entityId) === payment.documentId,
              )
              .map((l) => l.externalId),
          },
        });
      } catch (error) {
        outcomes[index] =
          error instanceof UnmappedCodeError || error instanceof TypeError
            ? new ConnectorError('validation', error.message, { system: job.system })
            : error;
      }
    });
    if (requests.length === 0) return outcomes;
    const results = await connector.writeMany(
      'payment',
      requests.map((r) => r.request),
    );
    for (const [i, { index, unified }] of requests.entries()) {
      const job = jobs[index] as Job;
      const result = results[i];
      if (!result)
        outcomes[index] = new ConnectorError('transient', 'the connector returned no result', {
          system: job.system,
        });
      else if (!result.ok)
        outcomes[index] = refusedBy(
          result.error,
          job,
          `payment of ${unified.amount.toFixed(2)} ${unified.currency} on ${paymentDocumentKind(unified)} ${unified.document.number ?? ''}`.trimEnd(),
        );
      else await recordPushed(deps, job, unified, result.record);
    }
    return outcomes;
  };
}

async function recordPushed(
  deps: PaymentPushDeps,
  job: Job,
  unified: PaymentFields,
  record: RemoteRecord<'payment'>,
) {
  const held: PaymentFields = {
    ...unified,
    status: record.data.status,
    amount: record.data.amount,
    paymentDate: record.data.paymentDate || unified.paymentDate,
  };
  await deps.db.transaction(async (tx) => {
    await deps.links.linkRemote(
      { entityType: 'PAYMENT', entityId: job.entityId, system: job.system, tenant: job.tenant },
      record,
      paymentHash(held),
      tx,
    );
    await pauseHereForTests('linking', [job]);
  });
}
