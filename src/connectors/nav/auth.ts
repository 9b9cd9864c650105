// Pluggable authentication. Basic (user name + web service access key) for NAV and BC on-premises,
// OAuth 2.0 client credentials (Microsoft Entra ID) for Business Central online. NTLM (NAV on
// Windows authentication) needs a handshake per connection: plug an AuthStrategy whose `apply`
// wraps the request (e.g. built on the axios-ntlm package, which this project does not ship yet).
import axios from 'axios';
import { ConnectorError } from '../errors.js';

export interface AuthStrategy {
  readonly kind: string;
  /** The Authorization header value for the next request. */
  authorization(): Promise<string>;
  /** Called once after a 401: drop cached credentials; true when a retry may succeed. */
  invalidate(): Promise<boolean>;
}

export class BasicAuth implements AuthStrategy {
  readonly kind = 'basic';
  private readonly header: string;
  constructor(userName: string, webServiceAccessKey: string) {
    this.header = `Basic ${Buffer.from(`${userName}:${webServiceAccessKey}`, 'utf8').toString('base64')}`;
  }
  authorization(): Promise<string> {
    return Promise.resolve(this.header);
  }
  invalidate(): Promise<boolean> {
    return Promise.resolve(false);
  }
  toJSON(): object {
    return { kind: this.kind };
  }
}

export interface ClientCredentialsOptions {
  /** e.g. https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token */
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** Default https://api.businesscentral.dynamics.com/.default */
  scope?: string;
  /** Refresh this long before expiry (default 120 s). */
  refreshSkewSeconds?: number;
  now?: () => number;
  timeoutMs?: number;
}

export const BC_SCOPE = 'https://api.businesscentral.dynamics.com/.default';

/** OAuth 2.0 client credentials; the token lives in memory only and is refreshed before expiry. */
export class ClientCredentialsAuth implements AuthStrategy {
  readonly kind = 'oauth2-client-credentials';
  private token: { value: string; expiresAt: number } | null = null;
  private inflight: Promise<string> | null = null;
  /** How many tokens were requested (for tests and metrics). */
  tokenRequests = 0;

  constructor(private readonly options: ClientCredentialsOptions) {}

  private get now(): number {
    return (this.options.now ?? Date.now)();
  }

  async authorization(): Promise<string> {
    const skew = (this.options.refreshSkewSeconds ?? 120) * 1000;
    if (this.token && this.token.expiresAt - skew > this.now) return `Bearer ${this.token.value}`;
    this.inflight ??= this.fetchToken().finally(() => {
      this.inflight = null;
    });
    return `Bearer ${await this.inflight}`;
  }

  invalidate(): Promise<boolean> {
    this.token = null;
    return Promise.resolve(true);
  }

  private async fetchToken(): Promise<string> {
    this.tokenRequests += 1;
    const o = this.options;
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: o.clientId,
      client_secret: o.clientSecret,
      scope: o.scope ?? BC_SCOPE,
    });
    let res;
    try {
      res = await axios.post<unknown>(o.tokenUrl, body.toString(), {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        timeout: o.timeoutMs ?? 30_000,
        validateStatus: () => true,
      });
    } catch (err) {
      throw new ConnectorError('transient', `token endpoint unreachable (${(err as Error).message})`, {
        system: 'NAV',
      });
    }
    const data = (res.data ?? {}) as Record<string, unknown>;
    if (res.status >= 200 && res.status < 300 && typeof data.access_token === 'string') {
      const expiresIn = Number(data.expires_in ?? 3599);
      this.token = { value: data.access_token, expiresAt: this.now + expiresIn * 1000 };
      return data.access_token;
    }
    const code = typeof data.error === 'string' ? data.error : `HTTP ${res.status}`;
    // Entra's error_description names the client id, never the secret; still, only the code travels.
    const kind = res.status >= 500 ? 'transient' : res.status === 429 ? 'rate-limited' : 'auth';
    throw new ConnectorError(kind, `token request refused: ${code}`, {
      system: 'NAV',
      status: res.status,
      code,
    });
  }

  toJSON(): object {
    return { kind: this.kind, clientId: this.options.clientId };
  }
}
