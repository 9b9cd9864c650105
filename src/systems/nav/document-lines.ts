// A document's lines, which NAV and BC write apart from its header: on an update the changes that
// make them the draft's, and after a NAV create the lines not written yet (never one twice).
import type { ConnectorEntity, DocumentDraft, RemoteRecord, WriteRequest } from '../system.js';
import { ConnectorError } from '../errors.js';
import { entityUrl, isDocument, writeSource, type DocumentEntity, type NavContext } from './context.js';
import { diff } from './diff.js';
import { bcLineToWire } from './mapper-bc.js';
import { str } from './mapper-common.js';
import { lineNoOf, navLineToWire } from './mapper-nav.js';
import { keyPredicate, segment, type KeyValue } from './odata.js';
import { getOne } from './reads.js';
import { DRAFT_PREFIX, type Source } from './sources.js';

/** One change to a document's lines, in the order it is sent. */
export interface LineChange {
  method: 'PATCH' | 'POST' | 'DELETE';
  url: string;
  body?: Record<string, unknown>;
  ifMatch?: string;
}

/**
 * What to send so a document's lines become the draft's: PATCH the changed ones (only the
 * changed fields, with the line's own etag), POST the new ones, DELETE the ones no longer there.
 * Lines are matched by their number (NAV Line_No, BC sequence).
 */
export function planLineChanges(
  cx: NavContext,
  entity: DocumentEntity,
  s: Source,
  key: string,
  draft: DocumentDraft,
  currentRaw: Record<string, unknown>,
): LineChange[] {
  const navigation = cx.source.lines(s.key);
  const side = entity === 'bill' ? 'purchase' : 'sales';
  const linesUrl = `${entityUrl(cx, s, key)}/${segment(navigation)}`;
  const value = currentRaw[navigation];
  const current = (Array.isArray(value) ? value : []) as Record<string, unknown>[];
  const numberOf = (l: Record<string, unknown>) => Number(cx.nav ? l.Line_No : l.sequence);
  const lineUrl = (l: Record<string, unknown>) => {
    if (!cx.nav) return `${linesUrl}(${str(l.id)})`;
    const docType = s.keyOf(key).find(([k]) => k === 'Document_Type')?.[1] ?? 'Invoice';
    const parts: (readonly [string, KeyValue])[] = [
      ['Document_Type', docType],
      ['Document_No', key],
      ['Line_No', numberOf(l)],
    ];
    return `${linesUrl}${keyPredicate(parts)}`;
  };
  const etagOf = (l: Record<string, unknown>) =>
    typeof l['@odata.etag'] === 'string' ? l['@odata.etag'] : '*';
  const out: LineChange[] = [];
  const wantedNumbers = new Set<number>();
  draft.lines.forEach((line, i) => {
    const wire = cx.nav ? navLineToWire(line, i, cx.source.nav, side) : bcLineToWire(line, i, side);
    const no = Number(cx.nav ? wire.Line_No : wire.sequence);
    wantedNumbers.add(no);
    const existing = current.find((l) => numberOf(l) === no);
    if (!existing) {
      out.push({ method: 'POST', url: linesUrl, body: wire });
      return;
    }
    const changed = diff(wire, existing);
    if (Object.keys(changed).length > 0)
      out.push({ method: 'PATCH', url: lineUrl(existing), body: changed, ifMatch: etagOf(existing) });
  });
  for (const l of current) {
    if (!wantedNumbers.has(numberOf(l))) out.push({ method: 'DELETE', url: lineUrl(l), ifMatch: etagOf(l) });
  }
  // Deletions first: a line number freed by a delete may be reused by a new line.
  return [...out.filter((c) => c.method === 'DELETE'), ...out.filter((c) => c.method !== 'DELETE')];
}

/**
 * NAV documents: header first, then the lines that are not there yet (so a retry never doubles
 * a line). A line NAV refuses removes the half-made document, so nothing partial stays. (BC
 * takes a document and its lines in one deep insert, which BC applies all or nothing.)
 */
export async function completeDocument(
  cx: NavContext,
  entity: ConnectorEntity,
  req: WriteRequest,
  record: RemoteRecord,
): Promise<RemoteRecord> {
  if (!isDocument(entity) || !cx.nav || !record.externalId.startsWith(DRAFT_PREFIX)) return record;
  const s = writeSource(cx, entity);
  const no = record.externalId.slice(DRAFT_PREFIX.length);
  const draft = req.data as DocumentDraft;
  const side = entity === 'bill' ? 'purchase' : 'sales';
  const have = new Set(record.data && 'lines' in record.data ? record.data.lines.map((l) => l.lineNo) : []);
  const linesUrl = `${entityUrl(cx, s, no)}/${segment(cx.source.lines(s.key))}`;
  try {
    for (const [i, line] of draft.lines.entries()) {
      if (have.has(lineNoOf(line, i))) continue;
      await cx.http.request('POST', linesUrl, { body: navLineToWire(line, i, cx.source.nav, side) });
    }
  } catch (err) {
    if (err instanceof ConnectorError && err.kind === 'validation') {
      await cx.http.request('DELETE', entityUrl(cx, s, no), { ifMatch: '*' }).catch(() => undefined);
    }
    throw err;
  }
  return (await getOne(cx, s, no))?.record ?? record;
}
