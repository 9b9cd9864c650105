// Query options ($filter $select $orderby $top $skip $skiptoken $count $expand) applied to a set,
// with NAV's server-driven paging: pages of `pageSize` and an @odata.nextLink carrying $skiptoken.
import { defaultParser, type Token } from '@odata/parser';
import type { NavContext } from '../context.js';
import { errors } from '../errors.js';
import { makeEtag } from '../etag.js';
import type { AnyEntityDef, FieldDef, WireValue } from './edm.js';
import { compileFilter, type Predicate, type Row } from './filter.js';
import { formatLiteral, parseLiteralList } from './literals.js';
import { compareWire, literalFor } from './values.js';

export interface OrderItem {
  field: FieldDef<object>;
  desc: boolean;
}

export interface ExpandItem {
  name: string;
  select?: string[];
}

export interface QueryOptions {
  filter?: Predicate;
  select?: string[];
  orderby: OrderItem[];
  top?: number;
  skip?: number;
  skiptoken?: string;
  count: boolean;
  expand: ExpandItem[];
}

const known = new Set([
  '$filter',
  '$select',
  '$orderby',
  '$top',
  '$skip',
  '$skiptoken',
  '$count',
  '$expand',
  '$format',
  '$schemaversion',
]);
// Non-$ parameters NAV/BC accept on the URL (company selection, BC's aid=FIN, tenant).
const passThrough = new Set(['company', 'aid', 'tenant']);

function nonNegativeInt(name: string, value: string): number {
  if (!/^\d+$/.test(value))
    throw errors.badRequest(
      `Invalid value '${value}' for ${name} query option found. The ${name} query option requires a non-negative integer value.`,
    );
  return Number(value);
}

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) parts.push(cur.trim());
  return parts;
}

export function typeLabel(def: AnyEntityDef, namespace: string): string {
  return `${namespace}.${def.typeName}`;
}

function checkSelect(def: AnyEntityDef, names: string[], typeName: string): string[] {
  for (const n of names) if (!def.fields.some((f) => f.name === n)) throw errors.noProperty(n, typeName);
  return names;
}

export function parseQuery(
  query: Record<string, unknown>,
  def: AnyEntityDef,
  namespace: string,
): QueryOptions {
  const typeName = typeLabel(def, namespace);
  const get = (k: string): string | undefined => {
    const v = query[k];
    if (Array.isArray(v))
      throw errors.badRequest(
        `Query option '${k}' was specified more than once, but it must be specified at most once.`,
      );
    return typeof v === 'string' ? v : undefined;
  };
  for (const k of Object.keys(query)) {
    if (k.startsWith('$') && !known.has(k))
      throw errors.badRequest(`The query parameter '${k}' is not supported.`);
    if (!k.startsWith('$') && !passThrough.has(k)) continue;
  }
  const opts: QueryOptions = { orderby: [], count: false, expand: [] };
  const filter = get('$filter');
  if (filter !== undefined && filter.trim() !== '') opts.filter = compileFilter(filter, def, typeName);
  const select = get('$select');
  if (select !== undefined && select.trim() !== '') {
    opts.select = checkSelect(
      def,
      select
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      typeName,
    );
  }
  const orderby = get('$orderby');
  if (orderby !== undefined && orderby.trim() !== '') {
    let ast: Token;
    try {
      ast = defaultParser.query(`$orderby=${orderby}`);
    } catch {
      throw errors.badRequest(`Syntax error at position ${orderby.length} in '${orderby}'.`);
    }
    const option = (ast.value as { options: Token[] }).options[0];
    const items = (option?.value as { items: Token[] } | undefined)?.items ?? [];
    for (const item of items) {
      const { expr, direction } = item.value as { expr: Token; direction: number };
      const name = expr.raw;
      const field = def.fields.find((f) => f.name === name);
      if (!field) throw errors.noProperty(name, typeName);
      opts.orderby.push({ field, desc: direction === -1 });
    }
  }
  const top = get('$top');
  if (top !== undefined) opts.top = nonNegativeInt('$top', top);
  const skip = get('$skip');
  if (skip !== undefined) opts.skip = nonNegativeInt('$skip', skip);
  const skiptoken = get('$skiptoken');
  if (skiptoken !== undefined) opts.skiptoken = skiptoken;
  const count = get('$count');
  if (count !== undefined) {
    if (count !== 'true' && count !== 'false')
      throw errors.badRequest(`'${count}' is not a valid count option.`);
    opts.count = count === 'true';
  }
  const expand = get('$expand');
  if (expand !== undefined && expand.trim() !== '') {
    for (const part of splitTopLevel(expand)) {
      const open = part.indexOf('(');
      const name = (open >= 0 ? part.slice(0, open) : part).trim();
      const nav = def.navigations?.find((n) => n.name === name);
      if (!nav) throw errors.noProperty(name, typeName);
      const item: ExpandItem = { name };
      if (open >= 0) {
        const inner = part.slice(open + 1, part.lastIndexOf(')'));
        for (const opt of inner.split(';')) {
          const [k, v = ''] = opt.split('=');
          if (k?.trim() === '$select') {
            item.select = checkSelect(
              nav.target,
              v
                .split(',')
                .map((s) => s.trim())
                .filter(Boolean),
              typeLabel(nav.target, namespace),
            );
          } else
            throw errors.notImplemented(`The nested query option '${k ?? ''}' is not supported in $expand.`);
        }
      }
      opts.expand.push(item);
    }
  }
  return opts;
}

