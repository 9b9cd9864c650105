// Business Central webhooks in. `/webhooks/bc` answers BC's validationToken handshake, checks each
// notification's clientState against the subscription's secret (constant-time), stores the
// notifications in the inbox — each once, however often BC delivers it — and answers at once.
// Processing runs apart from the request: notifications are grouped per entity, changed master
// data is re-read in batches through the connector (one call per chunk of ids, not one per
// notification) and applied by the puller; `collection` notifications and documents start a delta
// pull of their entity instead. Subscriptions are kept alive by the renewer (bc-subscriptions.ts).
import { createHash, timingSafeEqual } from 'node:crypto';
import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import type { Config } from '../../config/schema.js';
import { ConnectorError } from '../errors.js';
import type { NavConnector } from './connector.js';
import { BcSubscriptionApi, parseBcResource, type BcResourceRef } from './subscriptions.js';
import type { Logger } from '../../ops/logger.js';
import { BcSubscriptionStore } from '../../store/bc-subscriptions.js';
import type { Database } from '../../store/database.js';
import type { Inbox, InboxEvent, NewInboxEvent } from '../../store/inbox.js';
import { SecretBox, resolveSecretKey } from '../../store/secret-box.js';
import { SyncLinks } from '../../store/sync-links.js';
import { BcSubscriptionRenewer, type ReconcileReport } from './bc-subscription-keeper.js';
import type { MasterEntity } from '../../sync/pipelines/master-data/entities.js';

/** The BC API entity sets the gateway subscribes to, and what each is in the unified model. */
export const bcEntitySets = {
  customers: { entity: 'customer', entityType: 'CUSTOMER' },
  vendors: { entity: 'vendor', entityType: 'VENDOR' },
  items: { entity: 'item', entityType: 'ITEM' },
  salesInvoices: { entity: 'invoice', entityType: 'INVOICE' },
  purchaseInvoices: { entity: 'bill', entityType: 'BILL' },
} as const satisfies Record<string, { entity: string; entityType: InboxEvent['entityType'] }>;

export type BcEntitySet = keyof typeof bcEntitySets;
export type BcEntity = (typeof bcEntitySets)[BcEntitySet]['entity'];

const isEntitySet = (name: string): name is BcEntitySet => Object.hasOwn(bcEntitySets, name);
const masterEntities: readonly string[] = ['customer', 'vendor', 'item'];
const isMaster = (entity: BcEntity): entity is MasterEntity => masterEntities.includes(entity);

export const BC_WEBHOOK_PATH = '/webhooks/bc';

// ---------- receiving ----------

const notification = z.looseObject({
  subscriptionId: z.string(),
  clientState: z.string().nullish(),
  expirationDateTime: z.string().nullish(),
  resource: z.string(),
  changeType: z.string(),
  lastModifiedDateTime: z.string().nullish(),
});
const notificationBatch = z.looseObject({ value: z.array(notification) });
type Notification = z.infer<typeof notification>;

/** What the endpoint needs to know of one subscription to trust its notifications. */
export interface KnownSubscription {
  resource: string;
  subscriptionId: string | null;
  clientState: string;
}

/** Constant-time comparison of two secrets of any length (compares their SHA-256 digests). */
export function sameSecret(given: string, expected: string): boolean {
  if (!given || !expected) return false;
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}

export interface BcWebhookRouterOptions {
  /** The company as the connector names it (inbox tenant). */
  tenant: string;
  /** BC's company id: notifications for other companies are ignored. */
  companyId: string;
  /** The subscriptions this gateway keeps (read per delivery: replicas share them). */
  subscriptions(): Promise<KnownSubscription[]>;
  inbox: Inbox;
  log: Logger;
  /** Called after new notifications were stored (starts processing in the background). */
  onStored(): void;
  /** Largest body accepted (default 5 MB; BC batches up to 1,000 notifications per delivery). */
  limit?: string;
}

