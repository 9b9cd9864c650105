// Reads for the Xero connector. Lists page with pageSize=1000 (checkpoint = next page) and use
// If-Modified-Since for deltas; items and tracking categories are not paged and come in one call.
// Records by id are read in batches (getMany: 50 ids to a call; payments by a `where` of PaymentIDs).
import type { Checkpoint, ConnectorEntity, ListOptions, ListPage, RemoteRecord } from '../system.js';
import type { CallPriority } from './governor.js';
import { convert, ENTITY_FILTER, unsupported, type XeroConnectorState } from './connector-entities.js';
import { dimensionFromWire } from './mapper-dimensions.js';
import { itemFromWire } from './mapper-items.js';
import { paymentFromWire } from './mapper-payments.js';
import { chunk, chunkClauses, whereString } from './write-support.js';

export interface XeroListOptions extends ListOptions {
  /**
   * Full reconciliation: ignore modifiedSince and read everything, archived contacts and
   * deleted/voided documents included (what deltas may have missed).
   */
  full?: boolean;
}

/** Pages of records; see XeroListOptions for deltas and full reconciliation. */
export async function* listPages<E extends ConnectorEntity>(
  state: XeroConnectorState,
  entity: E,
  options: XeroListOptions = {},
): AsyncGenerator<ListPage<E>> {
  const priority: CallPriority = options.priority ?? 'bulk';
  const cp = options.checkpoint ?? null;
  const sinceText = cp
    ? typeof cp.since === 'string'
      ? cp.since
      : null
    : options.full
      ? null
      : (options.modifiedSince?.toISOString() ?? null);
  const since = sinceText ? new Date(sinceText) : undefined;
  const checkpoint = (page: number): Checkpoint => ({ entity, page, since: sinceText });

  if (entity === 'item' || entity === 'dimension') {
    // Not paged by Xero: one call returns everything.
    const records =
      entity === 'item'
        ? (await state.api.getItems({ ifModifiedSince: since, priority })).map(itemFromWire)
        : (await state.api.getTrackingCategories({ includeArchived: true, priority })).map(dimensionFromWire);
    yield { records: records as unknown as RemoteRecord<E>[], checkpoint: null };
    return;
  }
  if (!['customer', 'vendor', 'invoice', 'bill', 'payment'].includes(entity)) throw unsupported(entity);

  const ctx = entity === 'customer' || entity === 'vendor' ? await state.mapContext() : { baseCurrency: '' };
  let page = typeof cp?.page === 'number' && cp.page > 0 ? cp.page : 1;
  for (;;) {
    const args = { page, pageSize: state.pageSize, ifModifiedSince: since, priority };
    let records: RemoteRecord<E>[];
    let count: number;
    let pageCount: number | null;
    if (entity === 'payment') {
      const res = await state.api.getPayments(args);
      records = res.items.map(paymentFromWire) as unknown as RemoteRecord<E>[];
      ({ pageCount } = res);
      count = res.items.length;
    } else if (entity === 'customer' || entity === 'vendor') {
      // Archived contacts always come along: archiving is a change deltas must see.
      const res = await state.api.getContacts({
        ...args,
        where: ENTITY_FILTER[entity],
        order: 'ContactID ASC',
        includeArchived: true,
      });
      records = res.items.map((c) => convert(entity, c, ctx));
      ({ pageCount } = res);
      count = res.items.length;
    } else {
      // Deleted and voided documents are listed by default: deltas see them too.
      const res = await state.api.getInvoices({
        ...args,
        where: ENTITY_FILTER[entity],
        order: 'InvoiceID ASC',
      });
      records = res.items.map((i) => convert(entity, i, ctx));
      ({ pageCount } = res);
      count = res.items.length;
    }
    const done = pageCount !== null ? page >= pageCount : count < state.pageSize;
    yield { records, checkpoint: done ? null : checkpoint(page + 1) };
    if (done) return;
    page += 1;
  }
}

/** Records by id, lowercased id → record; ids not found are absent. */
export async function fetchByIds<E extends ConnectorEntity>(
  state: XeroConnectorState,
  entity: E,
  externalIds: readonly string[],
  priority: CallPriority,
): Promise<Map<string, RemoteRecord<E>>> {
  const out = new Map<string, RemoteRecord<E>>();
  const ids = [...new Set(externalIds.map((id) => id.toLowerCase()))];
  if (!ids.length) return out;
  const put = (r: RemoteRecord<E>) => {
    if (ids.includes(r.externalId.toLowerCase())) out.set(r.externalId.toLowerCase(), r);
  };
  if (entity === 'item' || entity === 'dimension') {
    for await (const page of listPages(state, entity, { priority })) page.records.forEach(put);
    return out;
  }
  const size = state.capabilities.readBatchSize;
  const paymentTerm = (id: string) => `PaymentID==Guid(${whereString(id)})`;
  const parts = entity === 'payment' ? chunkClauses(ids, paymentTerm, size) : chunk(ids, size);
  for (const part of parts) {
    if (entity === 'customer' || entity === 'vendor') {
      const ctx = await state.mapContext();
      const res = await state.api.getContacts({ ids: part, priority });
      res.items.forEach((c) => put(convert(entity, c, ctx)));
    } else if (entity === 'invoice' || entity === 'bill') {
      const res = await state.api.getInvoices({ ids: part, page: 1, pageSize: size, priority });
      res.items
        .filter((i) => (entity === 'bill') === (i.type === 'ACCPAY'))
        .forEach((i) => put(convert(entity, i, { baseCurrency: '' })));
    } else if (entity === 'payment') {
      const where = part.map(paymentTerm).join(' OR ');
      const res = await state.api.getPayments({ where, page: 1, pageSize: size, priority });
      res.items.forEach((p) => put(paymentFromWire(p) as unknown as RemoteRecord<E>));
    } else throw unsupported(entity);
  }
  return out;
}
