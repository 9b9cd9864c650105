// Xero Accounting API calls through the official xero-node SDK, wrapped in named-argument helpers
// (the SDK's positional parameters differ per method and version). Every call goes through the rate
// governor; a 401 renews the token once and retries once; a 429 pauses the tenant and waits (or
// surfaces rate-limited when the pause is long). Responses are validated with the Raw* schemas.
import { AccountingApi, type Authentication } from 'xero-node';
import type { z } from 'zod';
import { ConnectorError } from '../errors.js';
import type { AccessTokenProvider } from './auth.js';
import { XERO_API_URL } from './auth.js';
import { classify, classifyFailure, toFailure, type XeroFailure } from './errors.js';
import type { CallPriority, RateGovernor, RateHeaders } from './governor.js';
import type { RateBudget } from '../system.js';
import type { WireTrackingCategory, WireTrackingOption } from './mapper-dimensions.js';
import type { WireInvoice } from './mapper-documents.js';
import type { WireItem } from './mapper-items.js';
import type { WireContact } from './mapper-parties.js';
import type { WirePayment } from './mapper-payments.js';
import {
  rawContact,
  rawInvoice,
  rawItem,
  rawPagination,
  rawPayment,
  rawTrackingCategory,
  rawTrackingOption,
  type RawContact,
  type RawInvoice,
  type RawItem,
  type RawPayment,
  type RawTrackingCategory,
  type RawTrackingOption,
} from './raw.js';

export interface XeroApiOptions {
  tenantId: string;
  tokens: AccessTokenProvider;
  governor: RateGovernor;
  /** Accounting API base path (default Xero's; e.g. the sandbox's `/api.xro/2.0`). */
  apiUrl?: string | undefined;
  /** Per-request timeout (default 60 s). */
  timeoutMs?: number | undefined;
  now?: (() => number) | undefined;
}

export interface Page<T> {
  items: T[];
  pageCount: number | null;
}

/**
 * If-Modified-Since as Xero's spec declares it (`date-time`, so with its zone): UTC
 * `yyyy-MM-ddTHH:mm:ssZ`, rounded DOWN to the second so nothing changed within it is missed.
 */
export function ifModifiedSinceHeader(since: Date): string {
  return `${new Date(Math.floor(since.getTime() / 1000) * 1000).toISOString().slice(0, 19)}Z`;
}

const MAX_429_RETRIES = 5;

/** Decimal places of unit amounts on every read and write of documents and items (Xero's unitdp). */
export const UNIT_DP = 4;

interface SdkResult {
  response: { headers?: unknown };
  body: unknown;
}

function num(h: Record<string, unknown>, key: string): number | undefined {
  const v = h[key];
  const n = typeof v === 'string' ? Number(v) : typeof v === 'number' ? v : NaN;
  return Number.isFinite(n) ? n : undefined;
}

export function rateHeadersOf(headers: unknown): RateHeaders {
  const h: Record<string, unknown> = {};
  if (headers && typeof headers === 'object')
    for (const [k, v] of Object.entries(headers as Record<string, unknown>)) h[k.toLowerCase()] = v;
  return {
    minuteRemaining: num(h, 'x-minlimit-remaining'),
    dayRemaining: num(h, 'x-daylimit-remaining'),
    appMinuteRemaining: num(h, 'x-appminlimit-remaining'),
  };
}

function parseList<S extends z.ZodType>(schema: S, list: unknown, op: string): z.infer<S>[] {
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) throw new Error(`${op}: expected a list in Xero's answer`);
  return list.map((item) => schema.parse(item));
}

type Outcome =
  | { ok: true; body: unknown }
  | { ok: false; error: ConnectorError; failure?: undefined }
  | { ok: false; error: ConnectorError; failure: XeroFailure; token: string };

export interface CallSpec {
  /** "GET /Contacts" – for messages. */
  operation: string;
  write: boolean;
  priority: CallPriority;
}

export class XeroApi {
  readonly tenantId: string;
  private readonly apiUrl: string;
  private readonly timeoutMs: number;
  private readonly now: () => number;