function dedupeKey(ref: BcResourceRef, n: Notification): string {
  const target = ref.id ?? `collection${ref.query ? `?${ref.query}` : ''}`;
  return `bc:${ref.companyId}:${ref.entitySet}:${target}:${n.changeType}:${n.lastModifiedDateTime ?? ''}`;
}

/**
 * Handles one delivery whose raw body is already read; returns the status to answer. 202 once the
 * accepted notifications are in the inbox; 401 when none carried a valid clientState (nothing is
 * stored); 503 when the database failed (BC retries 5xx, it drops a subscription on other 4xx).
 */
export async function handleBcNotifications(rawBody: Buffer, o: BcWebhookRouterOptions): Promise<number> {
  let batch: z.infer<typeof notificationBatch>;
  try {
    batch = notificationBatch.parse(JSON.parse(rawBody.toString('utf8').replace(/^\uFEFF/, '')));
  } catch {
    o.log.warn({}, 'BC webhook: the body is not a notification batch');
    return 400;
  }
  let known: KnownSubscription[];
  try {
    known = await o.subscriptions();
  } catch (error) {
    o.log.error({ err: error }, 'BC webhook: reading the subscriptions failed; BC will deliver again');
    return 503;
  }
  const subscribed = known.map((s) => ({ ...s, ref: parseBcResource(s.resource) }));
  const accepted: NewInboxEvent[] = [];
  let refused = 0;
  let ignored = 0;
  for (const n of batch.value) {
    const ref = parseBcResource(n.resource);
    // By id; until BC's id is saved (a notification racing the subscription's creation), by resource.
    const sub =
      subscribed.find((s) => s.subscriptionId !== null && s.subscriptionId === n.subscriptionId) ??
      subscribed.find((s) => ref && s.ref?.companyId === ref.companyId && s.ref.entitySet === ref.entitySet);
    if (!sub || !sameSecret(n.clientState ?? '', sub.clientState)) {
      refused += 1;
      continue;
    }
    if (!ref || ref.companyId !== o.companyId.toLowerCase() || !isEntitySet(ref.entitySet)) {
      ignored += 1;
      continue;
    }
    if (!ref.id && n.changeType !== 'collection') {
      ignored += 1;
      continue;
    }
    accepted.push({
      system: 'NAV',
      tenant: o.tenant,
      dedupeKey: dedupeKey(ref, n),
      entityType: bcEntitySets[ref.entitySet].entityType,
      externalId: ref.id ?? '*',
      // The clientState is a secret: it is not kept.
      payload: {
        subscriptionId: n.subscriptionId,
        resource: n.resource,
        changeType: n.changeType,
        lastModifiedDateTime: n.lastModifiedDateTime ?? null,
        expirationDateTime: n.expirationDateTime ?? null,
      },
    });
  }
  if (refused > 0) {
    o.log.warn(
      { refused, accepted: accepted.length },
      'BC webhook: notifications with a wrong clientState refused',
    );
  }
  if (refused > 0 && accepted.length === 0 && ignored === 0) return 401;
  if (accepted.length === 0) return 202;
  let stored: number;
  try {
    stored = await o.inbox.store(accepted);
  } catch (error) {
    o.log.error({ err: error }, 'BC webhook: storing notifications failed; BC will deliver again');
    return 503;
  }
  o.log.info({ received: batch.value.length, stored, ignored }, 'BC webhook notifications stored');
  if (stored > 0) o.onStored();
  return 202;
}

