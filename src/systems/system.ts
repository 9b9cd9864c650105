// The one interface both connectors implement. Records cross it in the unified shape of
// src/domain, with references to other records by their key in THAT system (the sync engine
// translates keys between systems through the link table).
import type { SourceSystem } from './registry.js';
import type { Bill } from '../domain/bill.js';
import type { RecordMeta } from '../domain/common.js';
import type { Dimension, DimensionValue } from '../domain/dimension.js';
import type { DocumentLine } from '../domain/document.js';
import type { Invoice } from '../domain/invoice.js';
import type { ItemFields } from '../domain/item.js';
import type { LedgerEntry } from '../domain/ledger-entry.js';
import type { CustomerFields, PartyFields } from '../domain/party.js';
import type { Payment } from '../domain/payment.js';
import type { ConnectorError } from './errors.js';
import type { Difference } from './difference.js';
import type { Decimal } from '../domain/money.js';

export type { SourceSystem } from './registry.js';

export const connectorEntities = [
  'customer',
  'vendor',
  'item',
  'invoice',
  'bill',
  'payment',
  'dimension',
  'salesOrder',
  'ledgerEntry',
] as const;
export type ConnectorEntity = (typeof connectorEntities)[number];

/** A reference to another record in the same system (either key may be known). */
export interface RemoteRef {
  externalId?: string | undefined;
  number?: string | undefined;
}

/** A customer or vendor: the domain's party fields; the credit limit only where the system keeps one. */
export interface PartyDraft extends PartyFields {
  creditLimit?: CustomerFields['creditLimit'];
}

/** An item: the domain's item fields. */
export interface ItemDraft extends ItemFields {
  /** Read from NAV/BC only: the General Product Posting Group, which picks the item's accounts. */
  postingGroup?: string | null;
  /** Quantity on hand where the system tracks it (NAV Inventory, Xero QuantityOnHand); read-only. */
  inventory?: Decimal | null;
}

/** A document line: the domain's line, its item and dimensions by their keys in the system. */
export interface LineDraft extends Omit<DocumentLine, 'id' | 'itemId' | 'dimensionValueIds'> {
  item: RemoteRef | null;
  /** Dimension code → value code (Xero: tracking category name → option name). */
  dimensions: Record<string, string>;
  /** Sales order lines only, as read back: what has shipped, been invoiced, is still to ship. */
  quantityShipped?: Decimal;
  quantityInvoiced?: Decimal;
  outstandingQuantity?: Decimal;
}

/**
 * A sales invoice, purchase bill or sales order: the domain's document header with the invoice's
 * External Document No. (our id upstream, to find it after an unknown outcome) and, for bills,
 * the vendor's own invoice number; its party and lines by their keys in the system.
 */
export interface DocumentDraft
  extends
    Omit<Invoice, keyof RecordMeta | 'customerId' | 'lines'>,
    Partial<Pick<Bill, 'vendorInvoiceNumber'>> {
  /** Customer (invoice, order) or vendor (bill). */
  party: RemoteRef;
  lines: LineDraft[];
  /** A posted sales invoice: the number of the sales order it was posted from. */
  orderNumber?: string | null;
}

/** A payment: the domain's payment, its party and document by their keys in the system. */
export interface PaymentDraft extends Omit<
  Payment,
  keyof RecordMeta | 'customerId' | 'vendorId' | 'invoiceId' | 'billId' | 'currencyRate'
> {
  /** Foreign currency per 1 base unit; absent or null where the system does not say (the target's day rate applies). */
  currencyRate?: Payment['currencyRate'];
  party: RemoteRef | null;
  /** The invoice (RECEIVED) or bill (MADE) paid. */
  document: RemoteRef;
}

/** A dimension (Xero: tracking category): the domain's dimension with its values. */
export interface DimensionDraft extends Omit<Dimension, keyof RecordMeta> {
  values: (Omit<DimensionValue, keyof RecordMeta | 'dimensionId'> & { externalId?: string })[];
}

/** A G/L entry: the domain's ledger entry; its book and mirror document are the sync's to set. */
export type LedgerEntryDraft = Omit<
  LedgerEntry,
  keyof RecordMeta | 'system' | 'tenant' | 'documentKind' | 'documentId'
>;

export interface EntityDrafts {
  customer: PartyDraft;
  vendor: PartyDraft;
  item: ItemDraft;
  invoice: DocumentDraft;
  bill: DocumentDraft;
  salesOrder: DocumentDraft;
  payment: PaymentDraft;
  dimension: DimensionDraft;
  ledgerEntry: LedgerEntryDraft;
}

