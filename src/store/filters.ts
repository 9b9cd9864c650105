// What a finance user filters each list by, and how that becomes a Prisma where clause.
import type { PartyStatus, SyncStatus } from '../domain/common.js';
import type { ItemType } from '../domain/item.js';
import type { Decimal } from '../domain/money.js';
import type { Payment } from '../domain/payment.js';
import { fromAccountingDate } from '../domain/dates.js';
import type { SortField } from './pagination.js';

type Opt<T> = T | null | undefined;

export interface PartyFilter {
  /** Case-insensitive match anywhere in name, email or number. */
  search?: Opt<string>;
  name?: Opt<string>;
  email?: Opt<string>;
  number?: Opt<string>;
  taxNumber?: Opt<string>;
  status?: Opt<PartyStatus[]>;
  currency?: Opt<string>;
  modifiedSince?: Opt<Date>;
}

export interface ItemFilter {
  search?: Opt<string>;
  number?: Opt<string>;
  type?: Opt<ItemType[]>;
  blocked?: Opt<boolean>;
  modifiedSince?: Opt<Date>;
}

export interface DocumentFilter {
  status?: Opt<string[]>;
  number?: Opt<string>;
  /** Customer (invoices, orders) or vendor (bills). */
  partyId?: Opt<string>;
  dateFrom?: Opt<string>;
  dateTo?: Opt<string>;
  dueDateFrom?: Opt<string>;
  dueDateTo?: Opt<string>;
  totalMin?: Opt<Decimal>;
  totalMax?: Opt<Decimal>;
  currency?: Opt<string>;
  /** Only documents with something left to pay. */
  unpaid?: Opt<boolean>;
  /** PARTIAL: in one book and refused by another. */
  syncStatus?: Opt<SyncStatus[]>;
  modifiedSince?: Opt<Date>;
}

export interface PaymentFilter {
  direction?: Opt<Payment['direction']>;
  status?: Opt<Payment['status'][]>;
  customerId?: Opt<string>;
  vendorId?: Opt<string>;
  invoiceId?: Opt<string>;
  billId?: Opt<string>;
  dateFrom?: Opt<string>;
  dateTo?: Opt<string>;
  amountMin?: Opt<Decimal>;
  amountMax?: Opt<Decimal>;
  currency?: Opt<string>;
  syncStatus?: Opt<SyncStatus[]>;
  modifiedSince?: Opt<Date>;
}

export interface LedgerEntryFilter {
  system?: Opt<string>;
  accountCode?: Opt<string>;
  documentNumber?: Opt<string>;
  /** The mirror's invoice, bill or payment the entries posted. */
  documentId?: Opt<string>;
  /** Entries tagged with this dimension value. */
  dimension?: Opt<{ code: string; value: string }>;
  dateFrom?: Opt<string>;
  dateTo?: Opt<string>;
  modifiedSince?: Opt<Date>;
}

export interface DimensionFilter {
  code?: Opt<string>;
  blocked?: Opt<boolean>;
}

export interface DimensionValueFilter extends DimensionFilter {
  dimensionId?: Opt<string>;
}

type Where = Record<string, unknown>;

/** Insensitive matches become ILIKE: a `%` or `_` asked for is meant literally, not as a wildcard. */
const escapeLike = (value: string) => value.replace(/[\\%_]/g, '\\$&');
const insensitive = (value: string) => ({ equals: escapeLike(value), mode: 'insensitive' });
const containsInsensitive = (value: string) => ({ contains: escapeLike(value), mode: 'insensitive' });

function range(from: Opt<unknown>, to: Opt<unknown>): Where | undefined {
  if (from == null && to == null) return undefined;
  return { ...(from != null ? { gte: from } : {}), ...(to != null ? { lte: to } : {}) };
}

function dateRange(from: Opt<string>, to: Opt<string>) {
  return range(from ? fromAccountingDate(from) : null, to ? fromAccountingDate(to) : null);
}

function decimalRange(min: Opt<Decimal>, max: Opt<Decimal>) {
  return range(min?.toString(), max?.toString());
}

/** Drops undefined entries so Prisma sees only the filters the caller set. */
function compact(where: Where): Where {
  return Object.fromEntries(Object.entries(where).filter(([, v]) => v !== undefined));
}

const since = (d: Opt<Date>) => (d ? { gte: d } : undefined);

export function partyWhere(f: PartyFilter = {}): Where {
  return compact({
    OR: f.search
      ? [
          { name: containsInsensitive(f.search) },
          { email: containsInsensitive(f.search) },
          { number: containsInsensitive(f.search) },
        ]
      : undefined,
    name: f.name ? insensitive(f.name) : undefined,
    email: f.email ? insensitive(f.email) : undefined,
    number: f.number ?? undefined,
    taxNumber: f.taxNumber ?? undefined,
    status: f.status?.length ? { in: f.status } : undefined,
    currency: f.currency ?? undefined,
    updatedAt: since(f.modifiedSince),
  });
}

