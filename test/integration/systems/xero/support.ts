// A Xero sandbox on a free port, an in-memory PGlite credential store and a connector wired to both
// through the real OAuth authorisation-code flow.
import { randomBytes } from 'node:crypto';
import type { DemoCompany } from '@ledgerbridge/sandbox/demo/index.js';
import { generateDemoCompany } from '@ledgerbridge/sandbox/demo/index.js';
import {
  startXeroSandbox,
  type RunningXeroSandbox,
  type XeroLimits,
} from '@ledgerbridge/sandbox/xero/index.js';
import { openDatabase, type Database } from '../../../../src/store/database.js';
import { CredentialStore } from '../../../../src/store/credential-store.js';
import { SecretBox } from '../../../../src/store/secret-box.js';
import {
  completeAuthorization,
  consentScopes,
  identityEndpointsAt,
  RateGovernor,
  XeroApi,
  XeroConnector,
  XeroIdentityClient,
  XeroTokenSource,
  type GovernorOptions,
} from '../../../../src/systems/xero/index.js';

export const REDIRECT = 'http://127.0.0.1:5999/callback';

export interface Env {
  sandbox: RunningXeroSandbox;
  db: Database;
  store: CredentialStore;
  tenantId: string;
  company: DemoCompany;
  identity: XeroIdentityClient;
  /** Requests that reached the token endpoint, by grant type. */
  tokenCalls: string[];
  apiUrl: string;
  close(): Promise<void>;
  admin(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: Record<string, unknown> }>;
  /** Accounting API calls per endpoint for the tenant since the last reset. */
  calls(): Promise<Record<string, number>>;
  resetCalls(): Promise<void>;
  connector(options?: {
    governor?: RateGovernor;
    tokens?: XeroTokenSource;
    timeoutMs?: number;
  }): XeroConnector;
  tokenSource(): XeroTokenSource;
}

export async function startEnv(
  options: {
    company?: DemoCompany;
    limits?: Partial<XeroLimits>;
    now?: () => number;
    idempotencyTtlMs?: number;
    governor?: GovernorOptions;
  } = {},
): Promise<Env> {
  const company =
    options.company ?? generateDemoCompany({ customers: 60, salesInvoices: 40, purchaseInvoices: 10 });
  const sandbox = await startXeroSandbox({
    port: 0,
    companies: [company],
    limits: { perMinute: 100_000, perDay: 1_000_000, appPerMinute: 1_000_000, ...options.limits },
    webhookRetryDelaysMs: [5, 5],
    ...(options.now ? { now: options.now } : {}),
    ...(options.idempotencyTtlMs !== undefined ? { idempotencyTtlMs: options.idempotencyTtlMs } : {}),
  });
  const db = await openDatabase({ dataDir: 'memory://' });
  await db.migrate();
  const store = new CredentialStore(db.prisma, new SecretBox(randomBytes(32)));
  const tokenCalls: string[] = [];
  const countingFetch: typeof fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url.endsWith('/connect/token'))
      tokenCalls.push(
        new URLSearchParams(typeof init?.body === 'string' ? init.body : '').get('grant_type') ?? '',
      );
    return fetch(input, init);
  };
  const identity = new XeroIdentityClient({
    clientId: 'sandbox',
    clientSecret: 'sandbox',
    endpoints: identityEndpointsAt(sandbox.url),
    fetch: countingFetch,
  });
  // Consent (the sandbox consents at once) and the code exchange.
  const consent = await fetch(
    identity.consentUrl({ redirectUri: REDIRECT, scopes: consentScopes('granular'), state: 's1' }),
    { redirect: 'manual' },
  );
  const code = new URL(consent.headers.get('location') ?? '').searchParams.get('code') ?? '';
  await completeAuthorization({ identity, store, connection: 'main', code, redirectUri: REDIRECT });
  const tenantId = company.id;
  const apiUrl = `${sandbox.url}/api.xro/2.0`;
  const admin = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${sandbox.url}/__sandbox${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };
  const sharedGovernor = new RateGovernor(
    options.governor ?? { limits: { perMinute: 100_000, perDay: 1_000_000, appPerMinute: 1_000_000 } },
  );
  const tokenSource = () => new XeroTokenSource({ store, connection: 'main', identity });
  const sharedTokens = tokenSource();
  return {
    sandbox,
    db,
    store,
    tenantId,
    company,
    identity,
    tokenCalls,
    apiUrl,
    admin,
    tokenSource,
    async calls() {
      const { body } = await admin('GET', '/calls');
      const tenants = body.tenants as Record<string, { byEndpoint: Record<string, number> }> | undefined;
      return tenants?.[tenantId]?.byEndpoint ?? {};
    },
    async resetCalls() {
      await admin('DELETE', '/calls');
    },
    connector(o = {}) {
      const api = new XeroApi({
        tenantId,
        tokens: o.tokens ?? sharedTokens,
        governor: o.governor ?? sharedGovernor,
        apiUrl,
        ...(o.timeoutMs ? { timeoutMs: o.timeoutMs } : {}),
      });
      return new XeroConnector({ api, baseCurrency: company.baseCurrency });
    },
    async close() {
      await sandbox.close();
      await db.close();
    },
  };
}

export async function collect<T>(
  gen: AsyncGenerator<{ records: T[] }>,
): Promise<{ records: T[]; pages: number }> {
  const records: T[] = [];
  let pages = 0;
  for await (const page of gen) {
    pages += 1;
    records.push(...page.records);
  }
  return { records, pages };
}