/** The router to mount at `/webhooks/bc` (before any JSON body parser: it reads the raw body). */
export function bcWebhookRouter(options: BcWebhookRouterOptions): Router {
  const router = express.Router();
  router.all('/', (req: Request, res: Response, next) => {
    // The handshake, on creation and on every renewal: echo the token as text/plain.
    const token = new URL(req.originalUrl, 'http://localhost').searchParams.get('validationToken');
    if (token === null) return next();
    if (token.length === 0 || token.length > 1024) {
      res.status(400).end();
      return;
    }
    res.status(200).set('x-content-type-options', 'nosniff').type('text/plain').send(token);
  });
  router.post(
    '/',
    express.raw({ type: () => true, limit: options.limit ?? '5mb' }),
    (req: Request, res: Response) => {
      // No body at all arrives as undefined (and is answered 400 below, like any non-batch).
      const body: unknown = req.body ?? Buffer.alloc(0);
      if (!Buffer.isBuffer(body)) {
        options.log.error(
          {},
          'BC webhook: the raw body was consumed by another parser; mount this router first',
        );
        res.status(500).end();
        return;
      }
      void handleBcNotifications(body, options)
        .catch((error: unknown) => {
          options.log.error({ err: error }, 'BC webhook: handling a delivery failed; BC will deliver again');
          return 503;
        })
        .then((status) => res.status(status).end());
    },
  );
  return router;
}

// ---------- processing ----------

export interface BcInboxDeps {
  inbox: Inbox;
  links: SyncLinks;
  /** The company as the connector names it. */
  tenant: string;
  /** Re-reads these master records from NAV/BC in one batched call and applies them. */
  refresh(
    entity: MasterEntity,
    externalIds: string[],
  ): Promise<{ rejected: readonly { externalId: string; reason: string }[] }>;
  /** A delta pull of the entity; null when the engine does not sync it. */
  pull(entity: BcEntity): Promise<unknown> | null;
  /** Ids per re-read (the connector's read batch size). */
  chunkSize: number;
  log: Logger;
  /** Inbox events per round (default 500). */
  batchSize?: number;
}

const changeTypeOf = (e: InboxEvent): string => {
  const changeType = (e.payload as { changeType?: unknown } | null)?.changeType;
  return typeof changeType === 'string' ? changeType : '';
};

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += Math.max(1, size)) out.push(items.slice(i, i + Math.max(1, size)));
  return out;
}

/** Validation-type failures will not heal by retrying: the event is closed with the reason. */
function permanent(error: unknown): boolean {
  return error instanceof ConnectorError && (error.kind === 'validation' || error.kind === 'conflict');
}

/**
 * One round over the pending NAV/BC inbox events; returns how many it took. A failure that may heal
 * (network, throttling, database) leaves the events pending with the reason and is thrown.
 */
