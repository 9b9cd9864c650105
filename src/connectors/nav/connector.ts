// The NAV / Business Central connector: one class, two dialects (NAV 2017/2018 OData V4 pages and
// BC API v2.0), implementing the Connector contract plus posting and customer payments.
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
  WriteRequest,
  WriteResult,
} from '../connector.js';
import { ConnectorError } from '../errors.js';
import { NavHttp } from './client.js';
import { isEntityChanged } from './errors.js';
import { bcItemToWire, bcPartyToWire, bcPaymentToWire, bcSalesInvoiceToWire } from './mapper-bc.js';
import { contentHash, decodeOption } from './mapper-common.js';
import { Decimal } from 'decimal.js';
import {
  lineNoOf,
  navItemToWire,
  navLineToWire,
  navPartyToWire,
  navPaymentToJournalLine,
  navSalesHeaderToWire,
  type NavMapContext,
} from './mapper-nav.js';
import {
  assertModel,
  parseMetadata,
  propertyType,
  type ServiceModel,
  type ServiceRequirement,
} from './metadata.js';
import {
  chunkByUrlLength,
  keyPredicate,
  queryString,
  raw,
  sameFieldOr,
  segment,
  type QueryParts,
} from './odata.js';
import type { NavConnectorOptions } from './options.js';
import { RawBcParty, RawNavCustLedgerEntry, RawNavJournalLine, RawNavParty } from './raw.js';
import {
  defaultLinesNavigation,
  defaultPostAction,
  defaultServiceNames,
  type ServiceKey,
} from './services.js';
import { DRAFT_PREFIX, sourcesFor, type Source, type SourceContext } from './sources.js';
import { realSleep, Throttle } from './throttle.js';
import { bcFields } from './mapper-bc.js';
import { navFields } from './mapper-nav.js';

const READABLE: readonly ConnectorEntity[] = [
  'customer',
  'vendor',
  'item',
  'invoice',
  'bill',
  'salesOrder',
  'ledgerEntry',
];
const WRITABLE: readonly ConnectorEntity[] = ['customer', 'vendor', 'item', 'invoice'];

