// The NAV / Business Central connector: one class, two dialects (NAV 2017/2018 OData V4 pages and
// BC API v2.0), implementing the Connector contract plus posting and payments. Documents
// (sales invoices, purchase invoices = bills, sales orders) are written header first, then their
// lines; each carries our id (External Document No., or the vendor's invoice No. for a bill) so a
// retry after an unknown outcome finds it instead of writing a second one.
import type {
  Capabilities,
  Checkpoint,
  Connector,
  ConnectorEntity,
  DocumentDraft,
  EntityDrafts,
  ItemDraft,
  ListOptions,
  ListPage,
  PartyDraft,
  PaymentDraft,
  RemoteRecord,
  RemoteRef,
  WriteRequest,
  WriteResult,
  RateBudget,
} from '../system.js';
import { ConnectorError } from '../errors.js';
import { NavHttp } from './client.js';
import { isEntityChanged } from './errors.js';
import { bcDocumentToWire, bcItemToWire, bcLineToWire, bcPartyToWire, bcPaymentToWire } from './mapper-bc.js';
import { contentHash, decodeOption } from './mapper-common.js';
import { Decimal } from 'decimal.js';
import {
  headerEtagOf,
  lineNoOf,
  navItemToWire,
  navLineToWire,
  navPartyToWire,
  navPaymentToJournalLine,
  navPurchaseHeaderToWire,
  navSalesHeaderToWire,
  VENDOR_PAYMENT_PREFIX,
  type NavMapContext,
} from './mapper-nav.js';
import {
  assertModel,
  maxLength,
  parseMetadata,
  propertyType,
  type ServiceModel,
  type ServiceRequirement,
} from './metadata.js';
import {
  chunkByUrlLength,
  filterValue,
  keyPredicate,
  queryString,
  raw,
  sameFieldOr,
  segment,
  type KeyValue,
  type QueryParts,
} from './odata.js';
import type { NavConnectorOptions, PaymentDirection } from './options.js';
import { RawBcParty, RawNavApplication, RawNavJournalLine, RawNavParty } from './raw.js';
import {
  defaultLinesNavigation,
  defaultPostAction,
  defaultServiceNames,
  type ServiceKey,
} from './services.js';
import { DRAFT_PREFIX, sourcesFor, type Source, type SourceContext } from './sources.js';
import { realSleep, Throttle } from './throttle.js';
import { bcFields } from './mapper-bc.js';
import { navDimensionValuesFromWire, navFields } from './mapper-nav.js';
import { RawNavDimensionValue } from './raw.js';

const READABLE: readonly ConnectorEntity[] = [
  'customer',
  'vendor',
  'item',
  'dimension',
  'invoice',
  'bill',
  'salesOrder',
  'ledgerEntry',
];
const WRITABLE: readonly ConnectorEntity[] = [
  'customer',
  'vendor',
  'item',
  'invoice',
  'bill',
  'salesOrder',
  'payment',
];

type DocumentEntity = 'invoice' | 'bill' | 'salesOrder';
type MasterEntity = 'customer' | 'vendor' | 'item';
const isDocument = (e: ConnectorEntity): e is DocumentEntity =>
  e === 'invoice' || e === 'bill' || e === 'salesOrder';
/** What a write's status asks for when it says the document counts in the books. */
const POSTED_STATUSES: ReadonlySet<DocumentDraft['status']> = new Set(['AUTHORISED', 'POSTED', 'PAID']);

/** Our id as stored upstream (and the fields narrowing it, e.g. the vendor of a bill). */
interface NaturalKey {
  field: string;
  value: string;
  scope?: Record<string, unknown> | undefined;
}

/** One change to a document's lines, in the order it is sent. */
interface LineChange {
  method: 'PATCH' | 'POST' | 'DELETE';
  url: string;
  body?: Record<string, unknown>;
  ifMatch?: string;
}

/**
 * A posted payment (NAV customer or vendor ledger entry) or a payment journal line awaiting
 * posting (BC, or NAV with posting disabled).
 */
export interface PaymentResult {
  posted: boolean;
  created: boolean;
  externalId: string;
  documentNumber: string | null;
}

export interface RecordPaymentOptions {
  /**
   * An earlier attempt may have reached the system. NAV always looks the payment up; BC cannot
   * find a posted payment, so it then refuses to create one unless the invoice or bill proves it
   * unpaid.
   */
  outcomeUnknown?: boolean;
}

/** Where each kind of payment lives: NAV ledger and journal, BC journal set and its lines. */
const PAYMENT_SIDES = {
  RECEIVED: {
    party: 'customer',
    ledger: 'custLedgerEntry',
    journal: 'cashReceiptJournal',
    idPrefix: '',
    bcJournal: 'customerPaymentJournal',
    bcLines: 'customerPayments',
  },
  MADE: {
    party: 'vendor',
    ledger: 'vendLedgerEntry',
    journal: 'paymentJournal',
    idPrefix: VENDOR_PAYMENT_PREFIX,
    bcJournal: 'vendorPaymentJournal',
    bcLines: 'vendorPayments',
  },
} as const satisfies Record<
  PaymentDirection,
  {
    party: string;
    ledger: ServiceKey;
    journal: ServiceKey;
    idPrefix: string;
    bcJournal: ServiceKey;
    bcLines: string;
  }
>;

/** Longest id written into a masterDataIdField (the write's idempotency key, e.g. `customer:<id>:resolve:<id>`). */
const ID_FIELD_LENGTH = 100;

/** Appended to the start-up check's message when what vendor payments need is missing. */
const VENDOR_PAYMENTS_HINT =
  "vendor payments (MADE) need these: publish them, or pass payments: ['RECEIVED'] to leave vendor payments out";

/** The application fields a posted payment is found by (and its document No. read from). */
const PAYMENT_ENTRY_SELECT = ['Entry_No', 'Document_Type', 'Document_No', 'Closed_by_Entry_No'];

const str = (v: unknown): string =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';

export class NavConnector implements Connector {
  readonly system = 'NAV' as const;
  readonly tenant: string;
  readonly capabilities: Capabilities;
  readonly http: NavHttp;
  private readonly throttle: Throttle;
  private companyRoot = '';
  private model: ServiceModel | null = null;
  private readonly ctx: SourceContext;
  private readonly services: Partial<Record<ServiceKey, string>>;
  /** Per entity: externalId → hash of what was last delivered (delta de-duplication). */
  private readonly delivered = new Map<ConnectorEntity, Map<string, string>>();
  /** Idempotency keys whose create had an unknown outcome: look up before creating again. */
  private readonly uncertain = new Set<string>();
  private readonly readable: readonly ConnectorEntity[];
  private readonly writable: readonly ConnectorEntity[];
  private readonly payments: readonly PaymentDirection[];

  constructor(private readonly o: NavConnectorOptions) {
    this.tenant = o.company;
    const sleep = o.sleep ?? realSleep;
    const now = o.now ?? Date.now;
    this.throttle = new Throttle(o.throttle ?? {}, sleep, now);
    const base = o.baseUrl.replace(/\/+$/, '');
    this.o = { ...o, baseUrl: base };
    this.http = new NavHttp({
      auth: o.auth,
      throttle: this.throttle,
      sleep,
      now,
      timeoutMs: o.timeoutMs,
      maxRetryAfterMs: o.maxRetryAfterMs,
      maxRateLimitWaits: o.maxRateLimitWaits,
      readRetries: o.readRetries,
      origin: new URL(base).origin,
    });
    this.services = { ...defaultServiceNames[o.dialect], ...o.services };
    this.payments = [...new Set(o.payments ?? (['RECEIVED', 'MADE'] as const))];
    const nav: NavMapContext = {
      localCurrency: o.localCurrency,
      globalDimensions: o.globalDimensions ?? [null, null],
    };
    this.ctx = {
      dialect: o.dialect,
      payments: this.payments,
      nav,
      service: (key) => this.serviceName(key),
      lines: (key) =>
        o.linesNavigation?.[key] ?? defaultLinesNavigation(o.dialect, key, this.serviceName(key)) ?? '',
    };
    // NAV publishes posted payments (customer and vendor ledger entries); BC's standard API does not.
    const withPayments = this.payments.length > 0;
    this.readable = o.dialect === 'nav-odata-v4' && withPayments ? [...READABLE, 'payment'] : READABLE;
    this.writable = withPayments ? WRITABLE : WRITABLE.filter((e) => e !== 'payment');
    this.capabilities = {
      entities: this.readable,
      writable: this.writable,
      webhooks: false,
      writeBatchSize: 1,
      readBatchSize: o.readBatchSize ?? 100,
      paging: 'next-link',
    };
  }

