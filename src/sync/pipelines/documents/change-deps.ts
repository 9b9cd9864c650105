// What accepting a document, sales order or payment needs and produces: the stores it writes in
// one transaction, and what a validated change hands the transaction to write.
import type { EventBus } from '../../../events/bus.js';
import type { LedgerEvent } from '../../../events/types.js';
import type { Lookups } from '../../../mapping/lookups.js';
import type { ConflictStore } from '../../../store/conflicts.js';
import type { Database, StoreTx } from '../../../store/database.js';
import type { DocumentStore } from '../../../store/documents.js';
import type { MasterData } from '../../../store/master-data.js';
import type { MutationRecords } from '../../../store/mutation-records.js';
import type { Job, Outbox } from '../../../store/outbox.js';
import type { PaymentStore } from '../../../store/payments.js';
import type { SalesOrderStore } from '../../../store/sales-orders.js';
import type { SyncLinks } from '../../../store/sync-links.js';
import type { TargetSystem, UserErrorShape } from '../change-support.js';
import type { BookRules } from '../../policy/book-rules.js';

export interface DocumentChangeDeps {
  db: Database;
  master: MasterData;
  documents: DocumentStore;
  payments: PaymentStore;
  salesOrders: SalesOrderStore;
  links: SyncLinks;
  outbox: Outbox;
  conflicts: ConflictStore;
  events: EventBus;
  mutations: MutationRecords;
  lookups: Lookups | null;
  /** Each target's own rules (chart of accounts, currencies, open periods); absent in store-only tests. */
  books?: BookRules | null;
  targets: Partial<Record<TargetSystem, string>>;
  writable?: Partial<Record<TargetSystem, readonly string[]>>;
  onEnqueued: () => void;
}

/** What a change writes once it is accepted. */
export interface Accepted {
  recordId: string;
  jobs: Job[];
  events: LedgerEvent[];
}

/** A validated change: either what is wrong with it, or the writer of its one transaction. */
export type Prepared = UserErrorShape[] | ((tx: StoreTx) => Promise<Accepted>);

export const error = (field: (string | number)[], code: string, message: string): UserErrorShape => ({
  field: field.map(String),
  code,
  message,
});

/** One error per field is enough to act on (an unknown code has neither a rate nor a mapping). */
export function firstPerField(errors: UserErrorShape[]): UserErrorShape[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = e.field.join('.');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
