// Reads: an entity page by page, whole or changed since a moment (resumable from a checkpoint,
// skipping records unchanged since they were delivered), records by id in as few requests as the
// URL length allows, one record with its etag, and the first record matching a filter.
import type { Checkpoint, ConnectorEntity, ListOptions, ListPage, RemoteRecord } from '../system.js';
import { ConnectorError } from '../errors.js';
import { chunks, collectionUrl, entityUrl, readQuery, sources, type NavContext } from './context.js';
import { contentHash } from './mapper-common.js';
import { mapAll, mapOrThrow } from './mapping.js';
import { raw, sameFieldOr } from './odata.js';
import type { Source } from './sources.js';

/** Per entity: externalId → hash of what was last delivered (delta de-duplication). */
export type Delivered = Map<ConnectorEntity, Map<string, string>>;

export async function* listPages<E extends ConnectorEntity>(
  cx: NavContext,
  delivered: Delivered,
  entity: E,
  options: ListOptions = {},
): AsyncGenerator<ListPage<E>> {
  const list = sources(cx, entity);
  const cp = options.checkpoint ?? null;
  let index = typeof cp?.source === 'number' ? cp.source : 0;
  let resume = typeof cp?.next === 'string' ? cp.next : null;
  const sinceIso = typeof cp?.since === 'string' ? cp.since : (options.modifiedSince?.toISOString() ?? null);
  const since = sinceIso ? new Date(sinceIso) : null;
  const after = typeof cp?.after === 'number' ? cp.after : (options.afterEntryNo ?? null);
  const seen = deliveredFor(delivered, entity);
  for (; index < list.length; index += 1) {
    const s = list[index]!;
    const url = resume ?? collectionUrl(cx, s, listQuery(s, since, after));
    resume = null;
    for await (const page of cx.http.pages(url)) {
      const records: RemoteRecord<E>[] = [];
      const mapped = await mapAll(cx, s, page.values);
      for (const record of mapped as RemoteRecord<E>[]) {
        const hash = contentHash({ data: record.data, version: record.version, active: record.active });
        // A delta re-reads its boundary (NAV: the whole day); records unchanged since we delivered them are skipped.
        if (since && seen.get(record.externalId) === hash) continue;
        seen.set(record.externalId, hash);
        records.push(record);
      }
      const last = page.next === null && index === list.length - 1;
      const checkpoint: Checkpoint | null = last
        ? null
        : page.next !== null
          ? { source: index, next: page.next, since: sinceIso, after }
          : { source: index + 1, next: null, since: sinceIso, after };
      yield { records, checkpoint };
    }
  }
}

function deliveredFor(delivered: Delivered, entity: ConnectorEntity): Map<string, string> {
  let m = delivered.get(entity);
  if (!m) {
    m = new Map();
    delivered.set(entity, m);
  }
  return m;
}

/** A listing's query: changed since a moment, or (ledgers) numbered after an entry, in that order. */
function listQuery(s: Source, since: Date | null, after: number | null) {
  if (s.sequence) {
    const query = readQuery(s, after !== null ? { [s.sequence]: { gt: after } } : undefined);
    return { ...query, orderBy: s.sequence };
  }
  return readQuery(s, since ? sinceFilter(s, since) : undefined);
}

/** NAV: Last_Date_Modified ge <day> (a DATE: the boundary day is re-read); BC: lastModifiedDateTime ge <instant>. */
function sinceFilter(s: Source, since: Date): unknown {
  if (!s.modified) return undefined;
  if (s.modified.kind === 'date')
    return { [s.modified.field]: { ge: raw(since.toISOString().slice(0, 10)) } };
  return { [s.modified.field]: { ge: since } };
}

export async function getMany<E extends ConnectorEntity>(
  cx: NavContext,
  entity: E,
  externalIds: readonly string[],
): Promise<Map<string, RemoteRecord<E>>> {
  const out = new Map<string, RemoteRecord<E>>();
  const list = sources(cx, entity);
  const unique = [...new Set(externalIds)];
  for (const s of list) {
    const mine = unique
      .filter((id) =>
        s.idPrefix ? id.startsWith(s.idPrefix) : !list.some((o) => o.idPrefix && id.startsWith(o.idPrefix)),
      )
      .map((id) => id.slice(s.idPrefix.length))
      // An entry number that is not a number cannot exist (and NAV would refuse the filter).
      .filter((id) => s.idType !== 'int' || /^\d+$/.test(id));
    if (mine.length === 0) continue;
    const urlFor = (chunk: readonly string[]) =>
      collectionUrl(cx, s, readQuery(s, sameFieldOr(s.idField, chunk, s.idType)));
    for (const chunk of chunks(cx, mine, urlFor)) {
      for (const record of await mapAll(cx, s, await cx.http.all(urlFor(chunk)))) {
        out.set(record.externalId, record as RemoteRecord<E>);
      }
    }
  }
  return out;
}

/** One record with its etag, or null when it does not exist. */
export async function getOne(
  cx: NavContext,
  s: Source,
  id: string,
): Promise<{ raw: Record<string, unknown>; record: RemoteRecord } | null> {
  try {
    const data = await cx.http.getJson(
      entityUrl(cx, s, id, s.lines ? { expand: { name: s.lines.navigation } } : {}),
    );
    const rawRecord = data as Record<string, unknown>;
    return { raw: rawRecord, record: mapOrThrow(s, rawRecord) };
  } catch (err) {
    if (err instanceof ConnectorError && err.details.status === 404) return null;
    throw err;
  }
}

export async function findBy(
  cx: NavContext,
  s: Source,
  filter: Record<string, unknown>,
): Promise<RemoteRecord | null> {
  const rows = await cx.http.all(collectionUrl(cx, s, readQuery(s, filter)));
  return rows[0] === undefined ? null : ((await mapAll(cx, s, [rows[0]]))[0] ?? null);
}
