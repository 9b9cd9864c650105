// Writes: each request of a batch dispatched to a create, an update or a payment, its failure
// reported on its own. A create looks first for what an earlier attempt wrote (always for a
// document), so a retry after an unknown outcome never writes a second record.
import type { ConnectorEntity, RemoteRecord, WriteRequest, WriteResult } from '../system.js';
import { ConnectorError } from '../errors.js';
import {
  collectionUrl,
  entityUrl,
  isDocument,
  writeSource,
  type DocumentEntity,
  type MasterEntity,
  type NavContext,
} from './context.js';
import { diff } from './diff.js';
import { completeDocument } from './document-lines.js';
import { mapOrThrow } from './mapping.js';
import { adoptByNaturalKey, lookUp, lookupKey, type NaturalKey } from './natural-keys.js';
import { writePayment } from './payments.js';
import { finish } from './posting.js';
import { getOne } from './reads.js';
import type { Source } from './sources.js';
import { toWire } from './to-wire.js';
import { update } from './update.js';
import { stillUnknown, toConnectorError } from './write-errors.js';

/** Each request on its own (writeBatchSize 1): a payment, an update (it names the record) or a create. */
export async function writeMany<E extends ConnectorEntity>(
  cx: NavContext,
  entity: E,
  requests: readonly WriteRequest<E>[],
): Promise<WriteResult<E>[]> {
  const results: WriteResult<E>[] = [];
  for (const req of requests) {
    try {
      if (!cx.writable.includes(entity)) {
        throw new ConnectorError('validation', `${entity} writes are not supported by the NAV/BC connector`, {
          system: 'NAV',
        });
      }
      const done =
        entity === 'payment'
          ? await writePayment(cx, req as WriteRequest<'payment'>)
          : req.externalId
            ? await update(cx, entity, req)
            : await create(cx, entity, req);
      results.push({ ok: true, created: done.created, record: done.record as RemoteRecord<E> });
    } catch (err) {
      results.push({ ok: false, error: toConnectorError(err) });
    }
  }
  return results;
}

/** Creates a record, unless what an earlier attempt wrote is found by our key (see natural-keys.ts). */
async function create(
  cx: NavContext,
  entity: ConnectorEntity,
  req: WriteRequest,
): Promise<{ created: boolean; record: RemoteRecord }> {
  const key = lookupKey(cx, entity, req);
  // Documents carry our id (External Document No.), so they are always looked up first: a job
  // replayed after a crash must not post a second invoice. Master data only after an unknown outcome.
  const lookFirst =
    cx.options.alwaysLookUpBeforeCreate ??
    (isDocument(entity) || cx.options.masterDataIdField?.[entity as 'item'] !== undefined);
  // Unknown outcome in this process, or reported by the caller (an attempt in a process that died).
  const uncertain = cx.uncertain.has(req.idempotencyKey) || req.outcomeUnknown === true;
  if (key && (lookFirst || uncertain)) {
    const found = await lookUp(cx, entity, key);
    if (found) {
      cx.uncertain.delete(req.idempotencyKey);
      const record = await completeDocument(cx, entity, req, found);
      return { created: uncertain, record: await finish(cx, entity, req, record) };
    }
  }
  // No number and no id field: NAV/BC numbers the record itself, so only what we wrote can tell
  // whether an earlier attempt created it. Settle that before anything is written again.
  if (!key && uncertain) {
    const record = await adoptByNaturalKey(cx, entity as MasterEntity, req);
    return { created: true, record: await finish(cx, entity, req, record) };
  }
  for (let attempt = 1; ; attempt += 1) {
    try {
      const record = await createOnce(cx, entity, req, key);
      cx.uncertain.delete(req.idempotencyKey);
      return { created: true, record: await finish(cx, entity, req, record) };
    } catch (err) {
      if (!(err instanceof ConnectorError) || err.kind !== 'unknown-outcome') throw err;
      cx.uncertain.add(req.idempotencyKey);
      if (!key) {
        const record = await adoptByNaturalKey(cx, entity as MasterEntity, req, err);
        return { created: true, record: await finish(cx, entity, req, record) };
      }
      if (attempt >= 2) throw err;
      const found = await stillUnknown(err, () => lookUp(cx, entity, key));
      if (found) {
        const record = await completeDocument(cx, entity, req, found);
        cx.uncertain.delete(req.idempotencyKey);
        return { created: true, record: await finish(cx, entity, req, record) };
      }
    }
  }
}

async function createOnce(
  cx: NavContext,
  entity: ConnectorEntity,
  req: WriteRequest,
  key: NaturalKey | null,
): Promise<RemoteRecord> {
  const s = writeSource(cx, entity);
  const body = toWire(cx, entity, req.data, undefined, isDocument(entity) ? (key?.value ?? null) : null);
  if (key && !isDocument(entity) && cx.options.masterDataIdField?.[entity as 'customer'])
    body[key.field] = key.value;
  const res = await cx.http.request('POST', collectionUrl(cx, s), { body });
  let created = mapOrThrow(s, res.data);
  if (isDocument(entity) && res.data && typeof res.data === 'object') {
    created = await reapplyHeader(cx, entity, s, created, body, res.data as Record<string, unknown>);
  }
  return completeDocument(cx, entity, req, created);
}

/**
 * Validating one header field can recalculate another (the customer's payment terms set the due
 * date): what the system made of a field we sent is set again, so the document says what we wrote.
 */
async function reapplyHeader(
  cx: NavContext,
  entity: DocumentEntity,
  s: Source,
  created: RemoteRecord,
  sent: Record<string, unknown>,
  answer: Record<string, unknown>,
): Promise<RemoteRecord> {
  const changes = diff(sent, answer);
  const etag = answer['@odata.etag'];
  if (Object.keys(changes).length === 0 || typeof etag !== 'string') return created;
  const key = created.externalId.slice(s.idPrefix.length);
  const res = await cx.http.request('PATCH', entityUrl(cx, s, key), { body: changes, ifMatch: etag });
  // The PATCH answer has no lines; the NAV lines come next anyway, BC's are read back.
  if (cx.nav) return mapOrThrow(s, res.data);
  return (await getOne(cx, s, key))?.record ?? created;
}
