// One gateway process's sync engine: the connected systems, the outbox workers that push to them
// and the pullers that read from them.
import type { Connector, RateBudget, SourceSystem } from '../systems/system.js';
import type { Lookups } from '../mapping/lookups.js';
import type { Logger } from '../ops/logger.js';
import { Cursors } from '../store/cursors.js';
import type { Database } from '../store/database.js';
import { MasterData } from '../store/master-data.js';
import { SyncLinks } from '../store/sync-links.js';
import { MasterDataPuller, type PullEntity, type PullReport } from './pipelines/master-data/pull.js';
import { masterDataPusher } from './pipelines/master-data/push.js';
import type { RetryPolicy } from './runtime/retry-policy.js';
import type { RunningSyncServices } from './services.js';
import { SyncWorker, type BatchJobHandler } from './runtime/worker.js';
import { entityTypeOf, masterEntityOf } from './pipelines/master-data/entities.js';
import { serializeRecord } from './pipelines/payloads.js';
import { systemModule } from '../systems/modules.js';
import type { InboundSync, RefreshableEntity } from '../systems/module.js';
import type { Ownership } from './policy/ownership.js';
import type { PollOptions } from './runtime/poll.js';
import { reportMissing } from './policy/missing.js';
import type { Job } from '../store/outbox.js';
import { DocumentStore, type DocumentKind } from '../store/documents.js';
import { pullPipelineOf, pushPipelineOf, type Pipeline } from './pipelines/index.js';
import { settleSyncStatus, type SyncedTable } from '../store/sync-status.js';
import { PartyResolver } from './pipelines/documents/parties.js';
import { DocumentPuller } from './pipelines/documents/pull.js';
import { documentPusher } from './pipelines/documents/push.js';
import { PaymentPuller } from './pipelines/payments/pull.js';
import { paymentPusher } from './pipelines/payments/push.js';
import { salesOrderPusher } from './pipelines/sales-orders/push.js';
import { SalesOrderPuller } from './pipelines/sales-orders/pull.js';
import { SalesOrderStore } from '../store/sales-orders.js';
import { InventoryStore } from '../store/inventory.js';
import { PaymentStore } from '../store/payments.js';
import { reconcileTotals, type ReconciliationReport } from '../workflows/totals-reconciliation.js';
import { DimensionStore, settleDimensionStatus } from '../store/dimensions.js';
import { DimensionPuller } from './pipelines/dimensions/pull.js';
import { dimensionPusher, dimensionsBeforeDocuments } from './pipelines/dimensions/push.js';

import { syncedEntities, type SyncedEntity } from './synced-entities.js';
import { LedgerEntryStore } from '../store/ledger-entries.js';
import { LedgerPuller } from './pipelines/ledger/pull.js';

export { syncedEntities, type SyncedEntity };

const tables: Record<string, SyncedTable | undefined> = {
  CUSTOMER: 'customer',
  VENDOR: 'vendor',
  ITEM: 'item',
  INVOICE: 'invoice',
  BILL: 'bill',
  PAYMENT: 'payment',
  SALES_ORDER: 'sales_order',
};
const syncedTableOf = (entityType: string) => tables[entityType];

const entityTypes = {
  customer: 'CUSTOMER',
  vendor: 'VENDOR',
  item: 'ITEM',
  invoice: 'INVOICE',
  bill: 'BILL',
  payment: 'PAYMENT',
} as const;

export interface SyncEngineOptions {
  db: Database;
  services: RunningSyncServices;
  connectors: Partial<Record<SourceSystem, Connector>>;
  lookups: Lookups | null;
  log: Logger;
  workers?: number;
  policy?: RetryPolicy;
  /** How long a claimed job stays with its worker before another may take it over (default 60 s). */
  leaseMs?: number;
  /** Which system owns which entity or field; absent: last writer wins. */
  ownership?: Ownership | undefined;
  /** Shutdown: the workers stop claiming and hand back the pushes it cuts short. */
  signal?: AbortSignal | undefined;
}

export class SyncEngine {
  readonly workers: SyncWorker[];
  readonly puller: MasterDataPuller;
  readonly documentPuller: DocumentPuller;
  readonly salesOrderPuller: SalesOrderPuller;
  readonly paymentPuller: PaymentPuller;
  readonly dimensionPuller: DimensionPuller;
  readonly ledgerPuller: LedgerPuller;
  private readonly links: SyncLinks;
  private readonly master: MasterData;

