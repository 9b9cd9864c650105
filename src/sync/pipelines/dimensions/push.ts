// Pushing dimensions to Xero as tracking categories: each job's dimension becomes the category the
// lookup tables name, its values the options (see trackingCategoryFor), written through the Xero
// connector, which reconciles the category with what Xero holds — nothing is sent for what already
// matches, an option linked to one of our values is found by its id (so a name changed in Xero is
// put back) — and refuses Xero's limits before any call. Then the category and each option are
// linked with the hash of what Xero holds of ours. NAV owns dimensions: nothing is written there.
//
// Documents wait for their dimensions: a document to Xero using a dimension whose push is still
// queued or running is tried again later, so its line never names an option Xero does not have yet.
import { systemModule } from '../../../systems/modules.js';
import type {
  Connector,
  DimensionDraft,
  RemoteRecord,
  SourceSystem,
  WriteResult,
} from '../../../systems/system.js';
import { ConnectorError } from '../../../systems/errors.js';
import type { Lookups } from '../../../mapping/lookups.js';
import type { Database } from '../../../store/database.js';
import type { DimensionStore } from '../../../store/dimensions.js';
import type { Job } from '../../../store/outbox.js';
import type { SyncLinks } from '../../../store/sync-links.js';
import {
  dimensionFromPayload,
  trackingCategoryFor,
  xeroDimensionHash,
  type DimensionPayload,
} from './drafts.js';
import { documentFromPayload } from '../payloads.js';
import { useMirrorDimensionValues } from './pull.js';
import { contentHash } from '../master-data/translate.js';
import { WaitingForPrerequisite } from '../../runtime/retry-policy.js';
import type { BatchJobHandler } from '../../runtime/worker.js';

export interface DimensionPushDeps {
  db: Database;
  links: SyncLinks;
  dimensions: DimensionStore;
  lookups: Lookups | null;
  connectors: Partial<Record<SourceSystem, Connector>>;
}

interface Planned {
  index: number;
  dimension: DimensionPayload;
  draft: DimensionDraft;
  optionNames: Map<string, string>;
  externalId: string | undefined;
}

export function dimensionPusher(deps: DimensionPushDeps): BatchJobHandler {
  return async (jobs) => {
    const first = jobs[0];
    if (!first) return [];
    const connector = deps.connectors[first.system];
    const tracks = systemModule(first.system).traits.dimensions === 'tracking';
    if (!tracks || !connector) {
      const error = !tracks
        ? new ConnectorError('validation', `dimensions are not written to ${first.system}`, {
            system: first.system,
          })
        : new ConnectorError('auth', `${first.system} is not connected`, { system: first.system });
      return jobs.map(() => error);
    }
    const outcomes: unknown[] = jobs.map(() => null);
    const dimensions = jobs.map((job) => {
      try {
        return dimensionFromPayload(job.payload);
      } catch (error) {
        return error as TypeError;
      }
    });
    const known = dimensions.filter((d): d is DimensionPayload => !(d instanceof Error));
    const ours = (l: { system: string; tenant: string }) =>
      l.system === first.system && l.tenant === first.tenant;
    const categoryLinks = (
      await deps.links.forEntities(
        'DIMENSION',
        known.map((d) => d.id),
      )
    ).filter(ours);
    const optionLinks = (
      await deps.links.forEntities(
        'DIMENSION_VALUE',
        known.flatMap((d) => d.values.map((v) => v.id)),
      )
    ).filter(ours);
    const optionIds = new Map(optionLinks.map((l) => [l.entityId, l.externalId]));

    const planned: Planned[] = [];
    jobs.forEach((job, index) => {
      const dimension = dimensions[index];
      try {
        if (!dimension || dimension instanceof Error) throw dimension ?? new TypeError('no payload');
        const { draft, optionNames } = trackingCategoryFor(dimension, deps.lookups, optionIds);
        const externalId = categoryLinks.find((l) => l.entityId === dimension.id)?.externalId;
        planned.push({ index, dimension, draft, optionNames, externalId });
      } catch (error) {
        outcomes[index] =
          error instanceof TypeError
            ? new ConnectorError('validation', error.message, { system: job.system })
            : error;
      }
    });
    if (planned.length === 0) return outcomes;
    const results = await connector.writeMany(
      'dimension',
      planned.map((p) => ({
        externalId: p.externalId,
        data: p.draft,
        idempotencyKey: (jobs[p.index] as Job).idempotencyKey,
        outcomeUnknown: (jobs[p.index] as Job).outcomeUnknown,
      })),
    );
    for (const [i, plan] of planned.entries()) {
      const job = jobs[plan.index] as Job;
      let result: WriteResult<'dimension'> | undefined = results[i];
      // Deleted in Xero since we linked it: written again, as if never sent.
      if (result && !result.ok && plan.externalId && result.error.details.code === 'NotFound') {
        [result] = await connector.writeMany('dimension', [
          {
            data: plan.draft,
            idempotencyKey: `${job.idempotencyKey}:again`,
            outcomeUnknown: job.outcomeUnknown,
          },
        ]);
      }
      if (!result)
        outcomes[plan.index] = new ConnectorError('transient', 'the connector returned no result', {
          system: job.system,
        });
      else if (!result.ok) outcomes[plan.index] = result.error;
      else {
        try {
          await recordPushed(deps, job, plan, result.record);
        } catch (error) {
          outcomes[plan.index] = error;
        }
      }
    }
    return outcomes;
  };
}

