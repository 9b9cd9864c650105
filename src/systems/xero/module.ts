// Xero as the gateway sees it: configured by XERO_CLIENT_ID (syncing needs XERO_TENANT_ID too),
// connected with tokens sealed in the credential store and one rate governor per process (shared
// through Redis when set), webhooks stored in the inbox and applied in the background, and in
// demo mode the built-in sandbox's Custom Connection, which also sends its webhooks here.
import type { SystemModule } from '../module.js';
import { CredentialStore } from '../../store/credential-store.js';
import { SecretBox, resolveSecretKey } from '../../store/secret-box.js';
import { RateGovernor, createXeroConnector, identityEndpointsAt } from './index.js';
import { connectSandboxXero } from './sandbox.js';
import { xeroVocabulary } from './vocabulary.js';
import { xeroChangeFeed } from './change-feed.js';
import { ConfigError } from '../../config/load.js';

const xero: SystemModule = {
  id: 'XERO',
  traits: {
    numbersMasterData: false,
    bookedStatuses: ['AUTHORISED', 'PAID', 'VOIDED'],
    bookedDocumentsImmutable: false,
    dimensions: 'tracking',
    partiesShareOneList: true,
    refersToPartiesByNumber: false,
  },
  vocabulary: xeroVocabulary,

  configured: (config) => Boolean(config.XERO_CLIENT_ID),

  async connect({ config, db, log, signal, redis, sandboxes }) {
    const key = await resolveSecretKey({
      secretKey: config.SECRET_KEY,
      databaseUrl: config.DATABASE_URL,
      dataDir: config.DATA_DIR,
      log,
    });
    const store = new CredentialStore(db.prisma, new SecretBox(key));
    // With REDIS_URL every gateway process draws on one budget per tenant. Shutdown ends its waits.
    const governor = new RateGovernor({ signal, ...(redis ? { redis } : {}) });
    if (sandboxes)
      return connectSandboxXero({
        url: sandboxes.xero.url,
        store,
        governor,
        baseCurrency: config.NAV_LOCAL_CURRENCY,
      });
    const tenantId = config.XERO_TENANT_ID;
    if (!tenantId) {
      throw new ConfigError([
        {
          key: 'XERO_TENANT_ID',
          expected:
            'required to sync Xero: `ledgerbridge connect xero` lists the organisations a connection reaches; none is chosen for you',
        },
      ]);
    }
    return createXeroConnector({
      tenantId,
      connection: config.XERO_CONNECTION,
      store,
      clientId: config.XERO_CLIENT_ID as string,
      clientSecret: config.XERO_CLIENT_SECRET as string,
      apiUrl: config.XERO_API_URL,
      identity: config.XERO_IDENTITY_URL ? identityEndpointsAt(config.XERO_IDENTITY_URL) : undefined,
      governor,
      baseCurrency: config.NAV_LOCAL_CURRENCY,
    });
  },

  changeFeed: xeroChangeFeed,
};

export default xero;
