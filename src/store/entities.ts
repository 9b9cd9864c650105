// The mirrored entities: their Prisma delegate, row mapper and link type, in one table so the
// repositories handle every entity the same way.
import type { PrismaClient } from './generated/client.js';
import type {
  Customer,
  Vendor,
  Item,
  Payment,
  LedgerEntry,
  Dimension,
  DimensionValue,
} from '../domain/index.js';
import {
  billFromRow,
  customerFromRow,
  dimensionFromRow,
  dimensionValueFromRow,
  invoiceFromRow,
  itemFromRow,
  ledgerEntryFromRow,
  paymentFromRow,
  salesOrderFromRow,
  vendorFromRow,
  type BillHeader,
  type InvoiceHeader,
  type SalesOrderHeader,
} from './row-mappers.js';
import type { Delegate } from './pagination.js';

export interface EntityRecords {
  customer: Customer;
  vendor: Vendor;
  item: Item;
  salesOrder: SalesOrderHeader;
  invoice: InvoiceHeader;
  bill: BillHeader;
  payment: Payment;
  ledgerEntry: LedgerEntry;
  dimension: Dimension;
  dimensionValue: DimensionValue;
}

export type EntityKey = keyof EntityRecords;

/** Values of the EntityType enum in the link table. */
export const linkTypes = {
  customer: 'CUSTOMER',
  vendor: 'VENDOR',
  item: 'ITEM',
  salesOrder: 'SALES_ORDER',
  invoice: 'INVOICE',
  bill: 'BILL',
  payment: 'PAYMENT',
  ledgerEntry: 'LEDGER_ENTRY',
  dimension: 'DIMENSION',
  dimensionValue: 'DIMENSION_VALUE',
} as const satisfies Record<EntityKey, string>;

export type LinkType = (typeof linkTypes)[EntityKey];

interface EntityAccess<K extends EntityKey> {
  delegate(prisma: PrismaClient): Delegate<{ id: string }>;
  fromRow(row: never): EntityRecords[K];
}

// Each delegate is a differently typed Prisma model; the table erases that behind Delegate.
const table: { [K in EntityKey]: EntityAccess<K> } = {
  customer: { delegate: (p) => p.customer, fromRow: customerFromRow },
  vendor: { delegate: (p) => p.vendor, fromRow: vendorFromRow },
  item: { delegate: (p) => p.item, fromRow: itemFromRow },
  salesOrder: { delegate: (p) => p.salesOrder, fromRow: salesOrderFromRow },
  invoice: { delegate: (p) => p.invoice, fromRow: invoiceFromRow },
  bill: { delegate: (p) => p.bill, fromRow: billFromRow },
  payment: { delegate: (p) => p.payment, fromRow: paymentFromRow },
  ledgerEntry: { delegate: (p) => p.ledgerEntry, fromRow: ledgerEntryFromRow },
  dimension: { delegate: (p) => p.dimension, fromRow: dimensionFromRow },
  dimensionValue: { delegate: (p) => p.dimensionValue, fromRow: dimensionValueFromRow },
};

export function delegateOf(prisma: PrismaClient, key: EntityKey): Delegate<{ id: string }> {
  return table[key].delegate(prisma);
}

export function recordFromRow<K extends EntityKey>(key: K, row: { id: string }): EntityRecords[K] {
  return (table[key].fromRow as (r: unknown) => EntityRecords[K])(row);
}
