// Batched writes for the Xero connector (contacts, invoices, bills, items): posts batches of 50 with
// summarizeErrors=false and an Idempotency-Key derived from the records and their versions; an update
// whose record changed upstream is a conflict, and after an unknown outcome records are looked up by
// their natural key (connector-lookups.ts) before being sent again.
import type {
  ConnectorEntity,
  DocumentDraft,
  EntityDrafts,
  RemoteRecord,
  Withheld,
  WriteRequest,
  WriteResult,
} from '../system.js';
import { documentDifferences, scalarDifferences } from '../differences.js';
import { ConnectorError } from '../errors.js';
import { lockedUpdate, moneyApplied, type LockedUpdate } from './locked-documents.js';
import { convert, type Wire, type Writable, type XeroConnectorState } from './connector-entities.js';
import { adoptExisting, naturalKey } from './connector-lookups.js';
import { fetchByIds } from './connector-reads.js';
import { elementError } from './errors.js';
import { MappingError } from './mapper-common.js';
import { documentToWire, type WireInvoice } from './mapper-documents.js';
import { itemToWire, type WireItem } from './mapper-items.js';
import { partyToWire, type WireContact } from './mapper-parties.js';
import type { RawContact, RawInvoice, RawItem } from './raw.js';
import { chunk, hashKey, mappingFailure } from './write-support.js';

/** Writes customers, vendors, invoices, bills or items: one result per request, in order. */
export async function writeBatched<E extends ConnectorEntity>(
  state: XeroConnectorState,
  entity: E,
  requests: readonly WriteRequest<E>[],
): Promise<WriteResult<E>[]> {
  const results: (WriteResult<E> | undefined)[] = new Array<WriteResult<E> | undefined>(requests.length).fill(
    undefined,
  );
  const kind = entity as Writable;
  const withheld: (Withheld | undefined)[] = [];
  const fail = (i: number, error: ConnectorError) => {
    results[i] = { ok: false, error };
  };

  // 1. Map to the wire; a draft that cannot be expressed fails alone.
  const wires: (Wire | undefined)[] = requests.map((req, i) => {
    try {
      return toWire(kind, req as unknown as WriteRequest<Writable>);
    } catch (error) {
      if (!(error instanceof MappingError)) throw error;
      fail(i, mappingFailure(error));
      return undefined;
    }
  });

  // 2. Updates carry the version we last saw: a newer one upstream is a conflict, never overwritten.
  const updates = requests
    .map((r, i) => ({ r, i }))
    .filter(({ r, i }) => wires[i] && r.externalId && r.version);
  if (updates.length) {
    try {
      const current = await fetchByIds(
        state,
        entity,
        updates.map(({ r }) => r.externalId as string),
        'bulk',
      );
      for (const { r, i } of updates) {
        const now = current.get((r.externalId as string).toLowerCase());
        const document = kind === 'invoice' || kind === 'bill';
        if (!now)
          fail(
            i,
            new ConnectorError('conflict', `${entity} ${r.externalId} no longer exists in Xero`, {
              system: 'XERO',
              code: 'NotFound',
              differences: [{ field: 'deleted', local: false, remote: true }],
            }),
          );
        else if (document && moneyApplied(now.data as DocumentDraft)) {
          // Money applied: only the editable fields go, or nothing; the rest is withheld.
          const update = lockedUpdate(kind, r as WriteRequest<'invoice'>, now as RemoteRecord<'invoice'>);
          if (update.withheld) withheld[i] = update.withheld;
          if (update.patch) wires[i] = update.patch as unknown as Wire;
          else results[i] = { ok: true, created: false, record: now, ...withheldOf(update) };
        } else if (now.version !== r.version)
          fail(
            i,
            new ConnectorError(
              'conflict',
              `${entity} ${r.externalId} changed in Xero since version ${r.version}`,
              {
                system: 'XERO',
                code: 'StaleVersion',
                differences: document
                  ? documentDifferences(r.data as DocumentDraft, now.data as DocumentDraft)
                  : scalarDifferences(r.data, now.data),
              },
            ),
          );
      }
    } catch (error) {
      if (!(error instanceof ConnectorError)) throw error;
      for (const { i } of updates) fail(i, error);
    }
  }

  // 3. Bills have no natural-key upsert in Xero: a create whose Reference exists is our earlier write.
  //    Any create whose earlier attempt may have landed (the sync engine says so) is looked up too.
  const unsure = requests
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => kind === 'bill' || (r as { outcomeUnknown?: boolean }).outcomeUnknown === true)
    .map(({ i }) => i);
  if (unsure.length) {
    try {
      await adoptExisting(state, kind, requests, results, wires, unsure);
    } catch (error) {
      if (!(error instanceof ConnectorError)) throw error;
      for (const i of unsure) if (!results[i] && wires[i] && !requests[i]?.externalId) fail(i, error);
    }
  }

  // 4. Send in batches of ≤ 50.
  const pending = requests.map((_, i) => i).filter((i) => !results[i] && wires[i]);
  for (const part of chunk(pending, state.capabilities.writeBatchSize))
    await sendBatch(state, kind, part, requests, wires, results);
  withheld.forEach((w, i) => {
    const result = results[i];
    if (w && result?.ok) results[i] = { ...result, withheld: w };
  });

  // 5. Xero will not archive a contact with outstanding transactions. A party blocked or archived
  //    on our side is then written active (its block stays where it is kept); a later push, once
  //    its invoices are settled, archives it.
  if (kind === 'customer' || kind === 'vendor') {
    const keepActive = pending.filter((i) => {
      const result = results[i];
      return (
        result &&
        !result.ok &&
        cannotArchive(result.error) &&
        (wires[i] as WireContact).contactStatus === 'ARCHIVED'
      );
    });
    for (const i of keepActive) {
      wires[i] = { ...(wires[i] as WireContact), contactStatus: 'ACTIVE' };
      results[i] = undefined;
    }
    for (const part of chunk(keepActive, state.capabilities.writeBatchSize))
      await sendBatch(state, kind, part, requests, wires, results, 1, 'active');
  }
  return results.map(
    (r): WriteResult<E> =>
      r ?? {
        ok: false,
        error: new ConnectorError('unknown-outcome', 'no result recorded', { system: 'XERO' }),
      },
  );
}

