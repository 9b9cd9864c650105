// Posting a sales invoice or bill: on request (post) and right after a write whose status says the
// document counts in the books. Safe to repeat: a document already posted is found, not posted twice.
import type { ConnectorEntity, DocumentDraft, RemoteRecord, WriteRequest } from '../system.js';
import { ConnectorError } from '../errors.js';
import { entityUrl, writeSource, type NavContext } from './context.js';
import { findPosted } from './natural-keys.js';
import { getMany, getOne } from './reads.js';
import { DRAFT_PREFIX } from './sources.js';
import { toConnectorError } from './write-errors.js';

/** What a write's status asks for when it says the document counts in the books. */
const POSTED_STATUSES: ReadonlySet<DocumentDraft['status']> = new Set(['AUTHORISED', 'POSTED', 'PAID']);

/** Create and post: an invoice or bill whose write says it counts in the books is posted. */
export async function finish(
  cx: NavContext,
  entity: ConnectorEntity,
  req: WriteRequest,
  record: RemoteRecord,
): Promise<RemoteRecord> {
  if (entity !== 'invoice' && entity !== 'bill') return record;
  if (cx.options.postDocuments === false || !cx.postAction) return record;
  if (!POSTED_STATUSES.has((req.data as DocumentDraft).status)) return record;
  if ((record.data as DocumentDraft).status !== 'DRAFT') return record;
  return post(cx, entity, record.externalId);
}

/**
 * Posts an unposted sales invoice or bill (NAV: the published bound action, `NAV.Post` in our
 * sandbox; BC: Microsoft.NAV.post) and returns the posted record. Safe to retry: a document
 * that is already posted is found instead of posted twice.
 */
export async function post(
  cx: NavContext,
  entity: 'invoice' | 'bill',
  externalId: string,
): Promise<RemoteRecord<'invoice'>> {
  const action = cx.postAction;
  if (!action)
    throw new ConnectorError('validation', 'posting is disabled (postAction: null)', { system: 'NAV' });
  const s = writeSource(cx, entity);
  const notFound = () =>
    new ConnectorError('validation', `${entity} ${externalId} not found`, { system: 'NAV', status: 404 });
  if (cx.nav) {
    if (!externalId.startsWith(DRAFT_PREFIX)) {
      const hit = (await getMany(cx, entity, [externalId])).get(externalId);
      if (hit) return hit as RemoteRecord<'invoice'>;
      throw notFound();
    }
    const no = externalId.slice(DRAFT_PREFIX.length);
    const draft = await getOne(cx, s, no);
    if (draft) {
      try {
        await cx.http.request('POST', `${entityUrl(cx, s, no)}/${action}`, {});
      } catch (err) {
        const ce = toConnectorError(err);
        // 404 after an unknown outcome: it was posted by the first attempt.
        if (!(ce.kind === 'unknown-outcome' || ce.details.status === 404)) throw ce;
      }
    }
    const posted = await findPosted(cx, entity, no);
    if (posted) return posted as RemoteRecord<'invoice'>;
    if (!draft) throw notFound();
    throw new ConnectorError(
      'unknown-outcome',
      `${entity} ${externalId} was not found among posted documents after posting`,
      { system: 'NAV' },
    );
  }
  const current = await getOne(cx, s, externalId);
  if (!current) throw notFound();
  if ((current.record.data as DocumentDraft).status !== 'DRAFT')
    return current.record as RemoteRecord<'invoice'>;
  let failure: ConnectorError | null = null;
  try {
    await cx.http.request('POST', `${entityUrl(cx, s, externalId)}/${action}`, {});
  } catch (err) {
    failure = toConnectorError(err);
    if (failure.kind !== 'unknown-outcome') throw failure;
  }
  // BC keeps the id when it posts: read it back (after an unknown outcome, to see what happened).
  const after = await getOne(cx, s, externalId);
  if (after && (after.record.data as DocumentDraft).status !== 'DRAFT')
    return after.record as RemoteRecord<'invoice'>;
  throw (
    failure ??
    new ConnectorError('unknown-outcome', `${entity} ${externalId} is still unposted after posting`, {
      system: 'NAV',
    })
  );
}
