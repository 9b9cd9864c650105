// The Connector for one Xero tenant. Reads page with pageSize=1000 (checkpoint = next page) and
// If-Modified-Since for deltas; getMany batches ids 50 to a call; writeMany posts batches of 50 with
// summarizeErrors=false and an Idempotency-Key derived from the records and their versions, and
// after an unknown outcome looks records up by their natural key before sending them again.
// Payments (payments.ts) and tracking categories (dimensions.ts) have writers of their own.
import type {
  Capabilities,
  Checkpoint,
  Connector,
  ConnectorEntity,
  EntityDrafts,
  ListOptions,
  ListPage,
  RemoteRecord,
  WriteRequest,
  WriteResult,
  RateBudget,
} from '../system.js';
import { ConnectorError } from '../errors.js';
import type { XeroApi } from './client.js';
import type { CallPriority } from './governor.js';
import { elementError } from './errors.js';
import { XeroDimensionWriter } from './dimensions.js';
import {
  dimensionFromWire,
  documentFromWire,
  documentToWire,
  itemFromWire,
  itemToWire,
  MappingError,
  partyFromWire,
  partyToWire,
  paymentFromWire,
  type MapContext,
  type WireContact,
  type WireInvoice,
  type WireItem,
} from './mapper.js';
import { XeroPaymentWriter } from './payments.js';
import type { RawContact, RawInvoice, RawItem } from './raw.js';
import { chunk, chunkClauses, hashKey, mappingFailure, whereString } from './write-support.js';

/** Xero's largest page. */
export const XERO_PAGE_SIZE = 1000;
/** Xero's recommended batch size for POST/PUT of documents. */
export const XERO_WRITE_BATCH = 50;
/**
 * Ids per `IDs=` call. Xero documents no maximum, but 50 GUIDs (~1,850 URL characters) keep the
 * request line under the 2,048 characters proxies commonly allow, and a 50-id invoice read is one page.
 */
export const XERO_READ_BATCH = 50;

export interface XeroListOptions extends ListOptions {
  /**
   * Full reconciliation: ignore modifiedSince and read everything, archived contacts and
   * deleted/voided documents included (what deltas may have missed).
   */
  full?: boolean;
}

export interface XeroConnectorOptions {
  api: XeroApi;
  /** The organisation's base currency; read once from /Organisation when absent. */
  baseCurrency?: string | undefined;
  pageSize?: number | undefined;
  readBatchSize?: number | undefined;
  writeBatchSize?: number | undefined;
}

/** Entities written in batches through one create-or-update endpoint (POST, summarizeErrors=false). */
const BATCHED = ['customer', 'vendor', 'invoice', 'bill', 'item'] as const;
type Writable = (typeof BATCHED)[number];
const WRITABLE = [...BATCHED, 'payment', 'dimension'] as const;

type Wire = WireContact | WireInvoice | WireItem;

const ENTITY_FILTER: Partial<Record<ConnectorEntity, string>> = {
  customer: 'IsCustomer==true',
  vendor: 'IsSupplier==true',
  invoice: 'Type=="ACCREC"',
  bill: 'Type=="ACCPAY"',
};

export class XeroConnector implements Connector {
  readonly system = 'XERO' as const;
  readonly tenant: string;
  readonly capabilities: Capabilities;
  private readonly api: XeroApi;
  private baseCurrency: string | undefined;
  private readonly pageSize: number;
  private readonly payments: XeroPaymentWriter;
  private readonly dimensions: XeroDimensionWriter;

