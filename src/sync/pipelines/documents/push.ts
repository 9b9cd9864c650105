// Pushing documents (invoices, bills) to their target system: refer to the customer or vendor by
// its key there, translate codes, write (update when linked, create otherwise — after an unknown
// outcome the connector looks the document up by its number first), post it where the target
// books only posted documents (NAV), then link it with the hash of what the target now holds.
// A target that computed different totals is a conflict: the books must agree to the cent.
import type {
  Connector,
  DocumentDraft,
  Withheld,
  RemoteRecord,
  RemoteRef,
  SourceSystem,
  WriteRequest,
} from '../../../systems/system.js';
import { ConnectorError } from '../../../systems/errors.js';
import { UnmappedCodeError, type Lookups } from '../../../mapping/lookups.js';
import type { EventBus } from '../../../events/bus.js';
import type { ConflictStore } from '../../../store/conflicts.js';
import type { Database } from '../../../store/database.js';
import type { DocumentFields, DocumentKind } from '../../../store/documents.js';
import type { MasterData } from '../../../store/master-data.js';
import type { Job } from '../../../store/outbox.js';
import type { SyncLinks } from '../../../store/sync-links.js';
import { systemModule } from '../../../systems/modules.js';
import { documentForSystem, documentFromSystem, documentHash, type ItemAccounts } from './translate.js';
import { partyOf } from './parties.js';
import { entityTypeOf } from '../master-data/entities.js';
import { documentFromPayload } from '../payloads.js';
import { pauseHereForTests } from '../../runtime/test-pause.js';
import { recordWithheld } from './withheld.js';
import { refusedBy } from '../refusal.js';
import type { BatchJobHandler } from '../../runtime/worker.js';

export interface DocumentPushDeps {
  db: Database;
  links: SyncLinks;
  master: MasterData;
  lookups: Lookups | null;
  connectors: Partial<Record<SourceSystem, Connector>>;
  conflicts: ConflictStore;
  events: EventBus;
}

/** A connector that books documents in two steps (NAV: create, then post). */
interface Posting {
  post(entity: 'invoice' | 'bill', externalId: string): Promise<RemoteRecord<'invoice'>>;
}
const canPost = (c: Connector): c is Connector & Posting =>
  typeof (c as Partial<Posting>).post === 'function';

const kindOf: Record<string, DocumentKind | undefined> = { INVOICE: 'invoice', BILL: 'bill' };

export function documentKindOf(entityType: string): DocumentKind | undefined {
  return kindOf[entityType];
}

async function itemAccounts(master: MasterData, docs: DocumentFields[]): Promise<ItemAccounts> {
  const numbers = [
    ...new Set(docs.flatMap((d) => d.lines.flatMap((l) => (l.item?.number ? [l.item.number] : [])))),
  ];
  if (numbers.length === 0) return new Map();
  const rows = await master.itemPostingAccounts(numbers);
  return new Map(rows.map((r) => [r.number, { sales: r.salesAccountCode, purchase: r.purchaseAccountCode }]));
}

