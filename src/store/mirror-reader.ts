// Read side of the mirror: paged lists and the batched look-ups DataLoaders call (one SQL
// statement per batch, whatever the batch size).
import type { PrismaClient } from './generated/client.js';
import type { DocumentLine } from '../domain/document.js';
import type { ExternalRef, SourceSystem } from '../domain/common.js';
import { delegateOf, linkTypes, recordFromRow, type EntityKey, type EntityRecords } from './entities.js';
import { paginate, type Page, type PageArgs, type SortDirection, type SortField } from './pagination.js';
import { lineFromRow, salesOrderLineFromRow } from './row-mappers.js';
import { syncTargetsOf, type TargetSyncState } from './sync-targets.js';
import {
  countPartyDocuments,
  pagePartyDocuments,
  type PartyDocumentFilter,
  type PartyDocumentIds,
  type PartyDocumentKind,
} from './party-documents.js';

export type DocumentKind = 'invoice' | 'bill' | 'salesOrder';
export type LineWithoutDimensions = Omit<DocumentLine, 'dimensionValueIds'>;

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** Parent columns and SQL table names; fixed strings, never user input. */
const documentParents = {
  invoice: { table: 'invoice', partyColumn: 'customer_id', dateColumn: 'issue_date' },
  bill: { table: 'bill', partyColumn: 'vendor_id', dateColumn: 'issue_date' },
  salesOrder: { table: 'sales_order', partyColumn: 'customer_id', dateColumn: 'order_date' },
} as const;

