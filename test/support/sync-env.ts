// Both sandboxes, a real database, both connectors and the sync engine, wired as a gateway wires
// them: the ground of the end-to-end sync tests.
import { BookRules } from '../../src/sync/policy/book-rules.js';
import { randomBytes } from 'node:crypto';
import type { NavConnector } from '../../src/systems/nav/index.js';
import {
  RateGovernor,
  XeroIdentityClient,
  identityEndpointsAt,
  type XeroConnector,
} from '../../src/systems/xero/index.js';
import { Lookups } from '../../src/mapping/lookups.js';
import { createLogger } from '../../src/ops/logger.js';
import { startSandboxes, type RunningSandboxes } from '@ledgerbridge/sandbox';
import type { DemoOptions } from '@ledgerbridge/sandbox/demo/index.js';
import { CredentialStore } from '../../src/store/credential-store.js';
import { openDatabase, type Database } from '../../src/store/database.js';
import { SecretBox } from '../../src/store/secret-box.js';
import { SyncEngine } from '../../src/sync/engine.js';
import { Ownership, type OwnershipRules } from '../../src/sync/policy/ownership.js';
import { connectSandboxNav } from '../../src/systems/nav/sandbox.js';
import { connectSandboxXero } from '../../src/systems/xero/sandbox.js';
import { createSyncServices, type RunningSyncServices } from '../../src/sync/services.js';

export interface SyncEnv {
  sandboxes: RunningSandboxes;
  db: Database;
  services: RunningSyncServices;
  engine: SyncEngine;
  xero: XeroConnector;
  nav: NavConnector;
  /** Raw call to the Xero sandbox's Accounting API with a fresh client-credentials token. */
  xeroGet(path: string): Promise<Record<string, unknown>>;
  /** Raw POST to the Xero sandbox's Accounting API (as a person keying into Xero would). */
  xeroPost(path: string, body: unknown): Promise<Record<string, unknown>>;
  /** Raw call to the NAV sandbox (NAV OData V4 dialect). */
  nav$(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

export async function startSyncEnv(
  demo: Partial<DemoOptions> = {},
  options: { ownership?: OwnershipRules } = {},
): Promise<SyncEnv> {
  const sandboxes = await startSandboxes({
    xeroPort: 0,
    navPort: 0,
    demo: {
      customers: 12,
      vendors: 4,
      items: 6,
      salesInvoices: 10,
      purchaseInvoices: 4,
      salesOrders: 2,
      ...demo,
    },
    xeroLimits: { perMinute: 100_000, perDay: 1_000_000, appPerMinute: 1_000_000 },
  });
  const db = await openDatabase({ dataDir: 'memory://' });
  await db.migrate();
  const log = createLogger('silent', { pretty: false });

  const store = new CredentialStore(db.prisma, new SecretBox(randomBytes(32)));
  const xero = await connectSandboxXero({
    url: sandboxes.xero.url,
    store,
    governor: new RateGovernor({
      limits: { perMinute: 100_000, perDay: 1_000_000, appPerMinute: 1_000_000 },
    }),
  });
  const nav = await connectSandboxNav({ url: sandboxes.nav.url, company: sandboxes.nav.companyName });
  const lookups = await Lookups.fromFile('config/lookups.demo.yaml');
  const services = createSyncServices(db, {
    lookups,
    targets: { XERO: xero.tenant, NAV: nav.tenant },
    writable: { XERO: xero.capabilities.writable, NAV: nav.capabilities.writable },
    textLimits: { XERO: xero.capabilities.textLimits ?? {}, NAV: nav.capabilities.textLimits ?? {} },
    books: new BookRules({ XERO: xero, NAV: nav }, lookups),
  });
  const engine = new SyncEngine({
    db,
    services,
    connectors: { XERO: xero, NAV: nav },
    lookups,
    log,
    policy: { baseDelayMs: 0, maxDelayMs: 0, defaultRateLimitWaitMs: 1_000, random: () => 0 },
    // The demo file's rules (NAV owns credit limits and items), as a gateway would load them.
    ownership: options.ownership
      ? new Ownership(options.ownership)
      : await Ownership.fromFile('config/lookups.demo.yaml'),
  });
  services.engine = engine;

  // Direct calls to the Xero sandbox, as a person keying into Xero would make them.
  const identity = new XeroIdentityClient({
    clientId: 'sandbox',
    clientSecret: 'sandbox',
    endpoints: identityEndpointsAt(sandboxes.xero.url),
  });
  const xeroCall = async (method: string, path: string, body?: unknown) => {
    const token = await identity.clientCredentials();
    const response = await fetch(`${sandboxes.xero.url}/api.xro/2.0${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token.accessToken}`,
        'xero-tenant-id': xero.tenant,
        accept: 'application/json',
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return (await response.json()) as Record<string, unknown>;
  };
  const navAuth = `Basic ${Buffer.from('ADMIN:sandbox').toString('base64')}`;
  const companyPath = `/DynamicsNAV110/ODataV4/Company('${encodeURIComponent(sandboxes.nav.companyName)}')`;
  return {
    sandboxes,
    db,
    services,
    engine,
    xero,
    nav,
    xeroGet: (path) => xeroCall('GET', path),
    xeroPost: (path, body) => xeroCall('POST', path, body),
    nav$(method, path, body, headers = {}) {
      return fetch(`${sandboxes.nav.url}${companyPath}${path}`, {
        method,
        headers: { authorization: navAuth, 'content-type': 'application/json', ...headers },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    },
    async close() {
      await engine.stop();
      await services.close();
      await db.close();
      await sandboxes.close();
    },
  };
}
