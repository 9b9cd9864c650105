// The entities the sync engine reads and writes, in the order a full sync reads them.
import type { DocumentKind } from '../store/documents.js';
import type { PullEntity } from './pipelines/master-data/pull.js';

/**
 * What the engine reads and writes, in the order a full sync reads them: parties before documents,
 * dimensions (NAV's, as Xero tracking categories) before the document lines that use them, and
 * each book's ledger last (read-only), so its entries find the documents they posted.
 */
export const syncedEntities = [
  'customer',
  'vendor',
  'item',
  'dimension',
  'invoice',
  'bill',
  'payment',
  'ledgerEntry',
] as const;
export type SyncedEntity = PullEntity | 'dimension' | DocumentKind | 'payment' | 'ledgerEntry';
