// The OData request engine both dialects share: resolves a resource path against entity
// definitions, then serves GET (collection, entity, $count), POST (create, deep insert, bound
// actions), PATCH/PUT and DELETE with NAV/BC's ETag rules and response shapes.
import type { Request, Response } from 'express';
import type { NavContext } from '../context.js';
import { errors, NavError } from '../errors.js';
import { checkIfMatch, makeEtag } from '../etag.js';
import { toJson } from '../json.js';
import type { ActionDef, AnyEntityDef, NavigationDef } from '../odata/edm.js';
import { findByKey, keyPredicate, splitPath } from '../odata/path.js';
import { applyQuery, parseQuery, serialize, typeLabel } from '../odata/query.js';
import { fromJson } from '../odata/values.js';

export interface ServiceConfig {
  namespace: 'NAV' | 'Microsoft.NAV';
  sets: AnyEntityDef[];
  /** Absolute service root ending in '/', e.g. http://host/DynamicsNAV110/ODataV4/. */
  root: string;
  pageSize: number;
}

export const JSON_TYPE = 'application/json; odata.metadata=minimal; odata.streaming=true; charset=utf-8';

export function sendJson(res: Response, status: number, body: unknown): void {
  res.status(status).setHeader('OData-Version', '4.0');
  res.type(JSON_TYPE).send(toJson(body));
}

interface Resolved {
  kind: 'collection' | 'entity' | 'count' | 'action';
  def: AnyEntityDef;
  /** Records of the collection (for collection/count) or the collection the entity came from. */
  records: object[];
  record?: object;
  parent?: { def: AnyEntityDef; record: object };
  nav?: NavigationDef<object>;
  action?: ActionDef<object>;
  /** Path after the company prefix, used for contexts and locations (keys formatted). */
  path: string;
  /** The path of the collection an entity belongs to (path without its last key). */
  collectionPath: string;
}

function resolve(cfg: ServiceConfig, rawPath: string, ctx: NavContext): Resolved {
  const segments = splitPath(rawPath);
  const first = segments[0];
  if (!first) throw errors.notFoundSegment('');
  const def = cfg.sets.find((s) => s.setName === first.name);
  if (!def || !def.list) throw errors.notFoundSegment(first.name);
  let cur: Resolved = {
    kind: 'collection',
    def,
    records: def.list(ctx),
    path: def.setName,
    collectionPath: def.setName,
  };
  const actionPrefix = `${cfg.namespace}.`;
  if (first.keyText !== undefined) {
    const record = findByKey(def, cur.records, first.keyText, ctx);
    cur = { ...cur, kind: 'entity', record, path: `${def.setName}${keyPredicate(def, record, ctx)}` };
  }
  for (const seg of segments.slice(1)) {
    if (cur.kind === 'collection' && seg.name === '$count' && seg.keyText === undefined) {
      cur = { ...cur, kind: 'count' };
      continue;
    }
    if (cur.kind !== 'entity' || !cur.record) throw errors.notFoundSegment(seg.name);
    if (seg.name.startsWith(actionPrefix)) {
      const name = seg.name.slice(actionPrefix.length);
      const action = cur.def.actions?.find((a) => a.name === name);
      if (!action) throw errors.notFoundSegment(seg.name);
      cur = { ...cur, kind: 'action', action, path: `${cur.path}/${seg.name}` };
      continue;
    }
    const nav = cur.def.navigations?.find((n) => n.name === seg.name);
    if (!nav) throw errors.notFoundSegment(seg.name);
    const parent = { def: cur.def, record: cur.record };
    const records = nav.list(cur.record, ctx) as object[];
    const navPath = `${cur.path}/${nav.name}`;
    cur = {
      kind: 'collection',
      def: nav.target,
      records,
      parent,
      nav,
      path: navPath,
      collectionPath: navPath,
    };
    if (seg.keyText !== undefined) {
      const record = findByKey(nav.target, records, seg.keyText, ctx);
      cur = { ...cur, kind: 'entity', record, path: `${cur.path}${keyPredicate(nav.target, record, ctx)}` };
    }
  }
  return cur;
}

function contextUrl(cfg: ServiceConfig, path: string, select?: string[], entity = false): string {
  const sel = select ? `(${select.join(',')})` : '';
  return `${cfg.root}$metadata#${encodeURI(path)}${sel}${entity ? '/$entity' : ''}`;
}

