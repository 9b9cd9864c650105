// Xero OAuth 2.0: the authorisation-code flow (consent URL, code exchange, /connections) and Custom
// Connections (client credentials); tokens live sealed in the credential store. A token is refreshed
// before it expires and after a 401, SINGLE-FLIGHT across processes: the refresh runs under the
// credential row's lock, re-reads the row once the lock is held and refreshes only if the token is
// still the stale one (refresh tokens are single use: a second refresh would lose the connection).
// Tokens never appear in logs or error messages.
import { ConnectorError } from '../errors.js';
import type { CredentialStore, CredentialTenant, StoredCredential } from '../../store/credential-store.js';

export interface XeroIdentityEndpoints {
  authorizeUrl: string;
  tokenUrl: string;
  connectionsUrl: string;
}

export const XERO_IDENTITY: XeroIdentityEndpoints = {
  authorizeUrl: 'https://login.xero.com/identity/connect/authorize',
  tokenUrl: 'https://identity.xero.com/connect/token',
  connectionsUrl: 'https://api.xero.com/connections',
};

export const XERO_API_URL = 'https://api.xero.com/api.xro/2.0';

/** Identity endpoints of a server speaking Xero's identity protocol at `baseUrl` (e.g. the sandbox). */
export function identityEndpointsAt(baseUrl: string): XeroIdentityEndpoints {
  const base = baseUrl.replace(/\/+$/, '');
  return {
    authorizeUrl: `${base}/connect/authorize`,
    tokenUrl: `${base}/connect/token`,
    connectionsUrl: `${base}/connections`,
  };
}

/**
 * Scope sets. Apps created since 2 March 2026 only get Xero's granular scopes (accounting.transactions
 * is split per document type); older apps keep the broad scopes until Xero retires them.
 */
export type XeroScopeSet = 'granular' | 'broad';

const COMMON_SCOPES = ['accounting.contacts', 'accounting.settings'];
export const XERO_SCOPES: Record<XeroScopeSet, readonly string[]> = {
  granular: [...COMMON_SCOPES, 'accounting.invoices', 'accounting.payments', 'accounting.manualjournals'],
  broad: [...COMMON_SCOPES, 'accounting.transactions', 'accounting.journals.read'],
};

/** Scopes for the authorisation-code flow (identity + offline_access for a refresh token). */
export function consentScopes(set: XeroScopeSet, extra: readonly string[] = []): string[] {
  return [...new Set(['openid', 'profile', 'email', 'offline_access', ...XERO_SCOPES[set], ...extra])];
}

export interface XeroAppCredentials {
  clientId: string;
  clientSecret: string;
}

export interface TokenResponse {
  accessToken: string;
  refreshToken: string | null;
  expiresAt: Date;
  scopes: string[];
}

export interface XeroConnection {
  id: string;
  tenantId: string;
  tenantName: string | null;
  tenantType: string;
}

export interface AuthLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface IdentityClientOptions extends XeroAppCredentials {
  endpoints?: XeroIdentityEndpoints | undefined;
  fetch?: typeof fetch | undefined;
  timeoutMs?: number | undefined;
  now?: (() => number) | undefined;
}

/** Calls to Xero's identity service (token endpoint, /connections). */
export class XeroIdentityClient {
  readonly endpoints: XeroIdentityEndpoints;
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;
  private readonly now: () => number;

  constructor(private readonly options: IdentityClientOptions) {
    this.endpoints = options.endpoints ?? XERO_IDENTITY;
    this.fetchImpl = options.fetch ?? fetch;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.now = options.now ?? Date.now;
  }

  consentUrl(args: { redirectUri: string; scopes: readonly string[]; state: string }): string {
    const url = new URL(this.endpoints.authorizeUrl);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('client_id', this.options.clientId);
    url.searchParams.set('redirect_uri', args.redirectUri);
    url.searchParams.set('scope', args.scopes.join(' '));
    url.searchParams.set('state', args.state);
    // Spaces as %20 (not '+'), as Xero's own examples encode the scope list.
    return url.toString().replace(/\+/g, '%20');
  }

  exchangeCode(args: { code: string; redirectUri: string }): Promise<TokenResponse> {
    return this.token({ grant_type: 'authorization_code', code: args.code, redirect_uri: args.redirectUri });
  }

  refresh(refreshToken: string): Promise<TokenResponse> {
    return this.token({ grant_type: 'refresh_token', refresh_token: refreshToken });
  }

  /** Custom Connection: a token for the one organisation the app is bound to. */
  clientCredentials(scopes?: readonly string[]): Promise<TokenResponse> {
    return this.token({
      grant_type: 'client_credentials',
      ...(scopes?.length ? { scope: scopes.join(' ') } : {}),
    });
  }

