// Options and limits of the NAV/BC sandbox. Defaults follow Business Central online's documented
// per-user OData limits (5 concurrent requests, 95 queued, 6,000 requests per 5-minute window).
import type { ServerOptions } from '../common/server.js';
import type { DemoCompany } from '../demo/model.js';

export interface NavLimits {
  /** Requests processed at once per user; more wait in a queue. */
  maxConcurrentPerUser: number;
  /** Requests that may wait per user; beyond that → 429. */
  maxQueuePerUser: number;
  /** How long a queued request may wait before it is refused with 503. */
  queueTimeoutMs: number;
  /** Sliding window of the per-user request budget. */
  windowMs: number;
  maxRequestsPerWindow: number;
  /** Lifetime of OAuth access tokens from the simulated token endpoint. */
  tokenLifetimeSeconds: number;
  /** Webhook subscriptions expire after 3 days unless renewed by PATCH. */
  subscriptionLifetimeMs: number;
  maxSubscriptions: number;
  handshakeTimeoutMs: number;
  /** Delay before change notifications are sent (BC batches them, roughly 30 s). */
  notificationDelayMs: number;
  /** Changes per subscription and batch beyond which one `collection` notification is sent (BC online: 1,000). */
  maxNotifications: number;
}

export const defaultLimits: NavLimits = {
  maxConcurrentPerUser: 5,
  maxQueuePerUser: 95,
  queueTimeoutMs: 60_000,
  windowMs: 5 * 60_000,
  maxRequestsPerWindow: 6000,
  tokenLifetimeSeconds: 3599,
  subscriptionLifetimeMs: 3 * 24 * 3600_000,
  maxSubscriptions: 200,
  handshakeTimeoutMs: 5000,
  notificationDelayMs: 30_000,
  maxNotifications: 1000,
};

export interface NavCredentials {
  /** Basic authentication: user name + web service access key (both dialects). */
  users: { name: string; accessKey: string }[];
  /** OAuth 2.0 client credentials accepted by the simulated token endpoint (BC dialect). */
  clients: { clientId: string; clientSecret: string }[];
  /** Windows accounts accepted by NTLM where `windowsAuthentication` requires it. */
  windowsUsers: { domain: string; name: string; password: string }[];
}

export const demoCredentials: NavCredentials = {
  users: [{ name: 'ADMIN', accessKey: 'sandbox' }],
  clients: [{ clientId: 'ledgerbridge-sandbox', clientSecret: 'sandbox-secret' }],
  windowsUsers: [{ domain: 'CRONUS', name: 'ADMIN', password: 'Sandbox#1' }],
};

/** Without a port, the standalone default 4102. */
export interface NavSandboxOptions extends ServerOptions {
  company: DemoCompany;
  /** NAV server instance in the URL (default DynamicsNAV110, i.e. NAV 2018). */
  navInstance?: string;
  /** BC environment segment in the URL (default BC). */
  bcInstance?: string;
  /** Server page size (NAV's MaxPageSize, default 1000). */
  pageSize?: number;
  limits?: Partial<NavLimits>;
  now?: () => number;
  credentials?: Partial<NavCredentials>;
  /**
   * Dialects whose endpoints require Windows (NTLM) authentication instead of Basic/OAuth, as a
   * NAV server instance with ClientServicesCredentialType=Windows does. Default: none.
   */
  windowsAuthentication?: readonly ('nav' | 'bc')[];
  /** The Windows domain the NTLM challenge names (default CRONUS). */
  windowsDomain?: string;
  /**
   * Fields a NAV partner added to the Customer, Vendor or Item table and to its card page, which
   * the NAV pages then publish like any other field (a Text[100], e.g. `LB_Id`). None by default,
   * as on the standard pages. BC's API v2.0 pages cannot be extended, so BC never shows them.
   */
  extensionFields?: Partial<Record<ExtensibleTable, readonly string[]>>;
}

export type ExtensibleTable = 'customer' | 'vendor' | 'item';