  constructor(private readonly options: SyncEngineOptions) {
    const { db, services, connectors, lookups, log } = options;
    const links = new SyncLinks(db.prisma);
    const master = new MasterData(db.prisma);
    this.links = links;
    this.master = master;
    const targets = Object.fromEntries(
      Object.entries(connectors).map(([system, connector]) => [system, connector.tenant]),
    ) as Partial<Record<SourceSystem, string>>;
    const push = masterDataPusher({
      db,
      links,
      master,
      outbox: services.outbox,
      targets,
      lookups,
      connectors,
    });
    const dimensions = new DimensionStore(db.prisma);
    const pushDimensions = dimensionPusher({ db, links, dimensions, lookups, connectors });
    const pushDocuments = dimensionsBeforeDocuments(
      { dimensions, lookups },
      documentPusher({
        db,
        links,
        master,
        lookups,
        connectors,
        conflicts: services.conflicts,
        events: services.events,
      }),
    );
    const pushPayments = paymentPusher({
      db,
      links,
      payments: new PaymentStore(db.prisma),
      lookups,
      connectors,
    });
    const pushSalesOrders = salesOrderPusher({ db, links, connectors });
    // Keyed by job kind, so a short batch can hold to fill when its target says calls are scarce.
    const holdFor = (system: SourceSystem) => {
      const target = connectors[system];
      return target?.batchHoldMs ? { holdMs: () => target.batchHoldMs?.() ?? Promise.resolve(0) } : {};
    };
    const pushers: Record<Exclude<Pipeline, 'ledger'>, BatchJobHandler> = {
      'master-data': push,
      dimensions: pushDimensions,
      documents: pushDocuments,
      payments: pushPayments,
      'sales-orders': pushSalesOrders,
    };
    const batchHandlerOf = (job: Job) => {
      const pipeline = pushPipelineOf[job.entityType];
      return pipeline ? pushers[pipeline] : undefined;
    };
    this.workers = Array.from(
      { length: options.workers ?? 2 },
      (_, i) =>
        new SyncWorker({
          db,
          outbox: services.outbox,
          conflicts: services.conflicts,
          bus: services.events,
          log,
          handlerFor: () => undefined,
          batchFor: (job) => {
            const handler = batchHandlerOf(job);
            if (!handler) return undefined;
            return { key: `${job.system}:${job.tenant}:${job.entityType}`, handler, ...holdFor(job.system) };
          },
          batchSize: 50,
          workerId: `${process.pid}-${i}`,
          afterSettle: async (tx, job) => {
            const table = syncedTableOf(job.entityType);
            if (table) await settleSyncStatus(tx, table, job.entityId);
            if (job.entityType === 'DIMENSION') await settleDimensionStatus(tx, job.entityId);
          },
          ...(options.policy ? { policy: options.policy } : {}),
          ...(options.leaseMs ? { leaseMs: options.leaseMs } : {}),
          signal: options.signal,
        }),
    );
    services.onPoke(() => this.workers.forEach((w) => w.poke()));
    this.puller = new MasterDataPuller({
      db,
      links,
      master,
      outbox: services.outbox,
      cursors: new Cursors(db.prisma),
      events: services.events,
      lookups,
      connectors,
      targets,
      ...(options.ownership ? { ownership: options.ownership } : {}),
      inventory: new InventoryStore(db.prisma),
      conflicts: services.conflicts,
      onEnqueued: () => services.poke(),
    });
    this.dimensionPuller = new DimensionPuller({
      db,
      links,
      dimensions,
      outbox: services.outbox,
      cursors: new Cursors(db.prisma),
      events: services.events,
      lookups,
      connectors,
      targets,
      onEnqueued: () => services.poke(),
    });
    this.ledgerPuller = new LedgerPuller({
      ledger: new LedgerEntryStore(db.prisma),
      cursors: new Cursors(db.prisma),
      lookups,
      connectors,
      targets,
    });
    const documents = new DocumentStore(db.prisma);
    const parties = new PartyResolver({ links, master, outbox: services.outbox, puller: this.puller });
    this.salesOrderPuller = new SalesOrderPuller({
      db,
      links,
      orders: new SalesOrderStore(db.prisma),
      parties,
      cursors: new Cursors(db.prisma),
      events: services.events,
      connectors,
      targets,
      refreshStock: async (system, numbers) => {
        const ids = [...(await master.itemIds(numbers)).values()];
        const there = (await links.forEntities('ITEM', ids)).filter((l) => l.system === system);
        if (there.length)
          await this.puller.refresh(
            system,
            'item',
            there.map((l) => l.externalId),
          );
      },
    });
    this.documentPuller = new DocumentPuller({
      db,
      links,
      documents,
      parties,
      masterPuller: this.puller,
      outbox: services.outbox,
      conflicts: services.conflicts,
      cursors: new Cursors(db.prisma),
      events: services.events,
      lookups,
      connectors,
      targets,
      onEnqueued: () => services.poke(),
    });
    this.paymentPuller = new PaymentPuller({
      db,
      links,
      payments: new PaymentStore(db.prisma),
      documents,
      documentPuller: this.documentPuller,
      outbox: services.outbox,
      conflicts: services.conflicts,
      cursors: new Cursors(db.prisma),
      events: services.events,
      lookups,
      connectors,
      targets,
      onEnqueued: () => services.poke(),
    });
  }