/** A record as one system holds it. */
export interface RemoteRecord<E extends ConnectorEntity = ConnectorEntity> {
  externalId: string;
  externalNumber: string | null;
  /** Version or etag to send back on update (Xero: UpdatedDateUTC; NAV: @odata.etag). */
  version: string | null;
  remoteUpdatedAt: Date | null;
  /** False when the system reports it deleted/voided/archived. */
  active: boolean;
  data: EntityDrafts[E];
}

/** Opaque, JSON-serialisable resume point; store it after the page is processed. */
export type Checkpoint = Record<string, string | number | boolean | null>;

export interface ListPage<E extends ConnectorEntity = ConnectorEntity> {
  records: RemoteRecord<E>[];
  /** Resume from here after a crash; null once the listing is complete. */
  checkpoint: Checkpoint | null;
}

export interface ListOptions {
  modifiedSince?: Date | undefined;
  checkpoint?: Checkpoint | null | undefined;
  /**
   * Ledger entries only: those numbered after this one (NAV/BC entry No., Xero journal number).
   * Entries are immutable and numbered in order, so this is their delta.
   */
  afterEntryNo?: number | undefined;
  /** Interactive calls go before bulk backfill in the rate governor. */
  priority?: 'interactive' | 'bulk';
}

export interface WriteRequest<E extends ConnectorEntity = ConnectorEntity> {
  /** The target's id when updating; absent to create. */
  externalId?: string | undefined;
  /** Version/etag we last saw (updates); a mismatch is a conflict, never a blind overwrite. */
  version?: string | null | undefined;
  data: EntityDrafts[E];
  /** Stable per record and version: the connector derives idempotency keys from it. */
  idempotencyKey: string;
  /**
   * An earlier attempt of this write may have reached the system (timeout, dropped connection,
   * possibly in a process that has since died): look the record up by its natural key before
   * creating it.
   */
  outcomeUnknown?: boolean | undefined;
  /**
   * Records of the target linked to other unified records already: never taken for this one when
   * it is looked up by a natural key two records can share (two equal payments of one invoice).
   */
  linkedElsewhere?: readonly string[] | undefined;
}

export type WriteResult<E extends ConnectorEntity = ConnectorEntity> =
  | {
      ok: true;
      created: boolean;
      record: RemoteRecord<E>;
      /**
       * What the record's state there did not let the connector write (a paid document's lines):
       * the record is what the system holds; these differences are left for a person.
       */
      withheld?: Withheld;
    }
  | { ok: false; error: ConnectorError };

export interface Withheld {
  reason: string;
  differences: Difference[];
}

export interface Capabilities {
  entities: readonly ConnectorEntity[];
  writable: readonly ConnectorEntity[];
  webhooks: boolean;
  /** Largest batch writeMany sends in one call (1 = no batching upstream). */
  writeBatchSize: number;
  /** Largest id list getMany puts in one call. */
  readBatchSize: number;
  paging: 'page-number' | 'next-link' | 'offset';
  /**
   * The longest text the system keeps, per `entity.field` of the unified record (e.g.
   * `item.name`): a change longer than any target keeps is refused before it is written anywhere.
   */
  textLimits?: TextLimits;
}

export type TextLimits = Readonly<Partial<Record<TextLimitField, number>>>;

/** Fields of master data whose length differs between systems. */
export type TextLimitField =
  'customer.name' | 'vendor.name' | 'customer.email' | 'vendor.email' | 'item.name' | 'item.number';

/** One rate window of a system as the gateway sees it (its own pacing, reconciled with the system's headers). */
export interface RateWindow {
  /** e.g. minute, day, appminute (Xero); window (NAV/BC). */
  name: string;
  limit: number;
  /** Calls left in the window; null when not known. */
  remaining: number | null;
  resetsAt: Date | null;
}

export interface RateBudget {
  windows: RateWindow[];
  inFlight: number;
  maxInFlight: number;
  /** Set while a 429 (Retry-After) holds every call back. */
  pausedUntil: Date | null;
  pauseReason: string | null;
}

export interface Connector {
  readonly system: SourceSystem;
  /** Xero tenant id or NAV/BC company. */
  readonly tenant: string;
  readonly capabilities: Capabilities;
  list<E extends ConnectorEntity>(entity: E, options?: ListOptions): AsyncGenerator<ListPage<E>>;
  getMany<E extends ConnectorEntity>(
    entity: E,
    externalIds: readonly string[],
  ): Promise<Map<string, RemoteRecord<E>>>;
  writeMany<E extends ConnectorEntity>(
    entity: E,
    requests: readonly WriteRequest<E>[],
  ): Promise<WriteResult<E>[]>;
  /** What is left of the rate limits for this tenant/company (rateBudgets). */
  rateBudget?(): Promise<RateBudget>;
  /**
   * How long a write batch that is not full should wait to fill before its call, when calls are
   * scarcer than time (Xero's day budget); absent or 0: send at once.
   */
  batchHoldMs?(): Promise<number>;
}
