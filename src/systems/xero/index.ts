// The Xero connector: one instance per tenant, sharing a rate governor (per app) and a token source
// (per stored connection).
import type { CredentialStore } from '../../store/credential-store.js';
import {
  XeroIdentityClient,
  XeroTokenSource,
  requireTenant,
  type XeroIdentityEndpoints,
  type AuthLogger,
} from './auth.js';
import { XeroApi } from './client.js';
import { XeroConnector } from './connector.js';
import { RateGovernor } from './governor.js';

export * from './auth.js';
export * from './client.js';
export * from './connector.js';
export * from './dimensions.js';
export * from './governor.js';
export {
  accountingDate,
  decimalFromWire,
  decimalToWire,
  instant,
  MappingError,
  moneyToWire,
  versionOf,
  type MapContext,
} from './mapper-common.js';
export * from './mapper-dimensions.js';
export * from './mapper-documents.js';
export * from './mapper-items.js';
export * from './mapper-parties.js';
export * from './mapper-payments.js';
export * from './payments.js';
export * from './webhooks.js';
export { classify, classifyFailure, scrub } from './errors.js';

export interface CreateXeroConnectorOptions {
  /** Explicit tenant: never "the first one". */
  tenantId: string;
  /** Name of the stored connection (credential row). */
  connection: string;
  store: Pick<CredentialStore, 'get' | 'withLock'>;
  clientId: string;
  clientSecret: string;
  /** Accounting API base (default Xero's). */
  apiUrl?: string | undefined;
  /** Identity endpoints (default Xero's). */
  identity?: XeroIdentityEndpoints | undefined;
  /** Share one per app (and per Redis) so every tenant connector draws from one app budget. */
  governor?: RateGovernor | undefined;
  /** Share one per connection within a process. */
  tokens?: XeroTokenSource | undefined;
  baseCurrency?: string | undefined;
  timeoutMs?: number | undefined;
  logger?: AuthLogger | undefined;
  fetch?: typeof fetch | undefined;
}

export async function createXeroConnector(options: CreateXeroConnectorOptions): Promise<XeroConnector> {
  const identity = new XeroIdentityClient({
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    endpoints: options.identity,
    fetch: options.fetch,
  });
  const tokens =
    options.tokens ??
    new XeroTokenSource({
      store: options.store,
      connection: options.connection,
      identity,
      logger: options.logger,
    });
  requireTenant(await tokens.tenants(), options.tenantId);
  const api = new XeroApi({
    tenantId: options.tenantId,
    tokens,
    governor: options.governor ?? new RateGovernor(),
    apiUrl: options.apiUrl,
    timeoutMs: options.timeoutMs,
  });
  return new XeroConnector({ api, baseCurrency: options.baseCurrency });
}