const withheldOf = (u: LockedUpdate): { withheld?: Withheld } => (u.withheld ? { withheld: u.withheld } : {});

/** Xero's refusal to archive a contact that still has outstanding invoices or bills. */
function cannotArchive(error: ConnectorError): boolean {
  return (
    error.kind === 'validation' &&
    /cannot be archived as it has outstanding transactions/i.test(error.message)
  );
}

function toWire(kind: Writable, req: WriteRequest<Writable>): Wire {
  if (kind === 'customer' || kind === 'vendor')
    return partyToWire(req.data as EntityDrafts['customer'], kind, req.externalId);
  if (kind === 'item') return itemToWire(req.data as EntityDrafts['item'], req.externalId);
  return documentToWire(req.data as EntityDrafts['invoice'], kind, req.externalId);
}

async function sendBatch<E extends ConnectorEntity>(
  state: XeroConnectorState,
  kind: Writable,
  indices: number[],
  requests: readonly WriteRequest<E>[],
  wires: readonly (Wire | undefined)[],
  results: (WriteResult<E> | undefined)[],
  attempt = 1,
  /** Tells a second send of the same records with other content apart (its own Idempotency-Key). */
  variant?: string,
): Promise<void> {
  const key = hashKey([
    kind,
    ...(variant ? [variant] : []),
    ...indices.map((i) => requests[i]?.idempotencyKey ?? ''),
  ]);
  const batch = indices.map((i) => wires[i]);
  let answers: unknown[];
  try {
    answers =
      kind === 'customer' || kind === 'vendor'
        ? await state.api.saveContacts({ contacts: batch as WireContact[], idempotencyKey: key })
        : kind === 'item'
          ? await state.api.saveItems({ items: batch as WireItem[], idempotencyKey: key })
          : await state.api.saveInvoices({ invoices: batch as WireInvoice[], idempotencyKey: key });
  } catch (error) {
    if (!(error instanceof ConnectorError)) throw error;
    if (error.kind === 'unknown-outcome' && attempt === 1) {
      // The batch may have been committed. Look the records up by natural key before sending again.
      try {
        await adoptExisting(state, kind, requests, results, wires, indices);
      } catch (lookup) {
        if (!(lookup instanceof ConnectorError)) throw lookup;
        for (const i of indices) if (!results[i]) results[i] = { ok: false, error };
        return;
      }
      // Updates are idempotent (same content by id); creates without a natural key cannot be checked.
      const again = indices.filter(
        (i) =>
          !results[i] &&
          (requests[i]?.externalId || naturalKey(kind, requests[i] as WriteRequest<ConnectorEntity>)),
      );
      for (const i of indices) if (!results[i] && !again.includes(i)) results[i] = { ok: false, error };
      if (again.length) await sendBatch(state, kind, again, requests, wires, results, attempt + 1, variant);
      return;
    }
    for (const i of indices) results[i] = { ok: false, error };
    return;
  }
  const ctx = kind === 'customer' || kind === 'vendor' ? await state.mapContext() : { baseCurrency: '' };
  indices.forEach((i, n) => {
    const el = answers[n] as (RawContact | RawInvoice | RawItem) | undefined;
    const req = requests[i];
    if (!el || !req) {
      results[i] = {
        ok: false,
        error: new ConnectorError('unknown-outcome', 'Xero answered fewer elements than sent', {
          system: 'XERO',
        }),
      };
      return;
    }
    if (el.statusAttributeString === 'ERROR' || el.validationErrors?.length) {
      results[i] = {
        ok: false,
        error: elementError(
          (el.validationErrors ?? []).map((v) => v.message ?? ''),
          `POST ${kind} #${i}`,
        ),
      };
      return;
    }
    try {
      results[i] = {
        ok: true,
        created: !req.externalId,
        record: convert(kind, el, ctx) as unknown as RemoteRecord<E>,
      };
    } catch (error) {
      if (!(error instanceof MappingError)) throw error;
      results[i] = {
        ok: false,
        error: new ConnectorError('unknown-outcome', `Xero's answer could not be read: ${error.message}`, {
          system: 'XERO',
        }),
      };
    }
  });
}
