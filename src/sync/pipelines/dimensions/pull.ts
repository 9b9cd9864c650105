// Dimensions are NAV's: read from NAV, kept in the mirror and sent to Xero as tracking categories;
// never taken from Xero. Reading NAV compares each dimension with the hash of what NAV last held
// (echo suppression: nothing changed, nothing queued), writes the mirror with its links and queues
// the push to Xero in one transaction — only for dimensions the lookup tables map to a tracking
// category; the rest stay in the mirror and are reported as skipped. Reading Xero only checks that
// Xero still holds what we wrote: a category or option changed or deleted there is overruled (NAV
// owns dimensions) by queueing the mirror's version again.
import { systemModules } from '../../../systems/modules.js';
import type { Connector, DimensionDraft, RemoteRecord, SourceSystem } from '../../../systems/system.js';
import type { EventBus } from '../../../events/bus.js';
import type { LedgerEvent } from '../../../events/types.js';
import type { Lookups } from '../../../mapping/lookups.js';
import type { Cursors } from '../../../store/cursors.js';
import type { Database } from '../../../store/database.js';
import type { DimensionStore, StoredDimension } from '../../../store/dimensions.js';
import { setSyncStatus } from '../../../store/sync-status.js';
import type { Outbox } from '../../../store/outbox.js';
import type { SyncLinks } from '../../../store/sync-links.js';
import { dimensionFields, dimensionPayload, navDimensionHash, xeroDimensionHash } from './drafts.js';
import { jobUpdatedEvent } from '../../runtime/job-events.js';
import { pollChanges, type PollOptions } from '../../runtime/poll.js';
import type { PullReport } from '../master-data/pull.js';
import { contentHash } from '../master-data/translate.js';

export interface DimensionPullDeps {
  db: Database;
  links: SyncLinks;
  dimensions: DimensionStore;
  outbox: Outbox;
  cursors: Cursors;
  events: EventBus;
  lookups: Lookups | null;
  connectors: Partial<Record<SourceSystem, Connector>>;
  targets: Partial<Record<SourceSystem, string>>;
  onEnqueued: () => void;
}

export interface DimensionPullReport extends PullReport {
  /** Not sent on: NAV dimensions the lookup tables do not map, Xero categories that are not ours. */
  skipped: { externalId: string; reason: string }[];
}

/** The owner of dimensions: the system whose module says it keeps them (NAV). */
const OWNER: SourceSystem = dimensionOwner();

function dimensionOwner(): SourceSystem {
  const owner = systemModules().find((s) => s.traits.dimensions === 'owner');
  if (!owner) throw new Error('no registered system owns dimensions');
  return owner.id;
}

/**
 * Lets the lookup tables translate the values they do not list (a value added in NAV after the
 * tables were written) under the option names those values are synced to Xero with.
 */
export async function useMirrorDimensionValues(
  dimensions: DimensionStore,
  lookups: Lookups | null,
): Promise<void> {
  if (lookups) lookups.useSyncedDimensionValues(await dimensions.allValues());
}

export class DimensionPuller {
  constructor(private readonly deps: DimensionPullDeps) {}

  /** Lets the lookup tables know the values the mirror holds (see useMirrorDimensionValues). */
  refreshLookups(): Promise<void> {
    return useMirrorDimensionValues(this.deps.dimensions, this.deps.lookups);
  }