export async function processBcInbox(deps: BcInboxDeps): Promise<number> {
  const events = await deps.inbox.pending(deps.batchSize ?? 500, 'NAV');
  if (events.length === 0) return 0;
  const foreign = events.filter((e) => e.tenant !== deps.tenant);
  if (foreign.length)
    await deps.inbox.markProcessed(
      foreign.map((e) => e.id),
      `company ${foreign[0]?.tenant} is not synced here`,
    );
  const groups = new Map<string, InboxEvent[]>();
  for (const e of events) {
    if (e.tenant !== deps.tenant) continue;
    groups.set(e.entityType, [...(groups.get(e.entityType) ?? []), e]);
  }
  for (const [entityType, group] of groups) {
    const set = (Object.keys(bcEntitySets) as BcEntitySet[]).find(
      (s) => bcEntitySets[s].entityType === entityType,
    );
    if (!set) {
      await deps.inbox.markProcessed(
        group.map((e) => e.id),
        `${entityType} notifications are not synced`,
      );
      continue;
    }
    const { entity } = bcEntitySets[set];
    // Settles events once their work is done (with a note where one applies); a failure that may
    // heal leaves them pending and stops the round.
    const settle = async (
      taken: InboxEvent[],
      work: () => Promise<string | null | ((e: InboxEvent) => string | null)>,
    ) => {
      if (taken.length === 0) return;
      const ids = taken.map((e) => e.id);
      try {
        const outcome = await work();
        const noteOf = typeof outcome === 'function' ? outcome : () => outcome;
        const byNote = new Map<string | null, string[]>();
        for (const e of taken) byNote.set(noteOf(e), [...(byNote.get(noteOf(e)) ?? []), e.id]);
        for (const [note, noted] of byNote) await deps.inbox.markProcessed(noted, note);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (!permanent(error)) {
          deps.log.warn(
            { err: error, entity },
            'BC webhook: applying notifications failed; they stay in the inbox',
          );
          await deps.inbox.markFailed(ids, message);
          throw error;
        }
        deps.log.warn(
          { err: error, entity },
          'BC webhook: notifications could not be applied; closed with the reason',
        );
        await deps.inbox.markProcessed(ids, message);
      }
    };
    if (!isMaster(entity) || group.some((e) => changeTypeOf(e) === 'collection')) {
      // Many records changed (collection), or a document: read everything changed since the last pull.
      await settle(group, async () => {
        const pulling = deps.pull(entity);
        if (!pulling) return `${set} changes are not synced by this gateway; nothing was read`;
        await pulling;
        return null;
      });
      continue;
    }
    // A deleted record cannot be read back; every other change is re-read as it is now, in chunks.
    const deleted = new Set(group.filter((e) => changeTypeOf(e) === 'deleted').map((e) => e.externalId));
    const changed = [...new Set(group.map((e) => e.externalId))].filter((id) => !deleted.has(id));
    for (const ids of chunks(changed, deps.chunkSize)) {
      const taken = new Set(ids);
      await settle(
        group.filter((e) => taken.has(e.externalId)),
        async () => {
          // Records refused by the lookup tables are noted on their notifications (the pull reports them too).
          const { rejected } = await deps.refresh(entity, ids);
          const reasons = new Map(rejected.map((r) => [r.externalId.toLowerCase(), r.reason]));
          return (e: InboxEvent) => reasons.get(e.externalId) ?? null;
        },
      );
    }
    // Deletions are not passed on: the mirror keeps the record (and so do the other systems).
    await settle(
      group.filter((e) => deleted.has(e.externalId)),
      async () => {
        const linked = await deps.links.byExternalIds(bcEntitySets[set].entityType, 'NAV', deps.tenant, [
          ...deleted,
        ]);
        for (const id of deleted) {
          const link = linked.get(id);
          deps.log.warn(
            { entity, externalId: id, entityId: link?.entityId ?? null },
            link
              ? 'BC webhook: record deleted in Business Central; the mirror and the other systems keep it'
              : 'BC webhook: record deleted in Business Central was never in the mirror',
          );
        }
        return 'deleted in Business Central: deletions are not synced; the mirror record and its copies elsewhere are kept';
      },
    );
  }
  return events.length;
}

// ---------- the feature, wired ----------

export interface BcWebhooksOptions {
  connector: NavConnector;
  db: Database;
  inbox: Inbox;
  box: SecretBox;
  /** The gateway's public base URL; notifications go to `<publicUrl>/webhooks/bc`. */
  publicUrl: string;
  /** Renew a subscription when less than this is left of it. */
  renewBeforeMs: number;
  /** How often subscriptions are checked (default: a quarter of renewBeforeMs, 1 s to 15 min). */
  checkEveryMs?: number;
  refresh: BcInboxDeps['refresh'];
  pull: BcInboxDeps['pull'];
  /** After a processing round applied something (e.g. push what it queued). */
  afterProcessing?: () => Promise<void>;
  log: Logger;
  entitySets?: readonly BcEntitySet[];
  now?: () => number;
}

/** Subscriptions, the receiving route and background processing of one NAV/BC company. */
export class BcWebhooks {
  readonly path = BC_WEBHOOK_PATH;
  readonly router: Router;
  readonly renewer: BcSubscriptionRenewer;
  readonly notificationUrl: string;
  readonly store: BcSubscriptionStore;
  private processing: Promise<number> | null = null;
  private again = false;
  private stopped = false;

