// The Xero sandbox's demo Custom Connection: how demo mode, the tests and the benchmarks connect
// to the built-in Xero simulator; only the limits and the clock differ.
import {
  RateGovernor,
  XeroIdentityClient,
  XeroTokenSource,
  connectCustomConnection,
  createXeroConnector,
  identityEndpointsAt,
  type XeroConnector,
} from './index.js';
import type { CredentialStore } from '../../store/credential-store.js';

export interface SandboxXeroOptions {
  /** Where the Xero sandbox listens (its identity and API paths hang off it). */
  url: string;
  store: CredentialStore;
  governor: RateGovernor;
  /** Name of the Custom Connection kept in the credential store (default "sandbox"). */
  connection?: string;
  baseCurrency?: string;
  /** Where API calls go when not straight to `url` (e.g. through a test proxy). */
  apiUrl?: string;
  /** The sandbox's clock, when it runs faster than ours (token lifetimes follow it). */
  now?: () => number;
}

/** Connects the sandbox's demo Custom Connection afresh and returns its one organisation's connector. */
export async function connectSandboxXero(options: SandboxXeroOptions): Promise<XeroConnector> {
  const { url, store, governor, now } = options;
  const connection = options.connection ?? 'sandbox';
  const endpoints = identityEndpointsAt(url);
  const credentials = { clientId: 'sandbox', clientSecret: 'sandbox' };
  const identity = new XeroIdentityClient({ ...credentials, endpoints, ...(now ? { now } : {}) });
  const { tenants } = await connectCustomConnection({ identity, store, connection });
  const tenantId = tenants[0]?.tenantId;
  if (!tenantId) throw new Error('the Xero sandbox offers no organisation to connect');
  return createXeroConnector({
    ...credentials,
    tenantId,
    connection,
    store,
    apiUrl: options.apiUrl ?? `${url}/api.xro/2.0`,
    identity: endpoints,
    ...(now ? { tokens: new XeroTokenSource({ store, connection, identity, now }) } : {}),
    governor,
    baseCurrency: options.baseCurrency ?? 'GBP',
  });
}