export function documentPusher(deps: DocumentPushDeps): BatchJobHandler {
  return async (jobs) => {
    const first = jobs[0];
    if (!first) return [];
    const kind = documentKindOf(first.entityType);
    const connector = deps.connectors[first.system];
    if (!kind || !connector) {
      const error = !kind
        ? new ConnectorError('validation', `no push for ${first.entityType}`, { system: first.system })
        : new ConnectorError('auth', `${first.system} is not connected`, { system: first.system });
      return jobs.map(() => error);
    }
    const outcomes: unknown[] = jobs.map(() => null);
    const docs = jobs.map((job) => documentFromPayload(job.payload));
    const accounts = await itemAccounts(
      deps.master,
      docs.filter((d): d is DocumentFields => !(d instanceof Error)),
    );
    const partyLinks = await deps.links.forEntities(
      entityTypeOf[partyOf[kind]],
      docs.flatMap((d) => (d instanceof Error ? [] : [d.partyId])),
    );
    const ownLinks = await deps.links.forEntities(
      first.entityType,
      jobs.map((j) => j.entityId),
    );
    const requests: { index: number; request: WriteRequest<'invoice'>; unified: DocumentFields }[] = [];
    jobs.forEach((job, index) => {
      const doc = docs[index];
      try {
        if (!doc || doc instanceof Error) throw doc ?? new TypeError('no payload');
        const link = ownLinks.find(
          (l) => l.entityId === job.entityId && l.system === job.system && l.tenant === job.tenant,
        );
        // Linked meanwhile (read from that book after this job was queued) with the same content:
        // the other book holds it already. Writing again would only trip over its payments.
        if (link && link.lastSyncedHash === documentHash(doc, doc.party.number ?? null)) return;
        const party = partyRef(job, doc, partyLinks);
        const data = documentForSystem(job.system, kind, doc, party, deps.lookups, accounts);
        requests.push({
          index,
          unified: doc,
          request: {
            externalId: link?.externalId,
            version: link?.version,
            data,
            idempotencyKey: job.idempotencyKey,
            // Not linked yet: the other book may hold it already (both were kept by hand before
            // ledgerbridge, or a crash hid our earlier write): look it up by number before creating.
            outcomeUnknown: job.outcomeUnknown || !link,
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
      kind,
      requests.map((r) => r.request),
    );
    for (const [i, { index, request, unified }] of requests.entries()) {
      const job = jobs[index] as Job;
      const result = results[i];
      if (!result) {
        outcomes[index] = new ConnectorError('transient', 'the connector returned no result', {
          system: job.system,
        });
        continue;
      }
      const what = `${kind} ${unified.number}`;
      if (!result.ok) {
        outcomes[index] = refusedBy(result.error, job, what);
        continue;
      }
      try {
        let record = result.record as RemoteRecord<'invoice'>;
        // NAV books a document once it is posted; a retry finds it posted already.
        if (canPost(connector) && !isPosted(record.data.status) && isPosted(request.data.status))
          record = await connector.post(kind, record.externalId);
        outcomes[index] = await recordPushed(deps, kind, job, unified, record, result.withheld);
      } catch (error) {
        // NAV took the document but refused to post it (a blocked account, a closed period).
        outcomes[index] = refusedBy(error, job, what);
      }
    }
    return outcomes;
  };
}

const isPosted = (status: DocumentDraft['status']) =>
  status === 'POSTED' || status === 'PAID' || status === 'AUTHORISED';

/** The party by its key in the target: by number where it refers to parties so (NAV), else by its id. */
function partyRef(
  job: Job,
  doc: DocumentFields,
  partyLinks: { entityId: string; system: string; tenant: string; externalId: string }[],
): RemoteRef {
  const link = partyLinks.find(
    (l) => l.entityId === doc.partyId && l.system === job.system && l.tenant === job.tenant,
  );
  if (systemModule(job.system).traits.refersToPartiesByNumber)
    return { number: doc.party.number, externalId: link?.externalId };
  if (!link)
    throw new ConnectorError(
      'transient',
      `the ${job.entityType === 'BILL' ? 'vendor' : 'customer'} of ${doc.number} is not in ${job.system} yet`,
      {
        system: job.system,
      },
    );
  return { externalId: link.externalId, number: doc.party.number };
}

/**
 * Links the document with the hash of what the target holds. Returns null, or a conflict when
 * the target's totals differ from ours (the document exists there: it is linked all the same).
 */
async function recordPushed(
  deps: DocumentPushDeps,
  kind: DocumentKind,
  job: Job,
  unified: DocumentFields,
  record: RemoteRecord<'invoice'>,
  withheld?: Withheld,
): Promise<ConnectorError | null> {
  let held: DocumentDraft | null = null;
  try {
    held = documentFromSystem(job.system, kind, record.data, deps.lookups);
  } catch (error) {
    if (!(error instanceof UnmappedCodeError)) throw error;
  }
  const published = await deps.db.transaction(async (tx) => {
    await deps.links.linkRemote(
      { entityType: job.entityType, entityId: job.entityId, system: job.system, tenant: job.tenant },
      record,
      // What it holds cannot be read back (a code without a mapping): the next read re-checks it.
      held ? documentHash({ ...held, party: unified.party }, unified.party.number ?? null) : '',
      tx,
    );
    await pauseHereForTests('linking', [job]);
    // What the target's state did not let us write: one conflict, and the job still succeeds (the
    // document is there and linked), so the payments waiting on it go.
    return withheld ? recordWithheld(deps, tx, job, unified, record, withheld) : [];
  });
  deps.events.announce(published);
  if (withheld || !held) return null;
  const target = held;
  const differs = (['subTotal', 'totalTax', 'total'] as const).filter((f) => !target[f].eq(unified[f]));
  if (differs.length === 0) return null;
  return new ConnectorError(
    'conflict',
    `${job.system} computed ${differs.map((f) => `${f} ${target[f].toFixed(2)}`).join(', ')} for ${unified.number}; the source has ${differs.map((f) => unified[f].toFixed(2)).join(', ')}`,
    {
      system: job.system,
      differences: differs.map((f) => ({
        field: f,
        local: unified[f].toFixed(),
        remote: target[f].toFixed(),
      })),
      fieldErrors: differs.map((f) => ({
        field: f,
        message: `${target[f].toFixed(2)} ≠ ${unified[f].toFixed(2)}`,
      })),
      upstream: {
        externalId: record.externalId,
        subTotal: target.subTotal.toFixed(),
        totalTax: target.totalTax.toFixed(),
        total: target.total.toFixed(),
      },
    },
  );
}