export class MirrorReader {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly maxPageSize: number,
  ) {}

  async list<K extends EntityKey>(
    key: K,
    where: object,
    sort: SortField,
    direction: SortDirection,
    page: PageArgs,
  ): Promise<Page<EntityRecords[K]>> {
    const result = await paginate({
      delegate: delegateOf(this.prisma, key),
      where,
      sort,
      direction,
      page,
      maxPageSize: this.maxPageSize,
    });
    return { ...result, rows: result.rows.map((row) => recordFromRow(key, row)) };
  }

  async byIds<K extends EntityKey>(key: K, ids: readonly string[]): Promise<Map<string, EntityRecords[K]>> {
    const rows = await delegateOf(this.prisma, key).findMany({ where: { id: { in: [...ids] } } });
    return new Map(rows.map((row) => [row.id, recordFromRow(key, row)]));
  }

  async linesOf(
    kind: DocumentKind,
    documentIds: readonly string[],
  ): Promise<Map<string, LineWithoutDimensions[]>> {
    const ids = [...documentIds];
    const orderBy = { lineNo: 'asc' } as const;
    const rows =
      kind === 'invoice'
        ? (await this.prisma.invoiceLine.findMany({ where: { invoiceId: { in: ids } }, orderBy })).map(
            (r) => ({
              parent: r.invoiceId,
              line: lineFromRow(r),
            }),
          )
        : kind === 'bill'
          ? (await this.prisma.billLine.findMany({ where: { billId: { in: ids } }, orderBy })).map((r) => ({
              parent: r.billId,
              line: lineFromRow(r),
            }))
          : (
              await this.prisma.salesOrderLine.findMany({ where: { salesOrderId: { in: ids } }, orderBy })
            ).map((r) => ({ parent: r.salesOrderId, line: salesOrderLineFromRow(r) }));
    const grouped = groupBy(rows, (r) => r.parent);
    return new Map([...grouped].map(([parent, list]) => [parent, list.map((r) => r.line)]));
  }

  /** Dimension value ids per document line. */
  async lineDimensions(kind: 'invoice' | 'bill', lineIds: readonly string[]): Promise<Map<string, string[]>> {
    const where = { lineId: { in: [...lineIds] } };
    const rows =
      kind === 'invoice'
        ? await this.prisma.invoiceLineDimension.findMany({ where })
        : await this.prisma.billLineDimension.findMany({ where });
    const grouped = groupBy(rows, (r) => r.lineId);
    return new Map([...grouped].map(([lineId, list]) => [lineId, list.map((r) => r.dimensionValueId)]));
  }

  async paymentsOf(kind: 'invoice' | 'bill', documentIds: readonly string[]) {
    const column = kind === 'invoice' ? 'invoiceId' : 'billId';
    const rows = await this.prisma.payment.findMany({
      where: { [column]: { in: [...documentIds] } },
      orderBy: [{ paymentDate: 'asc' }, { id: 'asc' }],
    });
    return groupBy(
      rows.map((r) => recordFromRow('payment', r)),
      (p) => (kind === 'invoice' ? p.invoiceId : p.billId) ?? '',
    );
  }

  /** The invoices posted from each of these sales orders, oldest first (one statement). */
  async invoicesOfOrders(orderIds: readonly string[]) {
    const rows = await this.prisma.invoice.findMany({
      where: { salesOrderId: { in: [...orderIds] } },
      orderBy: [{ issueDate: 'asc' }, { number: 'asc' }],
    });
    return groupBy(
      rows.map((r) => recordFromRow('invoice', r)),
      (i) => i.salesOrderId ?? '',
    );
  }

  async valuesOfDimensions(dimensionIds: readonly string[]) {
    const rows = await this.prisma.dimensionValue.findMany({
      where: { dimensionId: { in: [...dimensionIds] } },
      orderBy: [{ code: 'asc' }],
    });
    return groupBy(
      rows.map((r) => recordFromRow('dimensionValue', r)),
      (v) => v.dimensionId,
    );
  }

  /**
   * The latest `limit` documents of each party (customer.invoices, vendor.bills…), in two
   * statements for any number of parties: a window query picks the ids, one findMany loads them.
   */
  async recentDocumentsOf<K extends DocumentKind>(
    kind: K,
    partyIds: readonly string[],
    limit: number,
  ): Promise<Map<string, EntityRecords[K][]>> {
    const parent = documentParents[kind];
    const picked = await this.prisma.$queryRawUnsafe<{ id: string }[]>(
      `SELECT id::text AS id FROM (
         SELECT id, row_number() OVER (PARTITION BY ${parent.partyColumn}
                                       ORDER BY ${parent.dateColumn} DESC, id DESC) AS rank
         FROM ${parent.table} WHERE ${parent.partyColumn} = ANY($1::uuid[])
       ) ranked WHERE rank <= $2`,
      [...partyIds],
      limit,
    );
    const records = await this.byIds(
      kind,
      picked.map((p) => p.id),
    );
    const partyOf = (record: EntityRecords[K]) =>
      'vendorId' in record ? record.vendorId : (record as { customerId: string }).customerId;
    const dateOf = (record: EntityRecords[K]) =>
      'orderDate' in record ? record.orderDate : (record as { issueDate: string }).issueDate;
    const sorted = [...records.values()].sort(
      (a, b) => dateOf(b).localeCompare(dateOf(a)) || (b.id < a.id ? -1 : b.id > a.id ? 1 : 0),
    );
    return groupBy(sorted, partyOf);
  }

  /** A page of each party's invoices or bills, newest first: two statements for any number of parties. */
  async documentPagesOf<K extends PartyDocumentKind>(
    kind: K,
    partyIds: readonly string[],
    filter: PartyDocumentFilter,
    page: { first?: number | null; after?: string | null },
  ): Promise<Map<string, PartyDocumentIds & { rows: EntityRecords[K][] }>> {
    const pages = await pagePartyDocuments(this.prisma, kind, partyIds, filter, page, this.maxPageSize);
    const records = await this.byIds(
      kind,
      [...pages.values()].flatMap((p) => p.ids),
    );
    return new Map(
      [...pages].map(([party, p]) => [party, { ...p, rows: p.ids.flatMap((id) => records.get(id) ?? []) }]),
    );
  }

  /** How many of each party's invoices or bills match the filter. */
  documentCountsOf(
    kind: PartyDocumentKind,
    partyIds: readonly string[],
    filter: PartyDocumentFilter,
  ): Promise<Map<string, number>> {
    return countPartyDocuments(this.prisma, kind, partyIds, filter);
  }

  /** Where each record lives in the source systems. */
  async externalRefs(key: EntityKey, entityIds: readonly string[]): Promise<Map<string, ExternalRef[]>> {
    const rows = await this.prisma.externalLink.findMany({
      where: { entityType: linkTypes[key], entityId: { in: [...entityIds] } },
      orderBy: [{ system: 'asc' }, { tenant: 'asc' }],
    });
    return groupBy(
      rows.map((r) => ({
        entityId: r.entityId,
        system: r.system,
        tenant: r.tenant,
        externalId: r.externalId,
        externalNumber: r.externalNumber,
        version: r.version,
        remoteUpdatedAt: r.remoteUpdatedAt,
      })),
      (r) => r.entityId,
    );
  }

  /** Where each record stands in each system (latest job, open conflicts, links). */
  syncTargets(key: EntityKey, entityIds: readonly string[]): Promise<Map<string, TargetSyncState[]>> {
    return syncTargetsOf(this.prisma, linkTypes[key], entityIds);
  }

  /** Unified ids of records known in `system` under this id or number (any tenant). */
  async idsByExternalKey(key: EntityKey, system: SourceSystem, externalKey: string): Promise<string[]> {
    const rows = await this.prisma.externalLink.findMany({
      where: {
        entityType: linkTypes[key],
        system,
        OR: [{ externalId: externalKey }, { externalNumber: externalKey }],
      },
      select: { entityId: true },
      distinct: ['entityId'],
    });
    return rows.map((r) => r.entityId);
  }
}
