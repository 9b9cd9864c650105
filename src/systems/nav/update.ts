// Updating a record: read it with its etag, refuse a stale version or a posted / released
// document, then PATCH only the changed header fields and the changed lines; an edit made
// meanwhile by someone else is reported as a conflict, never overwritten.
import type { ConnectorEntity, DocumentDraft, RemoteRecord, WriteRequest } from '../system.js';
import { ConnectorError } from '../errors.js';
import { documentDifferences } from '../differences.js';
import { entityUrl, isDocument, writeSource, type DocumentEntity, type NavContext } from './context.js';
import { diff } from './diff.js';
import { planLineChanges } from './document-lines.js';
import { isEntityChanged } from './errors.js';
import { headerEtagOf } from './mapper-nav.js';
import { findPosted } from './natural-keys.js';
import { finish } from './posting.js';
import { getOne } from './reads.js';
import { toWire } from './to-wire.js';
import { conflict } from './write-errors.js';

export async function update(
  cx: NavContext,
  entity: ConnectorEntity,
  req: WriteRequest,
): Promise<{ created: boolean; record: RemoteRecord }> {
  const s = writeSource(cx, entity);
  const id = req.externalId!;
  if (s.idPrefix && !id.startsWith(s.idPrefix)) {
    throw new ConnectorError('conflict', `${id} is posted and can no longer be changed`, {
      system: 'NAV',
      code: 'NotEditable',
    });
  }
  const key = id.slice(s.idPrefix.length);
  const current = await getOne(cx, s, key);
  if (!current) {
    // A NAV user may have posted the draft meanwhile: that is a conflict, not a missing record.
    const posted = isDocument(entity) ? await findPosted(cx, entity, key) : null;
    if (posted) {
      throw new ConnectorError(
        'conflict',
        `${id} was posted as ${posted.externalId} and can no longer be changed`,
        {
          system: 'NAV',
          code: 'NotEditable',
          upstream: posted,
        },
      );
    }
    throw new ConnectorError('validation', `${s.service} ${id} does not exist`, {
      system: 'NAV',
      status: 404,
      code: 'Internal_RecordNotFound',
    });
  }
  const version = current.record.version;
  if (req.version && req.version !== version) {
    const stale = conflict(`${s.service} ${id} changed since version ${req.version}`, current.record);
    if (isDocument(entity))
      stale.details.differences = documentDifferences(
        req.data as DocumentDraft,
        current.record.data as DocumentDraft,
      );
    throw stale;
  }
  const wanted = toWire(cx, entity, req.data, current.raw, documentKeyForUpdate(entity, req));
  const changes = diff(wanted, current.raw);
  const lineChanges = isDocument(entity)
    ? planLineChanges(cx, entity, s, key, req.data as DocumentDraft, current.raw)
    : [];
  if (Object.keys(changes).length === 0 && lineChanges.length === 0) {
    return { created: false, record: await finish(cx, entity, req, current.record) };
  }
  const locked = lockedReason(entity, id, current.record);
  if (locked) {
    throw new ConnectorError('conflict', locked, {
      system: 'NAV',
      code: 'NotEditable',
      upstream: current.record,
      differences: documentDifferences(req.data as DocumentDraft, current.record.data as DocumentDraft),
    });
  }
  const etag =
    typeof current.raw['@odata.etag'] === 'string'
      ? current.raw['@odata.etag']
      : version
        ? headerEtagOf(version)
        : '*';
  let pending = lineChanges;
  try {
    if (Object.keys(changes).length > 0) {
      await cx.http.request('PATCH', entityUrl(cx, s, key), { body: changes, ifMatch: etag });
      // A header change may recalculate the lines (new etags): plan the lines on a fresh read.
      if (pending.length > 0) {
        const fresh = await getOne(cx, s, key);
        pending = fresh
          ? planLineChanges(cx, entity as DocumentEntity, s, key, req.data as DocumentDraft, fresh.raw)
          : [];
      }
    }
    for (const change of pending) {
      await cx.http.request(change.method, change.url, {
        ...(change.body ? { body: change.body } : {}),
        ...(change.ifMatch ? { ifMatch: change.ifMatch } : {}),
      });
    }
  } catch (err) {
    if (err instanceof ConnectorError && isEntityChanged(err)) {
      const now = await getOne(cx, s, key);
      throw conflict(
        `${s.service} ${id} was changed by someone else; nothing was overwritten`,
        now?.record ?? null,
        err,
      );
    }
    throw err;
  }
  const after = await getOne(cx, s, key);
  return { created: false, record: await finish(cx, entity, req, after!.record) };
}

/** Whether the document may no longer be changed (NAV/BC posted; a released sales order). */
function lockedReason(entity: ConnectorEntity, id: string, record: RemoteRecord): string | null {
  if (!isDocument(entity)) return null;
  const status = (record.data as DocumentDraft).status;
  if (entity === 'salesOrder')
    return status === 'AUTHORISED' ? `sales order ${id} is released; reopen it in NAV to change it` : null;
  return status !== 'DRAFT' ? `${entity} ${id} is posted and can no longer be changed` : null;
}

/** An update writes our id only when the draft names one (never the idempotency key). */
function documentKeyForUpdate(entity: ConnectorEntity, req: WriteRequest): string | null {
  if (!isDocument(entity)) return null;
  const draft = req.data as DocumentDraft;
  return entity === 'bill'
    ? (draft.vendorInvoiceNumber ?? draft.externalDocumentNumber)
    : draft.externalDocumentNumber;
}
