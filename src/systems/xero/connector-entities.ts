// What the Xero connector's reads, look-ups and writes share: the state the connector owns (the
// API, page size, capabilities and base currency), which entities are written how, the filters that
// tell customers from vendors and invoices from bills, and turning a raw record into the entity's.
import type { Capabilities, ConnectorEntity, RemoteRecord } from '../system.js';
import { ConnectorError } from '../errors.js';
import type { XeroApi } from './client.js';
import type { MapContext } from './mapper-common.js';
import { documentFromWire, type WireInvoice } from './mapper-documents.js';
import { itemFromWire, type WireItem } from './mapper-items.js';
import { partyFromWire, type WireContact } from './mapper-parties.js';
import type { RawContact, RawInvoice, RawItem } from './raw.js';

/** What the connector owns, lent to its reads, look-ups and writes. */
export interface XeroConnectorState {
  readonly api: XeroApi;
  readonly pageSize: number;
  /** The connector's own capabilities: batch sizes are read from it at each call. */
  readonly capabilities: Capabilities;
  /** The organisation's base currency, read once from /Organisation when not given. */
  mapContext(): Promise<MapContext>;
}

/** Entities written in batches through one create-or-update endpoint (POST, summarizeErrors=false). */
const BATCHED = ['customer', 'vendor', 'invoice', 'bill', 'item'] as const;
export type Writable = (typeof BATCHED)[number];
export const WRITABLE = [...BATCHED, 'payment', 'dimension'] as const;

export type Wire = WireContact | WireInvoice | WireItem;

export const ENTITY_FILTER: Partial<Record<ConnectorEntity, string>> = {
  customer: 'IsCustomer==true',
  vendor: 'IsSupplier==true',
  invoice: 'Type=="ACCREC"',
  bill: 'Type=="ACCPAY"',
};

export function unsupported(entity: string): ConnectorError {
  return new ConnectorError('validation', `Xero connector does not support ${entity}`, {
    system: 'XERO',
    code: 'Unsupported',
  });
}

/** A raw contact, invoice or item as the record of `entity`. */
export function convert<E extends ConnectorEntity>(
  entity: E,
  raw: unknown,
  ctx: MapContext,
): RemoteRecord<E> {
  switch (entity) {
    case 'customer':
    case 'vendor':
      return partyFromWire(raw as RawContact, entity, ctx) as unknown as RemoteRecord<E>;
    case 'invoice':
    case 'bill':
      return documentFromWire(raw as RawInvoice) as unknown as RemoteRecord<E>;
    case 'item':
      return itemFromWire(raw as RawItem) as unknown as RemoteRecord<E>;
    default:
      throw unsupported(entity);
  }
}