/** Links the category and each of our values' options with the hash of what Xero now holds. */
async function recordPushed(
  deps: DimensionPushDeps,
  job: Job,
  plan: Planned,
  record: RemoteRecord<'dimension'>,
): Promise<void> {
  const byName = new Map(record.data.values.map((o) => [o.name.toLowerCase(), o]));
  const options = plan.dimension.values.flatMap((value) => {
    const option = byName.get((plan.optionNames.get(value.code) ?? '').toLowerCase());
    return option?.externalId ? [{ value, option, externalId: option.externalId }] : [];
  });
  const key = { system: job.system, tenant: job.tenant };
  await deps.db.transaction(async (tx) => {
    await deps.links.upsert(
      {
        ...key,
        entityType: 'DIMENSION',
        entityId: plan.dimension.id,
        externalId: record.externalId,
        externalNumber: record.data.name,
        version: record.version,
        remoteUpdatedAt: record.remoteUpdatedAt,
        syncedHash: xeroDimensionHash(
          record.data,
          options.map((o) => o.externalId),
        ),
      },
      tx,
    );
    for (const { value, option, externalId } of options) {
      await deps.dimensions.releaseValueLink(tx, { ...key, externalId, keep: value.id });
      await deps.links.upsert(
        {
          ...key,
          entityType: 'DIMENSION_VALUE',
          entityId: value.id,
          externalId,
          externalNumber: option.name,
          version: null,
          remoteUpdatedAt: null,
          syncedHash: contentHash({ name: option.name, blocked: option.blocked }),
        },
        tx,
      );
    }
  });
}

/**
 * Wraps the document pusher: the lookup tables learn the mirror's dimension values first (so a
 * line with a value added in NAV translates), and a document to Xero that uses a dimension whose
 * push is still queued or running waits for it (tried again later, like a document whose customer
 * is not there yet).
 */
export function dimensionsBeforeDocuments(
  deps: { dimensions: DimensionStore; lookups: Lookups | null },
  push: BatchJobHandler,
): BatchJobHandler {
  return async (jobs) => {
    const first = jobs[0];
    if (!first) return [];
    await useMirrorDimensionValues(deps.dimensions, deps.lookups);
    if (systemModule(first.system).traits.dimensions !== 'tracking') return push(jobs);
    const underway = await deps.dimensions.pushesUnderway(first.system, first.tenant);
    if (underway.size === 0) return push(jobs);
    const outcomes: unknown[] = jobs.map(() => null);
    const ready: { index: number; job: Job }[] = [];
    jobs.forEach((job, index) => {
      const doc = documentFromPayload(job.payload);
      const waiting =
        doc instanceof Error
          ? undefined
          : doc.lines.flatMap((l) => Object.keys(l.dimensions)).find((code) => underway.has(code));
      if (waiting && !(doc instanceof Error))
        outcomes[index] = new WaitingForPrerequisite(
          `${doc.number} waits for dimension ${waiting} to reach ${job.system} as a tracking category`,
        );
      else ready.push({ index, job });
    });
    if (ready.length) {
      const pushed = await push(ready.map((r) => r.job));
      ready.forEach(
        (r, i) => (outcomes[r.index] = i < pushed.length ? pushed[i] : new Error('no outcome for this job')),
      );
    }
    return outcomes;
  };
}
