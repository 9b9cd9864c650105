// What every resolver receives: the mirror reader, fresh DataLoaders for this request, config.
import type { Config } from '../config/schema.js';
import type { Logger } from '../ops/logger.js';
import { MirrorReader } from '../store/mirror-reader.js';
import type { Database } from '../store/database.js';
import { Loaders } from './loaders.js';
import type { Job, Outbox } from '../store/outbox.js';
import type { ConflictStore } from '../store/conflicts.js';
import type { EventBus } from '../events/bus.js';
import type { ChangeService } from '../sync/pipelines/master-data/accept.js';
import type { DocumentChangeService } from '../sync/pipelines/documents/accept.js';
import type { Cursors } from '../store/cursors.js';
import type { ReconciliationReport } from '../workflows/totals-reconciliation.js';
import type { SyncedEntity } from '../sync/engine.js';
import type { PullReport } from '../sync/pipelines/master-data/pull.js';
import type { RateBudget } from '../systems/system.js';

/** What only a running engine (connected systems) can do. */
export interface EngineOperations {
  refresh(entity: 'customer' | 'vendor' | 'item', entityIds: readonly string[]): Promise<unknown>;
  resolveConflict(
    conflictId: string,
    resolution: 'KEEP_LOCAL' | 'KEEP_REMOTE',
    by: string,
  ): Promise<{ ok: true; jobs: Job[] } | { ok: false; reason: string }>;
  /** What is left of each connected system's rate limits. */
  rateBudgets(): Promise<({ system: 'XERO' | 'NAV'; tenant: string } & RateBudget)[]>;
  /** Both books read live, totals compared per customer and vendor. */
  reconcile(): Promise<ReconciliationReport>;
  /** Starts (or joins) a read of `entity` from `system`; null when the system is not connected. */
  resync(
    system: 'XERO' | 'NAV',
    entity: SyncedEntity,
    full: boolean,
  ): { started: boolean; promise: Promise<PullReport> } | null;
}

/** The sync engine's parts the API uses. */
export interface SyncServices {
  /** Null while no system is connected. */
  engine: EngineOperations | null;
  outbox: Outbox;
  conflicts: ConflictStore;
  events: EventBus;
  changes: ChangeService;
  documentChanges: DocumentChangeService;
  cursors: Cursors;
  /** Wakes the local workers after something was enqueued or replayed. */
  poke(): void;
}

export interface GraphQLContext {
  sync: SyncServices;
  reader: MirrorReader;
  loaders: Loaders;
  maxPageSize: number;
  log: Logger;
}

export function createContextFactory(
  db: Database,
  config: Pick<Config, 'MAX_PAGE_SIZE'>,
  log: Logger,
  sync: SyncServices,
) {
  const reader = new MirrorReader(db.prisma, config.MAX_PAGE_SIZE);
  return (): GraphQLContext => ({
    sync,
    reader,
    loaders: new Loaders(reader),
    maxPageSize: config.MAX_PAGE_SIZE,
    log,
  });
}
