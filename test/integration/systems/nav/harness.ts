// Shared set-up for the NAV/BC connector integration tests: an in-process sandbox over real HTTP
// and connectors for either dialect.
import { generateDemoCompany } from '@ledgerbridge/sandbox/demo/index.js';
import {
  startNavSandbox,
  type NavLimits,
  type NavSandboxOptions,
  type RunningNavSandbox,
} from '@ledgerbridge/sandbox/nav/index.js';
import {
  BasicAuth,
  ClientCredentialsAuth,
  NavConnector,
  type AuthStrategy,
  type Dialect,
  type NavConnectorOptions,
} from '../../../../src/systems/nav/index.js';

export interface Harness {
  sandbox: RunningNavSandbox;
  close(): Promise<void>;
}

export async function startSandbox(
  options: {
    pageSize?: number;
    limits?: Partial<NavLimits>;
    demo?: Parameters<typeof generateDemoCompany>[0];
    extensionFields?: NavSandboxOptions['extensionFields'];
  } = {},
): Promise<RunningNavSandbox> {
  return startNavSandbox({
    port: 0,
    company: generateDemoCompany(options.demo ?? {}),
    ...(options.pageSize !== undefined ? { pageSize: options.pageSize } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.extensionFields ? { extensionFields: options.extensionFields } : {}),
  });
}

export function baseUrl(sandbox: RunningNavSandbox, dialect: Dialect): string {
  return dialect === 'nav-odata-v4' ? `${sandbox.url}/DynamicsNAV110/ODataV4` : `${sandbox.url}/BC/api/v2.0`;
}

export function basicAuth(): AuthStrategy {
  return new BasicAuth('ADMIN', 'sandbox');
}

export function oauth(sandbox: RunningNavSandbox, now?: () => number): ClientCredentialsAuth {
  return new ClientCredentialsAuth({
    tokenUrl: `${sandbox.url}/oauth2/v2.0/token`,
    clientId: 'ledgerbridge-sandbox',
    clientSecret: 'sandbox-secret',
    ...(now ? { now } : {}),
  });
}

export function connectorOptions(
  sandbox: RunningNavSandbox,
  dialect: Dialect,
  extra: Partial<NavConnectorOptions> = {},
): NavConnectorOptions {
  return {
    dialect,
    baseUrl: baseUrl(sandbox, dialect),
    company: dialect === 'nav-odata-v4' ? sandbox.companyName : sandbox.companyId,
    auth: basicAuth(),
    localCurrency: 'GBP',
    globalDimensions: ['DEPARTMENT', 'AREA'],
    ...extra,
  };
}

export function connect(
  sandbox: RunningNavSandbox,
  dialect: Dialect,
  extra: Partial<NavConnectorOptions> = {},
): Promise<NavConnector> {
  return NavConnector.connect(connectorOptions(sandbox, dialect, extra));
}

async function admin(
  sandbox: RunningNavSandbox,
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> {
  const res = await fetch(`${sandbox.url}/__sandbox${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`admin ${method} ${path}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? undefined : res.json();
}

export const sandboxAdmin = {
  calls: async (sandbox: RunningNavSandbox) =>
    (await admin(sandbox, 'GET', '/calls')) as {
      total: number;
      tenants: Record<string, { total: number; byEndpoint: Record<string, number> }>;
    },
  resetCalls: (sandbox: RunningNavSandbox) => admin(sandbox, 'DELETE', '/calls'),
  fault: (sandbox: RunningNavSandbox, rule: Record<string, unknown>) =>
    admin(sandbox, 'POST', '/faults', rule),
  clearFaults: (sandbox: RunningNavSandbox) => admin(sandbox, 'DELETE', '/faults'),
  clock: (sandbox: RunningNavSandbox, body: Record<string, unknown>) =>
    admin(sandbox, 'POST', '/clock', body),
  postJournal: (sandbox: RunningNavSandbox, template: string, batch: string) =>
    admin(sandbox, 'POST', '/post-journal', { template, batch }),
  reset: (sandbox: RunningNavSandbox) => admin(sandbox, 'POST', '/reset', {}),
  /** "A NAV user posted this order": `quantities` (Line No. → Qty. to Ship) posts it in part. */
  postSalesOrder: (sandbox: RunningNavSandbox, no: string, quantities?: Record<number, number>) =>
    admin(sandbox, 'POST', '/post-sales-order', { no, ...(quantities ? { quantities } : {}) }),
};

export async function callCount(sandbox: RunningNavSandbox, endpoint?: string): Promise<number> {
  const snap = await sandboxAdmin.calls(sandbox);
  const t = snap.tenants[sandbox.companyName];
  if (!t) return 0;
  return endpoint === undefined ? t.total : (t.byEndpoint[endpoint] ?? 0);
}

/** Raw authenticated request to the sandbox, as "another user" changing data behind the connector. */
export async function rawRequest(
  url: string,
  method: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: unknown; etag: string | null }> {
  const res = await fetch(url, {
    method,
    headers: {
      authorization: `Basic ${Buffer.from('ADMIN:sandbox').toString('base64')}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return {
    status: res.status,
    json: text ? (JSON.parse(text) as unknown) : null,
    etag: res.headers.get('etag'),
  };
}
