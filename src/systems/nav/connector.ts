// The NAV / Business Central connector: one class, two dialects (NAV 2017/2018 OData V4 pages and
// BC API v2.0), implementing the Connector contract plus posting and payments. The class owns the
// state (options, HTTP client, the company and $metadata once started, what was delivered, creates
// of unknown outcome) and hands a NavContext to the modules that do the work: setup.ts, reads.ts,
// writes.ts (update.ts, natural-keys.ts, document-lines.ts), posting.ts and payments.ts.
import type { BookSetup } from '../book-setup.js';
import { readNavBookSetup } from './book-setup.js';
import type {
  Capabilities,
  Connector,
  ConnectorEntity,
  ListOptions,
  ListPage,
  PaymentDraft,
  RateBudget,
  RemoteRecord,
  WriteRequest,
  WriteResult,
} from '../system.js';
import { ConnectorError } from '../errors.js';
import { NavHttp } from './client.js';
import type { NavContext } from './context.js';
import type { ServiceModel } from './metadata.js';
import type { NavConnectorOptions } from './options.js';
import type { PaymentResult } from './journals.js';
import { recordPayment, type RecordPaymentOptions } from './payments.js';
import { post } from './posting.js';
import { getMany, listPages, type Delivered } from './reads.js';
import {
  defaultLinesNavigation,
  defaultPostAction,
  defaultServiceNames,
  type ServiceKey,
} from './services.js';
import { checkModel, companyRoot, readModel } from './setup.js';
import type { SourceContext } from './sources.js';
import { realSleep, Throttle } from './throttle.js';
import { writeMany } from './writes.js';

export type { PaymentResult } from './journals.js';
export type { RecordPaymentOptions } from './payments.js';

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

export class NavConnector implements Connector {
  readonly system = 'NAV' as const;
  readonly tenant: string;
  readonly capabilities: Capabilities;
  readonly http: NavHttp;
  private readonly throttle: Throttle;
  private companyRoot = '';
  private model: ServiceModel | null = null;
  private readonly cx: NavContext;
  /** Per entity: externalId → hash of what was last delivered (delta de-duplication). */
  private readonly delivered: Delivered = new Map();

  constructor(options: NavConnectorOptions) {
    this.tenant = options.company;
    const sleep = options.sleep ?? realSleep;
    const now = options.now ?? Date.now;
    this.throttle = new Throttle(options.throttle ?? {}, sleep, now);
    const base = options.baseUrl.replace(/\/+$/, '');
    const o: NavConnectorOptions = { ...options, baseUrl: base };
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
    const services: Partial<Record<ServiceKey, string>> = {
      ...defaultServiceNames[o.dialect],
      ...o.services,
    };
    const serviceName = (key: ServiceKey): string => {
      const name = services[key];
      if (!name)
        throw new ConnectorError('validation', `no service configured for ${key} in this dialect`, {
          system: 'NAV',
        });
      return name;
    };
    const payments = [...new Set(o.payments ?? (['RECEIVED', 'MADE'] as const))];
    const source: SourceContext = {
      dialect: o.dialect,
      payments,
      nav: { localCurrency: o.localCurrency, globalDimensions: o.globalDimensions ?? [null, null] },
      service: serviceName,
      lines: (key) =>
        o.linesNavigation?.[key] ?? defaultLinesNavigation(o.dialect, key, serviceName(key)) ?? '',
    };
    // NAV publishes posted payments (customer and vendor ledger entries); BC's standard API does not.
    const withPayments = payments.length > 0;
    const readable =
      o.dialect === 'nav-odata-v4' && withPayments ? [...READABLE, 'payment' as const] : READABLE;
    const writable = withPayments ? WRITABLE : WRITABLE.filter((e) => e !== 'payment');
    this.capabilities = {
      entities: readable,
      writable,
      webhooks: false,
      writeBatchSize: 1,
      readBatchSize: o.readBatchSize ?? 100,
      paging: 'next-link',
      // NAV 2017/2018 keeps an item's description in 50 characters and an e-mail in 80; BC 100 and 80.
      textLimits: {
        'item.name': o.dialect === 'nav-odata-v4' ? 50 : 100,
        'customer.email': 80,
        'vendor.email': 80,
      },
    };
    this.cx = {
      options: o,
      http: this.http,
      nav: o.dialect === 'nav-odata-v4',
      source,
      readable,
      writable,
      payments,
      readBatchSize: this.capabilities.readBatchSize,
      postAction: o.postAction === undefined ? defaultPostAction[o.dialect] : o.postAction,
      uncertain: new Set(),
      serviceName,
      root: () => this.root,
      model: () => this.model,
    };
  }

  /** Creates the connector and runs the start-up checks. */
  static async connect(options: NavConnectorOptions): Promise<NavConnector> {
    const c = new NavConnector(options);
    await c.start();
    return c;
  }

  /** Fetches $metadata once, resolves the company and checks every service and field we use. */
  async start(): Promise<void> {
    this.model = await readModel(this.cx);
    checkModel(this.cx, this.model);
    this.companyRoot = await companyRoot(this.cx);
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

  list<E extends ConnectorEntity>(entity: E, options: ListOptions = {}): AsyncGenerator<ListPage<E>> {
    return listPages(this.cx, this.delivered, entity, options);
  }

  /** What is left of the per-user request budget (BC: 6,000 per 5 minutes by default). */
  /** Chart of accounts, currencies and posting window, for the checks made before any write. */
  readBookSetup(): Promise<BookSetup> {
    return readNavBookSetup(this.cx);
  }

  rateBudget(): Promise<RateBudget> {
    return this.throttle.budgetLeft();
  }

  getMany<E extends ConnectorEntity>(
    entity: E,
    externalIds: readonly string[],
  ): Promise<Map<string, RemoteRecord<E>>> {
    return getMany(this.cx, entity, externalIds);
  }

  writeMany<E extends ConnectorEntity>(
    entity: E,
    requests: readonly WriteRequest<E>[],
  ): Promise<WriteResult<E>[]> {
    return writeMany(this.cx, entity, requests);
  }

  /**
   * Posts an unposted sales invoice or bill (NAV: the published bound action, `NAV.Post` in our
   * sandbox; BC: Microsoft.NAV.post) and returns the posted record. Safe to retry: a document
   * that is already posted is found instead of posted twice.
   */
  post(entity: 'invoice' | 'bill', externalId: string): Promise<RemoteRecord<'invoice'>> {
    return post(this.cx, entity, externalId);
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
    return (await recordPayment(this.cx, payment, idempotencyKey, options)).result;
  }
}
