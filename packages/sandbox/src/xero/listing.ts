// The GET pipeline shared by the collection endpoints: If-Modified-Since, where, order, paging.
import type { Request } from 'express';
import { compileOrder, compileWhere, type Comparator } from './where.js';
import { ifModifiedSince, queryInt, queryParam } from './request.js';

export interface Pagination {
  page: number;
  pageSize: number;
  pageCount: number;
  itemCount: number;
}

export interface ListOptions<R> {
  /** Records after the endpoint's own filters (IDs=, Statuses=, includeArchived…). */
  records: R[];
  toWire(record: R, full: boolean): Record<string, unknown>;
  updatedMs(record: R): number;
  /** Whether Xero pages this endpoint (page / pageSize / pagination object). */
  paged: boolean;
  /** Whether a full (detailed) record is returned without paging (Invoices and CreditNotes omit lines). */
  fullWhenUnpaged?: boolean;
  defaultOrder: Comparator;
}

export interface ListResult {
  items: Record<string, unknown>[];
  pagination?: Pagination;
}

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

export function list<R>(req: Request, o: ListOptions<R>): ListResult {
  const since = ifModifiedSince(req);
  const where = queryParam(req, 'where');
  const order = queryParam(req, 'order');
  const page = o.paged ? queryInt(req, 'page') : undefined;
  const pageSizeParam = o.paged ? queryInt(req, 'pageSize') : undefined;
  const pagedRequest = page !== undefined || pageSizeParam !== undefined;
  const full = pagedRequest || o.fullWhenUnpaged !== false;

  let records = o.records;
  if (since !== undefined) records = records.filter((r) => o.updatedMs(r) >= since);
  let wires = records.map((r) => o.toWire(r, full));
  if (where && where.trim()) {
    const predicate = compileWhere(where);
    wires = wires.filter((w) => predicate(w));
  }
  wires.sort(order && order.trim() ? compileOrder(order) : o.defaultOrder);
  if (!pagedRequest) return { items: wires };

  const pageSize = Math.min(Math.max(pageSizeParam ?? DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE);
  const pageNo = Math.max(page ?? 1, 1);
  const start = (pageNo - 1) * pageSize;
  return {
    items: wires.slice(start, start + pageSize),
    pagination: {
      page: pageNo,
      pageSize,
      pageCount: Math.ceil(wires.length / pageSize),
      itemCount: wires.length,
    },
  };
}

/** Orders wire objects by one field ascending (the endpoints' default order). */
export function byField(field: string): Comparator {
  return compileOrder(`${field} ASC`);
}
