// Starts the sync side of a gateway from its configuration: the connected systems (or, in demo
// mode, both sandboxes in-process with their demo credentials), the engine, an initial sync and
// the polling schedule.
import type { Config } from '../config/schema.js';
import type { Connector, SourceSystem } from '../systems/system.js';
import { BasicAuth, ClientCredentialsAuth, NavConnector, NtlmAuth } from '../systems/nav/index.js';
import { RateGovernor, createXeroConnector, identityEndpointsAt } from '../systems/xero/index.js';
import { Lookups } from '../mapping/lookups.js';
import type { Logger } from '../ops/logger.js';
import type { RunningSandboxes } from '@ledgerbridge/sandbox';
import { CredentialStore } from '../store/credential-store.js';
import type { Database } from '../store/database.js';
import { SecretBox, resolveSecretKey } from '../store/secret-box.js';
import { SyncEngine, syncedEntities, type SyncedEntity } from './engine.js';
import { Ownership } from './policy/ownership.js';
import { createSyncServices, type RunningSyncServices } from './services.js';
import { Inbox } from '../store/inbox.js';
import { xeroInboxRouter } from '../systems/xero/inbox.js';
import { bcWebhooksFromConfig, type BcWebhooks } from '../systems/nav/bc-webhooks.js';
import type { Router } from 'express';
import { Redis } from 'ioredis';
import { settleWithin } from './runtime/grace.js';
import { connectSandboxNav, connectSandboxXero } from '../systems/sandbox-connectors.js';

export interface RunningSync {
  services: RunningSyncServices;
  /** Webhook endpoints to mount on the HTTP server. */
  routes: { path: string; router: Router }[];
  /** Called once the server listens at `graphqlUrl` (demo mode subscribes the sandbox's webhooks). */
  afterListen(graphqlUrl: string): Promise<void>;
  engine: SyncEngine | null;
  sandboxes: RunningSandboxes | null;
  /** Business Central webhooks (BC dialect with PUBLIC_URL): subscriptions, renewal, processing. */
  bcWebhooks: BcWebhooks | null;
  /**
   * Reads these entities (default: all) from every connected system in the engine's order; the
   * workers push what it queued. A run already going is joined, not doubled.
   */
  syncNow(entities?: readonly SyncedEntity[], options?: { full?: boolean }): Promise<void>;
  stop(): Promise<void>;
}

/** The webhook key demo mode gives the Xero sandbox. */
const demoWebhookKey = 'ledgerbridge-demo-webhook-key';

export function demoModeOn(config: Config): boolean {
  return config.DEMO === 'on' || (config.DEMO === 'auto' && !config.XERO_CLIENT_ID && !config.NAV_URL);
}

