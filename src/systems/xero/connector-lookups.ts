// Look-ups for the Xero connector's batched writes. A create that may already have landed (the sync
// engine says so, or a batch went unanswered), and every bill (Xero cannot upsert a bill by number),
// is first looked up by its natural key (ContactNumber, InvoiceNumber, bill Reference, item Code)
// or, for a contact without a number, by its name: what is found is the result and is not sent again.
import type { ConnectorEntity, EntityDrafts, RemoteRecord, WriteRequest, WriteResult } from '../system.js';
import { convert, ENTITY_FILTER, type Writable, type XeroConnectorState } from './connector-entities.js';
import { documentFromWire } from './mapper-documents.js';
import { itemFromWire } from './mapper-items.js';
import { chunkClauses, whereString } from './write-support.js';

/** The natural key a create is looked up by: its draft's number, when it has one. */
export function naturalKey(kind: Writable, req: WriteRequest<ConnectorEntity>): string | null {
  const data = req.data as { number?: string | null };
  return kind && data.number ? data.number : null;
}

/** Records found by their natural key (ContactNumber, InvoiceNumber, bill Reference, item Code), by key. */
async function findByNaturalKey<E extends Writable>(
  state: XeroConnectorState,
  entity: E,
  keys: readonly string[],
): Promise<Map<string, RemoteRecord<E>>> {
  const out = new Map<string, RemoteRecord<E>>();
  if (entity === 'item') {
    // POST /Items matches Code itself, so a code a filter cannot carry is simply sent again.
    const codes = [...new Set(keys)].filter((k) => !/["\\]/.test(k));
    const codeTerm = (k: string) => `Code==${whereString(k)}`;
    for (const part of chunkClauses(codes, codeTerm, state.capabilities.readBatchSize)) {
      const where = part.map(codeTerm).join(' OR ');
      for (const i of await state.api.getItems({ where, priority: 'interactive' })) {
        const r = itemFromWire(i);
        if (r.externalNumber) out.set(r.externalNumber, r as unknown as RemoteRecord<E>);
      }
    }
    return out;
  }
  const keyTerm = (k: string) =>
    entity === 'customer' || entity === 'vendor'
      ? `ContactNumber==${whereString(k)}`
      : entity === 'bill'
        ? `Reference==${whereString(k)}`
        : k; // invoices: InvoiceNumbers, a comma-separated list
  const billFilter = `${ENTITY_FILTER.bill} AND Status!="DELETED" AND ()`;
  const reserved = entity === 'bill' ? encodeURIComponent(billFilter).length : 0;
  const size = state.capabilities.readBatchSize;
  for (const part of chunkClauses([...new Set(keys)], keyTerm, size, { reserved })) {
    if (entity === 'customer' || entity === 'vendor') {
      const ctx = await state.mapContext();
      const where = part.map(keyTerm).join(' OR ');
      const res = await state.api.getContacts({ where, includeArchived: true, priority: 'interactive' });
      for (const c of res.items) {
        const r = convert(entity, c, ctx);
        if (r.externalNumber) out.set(r.externalNumber, r);
      }
    } else {
      const docs =
        entity === 'invoice'
          ? await state.api.getInvoices({
              invoiceNumbers: part,
              where: ENTITY_FILTER.invoice,
              pageSize: state.pageSize,
              priority: 'interactive',
            })
          : await state.api.getInvoices({
              where: `${ENTITY_FILTER.bill} AND Status!="DELETED" AND (${part.map(keyTerm).join(' OR ')})`,
              pageSize: state.pageSize,
              priority: 'interactive',
            });
      for (const i of docs.items) {
        const r = documentFromWire(i);
        if (r.externalNumber && r.active) out.set(r.externalNumber, r as unknown as RemoteRecord<E>);
      }
    }
  }
  return out;
}

/** Creates whose natural key already exists upstream resolve to that record. */
export async function adoptExisting<E extends ConnectorEntity>(
  state: XeroConnectorState,
  kind: Writable,
  requests: readonly WriteRequest<E>[],
  results: (WriteResult<E> | undefined)[],
  wires: readonly unknown[],
  indices?: readonly number[],
): Promise<void> {
  if (kind === 'customer' || kind === 'vendor')
    await adoptByName(state, kind, requests, results, wires, indices);
  const creates = (indices ?? requests.map((_, i) => i)).filter(
    (i) =>
      !results[i] &&
      wires[i] &&
      !requests[i]?.externalId &&
      naturalKey(kind, requests[i] as WriteRequest<ConnectorEntity>),
  );
  if (!creates.length) return;
  const found = await findByNaturalKey(
    state,
    kind,
    creates.map((i) => naturalKey(kind, requests[i] as WriteRequest<ConnectorEntity>) as string),
  );
  for (const i of creates) {
    const hit = found.get(naturalKey(kind, requests[i] as WriteRequest<ConnectorEntity>) as string);
    if (hit) results[i] = { ok: true, created: true, record: hit as unknown as RemoteRecord<E> };
  }
}

/**
 * Contacts created without a number are found by name: Xero keeps names unique among active
 * contacts, so a create that landed holds its name (and no number). Had it not landed, a contact
 * holding the name would have refused it anyway; one with a number is another record's.
 */
async function adoptByName<E extends ConnectorEntity>(
  state: XeroConnectorState,
  kind: 'customer' | 'vendor',
  requests: readonly WriteRequest<E>[],
  results: (WriteResult<E> | undefined)[],
  wires: readonly unknown[],
  indices?: readonly number[],
): Promise<void> {
  const nameOf = (i: number) => (requests[i]?.data as EntityDrafts['customer']).name.trim();
  const creates = (indices ?? requests.map((_, i) => i)).filter((i) => {
    const data = requests[i]?.data as EntityDrafts['customer'] | undefined;
    return (
      !results[i] &&
      wires[i] &&
      data &&
      !requests[i]?.externalId &&
      !data.number &&
      /^[^"\\]+$/.test(nameOf(i))
    );
  });
  if (!creates.length) return;
  const ctx = await state.mapContext();
  const found = new Map<string, RemoteRecord<E>>();
  const nameTerm = (i: number) => `Name==${whereString(nameOf(i))}`;
  for (const part of chunkClauses(creates, nameTerm, state.capabilities.readBatchSize)) {
    const where = part.map(nameTerm).join(' OR ');
    for (const c of (await state.api.getContacts({ where, priority: 'interactive' })).items) {
      const r = convert(kind, c, ctx);
      if (r.active && !r.externalNumber) found.set(r.data.name.trim().toLowerCase(), r as RemoteRecord<E>);
    }
  }
  for (const i of creates) {
    const hit = found.get(nameOf(i).toLowerCase());
    if (hit) results[i] = { ok: true, created: true, record: hit };
  }
}