/** A posted customer payment (NAV customer ledger entry) or a payment journal line awaiting posting (BC). */
export interface PaymentResult {
  posted: boolean;
  created: boolean;
  externalId: string;
  documentNumber: string | null;
}

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
    const nav: NavMapContext = {
      localCurrency: o.localCurrency,
      globalDimensions: o.globalDimensions ?? [null, null],
    };
    this.ctx = {
      dialect: o.dialect,
      nav,
      service: (key) => this.serviceName(key),
      lines: (key) =>
        o.linesNavigation?.[key] ?? defaultLinesNavigation(o.dialect, key, this.serviceName(key)) ?? '',
    };
    this.capabilities = {
      entities: READABLE,
      writable: WRITABLE,
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
    if (this.o.dialect === 'nav-odata-v4') {
      this.companyRoot = `${this.o.baseUrl}/Company(${keyPredicate([['Name', this.o.company]]).slice(1, -1)})/`;
    } else {
      const id = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(this.o.company)
        ? this.o.company
        : await this.companyIdByName(this.o.company);
      this.companyRoot = `${this.o.baseUrl}/companies(${id})/`;
    }
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
    for (const entity of READABLE) {
      for (const s of sourcesFor(entity, this.ctx)) {
        reqs.push({
          purpose: entity,
          service: s.service,
          fields: s.select,
          lines: s.lines ? { navigation: s.lines.navigation, fields: s.lines.select } : undefined,
          action: s.key === 'salesInvoice' && this.postAction ? this.postAction : undefined,
        });
      }
    }
    if (this.o.dialect === 'nav-odata-v4') {
      reqs.push({
        purpose: 'payment',
        service: this.serviceName('cashReceiptJournal'),
        fields: navFields.journal,
        action: this.postAction ?? undefined,
      });
      reqs.push({
        purpose: 'payment',
        service: this.serviceName('custLedgerEntry'),
        fields: navFields.custLedgerEntry,
      });
      for (const [entity, field] of Object.entries(this.o.masterDataIdField ?? {})) {
        const key = entity as 'customer' | 'vendor' | 'item';
        reqs.push({ purpose: `${key} id field`, service: this.serviceName(key), fields: [field] });
      }
    } else {
      reqs.push({
        purpose: 'payment',
        service: this.serviceName('customerPaymentJournal'),
        fields: ['id', 'code'],
        lines: { navigation: 'customerPayments', fields: bcFields.customerPayment },
      });
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
    return {
      select: s.select,
      ...(filter !== undefined ? { filter } : {}),
      ...(s.lines ? { expand: { name: s.lines.navigation, select: s.lines.select } } : {}),
    };
  }

  private sources(entity: ConnectorEntity): Source[] {
    const list = sourcesFor(entity, this.ctx);
    if (list.length === 0 || !READABLE.includes(entity)) {
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
        for (const raw of page.values) {
          const record = this.mapOrThrow(s, raw) as RemoteRecord<E>;
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
        .map((id) => id.slice(s.idPrefix.length));
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
        for (const rawRecord of await this.http.all(urlFor(chunk))) {
          const record = this.mapOrThrow(s, rawRecord) as RemoteRecord<E>;
          out.set(record.externalId, record);
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

  private async findBy(s: Source, field: string, value: string): Promise<RemoteRecord | null> {
    const rows = await this.http.all(this.collectionUrl(s, this.readQuery(s, { [field]: value })));
    return rows[0] === undefined ? null : this.mapOrThrow(s, rows[0]);
  }

  // ---------- writes ----------

  async writeMany<E extends ConnectorEntity>(
    entity: E,
    requests: readonly WriteRequest<E>[],
  ): Promise<WriteResult<E>[]> {
    const results: WriteResult<E>[] = [];
    for (const req of requests) {
      try {
        if (!WRITABLE.includes(entity)) {
          throw new ConnectorError(
            'validation',
            `${entity} writes are not supported by the NAV/BC connector`,
            {
              system: 'NAV',
            },
          );
        }
        const done = req.externalId ? await this.update(entity, req) : await this.create(entity, req);
        results.push({ ok: true, created: done.created, record: done.record as RemoteRecord<E> });
      } catch (err) {
        results.push({ ok: false, error: toConnectorError(err) });
      }
    }
    return results;
  }

  /** The service a unified entity is written to (NAV invoices: the unposted SalesInvoice page). */
  private writeSource(entity: ConnectorEntity): Source {
    const sources = this.sources(entity);
    if (entity === 'invoice' && this.o.dialect === 'nav-odata-v4')
      return sources.find((s) => s.key === 'salesInvoice')!;
    return sources[0]!;
  }

  private toWire(
    entity: ConnectorEntity,
    data: EntityDrafts[ConnectorEntity],
    current: Record<string, unknown> | undefined,
    externalDoc: string | null,
  ): Record<string, unknown> {
    const nav = this.o.dialect === 'nav-odata-v4';
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
          ? navSalesHeaderToWire(data as DocumentDraft, this.ctx.nav, externalDoc)
          : bcSalesInvoiceToWire(data as DocumentDraft, externalDoc, !current);
      default:
        throw new ConnectorError('validation', `${entity} writes are not supported`, { system: 'NAV' });
    }
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
    const current = await this.getOne(s, id.slice(s.idPrefix.length));
    if (!current) {
      throw new ConnectorError('validation', `${s.service} ${id} does not exist`, {
        system: 'NAV',
        status: 404,
        code: 'Internal_RecordNotFound',
      });
    }
    const etag = current.record.version ?? '*';
    if (req.version && req.version !== etag) {
      throw conflict(`${s.service} ${id} changed since version ${req.version}`, current.record);
    }
    if (
      entity === 'invoice' &&
      this.o.dialect === 'bc-api-v2' &&
      current.record.data &&
      (current.record.data as DocumentDraft).status !== 'DRAFT'
    ) {
      throw new ConnectorError('conflict', `invoice ${id} is posted and can no longer be changed`, {
        system: 'NAV',
        code: 'NotEditable',
        upstream: current.record,
      });
    }
    const extDoc = entity === 'invoice' ? (req.data as DocumentDraft).externalDocumentNumber : null;
    const wanted = this.toWire(entity, req.data, current.raw, extDoc);
    const changes = diff(wanted, current.raw);
    if (Object.keys(changes).length === 0) return { created: false, record: current.record };
    try {
      await this.http.request('PATCH', this.entityUrl(s, id.slice(s.idPrefix.length)), {
        body: changes,
        ifMatch: etag,
      });
    } catch (err) {
      if (err instanceof ConnectorError && isEntityChanged(err)) {
        const now = await this.getOne(s, id.slice(s.idPrefix.length));
        throw conflict(
          `${s.service} ${id} was changed by someone else; nothing was overwritten`,
          now?.record ?? null,
          err,
        );
      }
      throw err;
    }
    const after = await this.getOne(s, id.slice(s.idPrefix.length));
    return { created: false, record: after!.record };
  }

  /** Our id as stored upstream, for the look-up after an unknown outcome. */
  private lookupKey(entity: ConnectorEntity, req: WriteRequest): { field: string; value: string } | null {
    const nav = this.o.dialect === 'nav-odata-v4';
    if (entity === 'invoice') {
      const value = (req.data as DocumentDraft).externalDocumentNumber ?? req.idempotencyKey.slice(0, 35);
      return { field: nav ? 'External_Document_No' : 'externalDocumentNumber', value };
    }
    const custom = this.o.masterDataIdField?.[entity as 'customer' | 'vendor' | 'item'];
    if (custom) return { field: custom, value: req.idempotencyKey };
    const number = (req.data as { number?: string | null }).number;
    if (number) return { field: nav ? 'No' : 'number', value: number };
    return null;
  }

  private async lookUp(
    entity: ConnectorEntity,
    key: { field: string; value: string },
  ): Promise<RemoteRecord | null> {
    const s = this.writeSource(entity);
    const found = await this.findBy(s, key.field, key.value);
    if (found || entity !== 'invoice' || this.o.dialect !== 'nav-odata-v4') return found;
    // Posted meanwhile: the posted invoice keeps the External Document No.
    const posted = this.sources('invoice').find((x) => x.key === 'postedSalesInvoice')!;
    return this.findBy(posted, key.field, key.value);
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
      (entity === 'invoice' || this.o.masterDataIdField?.[entity as 'item'] !== undefined);
    // Unknown outcome in this process, or reported by the caller (an attempt in a process that died).
    const uncertain = this.uncertain.has(req.idempotencyKey) || req.outcomeUnknown === true;
    if (key && (lookFirst || uncertain)) {
      const found = await this.lookUp(entity, key);
      if (found) {
        this.uncertain.delete(req.idempotencyKey);
        return { created: uncertain, record: await this.complete(entity, req, found) };
      }
    }
    for (let attempt = 1; ; attempt += 1) {
      try {
        const record = await this.createOnce(entity, req, key);
        this.uncertain.delete(req.idempotencyKey);
        return { created: true, record };
      } catch (err) {
        if (!(err instanceof ConnectorError) || err.kind !== 'unknown-outcome') throw err;
        this.uncertain.add(req.idempotencyKey);
        if (!key || attempt >= 2) throw err;
        const found = await this.lookUp(entity, key);
        if (found) {
          const record = await this.complete(entity, req, found);
          this.uncertain.delete(req.idempotencyKey);
          return { created: true, record };
        }
      }
    }
  }

  private async createOnce(
    entity: ConnectorEntity,
    req: WriteRequest,
    key: { field: string; value: string } | null,
  ): Promise<RemoteRecord> {
    const s = this.writeSource(entity);
    const extDoc = entity === 'invoice' ? (key?.value ?? null) : null;
    const body = this.toWire(entity, req.data, undefined, extDoc);
    if (key && entity !== 'invoice' && this.o.masterDataIdField?.[entity as 'customer'])
      body[key.field] = key.value;
    const res = await this.http.request('POST', this.collectionUrl(s), { body });
    const created = this.mapOrThrow(s, res.data);
    return this.complete(entity, req, created);
  }

  /** NAV invoices: header first, then the lines that are not there yet (so a retry never doubles a line). */
  private async complete(
    entity: ConnectorEntity,
    req: WriteRequest,
    record: RemoteRecord,
  ): Promise<RemoteRecord> {
    if (
      entity !== 'invoice' ||
      this.o.dialect !== 'nav-odata-v4' ||
      !record.externalId.startsWith(DRAFT_PREFIX)
    )
      return record;
    const s = this.writeSource(entity);
    const no = record.externalId.slice(DRAFT_PREFIX.length);
    const draft = req.data as DocumentDraft;
    const have = new Set(record.data && 'lines' in record.data ? record.data.lines.map((l) => l.lineNo) : []);
    const linesUrl = `${this.root}${segment(s.service)}${keyPredicate(s.keyOf(no))}/${segment(this.ctx.lines(s.key))}`;
    try {
      for (const [i, line] of draft.lines.entries()) {
        if (have.has(lineNoOf(line, i))) continue;
        await this.http.request('POST', linesUrl, { body: navLineToWire(line, i, this.ctx.nav, 'sales') });
      }
    } catch (err) {
      if (err instanceof ConnectorError && err.kind === 'validation') {
        // A rejected line: remove the half-made invoice so nothing partial stays in NAV.
        await this.http.request('DELETE', this.entityUrl(s, no), { ifMatch: '*' }).catch(() => undefined);
      }
      throw err;
    }
    return (await this.getOne(s, no))?.record ?? record;
  }

  // ---------- posting and payments ----------

  /**
   * Posts an unposted document (NAV: the published bound action, `NAV.Post` in our sandbox; BC:
   * Microsoft.NAV.post) and returns the posted record. Safe to retry: a document that is already
   * posted is found instead of posted twice.
   */
  async post(entity: 'invoice', externalId: string): Promise<RemoteRecord<'invoice'>> {
    const action = this.postAction;
    if (!action)
      throw new ConnectorError('validation', 'posting is disabled (postAction: null)', { system: 'NAV' });
    const s = this.writeSource(entity);
    const nav = this.o.dialect === 'nav-odata-v4';
    const id = externalId.slice(s.idPrefix.length);
    if (nav && !externalId.startsWith(DRAFT_PREFIX)) {
      const posted = await this.getMany('invoice', [externalId]);
      const hit = posted.get(externalId);
      if (hit) return hit;
      throw new ConnectorError('validation', `invoice ${externalId} not found`, {
        system: 'NAV',
        status: 404,
      });
    }
    const actionUrl = `${this.root}${segment(s.service)}${keyPredicate(s.keyOf(id))}/${action}`;
    try {
      await this.http.request('POST', actionUrl, {});
    } catch (err) {
      const ce = toConnectorError(err);
      // 404 after an unknown outcome: it was posted by the first attempt.
      if (!(ce.kind === 'unknown-outcome' || ce.details.status === 404)) throw ce;
      if (!nav) throw ce;
    }
    if (!nav) return (await this.getOne(s, id))!.record as RemoteRecord<'invoice'>;
    const postedSource = this.sources('invoice').find((x) => x.key === 'postedSalesInvoice')!;
    const rows = await this.http.all(
      this.collectionUrl(postedSource, this.readQuery(postedSource, { Pre_Assigned_No: id })),
    );
    if (!rows[0]) {
      throw new ConnectorError(
        'unknown-outcome',
        `invoice ${externalId} was not found among posted invoices after posting`,
        { system: 'NAV' },
      );
    }
    return this.mapOrThrow(postedSource, rows[0]) as RemoteRecord<'invoice'>;
  }

  /**
   * Records a customer payment applied to an invoice. NAV: a cash receipt journal line (credits the
   * customer, applies to the invoice) posted with the bound action; the posted customer ledger
   * entry is the result. BC API v2.0: a customerPayments line in the payment journal, which the
   * standard API cannot post (a user posts it in BC), so `posted` is false.
   * `idempotencyKey` goes to External Document No.; a repeat finds the earlier payment.
   */
  async recordPayment(payment: PaymentDraft, idempotencyKey: string): Promise<PaymentResult> {
    const extDoc = idempotencyKey.slice(0, 35);
    return this.o.dialect === 'nav-odata-v4'
      ? this.navPayment(payment, extDoc)
      : this.bcPayment(payment, extDoc);
  }

  private async navPayment(payment: PaymentDraft, extDoc: string): Promise<PaymentResult> {
    const cle = `${this.root}${segment(this.serviceName('custLedgerEntry'))}`;
    const findPosted = async () => {
      const rows = await this.http.all(
        `${cle}${queryString({ filter: { External_Document_No: extDoc, Document_Type: 'Payment' }, select: navFields.custLedgerEntry })}`,
      );
      return rows[0] ? RawNavCustLedgerEntry.parse(rows[0]) : null;
    };
    const already = await findPosted();
    if (already)
      return {
        posted: true,
        created: false,
        externalId: String(already.Entry_No),
        documentNumber: already.Document_No,
      };
    const journal = `${this.root}${segment(this.serviceName('cashReceiptJournal'))}`;
    const findLine = async () => {
      const rows = await this.http.all(
        `${journal}${queryString({ filter: { External_Document_No: extDoc } })}`,
      );
      return rows[0] ? RawNavJournalLine.parse(rows[0]) : null;
    };
    let line = await findLine();
    if (!line) {
      try {
        const res = await this.http.request('POST', journal, {
          body: navPaymentToJournalLine(payment, extDoc, null),
        });
        line = RawNavJournalLine.parse(res.data);
      } catch (err) {
        if (!(err instanceof ConnectorError && err.kind === 'unknown-outcome')) throw err;
        line = await findLine();
        if (!line) throw err;
      }
    }
    const action = this.postAction;
    if (!action)
      return {
        posted: false,
        created: true,
        externalId: `${line.Journal_Batch_Name}/${line.Line_No}`,
        documentNumber: line.Document_No ?? null,
      };
    const key = keyPredicate([
      ['Journal_Template_Name', line.Journal_Template_Name],
      ['Journal_Batch_Name', line.Journal_Batch_Name],
      ['Line_No', line.Line_No],
    ]);
    try {
      await this.http.request('POST', `${journal}${key}/${action}`, {});
    } catch (err) {
      if (!(err instanceof ConnectorError && err.kind === 'unknown-outcome')) throw err;
    }
    const posted = await findPosted();
    if (!posted)
      throw new ConnectorError('unknown-outcome', 'the payment journal line was not found posted', {
        system: 'NAV',
      });
    return {
      posted: true,
      created: true,
      externalId: String(posted.Entry_No),
      documentNumber: posted.Document_No,
    };
  }

  private async bcPayment(payment: PaymentDraft, extDoc: string): Promise<PaymentResult> {
    const code = 'GENERAL';
    const journals = await this.http.all(
      `${this.root}${segment(this.serviceName('customerPaymentJournal'))}${queryString({ filter: { code }, select: ['id', 'code'] })}`,
    );
    const journalId = str((journals[0] as { id?: unknown } | undefined)?.id);
    if (!journalId)
      throw new ConnectorError('validation', `customer payment journal ${code} not found`, { system: 'NAV' });
    const lines = `${this.root}${segment(this.serviceName('customerPaymentJournal'))}(${journalId})/customerPayments`;
    const find = async () => {
      const rows = await this.http.all(
        `${lines}${queryString({ filter: { externalDocumentNumber: extDoc } })}`,
      );
      return rows[0] as { id?: unknown; documentNumber?: unknown } | undefined;
    };
    let row = await find();
    let created = false;
    if (!row) {
      try {
        row = (await this.http.request('POST', lines, { body: bcPaymentToWire(payment, extDoc) }))
          .data as typeof row;
        created = true;
      } catch (err) {
        if (!(err instanceof ConnectorError && err.kind === 'unknown-outcome')) throw err;
        row = await find();
        if (!row) throw err;
        created = true;
      }
    }
    return {
      posted: false,
      created,
      externalId: str(row?.id),
      documentNumber: str(row?.documentNumber) || null,
    };
  }
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