  constructor(options: XeroConnectorOptions) {
    this.api = options.api;
    this.tenant = options.api.tenantId;
    this.baseCurrency = options.baseCurrency;
    this.pageSize = options.pageSize ?? XERO_PAGE_SIZE;
    this.capabilities = {
      entities: ['customer', 'vendor', 'item', 'invoice', 'bill', 'payment', 'dimension'],
      writable: WRITABLE,
      webhooks: true,
      writeBatchSize: options.writeBatchSize ?? XERO_WRITE_BATCH,
      readBatchSize: options.readBatchSize ?? XERO_READ_BATCH,
      paging: 'page-number',
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

  private unsupported(entity: string): ConnectorError {
    return new ConnectorError('validation', `Xero connector does not support ${entity}`, {
      system: 'XERO',
      code: 'Unsupported',
    });
  }

  private convert<E extends ConnectorEntity>(entity: E, raw: unknown, ctx: MapContext): RemoteRecord<E> {
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
        throw this.unsupported(entity);
    }
  }

  /** Full reconciliation listing (see XeroListOptions.full). */
  reconcile<E extends ConnectorEntity>(entity: E, options: ListOptions = {}): AsyncGenerator<ListPage<E>> {
    return this.list(entity, { ...options, full: true });
  }

  async *list<E extends ConnectorEntity>(
    entity: E,
    options: XeroListOptions = {},
  ): AsyncGenerator<ListPage<E>> {
    const priority: CallPriority = options.priority ?? 'bulk';
    const cp = options.checkpoint ?? null;
    const sinceText = cp
      ? typeof cp.since === 'string'
        ? cp.since
        : null
      : options.full
        ? null
        : (options.modifiedSince?.toISOString() ?? null);
    const since = sinceText ? new Date(sinceText) : undefined;
    const checkpoint = (page: number): Checkpoint => ({ entity, page, since: sinceText });

    if (entity === 'item' || entity === 'dimension') {
      // Not paged by Xero: one call returns everything.
      const records =
        entity === 'item'
          ? (await this.api.getItems({ ifModifiedSince: since, priority })).map(itemFromWire)
          : (await this.api.getTrackingCategories({ includeArchived: true, priority })).map(
              dimensionFromWire,
            );
      yield { records: records as unknown as RemoteRecord<E>[], checkpoint: null };
      return;
    }
    if (!['customer', 'vendor', 'invoice', 'bill', 'payment'].includes(entity))
      throw this.unsupported(entity);

    const ctx = entity === 'customer' || entity === 'vendor' ? await this.ctx() : { baseCurrency: '' };
    let page = typeof cp?.page === 'number' && cp.page > 0 ? cp.page : 1;
    for (;;) {
      const args = { page, pageSize: this.pageSize, ifModifiedSince: since, priority };
      let records: RemoteRecord<E>[];
      let count: number;
      let pageCount: number | null;
      if (entity === 'payment') {
        const res = await this.api.getPayments(args);
        records = res.items.map(paymentFromWire) as unknown as RemoteRecord<E>[];
        ({ pageCount } = res);
        count = res.items.length;
      } else if (entity === 'customer' || entity === 'vendor') {
        // Archived contacts always come along: archiving is a change deltas must see.
        const res = await this.api.getContacts({
          ...args,
          where: ENTITY_FILTER[entity],
          order: 'ContactID ASC',
          includeArchived: true,
        });
        records = res.items.map((c) => this.convert(entity, c, ctx));
        ({ pageCount } = res);
        count = res.items.length;
      } else {
        // Deleted and voided documents are listed by default: deltas see them too.
        const res = await this.api.getInvoices({
          ...args,
          where: ENTITY_FILTER[entity],
          order: 'InvoiceID ASC',
        });
        records = res.items.map((i) => this.convert(entity, i, ctx));
        ({ pageCount } = res);
        count = res.items.length;
      }
      const done = pageCount !== null ? page >= pageCount : count < this.pageSize;
      yield { records, checkpoint: done ? null : checkpoint(page + 1) };
      if (done) return;
      page += 1;
    }
  }

  rateBudget(): Promise<RateBudget> {
    return this.api.rateBudget();
  }

  batchHoldMs(): Promise<number> {
    return this.api.batchHoldMs();
  }

  async getMany<E extends ConnectorEntity>(
    entity: E,
    externalIds: readonly string[],
  ): Promise<Map<string, RemoteRecord<E>>> {
    return this.fetchByIds(entity, externalIds, 'interactive');
  }

  private async fetchByIds<E extends ConnectorEntity>(
    entity: E,
    externalIds: readonly string[],
    priority: CallPriority,
  ): Promise<Map<string, RemoteRecord<E>>> {
    const out = new Map<string, RemoteRecord<E>>();
    const ids = [...new Set(externalIds.map((id) => id.toLowerCase()))];
    if (!ids.length) return out;
    const put = (r: RemoteRecord<E>) => {
      if (ids.includes(r.externalId.toLowerCase())) out.set(r.externalId.toLowerCase(), r);
    };
    if (entity === 'item' || entity === 'dimension') {
      for await (const page of this.list(entity, { priority })) page.records.forEach(put);
      return out;
    }
    const size = this.capabilities.readBatchSize;
    const paymentTerm = (id: string) => `PaymentID==Guid(${whereString(id)})`;
    const parts = entity === 'payment' ? chunkClauses(ids, paymentTerm, size) : chunk(ids, size);
    for (const part of parts) {
      if (entity === 'customer' || entity === 'vendor') {
        const ctx = await this.ctx();
        const res = await this.api.getContacts({ ids: part, priority });
        res.items.forEach((c) => put(this.convert(entity, c, ctx)));
      } else if (entity === 'invoice' || entity === 'bill') {
        const res = await this.api.getInvoices({ ids: part, page: 1, pageSize: size, priority });
        res.items
          .filter((i) => (entity === 'bill') === (i.type === 'ACCPAY'))
          .forEach((i) => put(this.convert(entity, i, { baseCurrency: '' })));
      } else if (entity === 'payment') {
        const where = part.map(paymentTerm).join(' OR ');
        const res = await this.api.getPayments({ where, page: 1, pageSize: size, priority });
        res.items.forEach((p) => put(paymentFromWire(p) as unknown as RemoteRecord<E>));
      } else throw this.unsupported(entity);
    }
    return out;
  }

  /** Records found by their natural key (ContactNumber, InvoiceNumber, bill Reference, item Code), by key. */
  private async findByNaturalKey<E extends Writable>(
    entity: E,
    keys: readonly string[],
  ): Promise<Map<string, RemoteRecord<E>>> {
    const out = new Map<string, RemoteRecord<E>>();
    if (entity === 'item') {
      // POST /Items matches Code itself, so a code a filter cannot carry is simply sent again.
      const codes = [...new Set(keys)].filter((k) => !/["\\]/.test(k));
      const codeTerm = (k: string) => `Code==${whereString(k)}`;
      for (const part of chunkClauses(codes, codeTerm, this.capabilities.readBatchSize)) {
        const where = part.map(codeTerm).join(' OR ');
        for (const i of await this.api.getItems({ where, priority: 'interactive' })) {
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
    const size = this.capabilities.readBatchSize;
    for (const part of chunkClauses([...new Set(keys)], keyTerm, size, { reserved })) {
      if (entity === 'customer' || entity === 'vendor') {
        const ctx = await this.ctx();
        const where = part.map(keyTerm).join(' OR ');
        const res = await this.api.getContacts({ where, includeArchived: true, priority: 'interactive' });
        for (const c of res.items) {
          const r = this.convert(entity, c, ctx);
          if (r.externalNumber) out.set(r.externalNumber, r);
        }
      } else {
        const docs =
          entity === 'invoice'
            ? await this.api.getInvoices({
                invoiceNumbers: part,
                where: ENTITY_FILTER.invoice,
                pageSize: this.pageSize,
                priority: 'interactive',
              })
            : await this.api.getInvoices({
                where: `${ENTITY_FILTER.bill} AND Status!="DELETED" AND (${part.map(keyTerm).join(' OR ')})`,
                pageSize: this.pageSize,
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

  async writeMany<E extends ConnectorEntity>(
    entity: E,
    requests: readonly WriteRequest<E>[],
  ): Promise<WriteResult<E>[]> {
    const results: (WriteResult<E> | undefined)[] = new Array<WriteResult<E> | undefined>(
      requests.length,
    ).fill(undefined);
    if (!(WRITABLE as readonly string[]).includes(entity)) {
      return requests.map(() => ({ ok: false, error: this.unsupported(`writing ${entity}`) }));
    }
    if (entity === 'payment')
      return (await this.payments.write(
        requests as readonly WriteRequest<'payment'>[],
      )) as unknown as WriteResult<E>[];
    if (entity === 'dimension')
      return (await this.dimensions.write(
        requests as readonly WriteRequest<'dimension'>[],
      )) as unknown as WriteResult<E>[];
    const kind = entity as Writable;
    const fail = (i: number, error: ConnectorError) => {
      results[i] = { ok: false, error };
    };

    // 1. Map to the wire; a draft that cannot be expressed fails alone.
    const wires: (Wire | undefined)[] = requests.map((req, i) => {
      try {
        return this.toWire(kind, req as unknown as WriteRequest<Writable>);
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
        const current = await this.fetchByIds(
          entity,
          updates.map(({ r }) => r.externalId as string),
          'bulk',
        );
        for (const { r, i } of updates) {
          const now = current.get((r.externalId as string).toLowerCase());
          if (!now)
            fail(
              i,
              new ConnectorError('conflict', `${entity} ${r.externalId} no longer exists in Xero`, {
                system: 'XERO',
                code: 'NotFound',
              }),
            );
          else if (now.version !== r.version)
            fail(
              i,
              new ConnectorError(
                'conflict',
                `${entity} ${r.externalId} changed in Xero since version ${r.version}`,
                { system: 'XERO', code: 'StaleVersion' },
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
        await this.adoptExisting(kind, requests, results, wires, unsure);
      } catch (error) {
        if (!(error instanceof ConnectorError)) throw error;
        for (const i of unsure) if (!results[i] && wires[i] && !requests[i]?.externalId) fail(i, error);
      }
    }

    // 4. Send in batches of ≤ 50.
    const pending = requests.map((_, i) => i).filter((i) => !results[i] && wires[i]);
    for (const part of chunk(pending, this.capabilities.writeBatchSize))
      await this.sendBatch(kind, part, requests, wires, results);
    return results.map(
      (r): WriteResult<E> =>
        r ?? {
          ok: false,
          error: new ConnectorError('unknown-outcome', 'no result recorded', { system: 'XERO' }),
        },
    );
  }

  private toWire(kind: Writable, req: WriteRequest<Writable>): Wire {
    if (kind === 'customer' || kind === 'vendor')
      return partyToWire(req.data as EntityDrafts['customer'], kind, req.externalId);
    if (kind === 'item') return itemToWire(req.data as EntityDrafts['item'], req.externalId);
    return documentToWire(req.data as EntityDrafts['invoice'], kind, req.externalId);
  }

  private naturalKey(kind: Writable, req: WriteRequest<ConnectorEntity>): string | null {
    const data = req.data as { number?: string | null };
    return kind && data.number ? data.number : null;
  }

  /** Creates whose natural key already exists upstream resolve to that record. */
  private async adoptExisting<E extends ConnectorEntity>(
    kind: Writable,
    requests: readonly WriteRequest<E>[],
    results: (WriteResult<E> | undefined)[],
    wires: readonly unknown[],
    indices?: readonly number[],
  ): Promise<void> {
    if (kind === 'customer' || kind === 'vendor')
      await this.adoptByName(kind, requests, results, wires, indices);
    const creates = (indices ?? requests.map((_, i) => i)).filter(
      (i) =>
        !results[i] &&
        wires[i] &&
        !requests[i]?.externalId &&
        this.naturalKey(kind, requests[i] as WriteRequest<ConnectorEntity>),
    );
    if (!creates.length) return;
    const found = await this.findByNaturalKey(
      kind,
      creates.map((i) => this.naturalKey(kind, requests[i] as WriteRequest<ConnectorEntity>) as string),
    );
    for (const i of creates) {
      const hit = found.get(this.naturalKey(kind, requests[i] as WriteRequest<ConnectorEntity>) as string);
      if (hit) results[i] = { ok: true, created: true, record: hit as unknown as RemoteRecord<E> };
    }
  }

  /**
   * Contacts created without a number are found by name: Xero keeps names unique among active
   * contacts, so a create that landed holds its name (and no number). Had it not landed, a contact
   * holding the name would have refused it anyway; one with a number is another record's.
   */
  private async adoptByName<E extends ConnectorEntity>(
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
    const ctx = await this.ctx();
    const found = new Map<string, RemoteRecord<E>>();
    const nameTerm = (i: number) => `Name==${whereString(nameOf(i))}`;
    for (const part of chunkClauses(creates, nameTerm, this.capabilities.readBatchSize)) {
      const where = part.map(nameTerm).join(' OR ');
      for (const c of (await this.api.getContacts({ where, priority: 'interactive' })).items) {
        const r = this.convert(kind, c, ctx);
        if (r.active && !r.externalNumber) found.set(r.data.name.trim().toLowerCase(), r as RemoteRecord<E>);
      }
    }
    for (const i of creates) {
      const hit = found.get(nameOf(i).toLowerCase());
      if (hit) results[i] = { ok: true, created: true, record: hit };
    }
  }

  private async sendBatch<E extends ConnectorEntity>(
    kind: Writable,
    indices: number[],
    requests: readonly WriteRequest<E>[],
    wires: readonly (Wire | undefined)[],
    results: (WriteResult<E> | undefined)[],
    attempt = 1,
  ): Promise<void> {
    const key = hashKey([kind, ...indices.map((i) => requests[i]?.idempotencyKey ?? '')]);
    const batch = indices.map((i) => wires[i]);
    let answers: unknown[];
    try {
      answers =
        kind === 'customer' || kind === 'vendor'
          ? await this.api.saveContacts({ contacts: batch as WireContact[], idempotencyKey: key })
          : kind === 'item'
            ? await this.api.saveItems({ items: batch as WireItem[], idempotencyKey: key })
            : await this.api.saveInvoices({ invoices: batch as WireInvoice[], idempotencyKey: key });
    } catch (error) {
      if (!(error instanceof ConnectorError)) throw error;
      if (error.kind === 'unknown-outcome' && attempt === 1) {
        // The batch may have been committed. Look the records up by natural key before sending again.
        try {
          await this.adoptExisting(kind, requests, results, wires, indices);
        } catch (lookup) {
          if (!(lookup instanceof ConnectorError)) throw lookup;
          for (const i of indices) if (!results[i]) results[i] = { ok: false, error };
          return;
        }
        // Updates are idempotent (same content by id); creates without a natural key cannot be checked.
        const again = indices.filter(
          (i) =>
            !results[i] &&
            (requests[i]?.externalId || this.naturalKey(kind, requests[i] as WriteRequest<ConnectorEntity>)),
        );
        for (const i of indices) if (!results[i] && !again.includes(i)) results[i] = { ok: false, error };
        if (again.length) await this.sendBatch(kind, again, requests, wires, results, attempt + 1);
        return;
      }
      for (const i of indices) results[i] = { ok: false, error };
      return;
    }
    const ctx = kind === 'customer' || kind === 'vendor' ? await this.ctx() : { baseCurrency: '' };
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
          record: this.convert(kind, el, ctx) as unknown as RemoteRecord<E>,
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
}
