// HTTP to NAV/BC: authentication, pacing, Retry-After, one token refresh on 401, retries of reads,
// exact-decimal JSON, and server-driven paging by following @odata.nextLink only.
import axios, { type AxiosInstance, type AxiosRequestConfig } from 'axios';
import { isAbortError } from '../abort.js';
import { ConnectorError } from '../errors.js';
import type { AuthStrategy } from './auth.js';
import { classify } from './errors.js';
import { parseLossless, stringifyExact } from './json.js';
import { RawCollection } from './raw.js';
import type { Sleep, Throttle } from './throttle.js';

export interface HttpOptions {
  auth: AuthStrategy;
  throttle: Throttle;
  sleep: Sleep;
  now: () => number;
  /** Per-request timeout (default 120 s). */
  timeoutMs?: number | undefined;
  /** How often a 429/503 is waited out before the call fails as rate-limited (default 5). */
  maxRateLimitWaits?: number | undefined;
  /** Longest Retry-After waited out in-process (default 120 s); longer ones fail as rate-limited. */
  maxRetryAfterMs?: number | undefined;
  /** Retries of a failed read (5xx, network) before it fails as transient (default 2). */
  readRetries?: number | undefined;
  /** Origin the credentials may be sent to; a nextLink elsewhere is refused. */
  origin: string;
  /** Extra headers (e.g. Data-Access-Intent: ReadOnly for BC reads). */
  headers?: Record<string, string> | undefined;
}

export interface HttpResponse {
  status: number;
  data: unknown;
  /** The body as sent (e.g. $metadata XML). */
  text: string;
  etag: string | undefined;
  location: string | undefined;
}

export interface RequestOptions {
  body?: unknown;
  ifMatch?: string | undefined;
}

export class NavHttp {
  private readonly axios: AxiosInstance;
  private readonly defaults: AxiosRequestConfig<string>;
  /** Upstream requests sent (including retries), for metrics and benchmarks. */
  requests = 0;

  constructor(private readonly o: HttpOptions) {
    this.defaults = {
      timeout: o.timeoutMs ?? 120_000,
      responseType: 'text',
      transformResponse: [(d: unknown) => d],
      validateStatus: () => true,
      maxRedirects: 0,
    };
    this.axios = axios.create(this.defaults);
  }

  async request(method: string, url: string, options: RequestOptions = {}): Promise<HttpResponse> {
    if (!url.startsWith(this.o.origin)) {
      throw new ConnectorError(
        'validation',
        'refusing to send credentials to a URL outside the configured service',
        {
          system: 'NAV',
        },
      );
    }
    let rateWaits = 0;
    let refreshed = false;
    let readRetries = 0;
    for (;;) {
      let err: ConnectorError;
      try {
        const res = await this.o.throttle.run(async () => {
          this.requests += 1;
          const headers: Record<string, string> = { accept: 'application/json', ...this.o.headers };
          const authorization = await this.o.auth.authorization();
          if (authorization !== null) headers.authorization = authorization;
          if (options.ifMatch) headers['if-match'] = options.ifMatch;
          let data: string | undefined;
          if (options.body !== undefined) {
            headers['content-type'] = 'application/json';
            data = stringifyExact(options.body);
          }
          const config: AxiosRequestConfig<string> = { method, url, headers };
          if (data !== undefined) config.data = data;
          return this.o.auth.send
            ? this.o.auth.send({ ...this.defaults, ...config })
            : this.axios.request<string>(config);
        });
        const text = typeof res.data === 'string' ? res.data : '';
        let body: unknown = undefined;
        if (text) {
          try {
            body = parseLossless(text);
          } catch {
            body = undefined;
          }
        }
        const header = (name: string): string | undefined => {
          const v: unknown = res.headers[name];
          return typeof v === 'string' ? v : undefined;
        };
        if (res.status >= 200 && res.status < 300) {
          return { status: res.status, data: body, text, etag: header('etag'), location: header('location') };
        }
        err = classify({
          method,
          status: res.status,
          body,
          retryAfter: header('retry-after'),
          now: this.o.now(),
        });
      } catch (e) {
        // A shutdown's abort is no failure of NAV's: never retried or classified.
        if (e instanceof ConnectorError || isAbortError(e)) throw e;
        const code = (e as { code?: string }).code;
        err = classify({ method, networkCode: code ?? 'ERR_NETWORK', now: this.o.now() });
      }
      if (err.kind === 'rate-limited' && err.details.retryAt) {
        const wait = err.details.retryAt.getTime() - this.o.now();
        this.o.throttle.pauseUntil(err.details.retryAt.getTime());
        if (rateWaits < (this.o.maxRateLimitWaits ?? 5) && wait <= (this.o.maxRetryAfterMs ?? 120_000)) {
          rateWaits += 1;
          continue;
        }
        throw err;
      }
      if (err.kind === 'auth' && !refreshed) {
        refreshed = true;
        if (await this.o.auth.invalidate()) continue;
      }
      if (err.kind === 'transient' && method === 'GET' && readRetries < (this.o.readRetries ?? 2)) {
        readRetries += 1;
        await this.o.sleep(200 * 2 ** readRetries);
        continue;
      }
      throw err;
    }
  }

  async getJson(url: string): Promise<unknown> {
    return (await this.request('GET', url)).data;
  }

  /** Pages of a collection, following @odata.nextLink only; each page says where the next starts. */
  async *pages(url: string): AsyncGenerator<{ values: unknown[]; next: string | null }> {
    let next: string | null = url;
    while (next) {
      const page = RawCollection.safeParse(await this.getJson(next));
      if (!page.success) {
        throw new ConnectorError('transient', 'NAV/BC answered a collection request without a value array', {
          system: 'NAV',
        });
      }
      const link = page.data['@odata.nextLink'];
      // A relative nextLink is resolved against the request it came from.
      next = link ? new URL(link, next).toString() : null;
      yield { values: page.data.value, next };
    }
  }

  /** Reads a whole collection (all pages). */
  async all(url: string): Promise<unknown[]> {
    const out: unknown[] = [];
    for await (const p of this.pages(url)) out.push(...p.values);
    return out;
  }
}