function isAnnotation(key: string): boolean {
  return key.startsWith('@') || key.includes('@odata.');
}

/** Applies a JSON body to a record through the field setters (type-checked like BC). */
function applyBody(
  def: AnyEntityDef,
  record: object,
  body: Record<string, unknown>,
  ctx: NavContext,
  namespace: string,
): void {
  for (const key of Object.keys(body)) {
    if (isAnnotation(key) || def.navigations?.some((n) => n.name === key)) continue;
    if (!def.fields.some((f) => f.name === key)) {
      throw errors.badRequest(
        `The property '${key}' does not exist on type '${typeLabel(def, namespace)}'. Make sure to only use property names that are defined by the type.`,
      );
    }
  }
  // Fields are validated in page order, not JSON order (as NAV/BC do): e.g. a line's No. (which
  // pulls the item's price) before its Unit Price.
  for (const field of def.fields) {
    if (!(field.name in body)) continue;
    const key = field.name;
    const value = body[key];
    const converted = fromJson(field, value);
    if (!field.set) {
      const current = field.get(record, ctx);
      const same =
        current === converted ||
        (current !== null && converted !== null && String(current) === String(converted));
      if (same) continue; // round-tripped read-only values (id, number…) are tolerated
      throw errors.readOnly(key);
    }
    field.set(record, converted, ctx);
  }
}

function bodyOf(req: Request): Record<string, unknown> {
  const body: unknown = req.body;
  if (
    body === undefined ||
    body === null ||
    (typeof body === 'object' &&
      Object.keys(body).length === 0 &&
      req.headers['content-length'] === undefined)
  )
    return {};
  if (typeof body !== 'object' || Array.isArray(body)) throw errors.badRequest('Invalid Request Body');
  return body as Record<string, unknown>;
}

function notifyChange(
  r: Resolved,
  ctx: NavContext,
  record: object,
  changeType: 'created' | 'updated' | 'deleted',
): void {
  // A document line's change is a change of its document; the company is not a subscribable parent.
  if (r.parent?.def.webhookSet) {
    ctx.state.emit(r.parent.def.webhookSet, r.parent.def.identity(r.parent.record).id, 'updated');
    return;
  }
  if (r.def.webhookSet) ctx.state.emit(r.def.webhookSet, r.def.identity(record).id, changeType);
}

