// Which pipeline carries each kind of record: the one table the engine reads to push a job or
// read an entity, instead of a chain of ifs. A pipeline folder owns its entity family from end to
// end: accept (mutations), pull (reads from a system), push (writes to one), translate.
import type { Job } from '../../store/outbox.js';
import type { SyncedEntity } from '../synced-entities.js';

export type Pipeline = 'master-data' | 'dimensions' | 'documents' | 'payments' | 'sales-orders' | 'ledger';

/** The pipeline that pushes a job of this entity type; undefined: no pipeline writes it. */
export const pushPipelineOf: Partial<Record<Job['entityType'], Exclude<Pipeline, 'ledger'>>> = {
  CUSTOMER: 'master-data',
  VENDOR: 'master-data',
  ITEM: 'master-data',
  DIMENSION: 'dimensions',
  INVOICE: 'documents',
  BILL: 'documents',
  PAYMENT: 'payments',
  SALES_ORDER: 'sales-orders',
};

/**
 * The pipeline that reads an entity from a system. Sales orders have no entry: they are read right
 * after invoices (engine.ts), which is when a posting shows. Ledgers are only read.
 */
export const pullPipelineOf: Record<SyncedEntity, Exclude<Pipeline, 'sales-orders'>> = {
  customer: 'master-data',
  vendor: 'master-data',
  item: 'master-data',
  dimension: 'dimensions',
  invoice: 'documents',
  bill: 'documents',
  payment: 'payments',
  ledgerEntry: 'ledger',
};