const fieldMaps = new WeakMap<AnyEntityDef, Map<string, FieldDef<object>>>();

function fieldsOf(def: AnyEntityDef): Map<string, FieldDef<object>> {
  let fields = fieldMaps.get(def);
  if (!fields) {
    fields = new Map(def.fields.map((f) => [f.name, f]));
    fieldMaps.set(def, fields);
  }
  return fields;
}

/**
 * A record's wire values, each computed when first asked for and then kept: $filter and $orderby
 * compute only the fields they name, and the other fields (FlowFields such as a balance among them)
 * are computed only for the records a page returns, and only those $select keeps.
 */
class LazyRow implements Row {
  private values: Map<string, WireValue> | undefined;

  constructor(
    private readonly fields: Map<string, FieldDef<object>>,
    private readonly record: object,
    private readonly ctx: NavContext,
  ) {}

  get(name: string): WireValue | undefined {
    if (this.values?.has(name)) return this.values.get(name);
    const field = this.fields.get(name);
    if (!field) return undefined;
    const value = field.get(this.record, this.ctx);
    (this.values ??= new Map()).set(name, value);
    return value;
  }
}

export function rowOf(def: AnyEntityDef, record: object, ctx: NavContext): Row {
  return new LazyRow(fieldsOf(def), record, ctx);
}

export function serialize(
  def: AnyEntityDef,
  record: object,
  ctx: NavContext,
  select?: string[],
  expand: ExpandItem[] = [],
  row?: Row,
): Record<string, unknown> {
  const { id, rev } = def.identity(record);
  const out: Record<string, unknown> = { '@odata.etag': makeEtag(id, rev) };
  const values = row ?? rowOf(def, record, ctx);
  for (const f of def.fields) {
    if (select && !select.includes(f.name)) continue;
    out[f.name] = values.get(f.name) ?? null;
  }
  for (const e of expand) {
    const nav = def.navigations?.find((n) => n.name === e.name);
    if (!nav) continue;
    out[e.name] = nav.list(record, ctx).map((child) => serialize(nav.target, child as object, ctx, e.select));
  }
  return out;
}

interface Ordered {
  record: object;
  row: Row;
  /** Values of the sort fields, in sort order. */
  keys: WireValue[];
}

function sortFields(def: AnyEntityDef, opts: QueryOptions): OrderItem[] {
  const items = [...opts.orderby];
  for (const k of def.keys) {
    if (!items.some((i) => i.field.name === k)) {
      const field = def.fields.find((f) => f.name === k);
      if (field) items.push({ field, desc: false });
    }
  }
  return items;
}

function comparator(items: OrderItem[]): (a: WireValue[], b: WireValue[]) => number {
  return (a, b) => {
    for (let i = 0; i < items.length; i++) {
      const { field, desc } = items[i]!;
      const c = compareWire(field.type, a[i] ?? null, b[i] ?? null, field.options !== undefined);
      if (c !== 0) return desc ? -c : c;
    }
    return 0;
  };
}

export interface PageResult {
  records: Ordered[];
  count: number;
  /** $skiptoken for the next page, when there is one. */
  nextSkiptoken?: string;
  /** $top still to serve after this page. */
  remainingTop?: number;
}

/** Filters, orders and pages; `keepOrder` = the set's natural order (used when no $orderby). */
export function applyQuery(
  def: AnyEntityDef,
  records: object[],
  ctx: NavContext,
  opts: QueryOptions,
  pageSize: number,
): PageResult {
  const items = sortFields(def, opts);
  const cmp = comparator(items);
  let anchor: WireValue[] | undefined;
  if (opts.skiptoken !== undefined) {
    const values = parseLiteralList(opts.skiptoken);
    if (values.length !== items.length)
      throw errors.badRequest(`The skip token value '${opts.skiptoken}' is not valid.`);
    anchor = items.map((it, i) => {
      const lit = values[i]!;
      return literalFor(it.field, lit.raw, lit.type, 'skiptoken');
    });
  }
  // One pass: the filter (every match is counted), then the sort fields, dropping the rows up to
  // the skip token before any sorting. Sorting the rows left gives the same rows in the same
  // order as sorting first and skipping after (the sort is stable), with fewer to sort on each
  // later page.
  let rows: Ordered[] = [];
  let count = 0;
  for (const record of records) {
    const row = rowOf(def, record, ctx);
    if (opts.filter && !opts.filter(row)) continue;
    count += 1;
    const keys = items.map((it) => row.get(it.field.name) ?? null);
    if (anchor && cmp(keys, anchor) <= 0) continue;
    rows.push({ record, row, keys });
  }
  rows.sort((a, b) => cmp(a.keys, b.keys));
  if (anchor === undefined && opts.skip) rows = rows.slice(opts.skip);
  let limit = rows.length;
  if (opts.top !== undefined) limit = Math.min(limit, opts.top);
  const page = rows.slice(0, Math.min(limit, pageSize));
  const result: PageResult = { records: page, count };
  if (limit > page.length && page.length > 0) {
    const last = page[page.length - 1]!;
    result.nextSkiptoken = items.map((it, i) => formatLiteral(it.field, last.keys[i] ?? null)).join(',');
    if (opts.top !== undefined) result.remainingTop = opts.top - page.length;
  }
  return result;
}

export type { WireValue };