  constructor(private readonly options: XeroApiOptions) {
    this.tenantId = options.tenantId;
    this.apiUrl = options.apiUrl ?? XERO_API_URL;
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  /** A fresh SDK object per call: its token and request options are then this call's alone. */
  private sdk(token: string): AccountingApi {
    const api = new AccountingApi(this.apiUrl);
    api.accessToken = token;
    const timeout = this.timeoutMs;
    const hook: Authentication = {
      applyToRequest(options) {
        options.timeout = timeout;
      },
    };
    api.setDefaultAuthentication(hook);
    return api;
  }

  /** What is left of this tenant's rate limits. */
  rateBudget(): Promise<RateBudget> {
    return this.options.governor.budget(this.tenantId);
  }

  batchHoldMs(): Promise<number> {
    return this.options.governor.batchHoldMs(this.tenantId);
  }

  /** Runs one SDK call with governor, token renewal on 401, and waiting out 429s. */
  async call(spec: CallSpec, invoke: (api: AccountingApi) => Promise<SdkResult>): Promise<unknown> {
    const { governor, tokens } = this.options;
    let renewed = false;
    let limited = 0;
    for (;;) {
      const outcome = await governor.run(this.tenantId, spec.priority, async (): Promise<Outcome> => {
        const token = await tokens.accessToken();
        try {
          const res = await invoke(this.sdk(token));
          await governor.observe(this.tenantId, rateHeadersOf(res.response.headers));
          return { ok: true, body: res.body };
        } catch (error) {
          const failure = toFailure(error);
          if (!failure) return { ok: false, error: classify(error, { ...spec, now: this.now() }) };
          if (failure.status > 0) await governor.observe(this.tenantId, rateHeadersOf(failure.headers));
          return {
            ok: false as const,
            failure,
            token,
            error: classifyFailure(failure, { ...spec, now: this.now() }),
          };
        }
      });
      if (outcome.ok) return outcome.body;
      const error: ConnectorError = outcome.error;
      if (outcome.failure && outcome.failure.status === 401 && !renewed) {
        renewed = true;
        await tokens.renewAfterRejection(outcome.token);
        continue;
      }
      if (error.kind === 'rate-limited' && outcome.failure && limited < MAX_429_RETRIES) {
        limited += 1;
        const retryAfter = Math.max(
          0,
          ((error.details.retryAt?.getTime() ?? this.now()) - this.now()) / 1000,
        );
        await governor.rateLimited(this.tenantId, Math.ceil(retryAfter), error.details.limit);
        continue; // the governor waits out the pause, or throws rate-limited when it is too long
      }
      throw error;
    }
  }

  private headers(ifModifiedSince: Date | undefined): { headers: Record<string, string> } {
    return {
      headers: ifModifiedSince ? { 'If-Modified-Since': ifModifiedSinceHeader(ifModifiedSince) } : {},
    };
  }

  async getContacts(args: {
    page?: number;
    pageSize?: number;
    ifModifiedSince?: Date | undefined;
    where?: string | undefined;
    order?: string | undefined;
    ids?: readonly string[] | undefined;
    includeArchived?: boolean;
    priority?: CallPriority;
  }): Promise<Page<RawContact>> {
    const op = 'GET /Contacts';
    const body = (await this.call({ operation: op, write: false, priority: args.priority ?? 'bulk' }, (api) =>
      api.getContacts(
        this.tenantId,
        undefined,
        args.where,
        args.order,
        args.ids ? [...args.ids] : undefined,
        args.page,
        args.includeArchived,
        undefined,
        undefined,
        args.pageSize,
        this.headers(args.ifModifiedSince),
      ),
    )) as { contacts?: unknown; pagination?: unknown };
    return {
      items: parseList(rawContact, body.contacts, op),
      pageCount: rawPagination.parse(body.pagination)?.pageCount ?? null,
    };
  }

  async getInvoices(args: {
    page?: number;
    pageSize?: number;
    ifModifiedSince?: Date | undefined;
    where?: string | undefined;
    order?: string | undefined;
    ids?: readonly string[] | undefined;
    invoiceNumbers?: readonly string[] | undefined;
    statuses?: readonly string[] | undefined;
    priority?: CallPriority;
  }): Promise<Page<RawInvoice>> {
    const op = 'GET /Invoices';
    const body = (await this.call({ operation: op, write: false, priority: args.priority ?? 'bulk' }, (api) =>
      api.getInvoices(
        this.tenantId,
        undefined,
        args.where,
        args.order,
        args.ids ? [...args.ids] : undefined,
        args.invoiceNumbers ? [...args.invoiceNumbers] : undefined,
        undefined,
        args.statuses ? [...args.statuses] : undefined,
        // Without `page` Xero leaves line items out: always page.
        args.page ?? 1,
        undefined,
        undefined,
        // Unit prices at the precision we write them in: a 2-decimal read of a 4-decimal price
        // would be taken for a change (invariant 3).
        UNIT_DP,
        undefined,
        args.pageSize,
        undefined,
        this.headers(args.ifModifiedSince),
      ),
    )) as { invoices?: unknown; pagination?: unknown };
    return {
      items: parseList(rawInvoice, body.invoices, op),
      pageCount: rawPagination.parse(body.pagination)?.pageCount ?? null,
    };
  }

  async getItems(args: {
    ifModifiedSince?: Date | undefined;
    where?: string | undefined;
    priority?: CallPriority;
  }): Promise<RawItem[]> {
    const op = 'GET /Items';
    const body = (await this.call({ operation: op, write: false, priority: args.priority ?? 'bulk' }, (api) =>
      api.getItems(
        this.tenantId,
        undefined,
        args.where,
        undefined,
        UNIT_DP,
        this.headers(args.ifModifiedSince),
      ),
    )) as { items?: unknown };
    return parseList(rawItem, body.items, op);
  }

  async getPayments(args: {
    page?: number;
    pageSize?: number;
    ifModifiedSince?: Date | undefined;
    where?: string | undefined;
    order?: string | undefined;
    priority?: CallPriority;
  }): Promise<Page<RawPayment>> {
    const op = 'GET /Payments';
    const body = (await this.call({ operation: op, write: false, priority: args.priority ?? 'bulk' }, (api) =>
      api.getPayments(
        this.tenantId,
        undefined,
        args.where,
        args.order,
        args.page ?? 1,
        args.pageSize,
        this.headers(args.ifModifiedSince),
      ),
    )) as { payments?: unknown; pagination?: unknown };
    return {
      items: parseList(rawPayment, body.payments, op),
      pageCount: rawPagination.parse(body.pagination)?.pageCount ?? null,
    };
  }

  async getTrackingCategories(args: {
    includeArchived?: boolean;
    priority?: CallPriority;
  }): Promise<RawTrackingCategory[]> {
    const op = 'GET /TrackingCategories';
    const body = (await this.call({ operation: op, write: false, priority: args.priority ?? 'bulk' }, (api) =>
      api.getTrackingCategories(this.tenantId, undefined, undefined, args.includeArchived),
    )) as { trackingCategories?: unknown };
    return parseList(rawTrackingCategory, body.trackingCategories, op);
  }

  async getBaseCurrency(): Promise<string> {
    const body = (await this.call(
      { operation: 'GET /Organisation', write: false, priority: 'interactive' },
      (api) => api.getOrganisations(this.tenantId),
    )) as { organisations?: { baseCurrency?: unknown }[] };
    const currency = body.organisations?.[0]?.baseCurrency;
    return typeof currency === 'string' ? currency : 'USD';
  }

  /**
   * POST (create or update; Xero matches ContactID, or ContactNumber) with summarizeErrors=false:
   * one element per input, in order, each with StatusAttributeString OK or ERROR.
   */
  async saveContacts(args: {
    contacts: WireContact[];
    idempotencyKey: string;
    priority?: CallPriority;
  }): Promise<RawContact[]> {
    const op = 'POST /Contacts';
    const body = (await this.call({ operation: op, write: true, priority: args.priority ?? 'bulk' }, (api) =>
      api.updateOrCreateContacts(
        this.tenantId,
        { contacts: args.contacts } as unknown as Parameters<AccountingApi['updateOrCreateContacts']>[1],
        false,
        args.idempotencyKey,
      ),
    )) as { contacts?: unknown };
    return parseList(rawContact, body.contacts, op);
  }

  /** POST /Invoices (create or update by InvoiceID or InvoiceNumber), summarizeErrors=false, unitdp=4. */
  async saveInvoices(args: {
    invoices: WireInvoice[];
    idempotencyKey: string;
    priority?: CallPriority;
  }): Promise<RawInvoice[]> {
    const op = 'POST /Invoices';
    const body = (await this.call({ operation: op, write: true, priority: args.priority ?? 'bulk' }, (api) =>
      api.updateOrCreateInvoices(
        this.tenantId,
        { invoices: args.invoices } as unknown as Parameters<AccountingApi['updateOrCreateInvoices']>[1],
        false,
        UNIT_DP,
        args.idempotencyKey,
      ),
    )) as { invoices?: unknown };
    return parseList(rawInvoice, body.invoices, op);
  }

  /**
   * PUT /Payments (create only: Xero never updates a payment) with summarizeErrors=false: one element
   * per input, in order, each with StatusAttributeString OK or ERROR.
   */
  async createPayments(args: {
    payments: WirePayment[];
    idempotencyKey: string;
    priority?: CallPriority;
  }): Promise<RawPayment[]> {
    const op = 'PUT /Payments';
    const body = (await this.call({ operation: op, write: true, priority: args.priority ?? 'bulk' }, (api) =>
      api.createPayments(this.tenantId, { payments: args.payments }, false, args.idempotencyKey),
    )) as { payments?: unknown };
    return parseList(rawPayment, body.payments, op);
  }

  /** POST /Payments/{PaymentID} with `{"Status":"DELETED"}`: the only change Xero allows to a payment. */
  async deletePayment(args: {
    paymentId: string;
    idempotencyKey: string;
    priority?: CallPriority;
  }): Promise<RawPayment> {
    const op = 'POST /Payments/{PaymentID}';
    const body = (await this.call({ operation: op, write: true, priority: args.priority ?? 'bulk' }, (api) =>
      api.deletePayment(this.tenantId, args.paymentId, { status: 'DELETED' }, args.idempotencyKey),
    )) as { payments?: unknown };
    return this.single(rawPayment, body.payments, op);
  }

  /** POST /Items (create, or update by ItemID or Code), summarizeErrors=false, unitdp=4. */
  async saveItems(args: {
    items: WireItem[];
    idempotencyKey: string;
    priority?: CallPriority;
  }): Promise<RawItem[]> {
    const op = 'POST /Items';
    const body = (await this.call({ operation: op, write: true, priority: args.priority ?? 'bulk' }, (api) =>
      api.updateOrCreateItems(this.tenantId, { items: args.items }, false, UNIT_DP, args.idempotencyKey),
    )) as { items?: unknown };
    return parseList(rawItem, body.items, op);
  }

  /** PUT /TrackingCategories: one new category (no options; they are added one by one). */
  async createTrackingCategory(args: {
    category: WireTrackingCategory;
    idempotencyKey: string;
    priority?: CallPriority;
  }): Promise<RawTrackingCategory> {
    const op = 'PUT /TrackingCategories';
    const body = (await this.call({ operation: op, write: true, priority: args.priority ?? 'bulk' }, (api) =>
      api.createTrackingCategory(
        this.tenantId,
        args.category as unknown as Parameters<AccountingApi['createTrackingCategory']>[1],
        args.idempotencyKey,
      ),
    )) as { trackingCategories?: unknown };
    return this.single(rawTrackingCategory, body.trackingCategories, op);
  }

  /** POST /TrackingCategories/{TrackingCategoryID}: rename, archive or restore a category. */
  async updateTrackingCategory(args: {
    trackingCategoryId: string;
    category: WireTrackingCategory;
    idempotencyKey: string;
    priority?: CallPriority;
  }): Promise<RawTrackingCategory> {
    const op = 'POST /TrackingCategories/{TrackingCategoryID}';
    const body = (await this.call({ operation: op, write: true, priority: args.priority ?? 'bulk' }, (api) =>
      api.updateTrackingCategory(
        this.tenantId,
        args.trackingCategoryId,
        args.category as unknown as Parameters<AccountingApi['updateTrackingCategory']>[2],
        args.idempotencyKey,
      ),
    )) as { trackingCategories?: unknown };
    return this.single(rawTrackingCategory, body.trackingCategories, op);
  }

  /** PUT /TrackingCategories/{TrackingCategoryID}/Options: one new option (the spec takes one per call). */
  async createTrackingOption(args: {
    trackingCategoryId: string;
    option: WireTrackingOption;
    idempotencyKey: string;
    priority?: CallPriority;
  }): Promise<RawTrackingOption> {
    const op = 'PUT /TrackingCategories/{TrackingCategoryID}/Options';
    const body = (await this.call({ operation: op, write: true, priority: args.priority ?? 'bulk' }, (api) =>
      api.createTrackingOptions(
        this.tenantId,
        args.trackingCategoryId,
        args.option as unknown as Parameters<AccountingApi['createTrackingOptions']>[2],
        args.idempotencyKey,
      ),
    )) as { options?: unknown };
    return this.single(rawTrackingOption, body.options, op);
  }

  /** POST /TrackingCategories/{TrackingCategoryID}/Options/{TrackingOptionID}: rename, archive or restore. */
  async updateTrackingOption(args: {
    trackingCategoryId: string;
    trackingOptionId: string;
    option: WireTrackingOption;
    idempotencyKey: string;
    priority?: CallPriority;
  }): Promise<RawTrackingOption> {
    const op = 'POST /TrackingCategories/{TrackingCategoryID}/Options/{TrackingOptionID}';
    const body = (await this.call({ operation: op, write: true, priority: args.priority ?? 'bulk' }, (api) =>
      api.updateTrackingOptions(
        this.tenantId,
        args.trackingCategoryId,
        args.trackingOptionId,
        args.option as unknown as Parameters<AccountingApi['updateTrackingOptions']>[3],
        args.idempotencyKey,
      ),
    )) as { options?: unknown };
    return this.single(rawTrackingOption, body.options, op);
  }

  private single<S extends z.ZodType>(schema: S, list: unknown, op: string): z.infer<S> {
    const [first] = parseList(schema, list, op);
    if (first === undefined)
      throw new ConnectorError('unknown-outcome', `${op}: Xero answered without the element`, {
        system: 'XERO',
      });
    return first;
  }
}
