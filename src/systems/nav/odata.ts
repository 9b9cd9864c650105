// OData URL building within NAV's dialect: key predicates (composite keys, quoted strings, bare
// GUIDs), query strings through odata-query, and `or` filters on ONE field chunked to a safe URL
// length (NAV rejects `or` across different fields and has no `in`).
import * as odataQuery from 'odata-query';

// odata-query ships one .d.ts for its ESM and CJS builds; under NodeNext TypeScript reads it as CJS,
// so the default export is reached through the namespace (at run time Node loads the ESM build).
type BuildQuery = (options: Record<string, unknown>) => string;
const ns = odataQuery as unknown as { default: BuildQuery | { default: BuildQuery } };
const buildQuery: BuildQuery = typeof ns.default === 'function' ? ns.default : ns.default.default;
const { guid, raw } = odataQuery;

export type KeyValue = string | number | { guid: string };

/** Percent-encodes one path segment's literal (quotes doubled, then URI-encoded). */
function literal(value: KeyValue): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'object') return value.guid;
  return `'${encodeURIComponent(value.replace(/'/g, "''"))}'`;
}

/** `('C00010')`, `(Document_Type='Invoice',No='1001')` or `(5a7c…)` for a BC id. */
export function keyPredicate(keys: readonly (readonly [string, KeyValue])[]): string {
  if (keys.length === 1) return `(${literal(keys[0]![1])})`;
  return `(${keys.map(([k, v]) => `${k}=${literal(v)}`).join(',')})`;
}

export function segment(name: string): string {
  return encodeURIComponent(name).replace(/%2F/gi, '/');
}

export interface QueryParts {
  filter?: unknown;
  select?: readonly string[] | undefined;
  expand?: { name: string; select?: readonly string[] | undefined } | undefined;
  top?: number | undefined;
  orderBy?: string | undefined;
}

/** "?$select=…&$filter=…&$expand=…" with every literal encoded. */
export function queryString(q: QueryParts): string {
  const options: Record<string, unknown> = {};
  if (q.filter !== undefined) options.filter = q.filter;
  if (q.select?.length) options.select = [...q.select];
  if (q.expand) {
    options.expand = q.expand.select?.length
      ? { [q.expand.name]: { select: [...q.expand.select] } }
      : q.expand.name;
  }
  if (q.top !== undefined) options.top = q.top;
  if (q.orderBy !== undefined) options.orderBy = q.orderBy;
  return buildQuery(options).replace(/ /g, '%20');
}

export type FilterValueType = 'string' | 'int' | 'guid';

/** An odata-query filter value of the field's EDM type. */
export function filterValue(value: string, type: FilterValueType): unknown {
  if (type === 'int') return raw(String(Number(value)));
  if (type === 'guid') return guid(value);
  return value;
}

/** `field eq v1 or field eq v2 …` as an odata-query filter object. */
export function sameFieldOr(field: string, values: readonly string[], type: FilterValueType): unknown {
  if (values.length === 1) return { [field]: filterValue(values[0]!, type) };
  return { or: values.map((v) => ({ [field]: filterValue(v, type) })) };
}

/**
 * Splits `values` into chunks whose full URL (`base` + query built by `build`) stays within
 * `maxUrlLength`, and at most `maxPerChunk` values each.
 */
export function chunkByUrlLength(
  values: readonly string[],
  maxUrlLength: number,
  maxPerChunk: number,
  urlFor: (chunk: readonly string[]) => string,
): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  for (const v of values) {
    const next = [...current, v];
    if (current.length > 0 && (next.length > maxPerChunk || urlFor(next).length > maxUrlLength)) {
      chunks.push(current);
      current = [v];
    } else {
      current = next;
    }
    if (current.length === 1 && urlFor(current).length > maxUrlLength) {
      throw new RangeError(`a single key makes the URL longer than ${maxUrlLength} characters`);
    }
  }
  if (current.length) chunks.push(current);
  return chunks;
}

export { raw };