  /** Creates the connector and runs the start-up checks. */
  static async connect(options: NavConnectorOptions): Promise<NavConnector> {
    const c = new NavConnector(options);
    await c.start();
    return c;
  }

  private serviceName(key: ServiceKey): string {
    const name = this.services[key];
    if (!name)
      throw new ConnectorError('validation', `no service configured for ${key} in this dialect`, {
        system: 'NAV',
      });
    return name;
  }

  private get postAction(): string | null {
    return this.o.postAction === undefined ? defaultPostAction[this.o.dialect] : this.o.postAction;
  }

  /** Fetches $metadata once, resolves the company and checks every service and field we use. */
  async start(): Promise<void> {
    const res = await this.http.request('GET', `${this.o.baseUrl}/$metadata`);
    const xml = res.text;
    this.model = parseMetadata(xml);
    assertModel(this.model, this.requirements());
    this.assertIdFieldsLongEnough(this.model);
    if (this.o.dialect === 'nav-odata-v4') {
      this.companyRoot = `${this.o.baseUrl}/Company(${keyPredicate([['Name', this.o.company]]).slice(1, -1)})/`;
    } else {
      const id = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(this.o.company)
        ? this.o.company
        : await this.companyIdByName(this.o.company);
      this.companyRoot = `${this.o.baseUrl}/companies(${id})/`;
    }
  }

  /** An id field must hold our id (the idempotency key): a shorter one would refuse every create. */
  private assertIdFieldsLongEnough(model: ServiceModel): void {
    const short = Object.entries(this.o.masterDataIdField ?? {}).flatMap(([entity, field]) => {
      const service = this.serviceName(entity as MasterEntity);
      const max = maxLength(model, service, field);
      return max !== undefined && max < ID_FIELD_LENGTH
        ? [`field '${field}' of service '${service}' (${entity} id field) holds ${max} characters`]
        : [];
    });
    if (short.length)
      throw new ConnectorError(
        'validation',
        `NAV/BC metadata does not match the connector configuration: ${short.join('; ')} (our id needs ${ID_FIELD_LENGTH}: make it a Text[${ID_FIELD_LENGTH}])`,
        {
          system: 'NAV',
          code: 'MetadataMismatch',
          fieldErrors: short.map((message) => ({ field: '', message })),
        },
      );
  }

  private async companyIdByName(name: string): Promise<string> {
    const url = `${this.o.baseUrl}/companies${queryString({ filter: { name }, select: ['id', 'name'] })}`;
    const rows = await this.http.all(url);
    const id = (rows[0] as { id?: unknown } | undefined)?.id;
    if (typeof id !== 'string') {
      throw new ConnectorError('validation', `company '${name}' not found`, {
        system: 'NAV',
        code: 'Internal_CompanyNotFound',
      });
    }
    return id;
  }

  private requirements(): ServiceRequirement[] {
    const reqs: ServiceRequirement[] = [];
    // NAV publishes dimension values on a page of their own, read beside the dimensions.
    if (this.o.dialect === 'nav-odata-v4')
      reqs.push({
        purpose: 'dimension',
        service: this.serviceName('dimensionValue'),
        fields: navFields.dimensionValue,
      });
    // BC lines are written with the item's id; every other written field is also read.
    const lineWriteOnly = this.o.dialect === 'bc-api-v2' ? ['itemId'] : [];
    for (const entity of this.readable) {
      for (const s of sourcesFor(entity, this.ctx)) {
        const posts = s.key === 'salesInvoice' || s.key === 'purchaseInvoice';
        reqs.push({
          purpose: s.purpose ?? entity,
          service: s.service,
          fields: s.select,
          lines: s.lines
            ? {
                navigation: s.lines.navigation,
                fields: this.writable.includes(entity)
                  ? [...s.lines.select, ...lineWriteOnly]
                  : s.lines.select,
              }
            : undefined,
          action: posts && this.postAction ? this.postAction : undefined,
          hint: s.key === 'vendLedgerEntry' ? VENDOR_PAYMENTS_HINT : undefined,
        });
      }
    }
    // Payments are written as journal lines: only the journals of the kinds in use are required.
    const paymentPurpose = (d: PaymentDirection) => (d === 'RECEIVED' ? 'payment' : 'vendor payment');
    const paymentHint = (d: PaymentDirection) => (d === 'MADE' ? VENDOR_PAYMENTS_HINT : undefined);
    if (this.o.dialect === 'nav-odata-v4') {
      for (const d of this.payments) {
        reqs.push({
          purpose: paymentPurpose(d),
          service: this.serviceName(PAYMENT_SIDES[d].journal),
          fields: [...navFields.journal, ...navFields.journalWrite],
          action: this.postAction ?? undefined,
          hint: paymentHint(d),
        });
      }
    } else {
      for (const d of this.payments) {
        reqs.push({
          purpose: paymentPurpose(d),
          service: this.serviceName(PAYMENT_SIDES[d].bcJournal),
          fields: ['id', 'code'],
          lines: {
            navigation: PAYMENT_SIDES[d].bcLines,
            fields: d === 'RECEIVED' ? bcFields.customerPayment : bcFields.vendorPayment,
          },
          hint: paymentHint(d),
        });
      }
    }
    // Both dialects: BC's standard API pages cannot be extended, so there it names the missing field.
    for (const [entity, field] of Object.entries(this.o.masterDataIdField ?? {})) {
      const key = entity as MasterEntity;
      reqs.push({ purpose: `${key} id field`, service: this.serviceName(key), fields: [field] });
    }
    return reqs;
  }

  /** The company's root URL (BC: `…/api/v2.0/companies(<id>)/`), e.g. for webhook subscriptions. */
  get companyUrl(): string {
    return this.root;
  }

  private get root(): string {
    if (!this.companyRoot)
      throw new ConnectorError('validation', 'call start() (or NavConnector.connect) first', {
        system: 'NAV',
      });
    return this.companyRoot;
  }

  private collectionUrl(s: Source, q: QueryParts = {}): string {
    return `${this.root}${segment(s.service)}${queryString(q)}`;
  }

  private entityUrl(s: Source, id: string, q: QueryParts = {}): string {
    return `${this.root}${segment(s.service)}${keyPredicate(s.keyOf(id))}${queryString(q)}`;
  }

  private readQuery(s: Source, filter?: unknown): QueryParts {
    const parts = [s.filter, filter].filter((f) => f !== undefined);
    return {
      select: s.select,
      ...(parts.length === 1 ? { filter: parts[0] } : parts.length > 1 ? { filter: { and: parts } } : {}),
      ...(s.lines ? { expand: { name: s.lines.navigation, select: s.lines.select } } : {}),
    };
  }

  private sources(entity: ConnectorEntity): Source[] {
    const list = sourcesFor(entity, this.ctx);
    if (list.length === 0 || !this.readable.includes(entity)) {
      throw new ConnectorError('validation', `${entity} is not supported by the NAV/BC connector`, {
        system: 'NAV',
      });
    }
    if (this.model) {
      for (const s of list) {
        if (s.modified && propertyType(this.model, s.service, s.modified.field) === 'Edm.DateTimeOffset') {
          s.modified.kind = 'datetime';
        }
      }
    }
    return list;
  }

  // ---------- reads ----------

  async *list<E extends ConnectorEntity>(entity: E, options: ListOptions = {}): AsyncGenerator<ListPage<E>> {
    const sources = this.sources(entity);
    const cp = options.checkpoint ?? null;
    let index = typeof cp?.source === 'number' ? cp.source : 0;
    let resume = typeof cp?.next === 'string' ? cp.next : null;
    const sinceIso =
      typeof cp?.since === 'string' ? cp.since : (options.modifiedSince?.toISOString() ?? null);
    const since = sinceIso ? new Date(sinceIso) : null;
    const seen = this.deliveredFor(entity);
    for (; index < sources.length; index += 1) {
      const s = sources[index]!;
      const url =
        resume ?? this.collectionUrl(s, this.readQuery(s, since ? this.sinceFilter(s, since) : undefined));
      resume = null;
      for await (const page of this.http.pages(url)) {
        const records: RemoteRecord<E>[] = [];
        const mapped = await this.mapAll(s, page.values);
        for (const record of mapped as RemoteRecord<E>[]) {
          const hash = contentHash({ data: record.data, version: record.version, active: record.active });
          // A delta re-reads its boundary (NAV: the whole day); records unchanged since we delivered them are skipped.
          if (since && seen.get(record.externalId) === hash) continue;
          seen.set(record.externalId, hash);
          records.push(record);
        }
        const last = page.next === null && index === sources.length - 1;
        const checkpoint: Checkpoint | null = last
          ? null
          : page.next !== null
            ? { source: index, next: page.next, since: sinceIso }
            : { source: index + 1, next: null, since: sinceIso };
        yield { records, checkpoint };
      }
    }
  }

