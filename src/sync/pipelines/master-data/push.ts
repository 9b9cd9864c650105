// Pushing a master-data job to its target system: translate the unified record into the target's
// vocabulary, write it through the connector (update when linked, create otherwise), then record
// the link with the hash of what the target now holds — that hash is what echo suppression
// compares when the same record comes back on the next poll.
import { systemModule } from '../../../systems/modules.js';
import type {
  Connector,
  ItemDraft,
  PartyDraft,
  RemoteRecord,
  SourceSystem,
  WriteRequest,
  WriteResult,
} from '../../../systems/system.js';
import { ConnectorError } from '../../../systems/errors.js';
import type { Lookups } from '../../../mapping/lookups.js';
import type { Database } from '../../../store/database.js';
import type { MasterData } from '../../../store/master-data.js';
import type { Job, Outbox } from '../../../store/outbox.js';
import type { SyncLinks } from '../../../store/sync-links.js';
import { UnmappedCodeError } from '../../../mapping/lookups.js';
import { serializeRecord, type JsonValue } from '../payloads.js';
import { contentHash, itemDraftFor, itemFromDraft, partyDraftFor, partyFromDraft } from './translate.js';
import type { BatchJobHandler } from '../../runtime/worker.js';
import { masterEntityOf, type MasterEntity } from './entities.js';
import { pauseHereForTests } from '../../runtime/test-pause.js';

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

/**
 * Pushes jobs of ONE entity type to ONE system in a single connector call (Xero takes 50 a call),
 * returning one outcome per job: null when it succeeded, else the error to settle it with.
 */
export function masterDataPusher(deps: PushDeps): BatchJobHandler {
  return async (jobs) => {
    const first = jobs[0];
    if (!first) return [];
    const entity = masterEntityOf(first.entityType);
    const connector = deps.connectors[first.system];
    if (!entity || !connector) {
      const error = !entity
        ? new ConnectorError('validation', `no push for ${first.entityType}`, { system: first.system })
        : new ConnectorError('auth', `${first.system} is not connected`, { system: first.system });
      return jobs.map(() => error);
    }
    const outcomes: unknown[] = jobs.map(() => null);
    const requests: { index: number; request: WriteRequest }[] = [];
    const links = await deps.links.forEntities(
      first.entityType,
      jobs.map((j) => j.entityId),
    );
    jobs.forEach((job, index) => {
      try {
        const link = links.find(
          (l) => l.entityId === job.entityId && l.system === job.system && l.tenant === job.tenant,
        );
        requests.push({
          index,
          request: {
            externalId: link?.externalId,
            version: link?.version,
            data: draftFor(entity, job.system, job.payload as { [k: string]: JsonValue }, deps.lookups),
            idempotencyKey: job.idempotencyKey,
            outcomeUnknown: job.outcomeUnknown,
          },
        });
      } catch (error) {
        outcomes[index] = error;
      }
    });
    if (requests.length === 0) return outcomes;
    const results = await connector.writeMany(
      entity,
      requests.map((r) => r.request),
    );
    for (const [i, { index, request }] of requests.entries()) {
      const job = jobs[index] as Job;
      let result = results[i];
      if (result && !result.ok && !request.externalId) {
        result = (await adoptExisting(connector, entity, request, result.error)) ?? result;
      }
      if (result && !result.ok && request.externalId) {
        const link = links.find((l) => l.entityId === job.entityId && l.system === job.system);
        result =
          (await retryIfOnlyVersionMoved(deps, connector, entity, request, result.error, link)) ?? result;
      }
      if (!result)
        outcomes[index] = new ConnectorError('transient', 'the connector returned no result', {
          system: job.system,
        });
      else if (!result.ok) outcomes[index] = result.error;
      else await recordPushed(deps, entity, job, result.record);
    }
    return outcomes;
  };
}

/**
 * A create refused because the key exists (NAV: "The Customer already exists") is the same
 * record when the number matches: update it instead of leaving a conflict. The number is NAV's
 * key, so only a connector that reads by number can do this.
 */
async function adoptExisting(
  connector: Connector,
  entity: MasterEntity,
  request: WriteRequest,
  error: ConnectorError,
): Promise<WriteResult | null> {
  const number = (request.data as PartyDraft | ItemDraft).number;
  if (error.kind !== 'conflict' || !number || !systemModule(connector.system).traits.numbersMasterData)
    return null;
  const existing = (await connector.getMany(entity, [number])).get(number);
  if (!existing) return null;
  const update = {
    ...request,
    externalId: existing.externalId,
    version: existing.version,
  } as WriteRequest<MasterEntity>;
  const [retried] = await connector.writeMany(entity, [update]);
  return retried ?? null;
}

/**
 * A stale version (NAV etag, Xero UpdatedDateUTC) is a conflict only when the content moved too:
 * if what the system holds now is what we last synced there, the version moved for another reason
 * (a balance posted, our own earlier write) and the write goes ahead on the current version.
 */
async function retryIfOnlyVersionMoved(
  deps: PushDeps,
  connector: Connector,
  entity: MasterEntity,
  request: WriteRequest,
  error: ConnectorError,
  link: { lastSyncedHash: string | null } | undefined,
): Promise<WriteResult | null> {
  if (error.kind !== 'conflict' || !link?.lastSyncedHash || !request.externalId) return null;
  const current = (await connector.getMany(entity, [request.externalId])).get(request.externalId);
  if (!current || current.version === request.version) return null;
  const held = syncedHash(entity, connector.system, current.data, deps.lookups);
  if (held !== link.lastSyncedHash) return null; // they changed it too: a real conflict
  const [retried] = await connector.writeMany(entity, [
    { ...request, version: current.version } as WriteRequest<MasterEntity>,
  ]);
  return retried ?? null;
}

/** After a successful push: the link with the hash of what the target holds, and NAV's number. */
async function recordPushed(
  deps: PushDeps,
  entity: MasterEntity,
  job: Job,
  record: RemoteRecord,
): Promise<void> {
  const key = { entityType: job.entityType, entityId: job.entityId, system: job.system, tenant: job.tenant };
  await deps.db.transaction(async (tx) => {
    await deps.links.linkRemote(
      key,
      record,
      syncedHash(entity, job.system, record.data as PartyDraft | ItemDraft, deps.lookups),
      tx,
    );
    await pauseHereForTests('linking', [job]);
    // NAV numbers new customers and vendors itself: the unified record takes that number.
    const assigned =
      entity !== 'item' && systemModule(job.system).traits.numbersMasterData
        ? (record.data as PartyDraft).number
        : null;
    const numbered =
      assigned && entity !== 'item'
        ? await deps.master.adoptNumber(tx, entity, job.entityId, assigned)
        : null;
    if (!numbered) return;
    // Xero keeps the NAV No. in ContactNumber: send the record on with its new number.
    const others = (Object.keys(deps.targets) as SourceSystem[]).filter(
      (s) =>
        s !== job.system && deps.targets[s] && deps.connectors[s]?.capabilities.writable.includes(entity),
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
  });
}