  /**
   * Re-reads records live from every system they are linked to — one call per system however
   * many records — and applies what changed to the mirror.
   */
  async refresh(
    entity: PullEntity,
    entityIds: readonly string[],
    only?: SourceSystem,
  ): Promise<PullReport[]> {
    const links = await this.links.forEntities(entityTypeOf[entity], entityIds);
    const bySystem = new Map<SourceSystem, string[]>();
    for (const link of links) {
      if (only && link.system !== only) continue;
      if (!this.options.connectors[link.system]) continue;
      bySystem.set(link.system, [...(bySystem.get(link.system) ?? []), link.externalId]);
    }
    return Promise.all([...bySystem].map(([system, ids]) => this.puller.refresh(system, entity, ids)));
  }

  /**
   * Settles an open conflict. KEEP_REMOTE takes the system's version into the mirror (and on to
   * the other systems); KEEP_LOCAL pushes the mirror's version again over the system's current one.
   */
  async resolveConflict(conflictId: string, resolution: 'KEEP_LOCAL' | 'KEEP_REMOTE', by: string) {
    const { db, services } = this.options;
    const conflict = await services.conflicts.find(conflictId);
    if (!conflict || conflict.status !== 'OPEN')
      return { ok: false as const, reason: 'not an open conflict' };
    const entity = masterEntityOf(conflict.entityType);
    if (!entity)
      return {
        ok: false as const,
        reason: `conflicts on ${conflict.entityType} are resolved in the source system`,
      };
    if (resolution === 'KEEP_REMOTE') await this.refresh(entity, [conflict.entityId], conflict.system);
    // KEEP_LOCAL overwrites what the system holds now: read its current version first (outside
    // the transaction: no upstream call ever holds a database transaction open).
    const key = {
      entityType: conflict.entityType,
      entityId: conflict.entityId,
      system: conflict.system,
      tenant: conflict.tenant,
    };
    const link = resolution === 'KEEP_LOCAL' ? await this.links.forEntity(key) : null;
    const current = link
      ? (await this.options.connectors[conflict.system]?.getMany(entity, [link.externalId]))?.get(
          link.externalId,
        )
      : undefined;
    const record = resolution === 'KEEP_LOCAL' ? await this.master.byId(entity, conflict.entityId) : null;
    const jobs = await db.transaction(async (tx) => {
      if (!(await services.conflicts.resolve(tx, conflictId, resolution, by))) return null;
      if (resolution === 'KEEP_REMOTE' || !record) {
        await this.master.settleSyncStatus(tx, entity, conflict.entityId);
        return [];
      }
      if (link && current) await this.links.setVersion(tx, link.id, current.version);
      const queued = await services.outbox.enqueue(tx, [
        {
          ...key,
          payload: serializeRecord(record),
          idempotencyKey: `${entity}:${conflict.entityId}:resolve:${conflictId}`,
        },
      ]);
      await this.master.setSyncStatus(tx, entity, conflict.entityId, 'PENDING');
      return queued;
    });
    if (jobs === null) return { ok: false as const, reason: 'not an open conflict' };
    services.poke();
    return { ok: true as const, jobs };
  }

  /** What a system's change feed (webhooks) calls to apply what it was told changed. */
  readonly inbound: InboundSync = {
    refresh: (system, entity: RefreshableEntity, externalIds) =>
      entity === 'invoice' || entity === 'bill'
        ? this.documentPuller.refresh(system, entity, externalIds)
        : this.puller.refresh(system, entity, externalIds),
    pull: (system, entity) =>
      (syncedEntities as readonly string[]).includes(entity)
        ? this.pull(system, entity as SyncedEntity)
        : null,
    prepare: () => this.dimensionPuller.refreshLookups(),
    drain: () => this.drain(),
  };