export function handleOData(
  cfg: ServiceConfig,
  req: Request,
  res: Response,
  ctx: NavContext,
  rawPath: string,
): void {
  const r = resolve(cfg, rawPath, ctx);
  const method = req.method.toUpperCase();
  const query = req.query as Record<string, unknown>;

  if (r.kind === 'count') {
    if (method !== 'GET') throw errors.methodNotAllowed(method, r.def.setName);
    const opts = parseQuery(query, r.def, cfg.namespace);
    const { top: _top, skip: _skip, ...counted } = opts;
    const page = applyQuery(r.def, r.records, ctx, counted, Number.MAX_SAFE_INTEGER);
    res.status(200).setHeader('OData-Version', '4.0');
    res.type('text/plain; charset=utf-8').send(String(page.count));
    return;
  }

  if (r.kind === 'action') {
    if (method !== 'POST') throw errors.methodNotAllowed(method, r.path);
    const { id, rev } = r.def.identity(r.record!);
    // Bound actions check the ETag only when one is supplied.
    checkIfMatch(req.header('if-match'), makeEtag(id, rev), false);
    r.action!.run(r.record!, ctx);
    res.status(204).setHeader('OData-Version', '4.0');
    res.end();
    return;
  }

  if (r.kind === 'collection') {
    if (method === 'GET') {
      const opts = parseQuery(query, r.def, cfg.namespace);
      const page = applyQuery(r.def, r.records, ctx, opts, cfg.pageSize);
      const body: Record<string, unknown> = { '@odata.context': contextUrl(cfg, r.path, opts.select) };
      if (opts.count) body['@odata.count'] = page.count;
      body.value = page.records.map((x) => serialize(r.def, x.record, ctx, opts.select, opts.expand, x.row));
      if (page.nextSkiptoken !== undefined) {
        const params: string[] = [];
        const enc = (v: string) => encodeURIComponent(v).replace(/%27/g, "'").replace(/%2C/g, ',');
        for (const [k, v] of Object.entries(query)) {
          if (k === '$skip' || k === '$skiptoken' || k === '$top' || typeof v !== 'string') continue;
          params.push(`${k}=${enc(v)}`);
        }
        if (page.remainingTop !== undefined) params.push(`$top=${page.remainingTop}`);
        params.push(`$skiptoken=${enc(page.nextSkiptoken)}`);
        body['@odata.nextLink'] = `${cfg.root}${encodeURI(r.path)}?${params.join('&')}`;
      }
      sendJson(res, 200, body);
      return;
    }
    if (method === 'POST') {
      const create = r.nav ? r.nav.create?.bind(r.nav, r.parent!.record) : r.def.create?.bind(r.def);
      if (!create || !r.def.insert) throw errors.methodNotAllowed(method, r.def.setName);
      const body = bodyOf(req);
      const record = create(ctx) as object;
      applyBody(r.def, record, body, ctx, cfg.namespace);
      r.def.insert(record, ctx, r.parent?.record);
      try {
        for (const nav of r.def.navigations ?? []) {
          const children = body[nav.name];
          if (children === undefined) continue;
          if (!Array.isArray(children) || !nav.create || !nav.target.insert)
            throw errors.badRequest(`Deep insert of '${nav.name}' is not supported.`);
          for (const childBody of children as Record<string, unknown>[]) {
            const child = nav.create(record, ctx) as object;
            applyBody(nav.target, child, childBody, ctx, cfg.namespace);
            nav.target.insert(child, ctx, record);
          }
        }
      } catch (err) {
        r.def.remove?.(record, ctx, r.parent?.record);
        throw err;
      }
      notifyChange(r, ctx, record, 'created');
      const path = `${r.path}${keyPredicate(r.def, record, ctx)}`;
      const { id, rev } = r.def.identity(record);
      res.setHeader('Location', `${cfg.root}${encodeURI(path)}`);
      res.setHeader('ETag', makeEtag(id, rev));
      const expand = (r.def.navigations ?? [])
        .filter((n) => body[n.name] !== undefined)
        .map((n) => ({ name: n.name }));
      sendJson(res, 201, {
        '@odata.context': contextUrl(cfg, r.path, undefined, true),
        ...serialize(r.def, record, ctx, undefined, expand),
      });
      return;
    }
    throw errors.methodNotAllowed(method, r.def.setName);
  }

  // A single entity.
  const record = r.record!;
  const { id, rev } = r.def.identity(record);
  if (method === 'GET') {
    const opts = parseQuery(query, r.def, cfg.namespace);
    res.setHeader('ETag', makeEtag(id, rev));
    sendJson(res, 200, {
      '@odata.context': contextUrl(cfg, r.collectionPath, opts.select, true),
      ...serialize(r.def, record, ctx, opts.select, opts.expand),
    });
    return;
  }
  if (method === 'PATCH' || method === 'PUT' || method === 'MERGE') {
    if (!r.def.modified) throw errors.methodNotAllowed(method, r.def.setName);
    checkIfMatch(req.header('if-match'), makeEtag(id, rev), true);
    const body = bodyOf(req);
    const copy = { ...record };
    const restore = r.def.snapshot ? r.def.snapshot(record) : () => Object.assign(record, copy);
    try {
      applyBody(r.def, record, body, ctx, cfg.namespace);
      r.def.modified(record, ctx, r.parent?.record);
    } catch (err) {
      restore();
      throw err;
    }
    notifyChange(r, ctx, record, 'updated');
    const after = r.def.identity(record);
    res.setHeader('ETag', makeEtag(after.id, after.rev));
    sendJson(res, 200, {
      '@odata.context': contextUrl(cfg, r.collectionPath, undefined, true),
      ...serialize(r.def, record, ctx),
    });
    return;
  }
  if (method === 'DELETE') {
    if (!r.def.remove) throw errors.methodNotAllowed(method, r.def.setName);
    checkIfMatch(req.header('if-match'), makeEtag(id, rev), true);
    r.def.remove(record, ctx, r.parent?.record);
    notifyChange(r, ctx, record, 'deleted');
    res.status(204).setHeader('OData-Version', '4.0');
    res.end();
    return;
  }
  throw errors.methodNotAllowed(method, r.def.setName);
}

export { NavError };
