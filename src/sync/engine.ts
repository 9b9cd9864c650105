// One gateway process's sync engine: the connected systems, the outbox workers that push to them
// and the pullers that read from them.
import type { Connector, SourceSystem } from '../connectors/connector.js';
import type { Lookups } from '../mapping/lookups.js';
import type { Logger } from '../ops/logger.js';
import { Cursors } from '../store/cursors.js';
import type { Database } from '../store/database.js';
import { MasterData } from '../store/master-data.js';
import { SyncLinks } from '../store/sync-links.js';
import { MasterDataPuller, type PullEntity, type PullReport } from './pull.js';
import { masterDataPusher } from './push.js';
import type { RetryPolicy } from './retry-policy.js';
import type { RunningSyncServices } from './services.js';
import { SyncWorker } from './worker.js';

const masterEntities: Record<string, 'customer' | 'vendor' | 'item' | undefined> = {
  CUSTOMER: 'customer',
  VENDOR: 'vendor',
  ITEM: 'item',
};

export interface SyncEngineOptions {
  db: Database;
  services: RunningSyncServices;
  connectors: Partial<Record<SourceSystem, Connector>>;
  lookups: Lookups | null;
  log: Logger;
  workers?: number;
  policy?: RetryPolicy;
}

export class SyncEngine {
  readonly workers: SyncWorker[];
  readonly puller: MasterDataPuller;

  constructor(private readonly options: SyncEngineOptions) {
    const { db, services, connectors, lookups, log } = options;
    const links = new SyncLinks(db.prisma);
    const master = new MasterData(db.prisma);
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
          batchFor: (job) =>
            masterEntities[job.entityType]
              ? { key: `${job.system}:${job.tenant}:${job.entityType}`, handler: push }
              : undefined,
          batchSize: 50,
          workerId: `${process.pid}-${i}`,
          afterSettle: async (tx, job) => {
            const entity = masterEntities[job.entityType];
            if (entity) await master.settleSyncStatus(tx, entity, job.entityId);
          },
          ...(options.policy ? { policy: options.policy } : {}),
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
      onEnqueued: () => services.poke(),
    });
  }

  /** Reads `entity` from `system`, then pushes what it queued (tests, `ledgerbridge sync`). */
  async pull(system: SourceSystem, entity: PullEntity): Promise<PullReport> {
    return this.puller.pull(system, entity);
  }

  /** Runs every due job now, in this process (tests and one-shot syncs). */
  async drain(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.drain()));
  }

  start(): void {
    this.workers.forEach((w) => w.start());
  }

  async stop(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.stop()));
  }
}