  /** Reads what changed in `entity` at `system` and queues it for the others (`full`: everything). */
  async pull(system: SourceSystem, entity: SyncedEntity, options: PollOptions = {}): Promise<PullReport> {
    if (entity === 'dimension') return this.dimensionPuller.pull(system, options);
    if (entity === 'ledgerEntry') {
      // Read-only: each book's entries are its own, nothing is queued for another system.
      const ledger = await this.ledgerPuller.pull(system, options);
      return {
        read: ledger.read,
        applied: ledger.stored,
        unchanged: ledger.read - ledger.stored,
        linked: [],
        rejected: [],
      };
    }
    // Contacts in one list (Xero's) are never deleted, only archived (which reads show), and its
    // customer and supplier lists leave out contacts without transactions: no deletions to find there.
    const contacts =
      systemModule(system).traits.partiesShareOneList && (entity === 'customer' || entity === 'vendor');
    if (!options.full || contacts) return this.read(system, entity, options);
    // A full read also finds what was deleted upstream: linked here, not seen there.
    const seen = new Set<string>();
    const report = await this.read(system, entity, { ...options, seen });
    const tenant = this.options.connectors[system]?.tenant;
    if (tenant)
      report.missing = await reportMissing(
        {
          db: this.options.db,
          links: this.links,
          conflicts: this.options.services.conflicts,
          events: this.options.services.events,
        },
        { entityType: entityTypes[entity], system, tenant },
        seen,
      );
    return report;
  }

  private async read(
    system: SourceSystem,
    entity: Exclude<SyncedEntity, 'dimension' | 'ledgerEntry'>,
    options: PollOptions,
  ): Promise<PullReport> {
    const pipeline = pullPipelineOf[entity];
    // Document lines (payments read theirs too) may use values NAV added after the tables were written.
    if (pipeline === 'documents' || pipeline === 'payments') await this.dimensionPuller.refreshLookups();
    if (pipeline === 'documents') {
      const report = await this.documentPuller.pull(system, entity as DocumentKind, options);
      // Sales orders follow their invoices: a posting both changes the order and creates the
      // invoice, and an order gone from NAV is told apart (posted or deleted) by its invoices.
      return entity === 'invoice'
        ? mergeReports(report, await this.pullSalesOrders(system, options))
        : report;
    }
    if (pipeline === 'payments') return this.paymentPuller.pull(system, options);
    return this.puller.pull(system, entity as PullEntity, options);
  }

  /** Reads the sales orders `system` keeps (none: an empty report). */
  pullSalesOrders(system: SourceSystem, options: PollOptions = {}): Promise<PullReport> {
    const { seen: _seen, ...rest } = options;
    return this.salesOrderPuller.pull(system, rest);
  }

  private readonly runs = new Map<string, Promise<PullReport>>();

  /**
   * Starts a read of `entity` from `system` unless the same one is running (then joins it), and
   * wakes the workers once it has queued what changed.
   */
  resync(
    system: SourceSystem,
    entity: SyncedEntity,
    full: boolean,
  ): { started: boolean; promise: Promise<PullReport> } | null {
    if (!this.options.connectors[system]) return null;
    const key = `${system}:${entity}:${full}`;
    const running = this.runs.get(key);
    if (running) return { started: false, promise: running };
    const promise = this.pull(system, entity, { full }).finally(() => {
      this.runs.delete(key);
      this.options.services.poke();
    });
    this.runs.set(key, promise);
    return { started: true, promise };
  }

  /** What is left of each connected system's rate limits (from the connectors' own pacing). */
  async rateBudgets(): Promise<({ system: SourceSystem; tenant: string } & RateBudget)[]> {
    const budgets = [];
    for (const connector of Object.values(this.options.connectors)) {
      if (!connector?.rateBudget) continue;
      budgets.push({ system: connector.system, tenant: connector.tenant, ...(await connector.rateBudget()) });
    }
    return budgets;
  }

  /** Reads both books in full and compares each customer's and vendor's totals to the cent. */
  reconcile(): Promise<ReconciliationReport> {
    return reconcileTotals({ master: this.master, links: this.links }, this.options.connectors);
  }

  /** Runs every due job now, in this process (tests and one-shot syncs). */
  async drain(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.drain()));
  }

  start(): void {
    this.workers.forEach((w) => w.start());
    // The lookup tables learn the values synced so far (mutations translate document lines too).
    this.dimensionPuller
      .refreshLookups()
      .catch((error: unknown) =>
        this.options.log.warn({ err: error }, 'reading the dimension values failed'),
      );
  }

  async stop(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.stop()));
  }

  /** Ids of the jobs the workers are pushing now (what a shutdown waits for). */
  inFlightJobs(): string[] {
    return this.workers.flatMap((w) => w.inFlight);
  }
}

function mergeReports(a: PullReport, b: PullReport): PullReport {
  return {
    ...a,
    read: a.read + b.read,
    applied: a.applied + b.applied,
    unchanged: a.unchanged + b.unchanged,
    linked: [...a.linked, ...b.linked],
    rejected: [...a.rejected, ...b.rejected],
  };
}