  constructor(private readonly o: BcWebhooksOptions) {
    const api = new BcSubscriptionApi(o.connector.http, o.connector.companyUrl);
    const tenant = o.connector.tenant;
    this.notificationUrl = new URL(BC_WEBHOOK_PATH.slice(1), o.publicUrl.replace(/\/*$/, '/')).toString();
    this.store = new BcSubscriptionStore(o.db.prisma, o.box);
    this.renewer = new BcSubscriptionRenewer({
      api,
      store: this.store,
      tenant,
      notificationUrl: this.notificationUrl,
      entitySets: o.entitySets ?? Object.keys(bcEntitySets),
      renewBeforeMs: o.renewBeforeMs,
      ...(o.checkEveryMs !== undefined ? { checkEveryMs: o.checkEveryMs } : {}),
      ...(o.now ? { now: o.now } : {}),
      log: o.log,
      // Each check also retries notifications a failed round left in the inbox.
      afterCheck: () => this.kick(),
    });
    this.router = bcWebhookRouter({
      tenant,
      companyId: api.companyId,
      subscriptions: () => this.store.all(tenant),
      inbox: o.inbox,
      log: o.log,
      onStored: () => this.kick(),
    });
  }

  /** The first check's report, once started. */
  started: Promise<ReconcileReport> | null = null;

  /** Subscribes (or renews and reuses what is there) now and on schedule; call once the route is served. */
  start(): Promise<ReconcileReport> {
    this.kick();
    this.started ??= this.renewer.start();
    return this.started;
  }

  /** Processes pending notifications in the background (one round at a time). */
  kick(): void {
    void this.process().catch(() => undefined);
  }

  /** Processes every pending notification; resolves with how many were taken. */
  process(): Promise<number> {
    if (this.stopped) return Promise.resolve(0);
    if (this.processing) {
      this.again = true;
      return this.processing;
    }
    const links = new SyncLinks(this.o.db.prisma);
    const run = async () => {
      let total = 0;
      do {
        this.again = false;
        for (;;) {
          const n = await processBcInbox({
            inbox: this.o.inbox,
            links,
            tenant: this.o.connector.tenant,
            refresh: this.o.refresh,
            pull: this.o.pull,
            chunkSize: this.o.connector.capabilities.readBatchSize,
            log: this.o.log,
          });
          total += n;
          if (n === 0) break;
        }
      } while (this.again && !this.stopped);
      if (total && this.o.afterProcessing) await this.o.afterProcessing();
      return total;
    };
    this.processing = run().finally(() => (this.processing = null));
    return this.processing;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.renewer.stop();
    await this.processing?.catch(() => undefined);
  }
}

/**
 * The BC webhooks of a gateway from its configuration, or null (with the reason logged) when they
 * cannot run: only the BC API v2.0 dialect has webhooks, and BC must be able to reach PUBLIC_URL.
 */
export async function bcWebhooksFromConfig(
  config: Config,
  deps: Omit<BcWebhooksOptions, 'box' | 'publicUrl' | 'renewBeforeMs'>,
): Promise<BcWebhooks | null> {
  if (config.NAV_DIALECT !== 'bc-api-v2') return null;
  if (!config.PUBLIC_URL) {
    deps.log.info(
      'Business Central webhooks are off: set PUBLIC_URL to the address BC can reach this gateway at (it subscribes <PUBLIC_URL>/webhooks/bc); changes are read by polling only',
    );
    return null;
  }
  const key = await resolveSecretKey({
    secretKey: config.SECRET_KEY,
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    log: deps.log,
  });
  return new BcWebhooks({
    ...deps,
    box: new SecretBox(key),
    publicUrl: config.PUBLIC_URL,
    renewBeforeMs: config.BC_WEBHOOK_RENEW_BEFORE_MS,
  });
}