  private async token(form: Record<string, string>): Promise<TokenResponse> {
    const basic = Buffer.from(
      `${encodeURIComponent(this.options.clientId)}:${encodeURIComponent(this.options.clientSecret)}`,
    ).toString('base64');
    const started = this.now();
    const res = await this.send('POST token', this.endpoints.tokenUrl, {
      method: 'POST',
      headers: {
        authorization: `Basic ${basic}`,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: new URLSearchParams(form).toString(),
    });
    const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (!res.ok) throw tokenError(res.status, body, res.headers, this.now());
    if (typeof body.access_token !== 'string')
      throw new ConnectorError('transient', 'Xero token endpoint answered without an access token', {
        system: 'XERO',
        status: res.status,
      });
    const expiresIn = typeof body.expires_in === 'number' ? body.expires_in : 1800;
    return {
      accessToken: body.access_token,
      refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : null,
      expiresAt: new Date(started + expiresIn * 1000),
      scopes: typeof body.scope === 'string' ? body.scope.split(' ').filter(Boolean) : [],
    };
  }

  async connections(accessToken: string): Promise<XeroConnection[]> {
    const res = await this.send('GET /connections', this.endpoints.connectionsUrl, {
      headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
    });
    if (!res.ok) throw tokenError(res.status, await res.json().catch(() => ({})), res.headers, this.now());
    const list = (await res.json()) as Record<string, unknown>[];
    return list.map((c) => ({
      id: typeof c.id === 'string' ? c.id : '',
      tenantId: typeof c.tenantId === 'string' ? c.tenantId : '',
      tenantName: typeof c.tenantName === 'string' ? c.tenantName : null,
      tenantType: typeof c.tenantType === 'string' ? c.tenantType : 'ORGANISATION',
    }));
  }

  private async send(op: string, url: string, init: RequestInit): Promise<Response> {
    try {
      return await this.fetchImpl(url, { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      const name = error instanceof Error ? error.name : '';
      throw new ConnectorError(
        'transient',
        `Xero identity ${op}: ${name === 'TimeoutError' ? 'timed out' : 'network error'}`,
        { system: 'XERO' },
      );
    }
  }
}

function tokenError(status: number, body: unknown, headers: Headers, now: number): ConnectorError {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const code =
    typeof b.error === 'string' ? b.error : typeof b.Title === 'string' ? b.Title : `HTTP ${status}`;
  if (status === 429) {
    const after = Number(headers.get('retry-after') ?? '60');
    return new ConnectorError('rate-limited', `Xero identity rate limit (${code})`, {
      system: 'XERO',
      status,
      code,
      retryAt: new Date(now + (Number.isFinite(after) ? after : 60) * 1000),
    });
  }
  if (status >= 500)
    return new ConnectorError('transient', `Xero identity answered ${status}`, { system: 'XERO', status });
  // invalid_grant: the refresh token is spent, expired or revoked; invalid_client: bad app credentials.
  return new ConnectorError('auth', `Xero identity refused the credentials (${code}): reconnect needed`, {
    system: 'XERO',
    status,
    code,
  });
}

/** What the API client needs from the auth layer. */
export interface AccessTokenProvider {
  accessToken(): Promise<string>;
  /** After a 401 with `rejected`: a fresh token (refreshed once, by whoever gets the lock first). */
  renewAfterRejection(rejected: string): Promise<string>;
}

export interface XeroTokenSourceOptions {
  store: Pick<CredentialStore, 'get' | 'withLock'>;
  /** The stored connection's name. */
  connection: string;
  identity: XeroIdentityClient;
  /** Refresh this long before expiry (default 5 minutes). */
  refreshBeforeMs?: number | undefined;
  now?: (() => number) | undefined;
  logger?: AuthLogger | undefined;
}

/** Tokens of one stored connection (shared by the tenant connectors of this process). */
export class XeroTokenSource implements AccessTokenProvider {
  private cached: StoredCredential | null = null;
  private inFlight: Promise<StoredCredential> | null = null;
  private readonly refreshBeforeMs: number;
  private readonly now: () => number;

  constructor(private readonly options: XeroTokenSourceOptions) {
    this.refreshBeforeMs = options.refreshBeforeMs ?? 5 * 60_000;
    this.now = options.now ?? Date.now;
  }

  private fresh(c: StoredCredential): boolean {
    return c.accessExpiresAt.getTime() - this.refreshBeforeMs > this.now();
  }

  async accessToken(): Promise<string> {
    if (this.cached && this.fresh(this.cached)) return this.cached.accessToken;
    const stored = await this.options.store.get('XERO', this.options.connection);
    if (!stored)
      throw new ConnectorError(
        'auth',
        `no stored Xero connection "${this.options.connection}": connect it first`,
        {
          system: 'XERO',
        },
      );
    this.cached = stored;
    if (this.fresh(stored)) return stored.accessToken;
    return (await this.renew(null)).accessToken;
  }

  async renewAfterRejection(rejected: string): Promise<string> {
    return (await this.renew(rejected)).accessToken;
  }

  /** Tenants this connection reaches (as stored when connecting). */
  async tenants(): Promise<CredentialTenant[]> {
    return (await this.options.store.get('XERO', this.options.connection))?.tenants ?? [];
  }

  /** In this process one renewal at a time; across processes the row lock decides. */
  private renew(rejected: string | null): Promise<StoredCredential> {
    if (!this.inFlight) {
      this.inFlight = this.renewLocked(rejected).finally(() => {
        this.inFlight = null;
      });
    }
    return this.inFlight;
  }

  private async renewLocked(rejected: string | null): Promise<StoredCredential> {
    const { credential } = await this.options.store.withLock(
      'XERO',
      this.options.connection,
      async (current) => {
        // Re-read under the lock: another process may have renewed while we waited.
        const stillStale = rejected !== null ? current.accessToken === rejected : !this.fresh(current);
        if (!stillStale) return { result: 'reused' };
        const next =
          current.grantType === 'client_credentials'
            ? await this.options.identity.clientCredentials(current.scopes)
            : current.refreshToken
              ? await this.options.identity.refresh(current.refreshToken)
              : null;
        if (!next)
          throw new ConnectorError('auth', 'the Xero connection has no refresh token: reconnect needed', {
            system: 'XERO',
          });
        this.options.logger?.info(
          { connection: this.options.connection, expiresAt: next.expiresAt.toISOString() },
          'Xero access token renewed',
        );
        return {
          update: {
            accessToken: next.accessToken,
            // Xero rotates refresh tokens; keep the old one only if none came back.
            refreshToken: next.refreshToken ?? current.refreshToken,
            accessExpiresAt: next.expiresAt,
            ...(next.scopes.length ? { scopes: next.scopes } : {}),
          },
          result: 'renewed',
        };
      },
    );
    this.cached = credential;
    return credential;
  }
}

/** After consent: exchange the code, list the tenants it reaches and store the connection. */
export async function completeAuthorization(args: {
  identity: XeroIdentityClient;
  store: Pick<CredentialStore, 'save'>;
  connection: string;
  code: string;
  redirectUri: string;
}): Promise<{ tenants: CredentialTenant[] }> {
  const tokens = await args.identity.exchangeCode({ code: args.code, redirectUri: args.redirectUri });
  const connections = await args.identity.connections(tokens.accessToken);
  const tenants = connections
    .filter((c) => c.tenantType === 'ORGANISATION')
    .map((c) => ({ tenantId: c.tenantId, tenantName: c.tenantName }));
  await args.store.save('XERO', args.connection, {
    grantType: 'authorization_code',
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    accessExpiresAt: tokens.expiresAt,
    scopes: tokens.scopes,
    tenants,
  });
  return { tenants };
}

/** Custom Connection: take a client-credentials token and store the connection. */
export async function connectCustomConnection(args: {
  identity: XeroIdentityClient;
  store: Pick<CredentialStore, 'save'>;
  connection: string;
  scopes?: readonly string[];
}): Promise<{ tenants: CredentialTenant[] }> {
  const tokens = await args.identity.clientCredentials(args.scopes);
  const connections = await args.identity.connections(tokens.accessToken);
  const tenants = connections.map((c) => ({ tenantId: c.tenantId, tenantName: c.tenantName }));
  await args.store.save('XERO', args.connection, {
    grantType: 'client_credentials',
    accessToken: tokens.accessToken,
    refreshToken: null,
    accessExpiresAt: tokens.expiresAt,
    scopes: tokens.scopes,
    tenants,
  });
  return { tenants };
}

/** The tenant a connector is for: must be named explicitly and be one this connection reaches. */
export function requireTenant(tenants: readonly CredentialTenant[], tenantId: string): CredentialTenant {
  const found = tenants.find((t) => t.tenantId.toLowerCase() === tenantId.toLowerCase());
  if (!found)
    throw new ConnectorError(
      'auth',
      `tenant ${tenantId} is not reachable with this Xero connection (known: ${tenants.map((t) => t.tenantId).join(', ') || 'none'})`,
      { system: 'XERO' },
    );
  return found;
}