  /** NAV: reads its dimensions and sends on what changed. Xero: overrules changes made there. */
  async pull(system: SourceSystem, options: PollOptions = {}): Promise<DimensionPullReport> {
    const connector = this.deps.connectors[system];
    const tenant = this.deps.targets[system];
    if (!connector || !tenant) throw new Error(`${system} is not connected`);
    const report: DimensionPullReport = {
      read: 0,
      applied: 0,
      unchanged: 0,
      linked: [],
      rejected: [],
      skipped: [],
    };
    const seen = new Set<string>();
    const apply =
      system === OWNER
        ? (record: RemoteRecord<'dimension'>) => this.applyFromOwner(tenant, record, report)
        : (record: RemoteRecord<'dimension'>) => {
            seen.add(record.externalId.toLowerCase());
            return this.checkTarget(system, tenant, record, report);
          };
    await pollChanges(
      connector,
      this.deps.cursors,
      { system, tenant, entityType: 'DIMENSION' },
      'dimension',
      apply,
      options,
    );
    // Xero lists every category at once (archived ones too): one of ours not listed was deleted there.
    if (system !== OWNER)
      for (const link of await this.deps.dimensions.links(system, tenant)) {
        if (seen.has(link.externalId.toLowerCase())) continue;
        const dimension = await this.deps.dimensions.byId(link.entityId);
        if (!dimension || !this.deps.lookups?.mappedDimension(dimension.code)) continue;
        (report.overruled ??= []).push({ externalId: link.externalId, fields: ['deleted'], owner: OWNER });
        await this.restore(system, tenant, dimension, `deleted:${link.externalId}`);
      }
    if (report.applied > 0) await this.refreshLookups();
    return report;
  }

  /** The connected system that keeps dimensions as tracking categories (Xero), when it takes them. */
  private trackingTarget(): { system: SourceSystem; tenant: string } | null {
    for (const module of systemModules()) {
      if (module.traits.dimensions !== 'tracking') continue;
      const tenant = this.deps.targets[module.id];
      if (tenant && this.deps.connectors[module.id]?.capabilities.writable.includes('dimension'))
        return { system: module.id, tenant };
    }
    return null;
  }

  private async applyFromOwner(
    tenant: string,
    remote: RemoteRecord<'dimension'>,
    report: DimensionPullReport,
  ): Promise<void> {
    report.read += 1;
    const { db, links, dimensions, outbox, events, lookups } = this.deps;
    const fields = dimensionFields(remote.data);
    const hash = navDimensionHash(fields, lookups);
    const link = await links.byExternalId({
      entityType: 'DIMENSION',
      system: OWNER,
      tenant,
      externalId: remote.externalId,
    });
    const mapped = !!lookups?.mappedDimension(fields.code);
    if (!mapped)
      report.skipped.push({
        externalId: remote.externalId,
        reason: `dimension ${fields.code} has no Xero tracking category in the lookup tables`,
      });
    if (link && link.lastSyncedHash === hash) {
      report.unchanged += 1;
      return;
    }
    const target = mapped ? this.trackingTarget() : null;
    const { jobs, published } = await db.transaction(async (tx) => {
      const { dimension, created } = await dimensions.save(tx, fields, target ? 'PENDING' : 'SYNCED');
      await links.upsert(
        {
          entityType: 'DIMENSION',
          entityId: dimension.id,
          system: OWNER,
          tenant,
          externalId: remote.externalId,
          externalNumber: remote.externalNumber,
          version: remote.version,
          remoteUpdatedAt: remote.remoteUpdatedAt,
          syncedHash: hash,
        },
        tx,
      );
      for (const value of remote.data.values) {
        const row = dimension.values.find((v) => v.code === value.code);
        if (!row || !value.externalId) continue;
        await dimensions.releaseValueLink(tx, {
          system: OWNER,
          tenant,
          externalId: value.externalId,
          keep: row.id,
        });
        await links.upsert(
          {
            entityType: 'DIMENSION_VALUE',
            entityId: row.id,
            system: OWNER,
            tenant,
            externalId: value.externalId,
            externalNumber: value.code,
            version: null,
            remoteUpdatedAt: null,
            syncedHash: contentHash({ code: value.code, name: value.name, blocked: value.blocked }),
          },
          tx,
        );
      }
      const jobs = target
        ? await outbox.enqueue(tx, [
            {
              entityType: 'DIMENSION',
              entityId: dimension.id,
              system: target.system,
              tenant: target.tenant,
              payload: dimensionPayload(dimension),
              idempotencyKey: `dimension:${dimension.id}:${hash.slice(0, 16)}:${target.system}`,
            },
          ])
        : [];
      const changed: LedgerEvent[] = [
        {
          type: 'ENTITY_CHANGED',
          entityType: 'DIMENSION',
          entityId: dimension.id,
          change: created ? 'CREATED' : 'UPDATED',
          source: OWNER,
        },
        ...jobs.map(jobUpdatedEvent),
      ];
      return { jobs, published: await events.record(changed, tx) };
    });
    report.applied += 1;
    events.announce(published);
    if (jobs.length) this.deps.onEnqueued();
  }

