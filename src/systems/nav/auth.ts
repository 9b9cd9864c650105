// Pluggable authentication. Basic (user name + web service access key) for NAV and BC on-premises,
// OAuth 2.0 client credentials (Microsoft Entra ID) for Business Central online, and NTLM for NAV
// servers on Windows authentication: NTLM authenticates the CONNECTION (type-1/2/3 handshake on
// one keep-alive socket), so that strategy sends the requests itself (`send`).
import http from 'node:http';
import https from 'node:https';
import axios, { type AxiosInstance, type AxiosRequestConfig, type AxiosResponse } from 'axios';
import { NtlmClient } from 'axios-ntlm';
import { ConnectorError } from '../errors.js';

export interface AuthStrategy {
  readonly kind: string;
  /** The Authorization header value for the next request; null when `send` authenticates the connection. */
  authorization(): Promise<string | null>;
  /** Called once after a 401: drop cached credentials; true when a retry may succeed. */
  invalidate(): Promise<boolean>;
  /**
   * Connection-oriented schemes (NTLM) send each request themselves, on a connection they have
   * authenticated. The response is returned whatever its status (a final 401 included).
   */
  send?(config: AxiosRequestConfig<string>): Promise<AxiosResponse<string>>;
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

export interface NtlmOptions {
  /** Windows account name (without the domain). */
  user: string;
  password: string;
  /** Windows (NetBIOS) domain of the account, e.g. CRONUS. */
  domain: string;
  /** Workstation name sent in the handshake (default: this host's name). */
  workstation?: string | undefined;
  /** Authenticated connections kept open at most (default 5, the connector's concurrency). */
  maxConnections?: number | undefined;
}

interface Lane {
  client: AxiosInstance;
  agents: [http.Agent, https.Agent];
}

/**
 * NTLM (Windows authentication) for NAV/BC on-premises, on the axios-ntlm package. NTLM
 * authenticates a TCP connection, not a request: each lane is ONE keep-alive socket used by one
 * request at a time, so a handshake (type-1 → 401 with the type-2 challenge → type-3) is never
 * interleaved with another request, and later requests on that socket need no new handshake.
 */
export class NtlmAuth implements AuthStrategy {
  readonly kind = 'ntlm';
  private readonly lanes: Lane[] = [];
  private readonly idle: Lane[] = [];
  private readonly waiting: ((lane: Lane) => void)[] = [];
  private readonly maxConnections: number;

  constructor(private readonly options: NtlmOptions) {
    this.maxConnections = Math.max(1, options.maxConnections ?? 5);
  }

  authorization(): Promise<string | null> {
    return Promise.resolve(null);
  }

  /** The same password fails again: a rejected handshake is final. */
  invalidate(): Promise<boolean> {
    return Promise.resolve(false);
  }

  async send(config: AxiosRequestConfig<string>): Promise<AxiosResponse<string>> {
    const lane = await this.lease();
    try {
      // axios-ntlm answers the challenge from a response interceptor, which only sees rejected
      // responses: a 401 must be an error for the handshake to run.
      return await lane.client.request<string>({ ...config, validateStatus: (status) => status !== 401 });
    } catch (err) {
      const response = axios.isAxiosError<string>(err) ? err.response : undefined;
      if (response) return response;
      throw err;
    } finally {
      this.release(lane);
    }
  }

  /** Closes the kept-alive connections (they are unref'd, so this is optional at exit). */
  close(): void {
    for (const lane of this.lanes) for (const agent of lane.agents) agent.destroy();
    this.lanes.length = 0;
    this.idle.length = 0;
  }

  private lease(): Promise<Lane> {
    const free = this.idle.pop();
    if (free) return Promise.resolve(free);
    if (this.lanes.length < this.maxConnections) {
      const agents: [http.Agent, https.Agent] = [
        new http.Agent({ keepAlive: true, maxSockets: 1 }),
        new https.Agent({ keepAlive: true, maxSockets: 1 }),
      ];
      const o = this.options;
      // axios-ntlm is CommonJS: its axios types are the .d.cts copy of the same declarations.
      const client = NtlmClient(
        {
          username: o.user,
          password: o.password,
          domain: o.domain,
          ...(o.workstation !== undefined ? { workstation: o.workstation } : {}),
        },
        { httpAgent: agents[0], httpsAgent: agents[1] },
      ) as unknown as AxiosInstance;
      const lane = { client, agents };
      this.lanes.push(lane);
      return Promise.resolve(lane);
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(lane: Lane): void {
    if (!this.lanes.includes(lane)) return; // closed meanwhile
    const next = this.waiting.shift();
    if (next) next(lane);
    else this.idle.push(lane);
  }

  toJSON(): object {
    return { kind: this.kind, user: this.options.user, domain: this.options.domain };
  }
}