  private deliveredFor(entity: ConnectorEntity): Map<string, string> {
    let m = this.delivered.get(entity);
    if (!m) {
      m = new Map();
      this.delivered.set(entity, m);
    }
    return m;
  }

  /** NAV: Last_Date_Modified ge <day> (a DATE: the boundary day is re-read); BC: lastModifiedDateTime ge <instant>. */
  private sinceFilter(s: Source, since: Date): unknown {
    if (!s.modified) return undefined;
    if (s.modified.kind === 'date')
      return { [s.modified.field]: { ge: raw(since.toISOString().slice(0, 10)) } };
    return { [s.modified.field]: { ge: since } };
  }

  /** Maps a page of raw records; payments then learn which invoice each was applied to. */
  private async mapAll(s: Source, raws: readonly unknown[]): Promise<RemoteRecord[]> {
    const records = raws.map((r) => this.mapOrThrow(s, r));
    if (s.key === 'dimension' && this.nav && records.length > 0) await this.attachDimensionValues(records);
    if ((s.key === 'custLedgerEntry' || s.key === 'vendLedgerEntry') && records.length > 0)
      await this.attachAppliedInvoices(s, raws, records);
    return records;
  }

  /**
   * NAV links an application through Closed_by_Entry_No: a payment entry is closed by the invoice
   * entry it used up, or closes the invoice entries it paid off. Two look-ups per page (entries
   * the payments were closed by; entries closed by the payments) name each payment's invoice when
   * exactly one invoice is involved; otherwise the document stays unknown. The same holds in the
   * vendor ledger, where the invoice is the posted bill.
   */
  private async attachAppliedInvoices(s: Source, raws: readonly unknown[], records: RemoteRecord[]) {
    const payments = raws.map((r, i) => ({
      entry: RawNavApplication.parse(r),
      record: records[i] as RemoteRecord<'payment'>,
    }));
    const select = PAYMENT_ENTRY_SELECT;
    const fetch = async (field: string, values: number[]) => {
      const unique = [...new Set(values.filter((v) => v > 0).map(String))];
      if (unique.length === 0) return [];
      const urlFor = (chunk: readonly string[]) =>
        `${this.root}${segment(s.service)}${queryString({ filter: sameFieldOr(field, chunk, 'int'), select })}`;
      const rows: RawNavApplication[] = [];
      for (const chunk of chunkByUrlLength(
        unique,
        this.o.maxUrlLength ?? 2048,
        this.capabilities.readBatchSize,
        urlFor,
      ))
        for (const row of await this.http.all(urlFor(chunk))) rows.push(RawNavApplication.parse(row));
      return rows;
    };
    const [closers, closed] = await Promise.all([
      fetch(
        'Entry_No',
        payments.map((p) => p.entry.Closed_by_Entry_No ?? 0),
      ),
      fetch(
        'Closed_by_Entry_No',
        payments.map((p) => p.entry.Entry_No),
      ),
    ]);
    const isInvoice = (e: RawNavApplication) => decodeOption(e.Document_Type) === 'Invoice';
    for (const { entry, record } of payments) {
      const invoices = new Set<string>();
      for (const e of closers)
        if (e.Entry_No === entry.Closed_by_Entry_No && isInvoice(e)) invoices.add(e.Document_No);
      for (const e of closed)
        if (e.Closed_by_Entry_No === entry.Entry_No && isInvoice(e)) invoices.add(e.Document_No);
      const [only] = invoices;
      // A posted invoice's externalId is its No.
      if (invoices.size === 1 && only) record.data.document = { number: only, externalId: only };
    }
  }

  private mapOrThrow(s: Source, rawRecord: unknown): RemoteRecord {
    try {
      return s.map(rawRecord);
    } catch (err) {
      throw new ConnectorError(
        'validation',
        `unexpected ${s.service} record shape: ${(err as Error).message}`,
        {
          system: 'NAV',
          code: 'UnexpectedShape',
        },
      );
    }
  }

  /**
   * NAV: each dimension's values, from DimensionValues (page 537), for a whole page of dimensions
   * in one look-up (more when the URL would get too long).
   */
  private async attachDimensionValues(records: RemoteRecord[]): Promise<void> {
    const service = `${this.root}${segment(this.serviceName('dimensionValue'))}`;
    const urlFor = (chunk: readonly string[]) =>
      `${service}${queryString({ filter: sameFieldOr('Dimension_Code', chunk, 'string'), select: navFields.dimensionValue })}`;
    const codes = records.map((r) => r.externalId);
    const values: RawNavDimensionValue[] = [];
    for (const chunk of chunkByUrlLength(
      codes,
      this.o.maxUrlLength ?? 2048,
      this.capabilities.readBatchSize,
      urlFor,
    )) {
      for (const row of await this.http.all(urlFor(chunk))) {
        const parsed = RawNavDimensionValue.safeParse(row);
        if (!parsed.success)
          throw new ConnectorError(
            'validation',
            `unexpected DimensionValues record shape: ${parsed.error.message}`,
            {
              system: 'NAV',
              code: 'UnexpectedShape',
            },
          );
        values.push(parsed.data);
      }
    }
    for (const record of records as RemoteRecord<'dimension'>[])
      record.data.values = navDimensionValuesFromWire(
        values.filter((v) => v.Dimension_Code === record.externalId),
      );
  }

  /** What is left of the per-user request budget (BC: 6,000 per 5 minutes by default). */
  rateBudget(): Promise<RateBudget> {
    return this.throttle.budgetLeft();
  }

  async getMany<E extends ConnectorEntity>(
    entity: E,
    externalIds: readonly string[],
  ): Promise<Map<string, RemoteRecord<E>>> {
    const out = new Map<string, RemoteRecord<E>>();
    const sources = this.sources(entity);
    const unique = [...new Set(externalIds)];
    for (const s of sources) {
      const mine = unique
        .filter((id) =>
          s.idPrefix
            ? id.startsWith(s.idPrefix)
            : !sources.some((o) => o.idPrefix && id.startsWith(o.idPrefix)),
        )
        .map((id) => id.slice(s.idPrefix.length))
        // An entry number that is not a number cannot exist (and NAV would refuse the filter).
        .filter((id) => s.idType !== 'int' || /^\d+$/.test(id));
      if (mine.length === 0) continue;
      const urlFor = (chunk: readonly string[]) =>
        this.collectionUrl(s, this.readQuery(s, sameFieldOr(s.idField, chunk, s.idType)));
      const chunks = chunkByUrlLength(
        mine,
        this.o.maxUrlLength ?? 2048,
        this.capabilities.readBatchSize,
        urlFor,
      );
      for (const chunk of chunks) {
        for (const record of await this.mapAll(s, await this.http.all(urlFor(chunk)))) {
          out.set(record.externalId, record as RemoteRecord<E>);
        }
      }
    }
    return out;
  }

  /** One record with its etag, or null when it does not exist. */
  private async getOne(
    s: Source,
    id: string,
  ): Promise<{ raw: Record<string, unknown>; record: RemoteRecord } | null> {
    try {
      const data = await this.http.getJson(
        this.entityUrl(s, id, s.lines ? { expand: { name: s.lines.navigation } } : {}),
      );
      const rawRecord = data as Record<string, unknown>;
      return { raw: rawRecord, record: this.mapOrThrow(s, rawRecord) };
    } catch (err) {
      if (err instanceof ConnectorError && err.details.status === 404) return null;
      throw err;
    }
  }

  private async findBy(s: Source, filter: Record<string, unknown>): Promise<RemoteRecord | null> {
    const rows = await this.http.all(this.collectionUrl(s, this.readQuery(s, filter)));
    return rows[0] === undefined ? null : ((await this.mapAll(s, [rows[0]]))[0] ?? null);
  }

  // ---------- writes ----------

  async writeMany<E extends ConnectorEntity>(
    entity: E,
    requests: readonly WriteRequest<E>[],
  ): Promise<WriteResult<E>[]> {
    const results: WriteResult<E>[] = [];
    for (const req of requests) {
      try {
        if (!this.writable.includes(entity)) {
          throw new ConnectorError(
            'validation',
            `${entity} writes are not supported by the NAV/BC connector`,
            {
              system: 'NAV',
            },
          );
        }
        const done =
          entity === 'payment'
            ? await this.writePayment(req as WriteRequest<'payment'>)
            : req.externalId
              ? await this.update(entity, req)
              : await this.create(entity, req);
        results.push({ ok: true, created: done.created, record: done.record as RemoteRecord<E> });
      } catch (err) {
        results.push({ ok: false, error: toConnectorError(err) });
      }
    }
    return results;
  }