  /**
   * A tracking category as Xero holds it now. Ours and unchanged since we wrote it: nothing to do.
   * Ours and changed there (renamed, archived, an option renamed or removed): NAV's version is
   * queued again, which puts it back. Not ours (never written by us): left alone.
   */
  private async checkTarget(
    system: SourceSystem,
    tenant: string,
    remote: RemoteRecord<'dimension'>,
    report: DimensionPullReport,
  ): Promise<void> {
    report.read += 1;
    const { links, dimensions } = this.deps;
    const link = await links.byExternalId({
      entityType: 'DIMENSION',
      system,
      tenant,
      externalId: remote.externalId,
    });
    const dimension = link ? await dimensions.byId(link.entityId) : null;
    // Not ours, or no longer sent (the tables dropped it): left as Xero has it.
    if (!link || !dimension || !this.deps.lookups?.mappedDimension(dimension.code)) {
      report.skipped.push({
        externalId: remote.externalId,
        reason: `tracking category "${remote.data.name}" is not a NAV dimension we sync (NAV owns dimensions)`,
      });
      return;
    }
    const valueLinks = (
      await links.forEntities(
        'DIMENSION_VALUE',
        dimension.values.map((v) => v.id),
      )
    ).filter((l) => l.system === system && l.tenant === tenant);
    const hash = xeroDimensionHash(
      remote.data,
      valueLinks.map((l) => l.externalId),
    );
    if (hash === link.lastSyncedHash) {
      report.unchanged += 1;
      return;
    }
    (report.overruled ??= []).push({
      externalId: remote.externalId,
      fields: changedFields(remote.data, dimension, valueLinks, this.deps.lookups),
      owner: OWNER,
    });
    await this.restore(system, tenant, dimension, hash.slice(0, 16));
  }

  /** Queues the mirror's version of a dimension for `system` again, unless a push is on its way. */
  private async restore(
    system: SourceSystem,
    tenant: string,
    dimension: StoredDimension,
    reason: string,
  ): Promise<void> {
    const { db, dimensions, outbox, events } = this.deps;
    // A push already on its way reconciles the whole category anyway.
    if (await dimensions.hasPushUnderway(dimension.id, system, tenant)) return;
    const published = await db.transaction(async (tx) => {
      const jobs = await outbox.enqueue(tx, [
        {
          entityType: 'DIMENSION',
          entityId: dimension.id,
          system,
          tenant,
          payload: dimensionPayload(dimension),
          idempotencyKey: `dimension:${dimension.id}:restore:${reason}:${system}`,
        },
      ]);
      await setSyncStatus(tx, 'dimension', dimension.id, 'PENDING');
      return events.record(jobs.map(jobUpdatedEvent), tx);
    });
    events.announce(published);
    this.deps.onEnqueued();
  }
}

/** What differs in Xero, for the report: "name", "blocked", or "values.<NAV value code>". */
function changedFields(
  data: DimensionDraft,
  dimension: StoredDimension,
  valueLinks: { entityId: string; externalId: string; lastSyncedHash: string | null }[],
  lookups: Lookups | null,
): string[] {
  const fields: string[] = [];
  if (data.name !== lookups?.mappedDimension(dimension.code)?.xero) fields.push('name');
  if (data.blocked !== dimension.blocked) fields.push('blocked');
  for (const link of valueLinks) {
    const option = data.values.find((v) => v.externalId?.toLowerCase() === link.externalId.toLowerCase());
    const now = option ? contentHash({ name: option.name, blocked: option.blocked }) : null;
    const code = dimension.values.find((v) => v.id === link.entityId)?.code ?? link.externalId;
    if (now !== link.lastSyncedHash) fields.push(`values.${code}`);
  }
  return fields;
}