async function xeroConnector(
  config: Config,
  db: Database,
  log: Logger,
  sandboxUrl: string | null,
  redis: Redis | undefined,
  signal: AbortSignal,
): Promise<Connector> {
  const store = new CredentialStore(
    db.prisma,
    new SecretBox(
      await resolveSecretKey({
        secretKey: config.SECRET_KEY,
        databaseUrl: config.DATABASE_URL,
        dataDir: config.DATA_DIR,
        log,
      }),
    ),
  );
  // With REDIS_URL every gateway process draws on one budget per tenant. Shutdown ends its waits.
  const governor = new RateGovernor({ signal, ...(redis ? { redis } : {}) });
  if (sandboxUrl)
    return connectSandboxXero({ url: sandboxUrl, store, governor, baseCurrency: config.NAV_LOCAL_CURRENCY });
  const tenantId = config.XERO_TENANT_ID;
  if (!tenantId) {
    throw new Error(
      'XERO_TENANT_ID is required to sync Xero: `ledgerbridge connect xero` lists the organisations a connection reaches; none is chosen for you.',
    );
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
}

async function navConnector(
  config: Config,
  sandboxes: RunningSandboxes | null,
  signal: AbortSignal,
): Promise<Connector> {
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
  return NavConnector.connect({
    dialect: config.NAV_DIALECT,
    baseUrl: config.NAV_URL as string,
    company: config.NAV_COMPANY as string,
    auth,
    localCurrency: config.NAV_LOCAL_CURRENCY,
    // Our id on customers, vendors and items: a retry finds what NAV numbered itself by it.
    ...(config.NAV_ID_FIELDS ? { masterDataIdField: config.NAV_ID_FIELDS } : {}),
    throttle,
  });
}

export async function startSync(config: Config, db: Database, log: Logger): Promise<RunningSync> {
  const demo = demoModeOn(config);
  let sandboxes: RunningSandboxes | null = null;
  let governorRedis: Redis | undefined;
  // Shutdown: reads stop after the record in hand (their cursors resume there), waits for rate
  // budget end at once, workers claim nothing more and hand back the pushes it cut short.
  const shutdown = new AbortController();
  if (demo) {
    const { startSandboxes } = await import('@ledgerbridge/sandbox');
    sandboxes = await startSandboxes({
      xeroPort: config.SANDBOX_XERO_PORT,
      navPort: config.SANDBOX_NAV_PORT,
    });
    log.info(`demo mode: sandboxes running with demo data\n${sandboxes.describe()}`);
  }
  try {
    const connectors: Partial<Record<SourceSystem, Connector>> = {};
    governorRedis = config.REDIS_URL ? new Redis(config.REDIS_URL, { lazyConnect: false }) : undefined;
    if (demo || config.XERO_CLIENT_ID)
      connectors.XERO = await xeroConnector(
        config,
        db,
        log,
        sandboxes?.xero.url ?? null,
        governorRedis,
        shutdown.signal,
      );
    if (demo || config.NAV_URL) connectors.NAV = await navConnector(config, sandboxes, shutdown.signal);
    const connected = Object.keys(connectors).length > 0;
    const lookups = connected ? await Lookups.fromFile(config.LOOKUPS_FILE) : null;
    const ownership = connected ? await Ownership.fromFile(config.LOOKUPS_FILE) : undefined;
    const targets = Object.fromEntries(Object.entries(connectors).map(([s, c]) => [s, c.tenant]));
    const writable = Object.fromEntries(
      Object.entries(connectors).map(([s, c]) => [s, c.capabilities.writable]),
    );
    const services = createSyncServices(db, { redisUrl: config.REDIS_URL, lookups, targets, writable });
    const engine = connected
      ? new SyncEngine({
          db,
          services,
          connectors,
          lookups,
          log,
          workers: config.SYNC_WORKERS,
          ownership,
          signal: shutdown.signal,
        })
      : null;
    services.engine = engine;

    let running: Promise<void> | null = null;
    const syncNow = (
      entities: readonly SyncedEntity[] = syncedEntities,
      options: { full?: boolean } = {},
    ) => {
      running ??= (async () => {
        if (!engine) return;
        // NAV first: its numbers identify customers, vendors and items, so records Xero already
        // holds under the same number link to them instead of being created again.
        // Parties before documents: a document's customer is then known on both sides.
        const order = (['NAV', 'XERO'] as SourceSystem[]).filter((s) => connectors[s]);
        for (const entity of syncedEntities.filter((e) => entities.includes(e))) {
          for (const system of order) {
            if (shutdown.signal.aborted) return;
            try {
              const report = await engine.pull(system, entity, { ...options, signal: shutdown.signal });
              if (report.applied || report.rejected.length || report.missing)
                log.info({ system, entity, ...report, linked: report.linked.length }, 'pulled changes');
            } catch (error) {
              if (shutdown.signal.aborted) return;
              log.warn({ err: error, system, entity }, 'pull failed; the next run resumes from its cursor');
            }
          }
        }
      })().finally(() => (running = null));
      return running;
    };

    // Xero webhooks: stored in the inbox, then applied in the background.
    const inbox = new Inbox(db.prisma);
    const webhookKey = demo ? demoWebhookKey : config.XERO_WEBHOOK_KEY;
    let processing: Promise<unknown> = Promise.resolve();
    const processInbox = () => {
      if (!engine || shutdown.signal.aborted) return;
      processing = processing
        .then(() => engine.processXeroInbox(inbox))
        .then(() => engine.drain())
        .catch((error: unknown) => {
          // Cut short by shutdown: the events stay in the inbox for the next start.
          if (!shutdown.signal.aborted)
            log.warn({ err: error }, 'processing the inbox failed; events stay there');
        });
    };
    const routes: RunningSync['routes'] =
      engine && connectors.XERO && webhookKey
        ? [
            {
              path: '/webhooks/xero',
              router: xeroInboxRouter({ key: webhookKey, inbox, log, onStored: processInbox }),
            },
          ]
        : [];
    // Business Central webhooks: subscribed once the server listens, renewed before they expire.
    const nav = connectors.NAV;
    const bcWebhooks =
      engine && nav instanceof NavConnector && !demo
        ? await bcWebhooksFromConfig(config, {
            connector: nav,
            db,
            inbox,
            log,
            refresh: (entity, ids) => engine.puller.refresh('NAV', entity, ids),
            pull: (entity) => engine.pull('NAV', entity),
            afterProcessing: () => engine.drain(),
          })
        : null;
    if (bcWebhooks) routes.push({ path: bcWebhooks.path, router: bcWebhooks.router });

    engine?.start();
    const timer = engine ? setInterval(() => void syncNow(), config.SYNC_INTERVAL_MS) : null;
    timer?.unref();
    // Now and then everything is read in full: deletions and what deltas miss come to light.
    const fullTimer =
      engine && config.FULL_SYNC_INTERVAL_MS > 0
        ? setInterval(
            // After the delta run in progress, if any (joining it would skip the full read).
            () => void (running ?? Promise.resolve()).then(() => syncNow(syncedEntities, { full: true })),
            config.FULL_SYNC_INTERVAL_MS,
          )
        : null;
    fullTimer?.unref();
    // Subscribers resume from the event log; beyond the retention window they start afresh.
    const retentionMs = config.EVENT_RETENTION_HOURS * 3_600_000;
    const pruneEvents = () =>
      services.events
        .prune(new Date(Date.now() - retentionMs))
        .catch((error: unknown) => log.warn({ err: error }, 'pruning the event log failed'));
    void pruneEvents();
    const pruner = setInterval(() => void pruneEvents(), 3_600_000);
    pruner.unref();
    if (!connected) log.info('no Xero or NAV configured and demo mode off: serving the mirror only');
    return {
      services,
      routes,
      async afterListen(graphqlUrl: string) {
        void bcWebhooks?.start();
        if (!sandboxes || routes.length === 0) return;
        const url = graphqlUrl.replace(/\/graphql$/, '/webhooks/xero');
        const response = await fetch(`${sandboxes.xero.url}/__sandbox/webhooks`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ url, key: demoWebhookKey }),
        });
        if (response.ok) log.info({ url }, 'demo mode: the Xero sandbox sends its webhooks here');
        else
          log.warn(
            { status: response.status },
            'demo mode: the Xero sandbox refused the webhook subscription',
          );
      },
      engine,
      sandboxes,
      bcWebhooks,
      syncNow,
      async stop() {
        if (timer) clearInterval(timer);
        if (fullTimer) clearInterval(fullTimer);
        clearInterval(pruner);
        shutdown.abort();
        // Calls already sent finish; past the grace period whatever still runs is left behind.
        const { unfinished, failed } = await settleWithin(config.SHUTDOWN_GRACE_MS, {
          'sync run': running,
          'webhook inbox': processing,
          'BC webhooks': bcWebhooks?.stop(),
          workers: engine?.stop(),
        });
        for (const { step, error } of failed) log.warn({ err: error, step }, 'stopping: a step failed');
        if (unfinished.length)
          log.warn(
            { unfinished, jobs: engine?.inFlightJobs() ?? [], graceMs: config.SHUTDOWN_GRACE_MS },
            'shutdown grace period over: closing with these still running',
          );
        await services.close();
        if (unfinished.length) governorRedis?.disconnect();
        else await governorRedis?.quit();
        await sandboxes?.close();
      },
    };
  } catch (error) {
    governorRedis?.disconnect();
    await sandboxes?.close();
    throw error;
  }
}
