// Pushing a master-data job to its target system: translate the unified record into the target's
// vocabulary, write it through the connector (update when linked, create otherwise), then record
// the link with the hash of what the target now holds — that hash is what echo suppression
// compares when the same record comes back on the next poll.
import type { Connector, ItemDraft, PartyDraft, SourceSystem } from '../connectors/connector.js';
import { ConnectorError } from '../connectors/errors.js';
import type { Lookups } from '../mapping/lookups.js';
import type { Database } from '../store/database.js';
import type { MasterData } from '../store/master-data.js';
import type { Job, Outbox } from '../store/outbox.js';
import type { SyncLinks } from '../store/sync-links.js';
import { UnmappedCodeError } from '../mapping/lookups.js';
import { serializeRecord, type JsonValue } from './payloads.js';
import { contentHash, itemDraftFor, itemFromDraft, partyDraftFor, partyFromDraft } from './translate.js';
import type { JobHandler } from './worker.js';

export interface PushDeps {
  db: Database;
  links: SyncLinks;
  master: MasterData;
  outbox: Outbox;
  /** Tenant/company per connected system. */
  targets: Partial<Record<SourceSystem, string>>;
  lookups: Lookups | null;
  connectors: Partial<Record<SourceSystem, Connector>>;
}

const entityOf = { CUSTOMER: 'customer', VENDOR: 'vendor', ITEM: 'item' } as const;
type MasterEntity = (typeof entityOf)[keyof typeof entityOf];

function draftFor(
  entity: MasterEntity,
  system: SourceSystem,
  payload: { [k: string]: JsonValue },
  lookups: Lookups | null,
) {
  try {
    return entity === 'item'
      ? itemDraftFor(system, payload, lookups)
      : partyDraftFor(system, payload, lookups, entity === 'customer');
  } catch (error) {
    // A code mapped when the change was accepted but removed since, or a corrected payload that
    // lost a field: the operator fixes it and replays.
    if (error instanceof UnmappedCodeError || error instanceof TypeError) {
      throw new ConnectorError('validation', error.message, { system });
    }
    throw error;
  }
}

/** What the target now holds, in unified vocabulary, hashed. */
export function syncedHash(
  entity: MasterEntity,
  system: SourceSystem,
  data: PartyDraft | ItemDraft,
  lookups: Lookups | null,
) {
  return contentHash(
    entity === 'item'
      ? itemFromDraft(system, data as ItemDraft, lookups)
      : partyFromDraft(system, data as PartyDraft, lookups),
  );
}

export function masterDataPushHandler(deps: PushDeps): JobHandler {
  return async (job: Job, context) => {
    const entity = entityOf[job.entityType as keyof typeof entityOf];
    const connector = deps.connectors[job.system];
    if (!entity)
      throw new ConnectorError('validation', `no push for ${job.entityType}`, { system: job.system });
    if (!connector)
      throw new ConnectorError('auth', `${job.system} is not connected`, { system: job.system });

    const data = draftFor(entity, job.system, job.payload as { [k: string]: JsonValue }, deps.lookups);
    const key = {
      entityType: job.entityType,
      entityId: job.entityId,
      system: job.system,
      tenant: job.tenant,
    };
    const link = await deps.links.forEntity(key);
    const [result] = await connector.writeMany(entity, [
      {
        externalId: link?.externalId,
        version: link?.version,
        data,
        idempotencyKey: job.idempotencyKey,
        outcomeUnknown: context.outcomeUnknown,
      },
    ]);
    if (!result)
      throw new ConnectorError('transient', 'the connector returned no result', { system: job.system });
    if (!result.ok) throw result.error;

    const record = result.record;
    await deps.db.transaction(async (tx) => {
      await deps.links.upsert(
        {
          ...key,
          externalId: record.externalId,
          externalNumber: record.externalNumber,
          version: record.version,
          remoteUpdatedAt: record.remoteUpdatedAt,
          syncedHash: syncedHash(entity, job.system, record.data, deps.lookups),
        },
        tx,
      );
      // NAV numbers new customers and vendors itself: the unified record takes that number.
      const assigned = entity !== 'item' && job.system === 'NAV' ? (record.data as PartyDraft).number : null;
      const numbered =
        assigned && entity !== 'item'
          ? await deps.master.adoptNumber(tx, entity, job.entityId, assigned)
          : null;
      if (numbered) {
        // Xero keeps the NAV No. in ContactNumber: send the record on with its new number.
        const others = (Object.keys(deps.targets) as SourceSystem[]).filter(
          (s) => s !== 'NAV' && deps.targets[s],
        );
        await deps.outbox.enqueue(
          tx,
          others.map((system) => ({
            entityType: job.entityType,
            entityId: job.entityId,
            system,
            tenant: deps.targets[system] as string,
            payload: serializeRecord(numbered),
            idempotencyKey: `${entity}:${job.entityId}:number:${assigned}:${system}`,
          })),
        );
      }
    });
  };
}
