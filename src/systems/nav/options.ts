// The connector's explicit options (no global configuration is read).
import type { Payment } from '../../domain/payment.js';
import type { AuthStrategy } from './auth.js';
import type { Dialect, ServiceKey } from './services.js';
import type { Sleep, ThrottleOptions } from './throttle.js';

export type PaymentDirection = Payment['direction'];

export interface NavConnectorOptions {
  dialect: Dialect;
  /**
   * Service root. NAV: `http://navserver:7048/DynamicsNAV110/ODataV4`;
   * BC online: `https://api.businesscentral.dynamics.com/v2.0/{tenant}/{environment}/api/v2.0`.
   */
  baseUrl: string;
  /** NAV: the company name. BC: the company id (GUID) or its name (resolved once at start-up). */
  company: string;
  auth: AuthStrategy;
  /** The company's local currency (NAV shows it as blank). */
  localCurrency: string;
  /** NAV: dimension codes of Global Dimension 1 and 2 (General Ledger Setup). */
  globalDimensions?: readonly [string | null, string | null];
  /** Service names the NAV admin published, per purpose (defaults: see services.ts). */
  services?: Partial<Record<ServiceKey, string>>;
  /** Line navigation names per document service (defaults derived from the service name). */
  linesNavigation?: Partial<Record<ServiceKey, string>>;
  /** Bound posting action (NAV: the partner's action, `NAV.Post` in the sandbox); null disables posting. */
  postAction?: string | null;
  /**
   * Invoices and bills written with status AUTHORISED, POSTED or PAID are posted right after they
   * are written (create and post), so both books hold a posted document. Default true; false
   * leaves every written document unposted (post it with `post()` or in NAV).
   */
  postDocuments?: boolean;
  /**
   * Which payments the connector reads and writes: customer payments (`RECEIVED`, against posted
   * sales invoices) and vendor payments (`MADE`, against posted bills). Default both. Each kind
   * needs its services published (NAV: CustLedgerEntries + CashReceiptJournal, VendorLedgerEntries
   * + PaymentJournal; BC: customerPaymentJournals, vendorPaymentJournals) and the start-up check
   * requires only those of the kinds listed; `[]` leaves payments out altogether.
   */
  payments?: readonly PaymentDirection[];
  /**
   * Master data: a page field holding OUR id, looked up before re-creating after an unknown outcome.
   * Without it the record's number (the page key) is used when the draft has one.
   */
  masterDataIdField?: Partial<Record<'customer' | 'vendor' | 'item', string>>;
  /** Blocked value written for BLOCKED/ARCHIVED parties (default `All`). */
  blockedValue?: { customer?: string; vendor?: string };
  /**
   * Look a record up by our id before every create. Default: yes for documents (External Document
   * No.) and for master data with `masterDataIdField`; otherwise only after an unknown outcome.
   */
  alwaysLookUpBeforeCreate?: boolean;
  throttle?: ThrottleOptions;
  /** Longest URL sent (default 2048: IIS/NAV's safe query-string size). */
  maxUrlLength?: number;
  /** Most keys in one getMany request (default 100). */
  readBatchSize?: number;
  timeoutMs?: number;
  maxRetryAfterMs?: number;
  maxRateLimitWaits?: number;
  readRetries?: number;
  /** Injectable for tests: how the connector waits (Retry-After, window budget, backoff). */
  sleep?: Sleep;
  now?: () => number;
}
