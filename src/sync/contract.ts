// What the sync side offers the API (and the CLI): the services every gateway process has, and
// what only a running engine with connected systems can do. Declared here, on the sync side, so the
// API depends on sync and never the other way round.
import type { SourceSystem } from '../systems/registry.js';
import type { RateBudget } from '../systems/system.js';
import type { Job, Outbox } from '../store/outbox.js';
import type { ConflictStore } from '../store/conflicts.js';
import type { Cursors } from '../store/cursors.js';
import type { EventBus } from '../events/bus.js';
import type { ReconciliationReport } from '../workflows/totals-reconciliation.js';
import type { TrialBalance, TrialBalanceQuery } from '../workflows/trial-balance.js';
import type { ChangeService } from './pipelines/master-data/accept.js';
import type { DocumentChangeService } from './pipelines/documents/accept.js';
import type { PullReport } from './pipelines/master-data/pull.js';
import type { SyncedEntity } from './synced-entities.js';

/** What only a running engine (connected systems) can do. */
export interface EngineOperations {
  refresh(entity: 'customer' | 'vendor' | 'item', entityIds: readonly string[]): Promise<unknown>;
  resolveConflict(
    conflictId: string,
    resolution: 'KEEP_LOCAL' | 'KEEP_REMOTE',
    by: string,
  ): Promise<{ ok: true; jobs: Job[] } | { ok: false; reason: string }>;
  /** What is left of each connected system's rate limits. */
  rateBudgets(): Promise<({ system: SourceSystem; tenant: string } & RateBudget)[]>;
  /** Both books read live, totals compared per customer and vendor. */
  reconcile(): Promise<ReconciliationReport>;
  /** Starts (or joins) a read of `entity` from `system`; null when the system is not connected. */
  resync(
    system: SourceSystem,
    entity: SyncedEntity,
    full: boolean,
  ): { started: boolean; promise: Promise<PullReport> } | null;
}

/** The sync engine's parts the API uses. */
export interface SyncServices {
  /** Null while no system is connected. */
  engine: EngineOperations | null;
  /** The books' base currency, in which base amounts are shown. */
  baseCurrency: string;
  outbox: Outbox;
  conflicts: ConflictStore;
  events: EventBus;
  changes: ChangeService;
  documentChanges: DocumentChangeService;
  cursors: Cursors;
  /** Both books' trial balance side by side, from the mirror's ledger entries. */
  trialBalance(query: TrialBalanceQuery): Promise<TrialBalance>;
  /** Wakes the local workers after something was enqueued or replayed. */
  poke(): void;
}
