// NAV / Business Central as the gateway sees it: configured by NAV_URL (dialect, company, and
// Basic, NTLM or OAuth client-credentials authentication), its $metadata checked at connect, BC
// webhooks when the BC API dialect runs with PUBLIC_URL, and in demo mode the built-in sandbox's
// OData V4 service with its demo user.
import { ConfigError } from '../../config/load.js';
import type { ChangeFeed, SystemModule } from '../module.js';
import { BasicAuth, ClientCredentialsAuth, NavConnector, NtlmAuth } from './index.js';
import { connectSandboxNav } from './sandbox.js';
import { navVocabulary } from './vocabulary.js';
import { bcWebhooksFromConfig, type BcWebhooks } from './bc-webhooks.js';

/** NAV/BC's change feed: Business Central's webhooks, subscriptions kept alive. */
export interface BcChangeFeed extends ChangeFeed {
  webhooks: BcWebhooks;
}

/**
 * The configured global dimensions must be dimensions NAV has: a code it does not know would read
 * every line's shortcut dimension as a value of the wrong dimension.
 */
async function checkGlobalDimensions(
  connector: NavConnector,
  configured: readonly [string | null, string | null] | undefined,
): Promise<void> {
  const codes: string[] = (configured ?? []).flatMap((c) => (c ? [c] : []));
  if (codes.length === 0) return;
  const known = new Set<string>();
  for await (const page of connector.list('dimension'))
    for (const d of page.records) known.add((d.data.code ?? '').toUpperCase());
  const missing = codes.filter((c) => !known.has(c));
  if (missing.length)
    throw new ConfigError([
      {
        key: 'NAV_GLOBAL_DIMENSIONS',
        expected: `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not a dimension of ${connector.tenant} (it has ${[...known].sort().join(', ') || 'none'}): name Global Dimension 1 and 2 as General Ledger Setup does`,
      },
    ]);
}

const nav: SystemModule = {
  id: 'NAV',
  traits: {
    numbersMasterData: true,
    bookedStatuses: ['POSTED', 'PAID', 'VOIDED'],
    bookedDocumentsImmutable: true,
    dimensions: 'owner',
    partiesShareOneList: false,
    refersToPartiesByNumber: true,
  },
  vocabulary: navVocabulary,

  configured: (config) => Boolean(config.NAV_URL),

  async connect({ config, signal, sandboxes }) {
    // Shutdown ends the waits for NAV's request budget or a Retry-After pause.
    const throttle = { signal };
    if (sandboxes)
      return connectSandboxNav({ url: sandboxes.nav.url, company: sandboxes.nav.companyName, throttle });
    const auth = config.BC_CLIENT_ID
      ? new ClientCredentialsAuth({
          tokenUrl: config.BC_TOKEN_URL as string,
          clientId: config.BC_CLIENT_ID,
          clientSecret: config.BC_CLIENT_SECRET as string,
        })
      : config.NAV_AUTH === 'ntlm'
        ? new NtlmAuth({
            user: config.NAV_USER as string,
            password: config.NAV_PASSWORD as string,
            domain: config.NAV_DOMAIN as string,
            workstation: config.NAV_WORKSTATION,
          })
        : new BasicAuth(config.NAV_USER as string, config.NAV_ACCESS_KEY as string);
    const connector = await NavConnector.connect({
      dialect: config.NAV_DIALECT,
      baseUrl: config.NAV_URL as string,
      company: config.NAV_COMPANY as string,
      auth,
      localCurrency: config.NAV_LOCAL_CURRENCY,
      // Our id on customers, vendors and items: a retry finds what NAV numbered itself by it.
      ...(config.NAV_ID_FIELDS ? { masterDataIdField: config.NAV_ID_FIELDS } : {}),
      // Which dimensions NAV's Shortcut_Dimension_1/2_Code on document lines are.
      ...(config.NAV_GLOBAL_DIMENSIONS ? { globalDimensions: config.NAV_GLOBAL_DIMENSIONS } : {}),
      throttle,
    });
    await checkGlobalDimensions(connector, config.NAV_GLOBAL_DIMENSIONS);
    return connector;
  },

  // Business Central webhooks: subscribed once the server listens, renewed before they expire.
  async changeFeed({ config, connector, db, inbox, log, sync, sandboxes }): Promise<BcChangeFeed | null> {
    if (sandboxes || !(connector instanceof NavConnector)) return null;
    const webhooks = await bcWebhooksFromConfig(config, {
      connector,
      db,
      inbox,
      log,
      refresh: (entity, ids) => sync.refresh('NAV', entity, ids),
      pull: (entity) => sync.pull('NAV', entity),
      afterProcessing: () => sync.drain(),
    });
    if (!webhooks) return null;
    return {
      webhooks,
      routes: [{ path: webhooks.path, router: webhooks.router }],
      async start() {
        void webhooks.start();
      },
      stop: () => webhooks.stop(),
    };
  },
};

export default nav;