  private get nav(): boolean {
    return this.o.dialect === 'nav-odata-v4';
  }

  /**
   * The service a unified entity is written to: NAV invoices and bills go to the unposted
   * SalesInvoice / PurchaseInvoice pages; BC has one set per document type.
   */
  private writeSource(entity: ConnectorEntity): Source {
    const sources = this.sources(entity);
    if (this.nav && entity === 'invoice') return sources.find((s) => s.key === 'salesInvoice')!;
    if (this.nav && entity === 'bill') return sources.find((s) => s.key === 'purchaseInvoice')!;
    return sources[0]!;
  }

  /** NAV's posted counterpart of a document source (BC keeps posted documents in the same set). */
  private postedSource(entity: ConnectorEntity): Source | null {
    if (!this.nav) return null;
    const key =
      entity === 'invoice' ? 'postedSalesInvoice' : entity === 'bill' ? 'postedPurchaseInvoice' : null;
    return key ? (this.sources(entity).find((s) => s.key === key) ?? null) : null;
  }

  private toWire(
    entity: ConnectorEntity,
    data: EntityDrafts[ConnectorEntity],
    current: Record<string, unknown> | undefined,
    documentKey: string | null,
  ): Record<string, unknown> {
    const nav = this.nav;
    switch (entity) {
      case 'customer':
      case 'vendor': {
        const withCreditLimit = entity === 'customer';
        const blockedValue = this.o.blockedValue?.[entity] ?? 'All';
        const draft = data as PartyDraft;
        if (nav) {
          const out = navPartyToWire(draft, this.ctx.nav, {
            withCreditLimit,
            blockedValue,
            current: current ? RawNavParty.parse(current) : undefined,
          });
          if (!current && draft.number) out.No = draft.number;
          return out;
        }
        return bcPartyToWire(draft, {
          withCreditLimit,
          blockedValue,
          current: current ? RawBcParty.parse(current) : undefined,
        });
      }
      case 'item': {
        const draft = data as ItemDraft;
        if (nav) return { ...(current ? {} : { No: draft.number }), ...navItemToWire(draft) };
        return bcItemToWire(draft, !current);
      }
      case 'invoice':
        return nav
          ? navSalesHeaderToWire(data as DocumentDraft, this.ctx.nav, documentKey)
          : bcDocumentToWire('invoice', data as DocumentDraft, documentKey, !current);
      case 'salesOrder':
        return nav
          ? navSalesHeaderToWire(data as DocumentDraft, this.ctx.nav, documentKey, 'order')
          : bcDocumentToWire('salesOrder', data as DocumentDraft, documentKey, !current);
      case 'bill':
        return nav
          ? navPurchaseHeaderToWire(data as DocumentDraft, this.ctx.nav, documentKey)
          : bcDocumentToWire('bill', data as DocumentDraft, documentKey, !current);
      default:
        throw new ConnectorError('validation', `${entity} writes are not supported`, { system: 'NAV' });
    }
  }

  /** Whether the document may no longer be changed (NAV/BC posted; a released sales order). */
  private lockedReason(entity: ConnectorEntity, id: string, record: RemoteRecord): string | null {
    if (!isDocument(entity)) return null;
    const status = (record.data as DocumentDraft).status;
    if (entity === 'salesOrder')
      return status === 'AUTHORISED' ? `sales order ${id} is released; reopen it in NAV to change it` : null;
    return status !== 'DRAFT' ? `${entity} ${id} is posted and can no longer be changed` : null;
  }