export function itemWhere(f: ItemFilter = {}): Where {
  return compact({
    OR: f.search
      ? [{ name: containsInsensitive(f.search) }, { number: containsInsensitive(f.search) }]
      : undefined,
    number: f.number ?? undefined,
    type: f.type?.length ? { in: f.type } : undefined,
    blocked: f.blocked ?? undefined,
    updatedAt: since(f.modifiedSince),
  });
}

/** `partyColumn` is customerId or vendorId; `dateColumn` issueDate or orderDate. */
export function documentWhere(
  f: DocumentFilter = {},
  columns: { party: string; date: string; hasDue: boolean },
): Where {
  return compact({
    status: f.status?.length ? { in: f.status } : undefined,
    number: f.number ?? undefined,
    [columns.party]: f.partyId ?? undefined,
    [columns.date]: dateRange(f.dateFrom, f.dateTo),
    dueDate: columns.hasDue ? dateRange(f.dueDateFrom, f.dueDateTo) : undefined,
    total: decimalRange(f.totalMin, f.totalMax),
    currency: f.currency ?? undefined,
    amountDue: columns.hasDue && f.unpaid != null ? (f.unpaid ? { gt: 0 } : { equals: 0 }) : undefined,
    syncStatus: f.syncStatus?.length ? { in: f.syncStatus } : undefined,
    updatedAt: since(f.modifiedSince),
  });
}

export function paymentWhere(f: PaymentFilter = {}): Where {
  return compact({
    direction: f.direction ?? undefined,
    status: f.status?.length ? { in: f.status } : undefined,
    customerId: f.customerId ?? undefined,
    vendorId: f.vendorId ?? undefined,
    invoiceId: f.invoiceId ?? undefined,
    billId: f.billId ?? undefined,
    paymentDate: dateRange(f.dateFrom, f.dateTo),
    amount: decimalRange(f.amountMin, f.amountMax),
    currency: f.currency ?? undefined,
    syncStatus: f.syncStatus?.length ? { in: f.syncStatus } : undefined,
    updatedAt: since(f.modifiedSince),
  });
}

export function ledgerEntryWhere(f: LedgerEntryFilter = {}): Where {
  return compact({
    system: f.system ?? undefined,
    accountCode: f.accountCode ?? undefined,
    documentNumber: f.documentNumber ?? undefined,
    documentId: f.documentId ?? undefined,
    dimensions: f.dimension ? { path: [f.dimension.code], equals: f.dimension.value } : undefined,
    postingDate: dateRange(f.dateFrom, f.dateTo),
    updatedAt: since(f.modifiedSince),
  });
}

export function dimensionWhere(f: DimensionFilter = {}): Where {
  return compact({ code: f.code ?? undefined, blocked: f.blocked ?? undefined });
}

export function dimensionValueWhere(f: DimensionValueFilter = {}): Where {
  return compact({ ...dimensionWhere(f), dimensionId: f.dimensionId ?? undefined });
}

/** The orderings each list offers, all on non-null columns so keyset paging is total. */
export const sortFields = {
  party: {
    NAME: { field: 'name', kind: 'string' },
    UPDATED_AT: { field: 'updatedAt', kind: 'datetime' },
    CREATED_AT: { field: 'createdAt', kind: 'datetime' },
  },
  item: {
    NUMBER: { field: 'number', kind: 'string' },
    NAME: { field: 'name', kind: 'string' },
    UPDATED_AT: { field: 'updatedAt', kind: 'datetime' },
  },
  document: {
    DATE: { field: 'issueDate', kind: 'date' },
    DUE_DATE: { field: 'dueDate', kind: 'date' },
    NUMBER: { field: 'number', kind: 'string' },
    TOTAL: { field: 'total', kind: 'decimal' },
    UPDATED_AT: { field: 'updatedAt', kind: 'datetime' },
  },
  salesOrder: {
    DATE: { field: 'orderDate', kind: 'date' },
    NUMBER: { field: 'number', kind: 'string' },
    TOTAL: { field: 'total', kind: 'decimal' },
    UPDATED_AT: { field: 'updatedAt', kind: 'datetime' },
  },
  payment: {
    DATE: { field: 'paymentDate', kind: 'date' },
    AMOUNT: { field: 'amount', kind: 'decimal' },
    UPDATED_AT: { field: 'updatedAt', kind: 'datetime' },
  },
  ledgerEntry: {
    ENTRY_NO: { field: 'entryNo', kind: 'int' },
    DATE: { field: 'postingDate', kind: 'date' },
  },
  dimension: {
    CODE: { field: 'code', kind: 'string' },
    NAME: { field: 'name', kind: 'string' },
  },
} as const satisfies Record<string, Record<string, SortField>>;
