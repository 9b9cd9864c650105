// What the connector hands to the modules that do its work (reads, writes, posting, payments): its
// options, the HTTP client, the dialect, service names and the company once started, plus the URLs,
// queries and sources every one of them builds from those.
import type { ConnectorEntity } from '../system.js';
import { ConnectorError } from '../errors.js';
import type { NavHttp } from './client.js';
import { propertyType, type ServiceModel } from './metadata.js';
import { chunkByUrlLength, keyPredicate, queryString, segment, type QueryParts } from './odata.js';
import type { NavConnectorOptions, PaymentDirection } from './options.js';
import type { ServiceKey } from './services.js';
import { sourcesFor, type Source, type SourceContext } from './sources.js';

export interface NavContext {
  /** The connector's options (baseUrl without a trailing slash). */
  readonly options: NavConnectorOptions;
  readonly http: NavHttp;
  /** NAV 2017/2018 OData V4 pages; otherwise BC API v2.0. */
  readonly nav: boolean;
  readonly source: SourceContext;
  readonly readable: readonly ConnectorEntity[];
  readonly writable: readonly ConnectorEntity[];
  /** The payments read and written. */
  readonly payments: readonly PaymentDirection[];
  /** Most keys in one getMany request. */
  readonly readBatchSize: number;
  /** The bound posting action, or null when posting is disabled. */
  readonly postAction: string | null;
  /** Idempotency keys whose create had an unknown outcome: look up before creating again. */
  readonly uncertain: Set<string>;
  /** The published service of a purpose; `validation` when this dialect has none configured. */
  serviceName(key: ServiceKey): string;
  /** The company's root URL; `validation` before start(). */
  root(): string;
  /** The $metadata model, once start() has read it. */
  model(): ServiceModel | null;
}

export type DocumentEntity = 'invoice' | 'bill' | 'salesOrder';
export type MasterEntity = 'customer' | 'vendor' | 'item';
export const isDocument = (e: ConnectorEntity): e is DocumentEntity =>
  e === 'invoice' || e === 'bill' || e === 'salesOrder';

export function collectionUrl(cx: NavContext, s: Source, q: QueryParts = {}): string {
  return `${cx.root()}${segment(s.service)}${queryString(q)}`;
}

export function entityUrl(cx: NavContext, s: Source, id: string, q: QueryParts = {}): string {
  return `${cx.root()}${segment(s.service)}${keyPredicate(s.keyOf(id))}${queryString(q)}`;
}

/** What a read of a source selects: its fields, its own condition and `filter`, its lines. */
export function readQuery(s: Source, filter?: unknown): QueryParts {
  const parts = [s.filter, filter].filter((f) => f !== undefined);
  return {
    select: s.select,
    ...(parts.length === 1 ? { filter: parts[0] } : parts.length > 1 ? { filter: { and: parts } } : {}),
    ...(s.lines ? { expand: { name: s.lines.navigation, select: s.lines.select } } : {}),
  };
}

/** `values` in as few chunks as the URL length and the read batch size allow. */
export function chunks(
  cx: NavContext,
  values: readonly string[],
  urlFor: (chunk: readonly string[]) => string,
): string[][] {
  return chunkByUrlLength(values, cx.options.maxUrlLength ?? 2048, cx.readBatchSize, urlFor);
}

/** Where an entity is read from; a modification date the metadata types as an instant is read as one. */
export function sources(cx: NavContext, entity: ConnectorEntity): Source[] {
  const list = sourcesFor(entity, cx.source);
  if (list.length === 0 || !cx.readable.includes(entity)) {
    throw new ConnectorError('validation', `${entity} is not supported by the NAV/BC connector`, {
      system: 'NAV',
    });
  }
  const model = cx.model();
  if (model) {
    for (const s of list) {
      if (s.modified && propertyType(model, s.service, s.modified.field) === 'Edm.DateTimeOffset') {
        s.modified.kind = 'datetime';
      }
    }
  }
  return list;
}

/**
 * The service a unified entity is written to: NAV invoices and bills go to the unposted
 * SalesInvoice / PurchaseInvoice pages; BC has one set per document type.
 */
export function writeSource(cx: NavContext, entity: ConnectorEntity): Source {
  const list = sources(cx, entity);
  if (cx.nav && entity === 'invoice') return list.find((s) => s.key === 'salesInvoice')!;
  if (cx.nav && entity === 'bill') return list.find((s) => s.key === 'purchaseInvoice')!;
  return list[0]!;
}

/** NAV's posted counterpart of a document source (BC keeps posted documents in the same set). */
export function postedSource(cx: NavContext, entity: ConnectorEntity): Source | null {
  if (!cx.nav) return null;
  const key =
    entity === 'invoice' ? 'postedSalesInvoice' : entity === 'bill' ? 'postedPurchaseInvoice' : null;
  return key ? (sources(cx, entity).find((s) => s.key === key) ?? null) : null;
}
