// Resource paths: segments like `SalesOrder(Document_Type='Order',No='101001')/SalesOrderSalesLines`.
// Quoted key values may contain '/' and ')', so segments are split outside quotes; key predicates
// are parsed by @odata/parser.
import { defaultParser, type Token } from '@odata/parser';
import type { NavContext } from '../context.js';
import { errors } from '../errors.js';
import type { AnyEntityDef, WireValue } from './edm.js';
import { formatLiteral } from './literals.js';
import { rowOf } from './query.js';
import { compareWire, literalFor } from './values.js';

export interface Segment {
  name: string;
  keyText?: string;
}

export function splitPath(path: string): Segment[] {
  const raw: string[] = [];
  let cur = '';
  let inQuote = false;
  for (let i = 0; i < path.length; i++) {
    const ch = path[i]!;
    if (ch === "'") inQuote = !inQuote;
    if (ch === '/' && !inQuote) {
      if (cur) raw.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur) raw.push(cur);
  return raw.map((s) => {
    const open = s.indexOf('(');
    if (open < 0 || !s.endsWith(')')) return { name: s };
    return { name: s.slice(0, open), keyText: s.slice(open + 1, -1) };
  });
}

interface KeyPart {
  name?: string;
  raw: string;
  type: string;
}

function parseKeys(keyText: string): KeyPart[] {
  let ast: Token;
  try {
    ast = defaultParser.keys(`(${keyText})`);
  } catch {
    throw errors.badRequest(`Bad Request - Error in query syntax.`);
  }
  if ((ast.type as string) === 'SimpleKey') {
    const v = (ast.value as { value: Token }).value;
    return [{ raw: v.raw, type: v.value as string }];
  }
  return (ast.value as Token[]).map((pair) => {
    const { key, value } = pair.value as { key: Token; value: Token };
    return { name: (key.value as { name: string }).name, raw: value.raw, type: value.value as string };
  });
}

/** Resolves `(keys)` against the records of a set. */
export function findByKey(def: AnyEntityDef, records: object[], keyText: string, ctx: NavContext): object {
  const parts = parseKeys(keyText);
  const wanted = new Map<string, WireValue>();
  const fieldsByName = new Map(def.fields.map((f) => [f.name, f]));
  if (parts.length === 1 && parts[0]!.name === undefined) {
    if (def.keys.length !== 1)
      throw errors.badRequest(
        `The number of keys specified in the URI does not match number of key properties for the resource '${def.typeName}'.`,
      );
    const field = fieldsByName.get(def.keys[0]!)!;
    wanted.set(field.name, literalFor(field, parts[0]!.raw, literalType(parts[0]!), 'Equal'));
  } else {
    for (const p of parts) {
      const field = p.name !== undefined && def.keys.includes(p.name) ? fieldsByName.get(p.name) : undefined;
      if (!field)
        throw errors.badRequest(
          `The key in the request URI is not valid for resource '${def.typeName}'. Ensure that the names and number of key properties match the declared or alternate key properties for the resource.`,
        );
      wanted.set(field.name, literalFor(field, p.raw, literalType(p), 'Equal'));
    }
    if (wanted.size !== def.keys.length)
      throw errors.badRequest(
        `The number of keys specified in the URI does not match number of key properties for the resource '${def.typeName}'.`,
      );
  }
  const hit = records.find((r) => {
    const row = rowOf(def, r, ctx);
    for (const [name, v] of wanted) {
      const f = fieldsByName.get(name)!;
      if (compareWire(f.type, row.get(name) ?? null, v, f.options !== undefined) !== 0) return false;
    }
    return true;
  });
  if (!hit) {
    const ident = [...wanted.entries()]
      .map(([k, v]) => `${k}=${formatLiteral(fieldsByName.get(k)!, v)}`)
      .join(',');
    throw errors.recordNotFound(def.caption, ident);
  }
  return hit;
}

function literalType(p: KeyPart): string {
  // The parser types bare numbers by size (Edm.Int16…) and quoted values as Edm.String.
  return p.type;
}

/** `('C00010')`, `(Document_Type='Order',No='101001')` or `(guid)` for a record. */
export function keyPredicate(def: AnyEntityDef, record: object, ctx: NavContext): string {
  const row = rowOf(def, record, ctx);
  const fieldsByName = new Map(def.fields.map((f) => [f.name, f]));
  if (def.keys.length === 1) {
    const k = def.keys[0]!;
    return `(${formatLiteral(fieldsByName.get(k)!, row.get(k) ?? null)})`;
  }
  return `(${def.keys.map((k) => `${k}=${formatLiteral(fieldsByName.get(k)!, row.get(k) ?? null)}`).join(',')})`;
}
