// The sync engine's shared parts for one gateway process: outbox, conflicts and the event bus
// (in-process, or Redis when REDIS_URL is set so events reach every replica).
import type { TextLimits } from '../systems/system.js';
import type { SyncServices } from './contract.js';
import { EventBus } from '../events/bus.js';
import { ConflictStore } from '../store/conflicts.js';
import type { Database } from '../store/database.js';
import { EventLog } from '../store/event-log.js';
import { Outbox } from '../store/outbox.js';
import { Cursors } from '../store/cursors.js';
import { MasterData } from '../store/master-data.js';
import { MutationRecords } from '../store/mutation-records.js';
import type { Lookups } from '../mapping/lookups.js';
import type { BookRules } from './policy/book-rules.js';
import { LedgerEntryStore } from '../store/ledger-entries.js';
import { trialBalance } from '../workflows/trial-balance.js';
import { ChangeService, type TargetSystem } from './pipelines/master-data/accept.js';
import { DocumentChangeService } from './pipelines/documents/accept.js';
import { DocumentStore } from '../store/documents.js';
import { PaymentStore } from '../store/payments.js';
import { SalesOrderStore } from '../store/sales-orders.js';
import { SyncLinks } from '../store/sync-links.js';

export interface RunningSyncServices extends SyncServices {
  /** Registers what poke() wakes (the local workers). */
  onPoke(listener: () => void): void;
  close(): Promise<void>;
}

export interface SyncServicesOptions {
  redisUrl?: string | undefined;
  /** The books' base currency (default GBP). */
  baseCurrency?: string;
  lookups?: Lookups | null;
  /** Tenant (Xero) or company (NAV) that changes are pushed to, per connected system. */
  targets?: Partial<Record<TargetSystem, string>>;
  /** What each system takes from us (its connector's capabilities). */
  writable?: Partial<Record<TargetSystem, readonly string[]>>;
  /** The longest text each system keeps (its connector's capabilities). */
  textLimits?: Partial<Record<TargetSystem, TextLimits>>;
  /** Each target's chart of accounts, currencies and open periods, checked before any write. */
  books?: BookRules;
}

export function createSyncServices(db: Database, options: SyncServicesOptions = {}): RunningSyncServices {
  const listeners: (() => void)[] = [];
  const events = EventBus.create(new EventLog(db.prisma), options.redisUrl);
  const outbox = new Outbox(db.prisma);
  const poke = () => listeners.forEach((l) => l());
  const conflicts = new ConflictStore(db.prisma);
  const mutations = new MutationRecords(db.prisma);
  const master = new MasterData(db.prisma);
  return {
    engine: null,
    baseCurrency: options.baseCurrency ?? 'GBP',
    outbox,
    conflicts,
    cursors: new Cursors(db.prisma),
    events,
    changes: new ChangeService({
      db,
      master,
      outbox,
      events,
      mutations,
      lookups: options.lookups ?? null,
      targets: options.targets ?? {},
      ...(options.writable ? { writable: options.writable } : {}),
      ...(options.textLimits ? { textLimits: options.textLimits } : {}),
      onEnqueued: poke,
    }),
    documentChanges: new DocumentChangeService({
      db,
      master,
      documents: new DocumentStore(db.prisma),
      payments: new PaymentStore(db.prisma),
      salesOrders: new SalesOrderStore(db.prisma),
      links: new SyncLinks(db.prisma),
      outbox,
      conflicts,
      events,
      mutations,
      lookups: options.lookups ?? null,
      books: options.books ?? null,
      targets: options.targets ?? {},
      ...(options.writable ? { writable: options.writable } : {}),
      onEnqueued: poke,
    }),
    trialBalance: (query) => trialBalance(new LedgerEntryStore(db.prisma), options.lookups ?? null, query),
    poke,
    onPoke: (listener) => void listeners.push(listener),
    close: () => events.close(),
  };
}
