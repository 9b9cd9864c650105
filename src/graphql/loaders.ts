// Per-request DataLoaders: every nested field of a query resolves through one batched look-up
// per relation, so a page of 100 invoices with customers, lines, items and payments costs a small
// constant number of SQL statements, not one per row.
import DataLoader from 'dataloader';
import type { ExternalRef } from '../domain/common.js';
import type { EntityKey, EntityRecords } from '../store/entities.js';
import type { DocumentKind, LineWithoutDimensions, MirrorReader } from '../store/mirror-reader.js';
import type { Page } from '../store/pagination.js';
import type { PartyDocumentFilter, PartyDocumentKind } from '../store/party-documents.js';
import type { TargetSyncState } from '../store/sync-targets.js';

function fromMap<V>(keys: readonly string[], map: Map<string, V>, empty: V): V[] {
  return keys.map((k) => map.get(k) ?? empty);
}

export class Loaders {
  private readonly byIdLoaders = new Map<EntityKey, DataLoader<string, unknown>>();
  private readonly refLoaders = new Map<EntityKey, DataLoader<string, ExternalRef[]>>();
  private readonly targetLoaders = new Map<EntityKey, DataLoader<string, TargetSyncState[]>>();
  private readonly lineLoaders = new Map<DocumentKind, DataLoader<string, LineWithoutDimensions[]>>();
  private readonly lineDimensionLoaders = new Map<string, DataLoader<string, string[]>>();
  private readonly paymentLoaders = new Map<string, DataLoader<string, EntityRecords['payment'][]>>();
  private readonly recentLoaders = new Map<string, DataLoader<string, unknown[]>>();
  private readonly partyDocumentLoaders = new Map<string, DataLoader<string, Page<unknown>>>();
  private readonly partyCountLoaders = new Map<string, DataLoader<string, number>>();
  private orderInvoiceLoader: DataLoader<string, EntityRecords['invoice'][]> | undefined;
  readonly dimensionValues: DataLoader<string, EntityRecords['dimensionValue'][]>;

  constructor(private readonly reader: MirrorReader) {
    this.dimensionValues = new DataLoader(async (ids) =>
      fromMap(ids, await reader.valuesOfDimensions(ids), []),
    );
  }

  private cached<K, V>(cache: Map<K, V>, key: K, create: () => V): V {
    let loader = cache.get(key);
    if (!loader) {
      loader = create();
      cache.set(key, loader);
    }
    return loader;
  }

  byId<K extends EntityKey>(key: K): DataLoader<string, EntityRecords[K] | null> {
    return this.cached(
      this.byIdLoaders,
      key,
      () =>
        new DataLoader<string, unknown>(async (ids) => {
          const found = await this.reader.byIds(key, ids);
          return ids.map((id) => found.get(id) ?? null);
        }),
    ) as DataLoader<string, EntityRecords[K] | null>;
  }

  externalRefs(key: EntityKey): DataLoader<string, ExternalRef[]> {
    return this.cached(
      this.refLoaders,
      key,
      () => new DataLoader(async (ids) => fromMap(ids, await this.reader.externalRefs(key, ids), [])),
    );
  }

  /** Where each record stands in each system: one batch of three statements per page. */
  syncTargets(key: EntityKey): DataLoader<string, TargetSyncState[]> {
    return this.cached(
      this.targetLoaders,
      key,
      () => new DataLoader(async (ids) => fromMap(ids, await this.reader.syncTargets(key, ids), [])),
    );
  }

  lines(kind: DocumentKind): DataLoader<string, LineWithoutDimensions[]> {
    return this.cached(
      this.lineLoaders,
      kind,
      () => new DataLoader(async (ids) => fromMap(ids, await this.reader.linesOf(kind, ids), [])),
    );
  }

  lineDimensions(kind: 'invoice' | 'bill'): DataLoader<string, string[]> {
    return this.cached(
      this.lineDimensionLoaders,
      kind,
      () => new DataLoader(async (ids) => fromMap(ids, await this.reader.lineDimensions(kind, ids), [])),
    );
  }

  payments(kind: 'invoice' | 'bill'): DataLoader<string, EntityRecords['payment'][]> {
    return this.cached(
      this.paymentLoaders,
      kind,
      () => new DataLoader(async (ids) => fromMap(ids, await this.reader.paymentsOf(kind, ids), [])),
    );
  }

  /** The invoices posted from each sales order. */
  orderInvoices(): DataLoader<string, EntityRecords['invoice'][]> {
    this.orderInvoiceLoader ??= new DataLoader(async (ids) =>
      fromMap(ids, await this.reader.invoicesOfOrders(ids), []),
    );
    return this.orderInvoiceLoader;
  }

  /** One page of each party's invoices or bills; parties asking the same page share one query. */
  partyDocuments<K extends PartyDocumentKind>(
    kind: K,
    filter: PartyDocumentFilter,
    page: { first: number; after: string | null },
  ): DataLoader<string, Page<EntityRecords[K]>> {
    return this.cached(
      this.partyDocumentLoaders,
      JSON.stringify([kind, filter, page]),
      () =>
        new DataLoader<string, Page<unknown>>(async (ids) => {
          const pages = await this.reader.documentPagesOf(kind, ids, filter, page);
          return ids.map((id) => ({
            ...pages.get(id)!,
            totalCount: () => this.partyDocumentCounts(kind, filter).load(id),
          }));
        }),
    ) as DataLoader<string, Page<EntityRecords[K]>>;
  }

  /** How many of each party's invoices or bills match a filter (one GROUP BY per batch). */
  private partyDocumentCounts(
    kind: PartyDocumentKind,
    filter: PartyDocumentFilter,
  ): DataLoader<string, number> {
    return this.cached(
      this.partyCountLoaders,
      JSON.stringify([kind, filter]),
      () =>
        new DataLoader(async (ids) => {
          const counts = await this.reader.documentCountsOf(kind, ids, filter);
          return ids.map((id) => counts.get(id) ?? 0);
        }),
    );
  }

  /** The latest `limit` documents per party; one loader per (kind, limit) so batches share a query. */
  recentDocuments<K extends DocumentKind>(kind: K, limit: number): DataLoader<string, EntityRecords[K][]> {
    return this.cached(
      this.recentLoaders,
      `${kind}:${limit}`,
      () =>
        new DataLoader<string, unknown[]>(async (ids) =>
          fromMap(ids, await this.reader.recentDocumentsOf(kind, ids, limit), []),
        ),
    ) as DataLoader<string, EntityRecords[K][]>;
  }
}
