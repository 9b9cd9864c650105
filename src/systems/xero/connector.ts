// The Connector for one Xero tenant: it owns the tenant's state (API client, capabilities, page
// size, base currency) and hands each call to the part that does the work. Reads, paging, deltas
// and getMany are in connector-reads.ts; batched writes of contacts, invoices, bills and items in
// connector-writes.ts, with their natural-key look-ups in connector-lookups.ts; payments
// (payments.ts) and tracking categories (dimensions.ts) have writers of their own.
import type {
  Capabilities,
  Connector,
  ConnectorEntity,
  ListOptions,
  ListPage,
  RemoteRecord,
  WriteRequest,
  WriteResult,
  RateBudget,
} from '../system.js';
import type { XeroApi } from './client.js';
import type { BookSetup } from '../book-setup.js';
import { readXeroBookSetup } from './book-setup.js';
import { unsupported, WRITABLE, type XeroConnectorState } from './connector-entities.js';
import { fetchByIds, listPages, type XeroListOptions } from './connector-reads.js';
import { writeBatched } from './connector-writes.js';
import { XeroDimensionWriter } from './dimensions.js';
import { listJournalPages } from './journals.js';
import type { MapContext } from './mapper-common.js';
import { XeroPaymentWriter } from './payments.js';
import { XERO_ITEM_CODE_MAX, XERO_ITEM_NAME_MAX } from './mapper-items.js';
import { XERO_CONTACT_TEXT_MAX } from './mapper-parties.js';

export type { XeroListOptions } from './connector-reads.js';

/** Xero's largest page. */
export const XERO_PAGE_SIZE = 1000;
/** Xero's recommended batch size for POST/PUT of documents. */
export const XERO_WRITE_BATCH = 50;
/**
 * Ids per `IDs=` call. Xero documents no maximum, but 50 GUIDs (~1,850 URL characters) keep the
 * request line under the 2,048 characters proxies commonly allow, and a 50-id invoice read is one page.
 */
export const XERO_READ_BATCH = 50;

export interface XeroConnectorOptions {
  api: XeroApi;
  /** The organisation's base currency; read once from /Organisation when absent. */
  baseCurrency?: string | undefined;
  pageSize?: number | undefined;
  readBatchSize?: number | undefined;
  writeBatchSize?: number | undefined;
}

export class XeroConnector implements Connector {
  readonly system = 'XERO' as const;
  readonly tenant: string;
  readonly capabilities: Capabilities;
  private readonly api: XeroApi;
  private baseCurrency: string | undefined;
  private readonly state: XeroConnectorState;
  private readonly payments: XeroPaymentWriter;
  private readonly dimensions: XeroDimensionWriter;

  constructor(options: XeroConnectorOptions) {
    this.api = options.api;
    this.tenant = options.api.tenantId;
    this.baseCurrency = options.baseCurrency;
    this.capabilities = {
      entities: ['customer', 'vendor', 'item', 'invoice', 'bill', 'payment', 'dimension', 'ledgerEntry'],
      writable: WRITABLE,
      webhooks: true,
      writeBatchSize: options.writeBatchSize ?? XERO_WRITE_BATCH,
      readBatchSize: options.readBatchSize ?? XERO_READ_BATCH,
      paging: 'page-number',
      textLimits: {
        'item.name': XERO_ITEM_NAME_MAX,
        'item.number': XERO_ITEM_CODE_MAX,
        'customer.name': XERO_CONTACT_TEXT_MAX,
        'vendor.name': XERO_CONTACT_TEXT_MAX,
        'customer.email': XERO_CONTACT_TEXT_MAX,
        'vendor.email': XERO_CONTACT_TEXT_MAX,
      },
    };
    this.state = {
      api: this.api,
      pageSize: options.pageSize ?? XERO_PAGE_SIZE,
      capabilities: this.capabilities,
      mapContext: () => this.ctx(),
    };
    this.payments = new XeroPaymentWriter(this.api, {
      write: this.capabilities.writeBatchSize,
      read: this.capabilities.readBatchSize,
    });
    this.dimensions = new XeroDimensionWriter(this.api);
  }

  private async ctx(): Promise<MapContext> {
    this.baseCurrency ??= await this.api.getBaseCurrency();
    return { baseCurrency: this.baseCurrency };
  }

  /** Full reconciliation listing (see XeroListOptions.full). */
  reconcile<E extends ConnectorEntity>(entity: E, options: ListOptions = {}): AsyncGenerator<ListPage<E>> {
    return this.list(entity, { ...options, full: true });
  }

  list<E extends ConnectorEntity>(entity: E, options: XeroListOptions = {}): AsyncGenerator<ListPage<E>> {
    // The general ledger is read by journal number (entries never change), not by modification date.
    if (entity === 'ledgerEntry')
      return listJournalPages(this.api, async () => (await this.ctx()).baseCurrency, {
        afterEntryNo: options.full ? undefined : options.afterEntryNo,
        checkpoint: options.checkpoint,
        priority: options.priority ?? 'bulk',
      }) as unknown as AsyncGenerator<ListPage<E>>;
    return listPages(this.state, entity, options);
  }

  rateBudget(): Promise<RateBudget> {
    return this.api.rateBudget();
  }

  batchHoldMs(): Promise<number> {
    return this.api.batchHoldMs();
  }

  /** Chart of accounts, currencies and lock dates, for the checks made before any write. */
  readBookSetup(): Promise<BookSetup> {
    return readXeroBookSetup(this.api);
  }

  async getMany<E extends ConnectorEntity>(
    entity: E,
    externalIds: readonly string[],
  ): Promise<Map<string, RemoteRecord<E>>> {
    return fetchByIds(this.state, entity, externalIds, 'interactive');
  }

  async writeMany<E extends ConnectorEntity>(
    entity: E,
    requests: readonly WriteRequest<E>[],
  ): Promise<WriteResult<E>[]> {
    if (!(WRITABLE as readonly string[]).includes(entity)) {
      return requests.map(() => ({ ok: false, error: unsupported(`writing ${entity}`) }));
    }
    if (entity === 'payment')
      return (await this.payments.write(
        requests as readonly WriteRequest<'payment'>[],
      )) as unknown as WriteResult<E>[];
    if (entity === 'dimension')
      return (await this.dimensions.write(
        requests as readonly WriteRequest<'dimension'>[],
      )) as unknown as WriteResult<E>[];
    return writeBatched(this.state, entity, requests);
  }
}