  private async update(
    entity: ConnectorEntity,
    req: WriteRequest,
  ): Promise<{ created: boolean; record: RemoteRecord }> {
    const s = this.writeSource(entity);
    const id = req.externalId!;
    if (s.idPrefix && !id.startsWith(s.idPrefix)) {
      throw new ConnectorError('conflict', `${id} is posted and can no longer be changed`, {
        system: 'NAV',
        code: 'NotEditable',
      });
    }
    const key = id.slice(s.idPrefix.length);
    const current = await this.getOne(s, key);
    if (!current) {
      // A NAV user may have posted the draft meanwhile: that is a conflict, not a missing record.
      const posted = isDocument(entity) ? await this.findPosted(entity, key) : null;
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
      throw conflict(`${s.service} ${id} changed since version ${req.version}`, current.record);
    }
    const wanted = this.toWire(entity, req.data, current.raw, this.documentKeyForUpdate(entity, req));
    const changes = diff(wanted, current.raw);
    const lineChanges = isDocument(entity)
      ? this.lineChanges(entity, s, key, req.data as DocumentDraft, current.raw)
      : [];
    if (Object.keys(changes).length === 0 && lineChanges.length === 0) {
      return { created: false, record: await this.finish(entity, req, current.record) };
    }
    const locked = this.lockedReason(entity, id, current.record);
    if (locked) {
      throw new ConnectorError('conflict', locked, {
        system: 'NAV',
        code: 'NotEditable',
        upstream: current.record,
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
        await this.http.request('PATCH', this.entityUrl(s, key), { body: changes, ifMatch: etag });
        // A header change may recalculate the lines (new etags): plan the lines on a fresh read.
        if (pending.length > 0) {
          const fresh = await this.getOne(s, key);
          pending = fresh
            ? this.lineChanges(entity as DocumentEntity, s, key, req.data as DocumentDraft, fresh.raw)
            : [];
        }
      }
      for (const change of pending) {
        await this.http.request(change.method, change.url, {
          ...(change.body ? { body: change.body } : {}),
          ...(change.ifMatch ? { ifMatch: change.ifMatch } : {}),
        });
      }
    } catch (err) {
      if (err instanceof ConnectorError && isEntityChanged(err)) {
        const now = await this.getOne(s, key);
        throw conflict(
          `${s.service} ${id} was changed by someone else; nothing was overwritten`,
          now?.record ?? null,
          err,
        );
      }
      throw err;
    }
    const after = await this.getOne(s, key);
    return { created: false, record: await this.finish(entity, req, after!.record) };
  }

  /**
   * What to send so a document's lines become the draft's: PATCH the changed ones (only the
   * changed fields, with the line's own etag), POST the new ones, DELETE the ones no longer there.
   * Lines are matched by their number (NAV Line_No, BC sequence).
   */
  private lineChanges(
    entity: DocumentEntity,
    s: Source,
    key: string,
    draft: DocumentDraft,
    currentRaw: Record<string, unknown>,
  ): LineChange[] {
    const navigation = this.ctx.lines(s.key);
    const side = entity === 'bill' ? 'purchase' : 'sales';
    const linesUrl = `${this.entityUrl(s, key)}/${segment(navigation)}`;
    const value = currentRaw[navigation];
    const current = (Array.isArray(value) ? value : []) as Record<string, unknown>[];
    const numberOf = (l: Record<string, unknown>) => Number(this.nav ? l.Line_No : l.sequence);
    const lineUrl = (l: Record<string, unknown>) => {
      if (!this.nav) return `${linesUrl}(${str(l.id)})`;
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
      const wire = this.nav ? navLineToWire(line, i, this.ctx.nav, side) : bcLineToWire(line, i, side);
      const no = Number(this.nav ? wire.Line_No : wire.sequence);
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
      if (!wantedNumbers.has(numberOf(l)))
        out.push({ method: 'DELETE', url: lineUrl(l), ifMatch: etagOf(l) });
    }
    // Deletions first: a line number freed by a delete may be reused by a new line.
    return [...out.filter((c) => c.method === 'DELETE'), ...out.filter((c) => c.method !== 'DELETE')];
  }

  /** Our id for a document as a create writes it (a bill: the vendor's invoice No.). */
  private lookupKey(entity: ConnectorEntity, req: WriteRequest): NaturalKey | null {
    const nav = this.nav;
    if (entity === 'invoice' || entity === 'salesOrder') {
      const value = (req.data as DocumentDraft).externalDocumentNumber ?? req.idempotencyKey.slice(0, 35);
      return { field: nav ? 'External_Document_No' : 'externalDocumentNumber', value };
    }
    if (entity === 'bill') {
      // NAV posts a purchase invoice only with the vendor's invoice No., unique per vendor: it is
      // the bill's natural key (our own id when the vendor's number is not known).
      const draft = req.data as DocumentDraft;
      const value =
        draft.vendorInvoiceNumber ?? draft.externalDocumentNumber ?? req.idempotencyKey.slice(0, 35);
      const party = draft.party;
      const scope = nav
        ? party.number
          ? { Buy_from_Vendor_No: party.number }
          : undefined
        : party.externalId
          ? { vendorId: filterValue(party.externalId, 'guid') }
          : party.number
            ? { vendorNumber: party.number }
            : undefined;
      return { field: nav ? 'Vendor_Invoice_No' : 'vendorInvoiceNumber', value, scope };
    }
    const custom = this.o.masterDataIdField?.[entity as 'customer' | 'vendor' | 'item'];
    if (custom) return { field: custom, value: req.idempotencyKey };
    const number = (req.data as { number?: string | null }).number;
    if (number) return { field: nav ? 'No' : 'number', value: number };
    return null;
  }

  /** An update writes our id only when the draft names one (never the idempotency key). */
  private documentKeyForUpdate(entity: ConnectorEntity, req: WriteRequest): string | null {
    if (!isDocument(entity)) return null;
    const draft = req.data as DocumentDraft;
    return entity === 'bill'
      ? (draft.vendorInvoiceNumber ?? draft.externalDocumentNumber)
      : draft.externalDocumentNumber;
  }

  private async lookUp(entity: ConnectorEntity, key: NaturalKey): Promise<RemoteRecord | null> {
    const filter = { [key.field]: key.value, ...key.scope };
    const found = await this.findBy(this.writeSource(entity), filter);
    if (found) return found;
    // NAV: posted meanwhile; the posted document keeps the External Document No. / vendor's No.
    const posted = this.postedSource(entity);
    return posted ? this.findBy(posted, filter) : null;
  }

  /** NAV: the posted document a draft became (Pre-Assigned No. = the draft's No.). */
  private async findPosted(entity: ConnectorEntity, draftNo: string): Promise<RemoteRecord | null> {
    const posted = this.postedSource(entity);
    return posted ? this.findBy(posted, { Pre_Assigned_No: draftNo }) : null;
  }

  private async create(
    entity: ConnectorEntity,
    req: WriteRequest,
  ): Promise<{ created: boolean; record: RemoteRecord }> {
    const key = this.lookupKey(entity, req);
    // Documents carry our id (External Document No.), so they are always looked up first: a job
    // replayed after a crash must not post a second invoice. Master data only after an unknown outcome.
    const lookFirst =
      this.o.alwaysLookUpBeforeCreate ??
      (isDocument(entity) || this.o.masterDataIdField?.[entity as 'item'] !== undefined);
    // Unknown outcome in this process, or reported by the caller (an attempt in a process that died).
    const uncertain = this.uncertain.has(req.idempotencyKey) || req.outcomeUnknown === true;
    if (key && (lookFirst || uncertain)) {
      const found = await this.lookUp(entity, key);
      if (found) {
        this.uncertain.delete(req.idempotencyKey);
        const record = await this.complete(entity, req, found);
        return { created: uncertain, record: await this.finish(entity, req, record) };
      }
    }
    // No number and no id field: NAV/BC numbers the record itself, so only what we wrote can tell
    // whether an earlier attempt created it. Settle that before anything is written again.
    if (!key && uncertain) {
      const record = await this.adoptByNaturalKey(entity as MasterEntity, req);
      return { created: true, record: await this.finish(entity, req, record) };
    }
    for (let attempt = 1; ; attempt += 1) {
      try {
        const record = await this.createOnce(entity, req, key);
        this.uncertain.delete(req.idempotencyKey);
        return { created: true, record: await this.finish(entity, req, record) };
      } catch (err) {
        if (!(err instanceof ConnectorError) || err.kind !== 'unknown-outcome') throw err;
        this.uncertain.add(req.idempotencyKey);
        if (!key) {
          const record = await this.adoptByNaturalKey(entity as MasterEntity, req, err);
          return { created: true, record: await this.finish(entity, req, record) };
        }
        if (attempt >= 2) throw err;
        const found = await this.stillUnknown(err, () => this.lookUp(entity, key));
        if (found) {
          const record = await this.complete(entity, req, found);
          this.uncertain.delete(req.idempotencyKey);
          return { created: true, record: await this.finish(entity, req, record) };
        }
      }
    }
  }

  /**
   * A look-up after an unknown outcome that fails itself leaves the outcome unknown: it fails as
   * `unknown-outcome` (not `transient`), so the retry, in whatever process, looks again first.
   */
  private async stillUnknown<T>(cause: ConnectorError, lookUp: () => Promise<T>): Promise<T> {
    try {
      return await lookUp();
    } catch (err) {
      const failure = toConnectorError(err);
      if (failure.kind === 'unknown-outcome' || failure.kind === 'conflict') throw failure;
      throw new ConnectorError(
        'unknown-outcome',
        `${cause.message}; looking the record up failed too (${failure.kind}: ${failure.message})`,
        { system: 'NAV', ...(cause.details.code ? { code: cause.details.code } : {}) },
      );
    }
  }

  /** The fields a person recognises a customer or vendor by (name and e-mail), an item by its name. */
  private naturalKeyFields(entity: MasterEntity): { name: string; email?: string } {
    if (entity === 'item') return { name: this.nav ? 'Description' : 'displayName' };
    return this.nav ? { name: 'Name', email: 'E_Mail' } : { name: 'displayName', email: 'email' };
  }

  /**
   * A customer, vendor or item created without a number (NAV/BC numbers it) whose create may have
   * reached NAV/BC: the record holding exactly the name and e-mail we wrote (a blank e-mail
   * included) is ours when it is the only one. None found fails as `unknown-outcome` (looked for
   * again on the retry, then dead-lettered); several as a `conflict`. Nothing is ever written
   * again on a guess, so no retry can duplicate it.
   *
   * The server filters on the name (and e-mail); the match is then checked here: NAV compares text
   * case-insensitively (SQL collation), and how it reads filter characters in a value (`&`, `|`,
   * `*`…) can only widen the result, which this check narrows again, or find nothing, which fails
   * safe.
   */
  private async adoptByNaturalKey(
    entity: MasterEntity,
    req: WriteRequest,
    cause?: ConnectorError,
  ): Promise<RemoteRecord> {
    const s = this.writeSource(entity);
    const fields = this.naturalKeyFields(entity);
    const wire = this.toWire(entity, req.data, undefined, null);
    const name = str(wire[fields.name]);
    const email = fields.email ? str(wire[fields.email]) : '';
    const described = `${entity} '${name}'${fields.email ? (email ? ` with e-mail ${email}` : ' without an e-mail') : ''}`;
    const why = cause ? `${cause.message}: ` : 'an earlier attempt may have reached NAV/BC: ';
    const unknown = (message: string) =>
      new ConnectorError('unknown-outcome', `${why}${message}`, {
        system: 'NAV',
        code: 'CreateOutcomeNotFound',
        fieldErrors: [{ field: 'number', message: 'no number to look the record up by' }],
      });
    if (name.trim() === '') throw unknown(`a ${entity} without a name or number cannot be looked up`);
    const filter: Record<string, string> = { [fields.name]: name };
    if (fields.email && email) filter[fields.email] = email;
    const lookUp = async () => {
      const rows = (await this.http.all(this.collectionUrl(s, this.readQuery(s, filter)))) as Record<
        string,
        unknown
      >[];
      const ours = rows.filter(
        (row) =>
          str(row[fields.name]) === name &&
          (!fields.email || str(row[fields.email]).toLowerCase() === email.toLowerCase()),
      );
      return this.mapAll(s, ours);
    };
    const matches = cause ? await this.stillUnknown(cause, lookUp) : await lookUp();
    if (matches.length === 1) {
      this.uncertain.delete(req.idempotencyKey);
      return matches[0]!;
    }
    if (matches.length === 0)
      throw unknown(
        `no ${described} is in NAV/BC: it may not have been created (or not yet), and it is not ` +
          `created again on a guess. Give the record the number of the ${entity} that is ours in ` +
          'NAV/BC (created there by hand if there is none) and replay the job: it is then found by that number',
      );
    const numbers = matches.map((m) => m.externalNumber ?? m.externalId);
    throw new ConnectorError(
      'conflict',
      `${why}${matches.length} ${entity} records match ${described} (${numbers.join(', ')}), so ` +
        'which one an earlier attempt created, if any, cannot be told and none is chosen; nothing was ' +
        'written. Give the record the number of the one that is ours to link it, or resolve the conflict ' +
        'keeping ours to create a new one',
      {
        system: 'NAV',
        code: 'CreateOutcomeAmbiguous',
        fieldErrors: [{ field: 'number', message: `several ${entity} records match; none was chosen` }],
        upstream: {
          matches: matches.map((m) => ({
            externalId: m.externalId,
            number: m.externalNumber,
            name: (m.data as PartyDraft | ItemDraft).name,
            ...(fields.email ? { email: (m.data as PartyDraft).email } : {}),
          })),
        },
      },
    );
  }

  private async createOnce(
    entity: ConnectorEntity,
    req: WriteRequest,
    key: NaturalKey | null,
  ): Promise<RemoteRecord> {
    const s = this.writeSource(entity);
    const body = this.toWire(entity, req.data, undefined, isDocument(entity) ? (key?.value ?? null) : null);
    if (key && !isDocument(entity) && this.o.masterDataIdField?.[entity as 'customer'])
      body[key.field] = key.value;
    const res = await this.http.request('POST', this.collectionUrl(s), { body });
    let created = this.mapOrThrow(s, res.data);
    if (isDocument(entity) && res.data && typeof res.data === 'object') {
      created = await this.reapplyHeader(entity, s, created, body, res.data as Record<string, unknown>);
    }
    return this.complete(entity, req, created);
  }

  /**
   * Validating one header field can recalculate another (the customer's payment terms set the due
   * date): what the system made of a field we sent is set again, so the document says what we wrote.
   */
  private async reapplyHeader(
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
    const res = await this.http.request('PATCH', this.entityUrl(s, key), { body: changes, ifMatch: etag });
    // The PATCH answer has no lines; the NAV lines come next anyway, BC's are read back.
    if (this.nav) return this.mapOrThrow(s, res.data);
    return (await this.getOne(s, key))?.record ?? created;
  }

  /**
   * NAV documents: header first, then the lines that are not there yet (so a retry never doubles
   * a line). A line NAV refuses removes the half-made document, so nothing partial stays. (BC
   * takes a document and its lines in one deep insert, which BC applies all or nothing.)
   */
  private async complete(
    entity: ConnectorEntity,
    req: WriteRequest,
    record: RemoteRecord,
  ): Promise<RemoteRecord> {
    if (!isDocument(entity) || !this.nav || !record.externalId.startsWith(DRAFT_PREFIX)) return record;
    const s = this.writeSource(entity);
    const no = record.externalId.slice(DRAFT_PREFIX.length);
    const draft = req.data as DocumentDraft;
    const side = entity === 'bill' ? 'purchase' : 'sales';
    const have = new Set(record.data && 'lines' in record.data ? record.data.lines.map((l) => l.lineNo) : []);
    const linesUrl = `${this.entityUrl(s, no)}/${segment(this.ctx.lines(s.key))}`;
    try {
      for (const [i, line] of draft.lines.entries()) {
        if (have.has(lineNoOf(line, i))) continue;
        await this.http.request('POST', linesUrl, { body: navLineToWire(line, i, this.ctx.nav, side) });
      }
    } catch (err) {
      if (err instanceof ConnectorError && err.kind === 'validation') {
        await this.http.request('DELETE', this.entityUrl(s, no), { ifMatch: '*' }).catch(() => undefined);
      }
      throw err;
    }
    return (await this.getOne(s, no))?.record ?? record;
  }

  /** Create and post: an invoice or bill whose write says it counts in the books is posted. */
  private async finish(
    entity: ConnectorEntity,
    req: WriteRequest,
    record: RemoteRecord,
  ): Promise<RemoteRecord> {
    if (entity !== 'invoice' && entity !== 'bill') return record;
    if (this.o.postDocuments === false || !this.postAction) return record;
    if (!POSTED_STATUSES.has((req.data as DocumentDraft).status)) return record;
    if ((record.data as DocumentDraft).status !== 'DRAFT') return record;
    return this.post(entity, record.externalId);
  }

  // ---------- posting and payments ----------

  /**
   * Posts an unposted sales invoice or bill (NAV: the published bound action, `NAV.Post` in our
   * sandbox; BC: Microsoft.NAV.post) and returns the posted record. Safe to retry: a document
   * that is already posted is found instead of posted twice.
   */
  async post(entity: 'invoice' | 'bill', externalId: string): Promise<RemoteRecord<'invoice'>> {
    const action = this.postAction;
    if (!action)
      throw new ConnectorError('validation', 'posting is disabled (postAction: null)', { system: 'NAV' });
    const s = this.writeSource(entity);
    const notFound = () =>
      new ConnectorError('validation', `${entity} ${externalId} not found`, { system: 'NAV', status: 404 });
    if (this.nav) {
      if (!externalId.startsWith(DRAFT_PREFIX)) {
        const hit = (await this.getMany(entity, [externalId])).get(externalId);
        if (hit) return hit as RemoteRecord<'invoice'>;
        throw notFound();
      }
      const no = externalId.slice(DRAFT_PREFIX.length);
      const draft = await this.getOne(s, no);
      if (draft) {
        try {
          await this.http.request('POST', `${this.entityUrl(s, no)}/${action}`, {});
        } catch (err) {
          const ce = toConnectorError(err);
          // 404 after an unknown outcome: it was posted by the first attempt.
          if (!(ce.kind === 'unknown-outcome' || ce.details.status === 404)) throw ce;
        }
      }
      const posted = await this.findPosted(entity, no);
      if (posted) return posted as RemoteRecord<'invoice'>;
      if (!draft) throw notFound();
      throw new ConnectorError(
        'unknown-outcome',
        `${entity} ${externalId} was not found among posted documents after posting`,
        { system: 'NAV' },
      );
    }
    const current = await this.getOne(s, externalId);
    if (!current) throw notFound();
    if ((current.record.data as DocumentDraft).status !== 'DRAFT')
      return current.record as RemoteRecord<'invoice'>;
    let failure: ConnectorError | null = null;
    try {
      await this.http.request('POST', `${this.entityUrl(s, externalId)}/${action}`, {});
    } catch (err) {
      failure = toConnectorError(err);
      if (failure.kind !== 'unknown-outcome') throw failure;
    }
    // BC keeps the id when it posts: read it back (after an unknown outcome, to see what happened).
    const after = await this.getOne(s, externalId);
    if (after && (after.record.data as DocumentDraft).status !== 'DRAFT')
      return after.record as RemoteRecord<'invoice'>;
    throw (
      failure ??
      new ConnectorError('unknown-outcome', `${entity} ${externalId} is still unposted after posting`, {
        system: 'NAV',
      })
    );
  }

  /**
   * writeMany('payment'): a new payment goes through `recordPayment` (the request's idempotency
   * key is its External Document No., so a repeat finds the earlier payment); a linked payment is
   * immutable once posted, so an update that changes it is a conflict.
   */
  private async writePayment(
    req: WriteRequest<'payment'>,
  ): Promise<{ created: boolean; record: RemoteRecord }> {
    if (req.externalId) return this.paymentUnchanged(req);
    const uncertain = req.outcomeUnknown === true || this.uncertain.has(req.idempotencyKey);
    let recorded: { result: PaymentResult; payment: PaymentDraft };
    try {
      recorded = await this.record(req.data, req.idempotencyKey, { outcomeUnknown: uncertain });
    } catch (err) {
      if (err instanceof ConnectorError && err.kind === 'unknown-outcome')
        this.uncertain.add(req.idempotencyKey);
      throw err;
    }
    this.uncertain.delete(req.idempotencyKey);
    const { result, payment } = recorded;
    if (this.nav && result.posted) {
      const record = (await this.getMany('payment', [result.externalId])).get(result.externalId);
      if (!record)
        throw new ConnectorError(
          'unknown-outcome',
          `payment entry ${result.externalId} could not be read back`,
          {
            system: 'NAV',
          },
        );
      return { created: result.created, record };
    }
    // Awaiting posting (BC journal line, or NAV with posting disabled): the line is the record.
    return {
      created: result.created,
      record: {
        externalId: result.externalId,
        externalNumber: result.documentNumber,
        version: null,
        remoteUpdatedAt: null,
        active: true,
        data: { ...payment, status: 'AUTHORISED' },
      },
    };
  }

  /** The payment's customer, from the invoice it pays when the draft does not name it. */
  private async withPaymentParty(payment: PaymentDraft): Promise<PaymentDraft> {
    const party = payment.party;
    if (party?.number || (!this.nav && party?.externalId)) return payment;
    const invoiceId = payment.document.externalId ?? payment.document.number;
    if (!invoiceId || payment.direction !== 'RECEIVED') return payment;
    const invoice = (await this.getMany('invoice', [invoiceId])).get(invoiceId);
    const customer = invoice?.data.party;
    return customer ? { ...payment, party: customer } : payment;
  }

  private async paymentUnchanged(
    req: WriteRequest<'payment'>,
  ): Promise<{ created: boolean; record: RemoteRecord }> {
    const id = req.externalId!;
    const draft = req.data;
    const current = this.nav ? (await this.getMany('payment', [id])).get(id) : undefined;
    const same =
      current !== undefined &&
      draft.status !== 'DELETED' &&
      current.data.direction === draft.direction &&
      current.data.amount.eq(draft.amount) &&
      current.data.paymentDate === draft.paymentDate &&
      (!draft.document.number ||
        !current.data.document.number ||
        draft.document.number === current.data.document.number);
    if (same) return { created: false, record: current };
    throw new ConnectorError(
      'conflict',
      current || !this.nav
        ? `payment ${id} is posted and can no longer be changed (reverse it in NAV/BC and record a new one)`
        : `payment ${id} was not found among posted payments`,
      { system: 'NAV', code: 'NotEditable', ...(current ? { upstream: current } : {}) },
    );
  }

  /**
   * Records a payment applied to the document it pays: a customer payment (RECEIVED) to a posted
   * sales invoice, a vendor payment (MADE) to a posted bill.
   *
   * NAV: a journal line (cash receipt journal: credits the customer; payment journal: debits the
   * vendor, balanced by the bank account in `accountCode`) posted with the bound action; the
   * posted customer / vendor ledger entry is the result (a vendor entry's externalId is
   * `vendor:<Entry No.>`). BC API v2.0: a customerPayments / vendorPayments line in the payment
   * journal, which the standard API cannot post (a user posts it in BC), so `posted` is false.
   *
   * `idempotencyKey` goes to External Document No.; a repeat finds the earlier payment. A vendor
   * payment is checked against its bill before anything is written: a bill that is not there or
   * not posted, or an amount above what the bill still owes, is refused as `validation`.
   */
  async recordPayment(
    payment: PaymentDraft,
    idempotencyKey: string,
    options: RecordPaymentOptions = {},
  ): Promise<PaymentResult> {
    return (await this.record(payment, idempotencyKey, options)).result;
  }

  /** recordPayment, also giving the payment as written (with the party taken from its document). */
  private async record(
    draft: PaymentDraft,
    idempotencyKey: string,
    options: RecordPaymentOptions,
  ): Promise<{ result: PaymentResult; payment: PaymentDraft }> {
    if (!this.payments.includes(draft.direction)) {
      const kind = draft.direction === 'MADE' ? 'vendor payments (MADE)' : 'customer payments (RECEIVED)';
      throw new ConnectorError('validation', `${kind} are not enabled for this NAV/BC connection`, {
        system: 'NAV',
        code: 'PaymentKindDisabled',
        fieldErrors: [{ field: 'direction', message: `${kind} are left out by the payments option` }],
      });
    }
    const extDoc = idempotencyKey.slice(0, 35);
    const uncertain = options.outcomeUnknown === true;
    if (draft.direction === 'RECEIVED') {
      const payment = await this.withPaymentParty(draft);
      const result = this.nav
        ? ((await this.findPostedPayment('RECEIVED', extDoc)) ??
          (await this.navJournalPayment(payment, extDoc, null)))
        : await this.bcJournalPayment(payment, extDoc, async () => {
            if (uncertain) await this.assertBcInvoiceUnpaid(payment, extDoc);
          });
      return { result, payment };
    }
    if (this.nav) {
      // Look first, whatever the caller says: NAV can search its vendor ledger, so a retry never pays twice.
      const posted = await this.findPostedPayment('MADE', extDoc);
      if (posted) return { result: posted, payment: draft };
      const line = await this.findJournalLine('MADE', extDoc);
      let payment: PaymentDraft;
      try {
        payment = this.payable(draft, await this.billPaid(draft));
      } catch (err) {
        // Our line from an earlier attempt would only block the batch: it will not be posted now.
        if (line && err instanceof ConnectorError && err.kind === 'validation')
          await this.deleteJournalLine('MADE', line);
        throw err;
      }
      return { result: await this.navJournalPayment(payment, extDoc, line), payment };
    }
    let payment = draft;
    const result = await this.bcJournalPayment(draft, extDoc, async () => {
      const bill = await this.billPaid(draft);
      // Unverifiable first: a Paid bill may be our own payment, posted by a BC user meanwhile.
      if (uncertain) assertBcBillUnpaid(draft, bill, extDoc);
      payment = this.payable(draft, bill);
      return payment;
    });
    return { result, payment };
  }

  /** NAV: the posted payment (customer / vendor ledger entry of type Payment) carrying our key. */
  private async findPostedPayment(
    direction: PaymentDirection,
    extDoc: string,
  ): Promise<PaymentResult | null> {
    const side = PAYMENT_SIDES[direction];
    const rows = await this.http.all(
      `${this.root}${segment(this.serviceName(side.ledger))}${queryString({
        filter: { External_Document_No: extDoc, Document_Type: 'Payment' },
        select: PAYMENT_ENTRY_SELECT,
      })}`,
    );
    const entry = rows[0] ? RawNavApplication.parse(rows[0]) : null;
    return entry
      ? {
          posted: true,
          created: false,
          externalId: `${side.idPrefix}${entry.Entry_No}`,
          documentNumber: entry.Document_No,
        }
      : null;
  }

  private journalUrl(direction: PaymentDirection): string {
    return `${this.root}${segment(this.serviceName(PAYMENT_SIDES[direction].journal))}`;
  }

  /** NAV: our line still waiting in the cash receipt / payment journal, found by its key. */
  private async findJournalLine(
    direction: PaymentDirection,
    extDoc: string,
  ): Promise<RawNavJournalLine | null> {
    const rows = await this.http.all(
      `${this.journalUrl(direction)}${queryString({ filter: { External_Document_No: extDoc } })}`,
    );
    return rows[0] ? RawNavJournalLine.parse(rows[0]) : null;
  }

  private journalLineUrl(direction: PaymentDirection, line: RawNavJournalLine): string {
    return `${this.journalUrl(direction)}${keyPredicate([
      ['Journal_Template_Name', line.Journal_Template_Name],
      ['Journal_Batch_Name', line.Journal_Batch_Name],
      ['Line_No', line.Line_No],
    ])}`;
  }

  /** Removes our journal line (best effort): posting posts the whole batch, a refused line blocks it. */
  private async deleteJournalLine(direction: PaymentDirection, line: RawNavJournalLine): Promise<void> {
    await this.http
      .request('DELETE', this.journalLineUrl(direction, line), { ifMatch: line['@odata.etag'] ?? '*' })
      .catch(() => undefined);
  }

  /**
   * NAV: writes the payment's journal line (unless `line`, ours from an earlier attempt, is there)
   * and posts it. After an unknown outcome the line or the posted entry is looked up by our key.
   * If NAV refuses to post, our line is removed, so it does not block the batch for later payments.
   */
  private async navJournalPayment(
    payment: PaymentDraft,
    extDoc: string,
    line: RawNavJournalLine | null,
  ): Promise<PaymentResult> {
    const direction = payment.direction;
    const journal = this.journalUrl(direction);
    line ??= await this.findJournalLine(direction, extDoc);
    const written = !line;
    if (!line) {
      try {
        const res = await this.http.request('POST', journal, {
          body: navPaymentToJournalLine(payment, extDoc, null),
        });
        line = RawNavJournalLine.parse(res.data);
      } catch (err) {
        if (!(err instanceof ConnectorError && err.kind === 'unknown-outcome')) throw err;
        line = await this.findJournalLine(direction, extDoc);
        if (!line) throw err;
      }
    }
    const action = this.postAction;
    if (!action)
      return {
        posted: false,
        created: written,
        externalId: `${line.Journal_Batch_Name}/${line.Line_No}`,
        documentNumber: line.Document_No ?? null,
      };
    try {
      await this.http.request('POST', `${this.journalLineUrl(direction, line)}/${action}`, {});
    } catch (err) {
      const ce = toConnectorError(err);
      if (ce.kind !== 'unknown-outcome') {
        // Another writer may have posted the batch, ours included (our line is then gone: 404).
        const posted = await this.findPostedPayment(direction, extDoc);
        if (posted) return { ...posted, created: true };
        if (ce.kind === 'validation') await this.deleteJournalLine(direction, line);
        throw ce;
      }
    }
    const posted = await this.findPostedPayment(direction, extDoc);
    if (!posted)
      throw new ConnectorError('unknown-outcome', 'the payment journal line was not found posted', {
        system: 'NAV',
      });
    return { ...posted, created: true };
  }

  /**
   * BC: finds our line in the customer / vendor payment journal by its key, else creates it
   * (`beforeCreate` first: the checks that must pass before a line is written). An unknown outcome
   * of the create is settled by looking again.
   */
  private async bcJournalPayment(
    payment: PaymentDraft,
    extDoc: string,
    beforeCreate: () => Promise<PaymentDraft | void>,
  ): Promise<PaymentResult> {
    const side = PAYMENT_SIDES[payment.direction];
    const code = 'GENERAL';
    const set = this.serviceName(side.bcJournal);
    const journals = await this.http.all(
      `${this.root}${segment(set)}${queryString({ filter: { code }, select: ['id', 'code'] })}`,
    );
    const journalId = str((journals[0] as { id?: unknown } | undefined)?.id);
    if (!journalId)
      throw new ConnectorError('validation', `${side.party} payment journal ${code} not found`, {
        system: 'NAV',
      });
    const lines = `${this.root}${segment(set)}(${journalId})/${side.bcLines}`;
    const find = async () => {
      const rows = await this.http.all(
        `${lines}${queryString({ filter: { externalDocumentNumber: extDoc } })}`,
      );
      return rows[0] as { id?: unknown; documentNumber?: unknown } | undefined;
    };
    let row = await find();
    let created = false;
    if (!row) {
      // Once a BC user posts the journal the line is gone, and API v2.0 has no posted payments to
      // look in: after an unknown outcome only the document paid can prove it unpaid.
      const body = bcPaymentToWire((await beforeCreate()) ?? payment, extDoc);
      for (let attempt = 1; ; attempt += 1) {
        try {
          row = (await this.http.request('POST', lines, { body })).data as typeof row;
          created = true;
          break;
        } catch (err) {
          if (!(err instanceof ConnectorError && err.kind === 'unknown-outcome')) throw err;
          row = await find();
          if (row) {
            created = true;
            break;
          }
          // Just seen absent from the journal (and not posted in that instant): try once more.
          if (attempt >= 2) throw err;
        }
      }
    }
    return {
      posted: false,
      created,
      externalId: str(row?.id),
      documentNumber: str(row?.documentNumber) || null,
    };
  }

  /** The posted invoice or bill a payment names (by id, else by number), or null. */
  private async paidDocument(kind: 'invoice' | 'bill', ref: RemoteRef): Promise<RemoteRecord | null> {
    if (this.nav) {
      for (const id of new Set([ref.externalId, ref.number])) {
        if (!id) continue;
        const hit = (await this.getMany(kind, [id])).get(id);
        if (hit) return hit;
      }
      return null;
    }
    const s = this.writeSource(kind);
    if (ref.externalId) {
      const hit = (await this.getOne(s, ref.externalId))?.record ?? null;
      if (hit) return hit;
    }
    return ref.number ? this.findBy(s, { number: ref.number }) : null;
  }

  /** The bill a vendor payment names; `validation` (PaymentDocumentNotFound) when there is none. */
  private async billPaid(draft: PaymentDraft): Promise<RemoteRecord> {
    const ref = draft.document;
    const name = ref.number ?? ref.externalId ?? '';
    const bill = name ? await this.paidDocument('bill', ref) : null;
    if (bill) return bill;
    throw paymentRefused(
      'PaymentDocumentNotFound',
      'document',
      `bill ${name || '(none named)'} was not found in NAV/BC`,
    );
  }

  /**
   * A vendor payment checked against its bill before anything is written: the amount must be
   * positive, the bill posted and not cancelled, owed to the payment's vendor (taken from the bill
   * when the draft names none) and still owe at least the amount. BC does not publish a bill's
   * remaining amount: there the amount may not exceed the bill's total, and a bill BC reports Paid
   * owes nothing. Returns the payment applied to the posted bill (NAV: its No.; BC: its id).
   */
  private payable(draft: PaymentDraft, bill: RemoteRecord): PaymentDraft {
    const doc = bill.data as DocumentDraft;
    if (draft.amount.lte(0))
      throw paymentRefused(
        'PaymentAmountInvalid',
        'amount',
        `a payment amount must be positive (got ${draft.amount.toFixed()})`,
      );
    if (doc.status === 'DRAFT' || doc.status === 'VOIDED')
      throw paymentRefused(
        'PaymentDocumentNotPosted',
        'document',
        `bill ${doc.number} is ${doc.status === 'DRAFT' ? 'not posted' : 'cancelled'}: only a posted bill can be paid`,
      );
    const vendor = doc.party;
    const party = draft.party;
    const otherVendor =
      (party?.number && vendor.number && party.number !== vendor.number) ||
      (!this.nav && party?.externalId && vendor.externalId && party.externalId !== vendor.externalId);
    if (otherVendor)
      throw paymentRefused(
        'PaymentPartyMismatch',
        'party',
        `bill ${doc.number} is owed to vendor ${vendor.number ?? vendor.externalId ?? '?'}, not ${party?.number ?? party?.externalId ?? '?'}`,
      );
    const due = doc.status === 'PAID' ? new Decimal(0) : doc.amountDue;
    if (draft.amount.gt(due))
      throw paymentRefused(
        'PaymentExceedsAmountDue',
        'amount',
        `a payment of ${draft.amount.toFixed(2)} exceeds the ${due.toFixed(2)} still owed on bill ${doc.number}`,
      );
    return {
      ...draft,
      party: party?.number || party?.externalId ? party : vendor,
      document: { number: bill.externalNumber ?? doc.number, externalId: bill.externalId },
    };
  }

  /**
   * BC: a payment line applied to an invoice reduces the invoice's remaining amount when posted.
   * An invoice still owing its full total has had no payment posted against it, ours included;
   * anything else cannot be told apart from our own payment having been posted already.
   */
  private async assertBcInvoiceUnpaid(payment: PaymentDraft, extDoc: string): Promise<void> {
    const invoice = await this.paidDocument('invoice', payment.document);
    const doc = invoice?.data as DocumentDraft | undefined;
    if (doc && doc.status !== 'DRAFT' && doc.amountDue.eq(doc.total) && !doc.total.isZero()) return;
    throw unverifiable(extDoc, 'customer');
  }
}

/**
 * BC: API v2.0 shows a bill's status (Open / Paid) but not its remaining amount. A payment of the
 * bill's whole total would have made it Paid once posted, so an Open bill proves such a payment
 * was never posted; a part payment cannot be told apart from ours posted already.
 */
function assertBcBillUnpaid(payment: PaymentDraft, bill: RemoteRecord, extDoc: string): void {
  const doc = bill.data as DocumentDraft;
  if (doc.status === 'POSTED' && payment.amount.gte(doc.total) && !doc.total.isZero()) return;
  throw unverifiable(extDoc, 'vendor');
}

function paymentRefused(code: string, field: string, message: string): ConnectorError {
  return new ConnectorError('validation', message, {
    system: 'NAV',
    code,
    fieldErrors: [{ field, message }],
  });
}

function unverifiable(extDoc: string, party: 'customer' | 'vendor'): ConnectorError {
  return new ConnectorError(
    'validation',
    `cannot tell whether payment ${extDoc} already reached Business Central: it is not in the payment ` +
      `journal, and API v2.0 cannot search posted payments. Check the ${party} ledger entries for ` +
      `External Document No. ${extDoc}; record the payment in BC by hand if it is missing.`,
    {
      system: 'NAV',
      code: 'PaymentOutcomeUnverifiable',
      fieldErrors: [{ field: '', message: 'outcome of an earlier attempt cannot be verified' }],
    },
  );
}

function conflict(message: string, current: RemoteRecord | null, cause?: ConnectorError): ConnectorError {
  return new ConnectorError('conflict', message, {
    system: 'NAV',
    ...(cause?.details.status !== undefined ? { status: cause.details.status } : {}),
    code: cause?.details.code ?? 'Request_EntityChanged',
    upstream: current,
  });
}

function toConnectorError(err: unknown): ConnectorError {
  if (err instanceof ConnectorError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new ConnectorError('validation', message, { system: 'NAV', fieldErrors: [{ field: '', message }] });
}

/** Fields whose wanted value differs from the current wire value (decimals compared exactly). */
function diff(wanted: Record<string, unknown>, current: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(wanted)) {
    if (Array.isArray(v)) continue;
    const cur = current[k];
    let same: boolean;
    if (v instanceof Decimal) {
      same =
        (typeof cur === 'string' || typeof cur === 'number') && isNumeric(String(cur)) && v.eq(String(cur));
    } else if (typeof v === 'number') {
      // Response numbers arrive as exact digit strings (see json.ts).
      same =
        (typeof cur === 'string' || typeof cur === 'number') &&
        isNumeric(String(cur)) &&
        new Decimal(v).eq(String(cur));
    } else if (typeof v === 'string' && typeof cur === 'string') {
      same =
        decodeOption(v) === decodeOption(cur) ||
        (decodeOption(v).trim() === '' && decodeOption(cur).trim() === '');
    } else {
      same = v === cur;
    }
    if (!same) out[k] = v;
  }
  return out;
}

const isNumeric = (s: string) => /^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(s);
