// Keeps the gateway's Business Central webhook subscriptions alive. BC drops a subscription when
// it expires (3 days online unless renewed), and when it gives up delivering to it. Each check
// lists BC's subscriptions once, then per entity set: a live subscription is renewed (PATCH with
// If-Match; BC re-runs the handshake) once less than the renewal margin is left; one BC no longer
// has is created again; with none on record, one BC already holds for our URL and resource is
// adopted (a restart, or a crash between BC's answer and our save) instead of a duplicate being
// created. Ids, etags, expiries and the sealed clientState are stored, and a lease per entity set
// lets one gateway process at a time do this.
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { BcSubscription, BcSubscriptionApi } from './subscriptions.js';
import { sameBcResource } from './subscriptions.js';
import type { Logger } from '../../ops/logger.js';
import type { BcSubscriptionStore, StoredBcSubscription } from '../../store/bc-subscriptions.js';

/** BC online's subscription lifetime, assumed until BC's own answers show another. */
const DEFAULT_LIFETIME_MS = 3 * 24 * 3_600_000;

export interface RenewerOptions {
  api: BcSubscriptionApi;
  store: BcSubscriptionStore;
  /** The company as the connector names it. */
  tenant: string;
  notificationUrl: string;
  entitySets: readonly string[];
  /** Renew once less than this is left (at most half of BC's lifetime, so renewals never loop). */
  renewBeforeMs: number;
  /** Default: a quarter of renewBeforeMs, between 1 s and 15 min. */
  checkEveryMs?: number;
  /** How long one process may hold an entity set's subscription while it works on it. */
  leaseMs?: number;
  log: Logger;
  now?: () => number;
  /** Called after every scheduled check (e.g. to retry notifications left in the inbox). */
  afterCheck?: () => void;
}

export interface ReconcileReport {
  created: string[];
  renewed: string[];
  /** BC had lost them: subscribed again. */
  recreated: string[];
  /** Found at BC for our URL without a record of them here, and taken over. */
  adopted: string[];
  /** Alive and not yet due. */
  unchanged: string[];
  /** Another gateway process holds the lease. */
  skipped: string[];
  failed: { entitySet: string; error: string }[];
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export class BcSubscriptionRenewer {
  private readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly now: () => number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<ReconcileReport> | null = null;

  constructor(private readonly o: RenewerOptions) {
    this.now = o.now ?? Date.now;
  }

  get checkEveryMs(): number {
    return this.o.checkEveryMs ?? Math.min(15 * 60_000, Math.max(1000, Math.floor(this.o.renewBeforeMs / 4)));
  }

  /** Runs a check now and then every `checkEveryMs`; resolves with the first check's report. */
  start(): Promise<ReconcileReport> {
    if (!this.timer) {
      this.timer = setInterval(() => {
        void this.reconcile().finally(() => this.o.afterCheck?.());
      }, this.checkEveryMs);
      this.timer.unref();
    }
    return this.reconcile();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One check of every entity set (a check already running is joined, not doubled). */
  reconcile(): Promise<ReconcileReport> {
    this.running ??= this.check()
      .catch((error: unknown) => {
        this.o.log.warn(
          { err: error },
          'BC webhook subscriptions: the check failed; the next one tries again',
        );
        return {
          ...emptyReport(),
          failed: this.o.entitySets.map((entitySet) => ({ entitySet, error: messageOf(error) })),
        };
      })
      .finally(() => (this.running = null));
    return this.running;
  }

  /** Due for renewal: less than the margin left (the margin is at most half the lifetime BC gave). */
  private due(expiresAt: Date, renewedAt: Date | null): boolean {
    const lifetime = renewedAt ? expiresAt.getTime() - renewedAt.getTime() : DEFAULT_LIFETIME_MS;
    const margin = Math.min(this.o.renewBeforeMs, Math.max(0, lifetime) / 2);
    return expiresAt.getTime() - this.now() <= margin;
  }

  private async check(): Promise<ReconcileReport> {
    const { api, store, tenant } = this.o;
    const report = emptyReport();
    const sets = this.o.entitySets.map((entitySet) => ({ entitySet, resource: api.resource(entitySet) }));
    await store.ensure(
      tenant,
      sets.map((s) => s.resource),
      this.o.notificationUrl,
    );
    const mine: typeof sets = [];
    for (const s of sets) {
      if (await store.claim(tenant, s.resource, this.owner, this.o.leaseMs ?? 120_000)) mine.push(s);
      else report.skipped.push(s.entitySet);
    }
    if (mine.length === 0) return report;
    try {
      // Listed once the leases are held: no other process changes these subscriptions meanwhile.
      let remote: BcSubscription[];
      try {
        remote = await api.list();
      } catch (error) {
        for (const s of mine) {
          report.failed.push({ entitySet: s.entitySet, error: messageOf(error) });
          await store.recordError(tenant, s.resource, messageOf(error));
        }
        this.o.log.warn(
          { err: error },
          'BC webhook subscriptions: listing them failed; the next check tries again',
        );
        return report;
      }
      for (const s of mine) {
        try {
          await this.one(s.entitySet, s.resource, remote, report);
        } catch (error) {
          report.failed.push({ entitySet: s.entitySet, error: messageOf(error) });
          await store.recordError(tenant, s.resource, messageOf(error));
          this.o.log.warn(
            { err: error, entitySet: s.entitySet },
            'BC webhook subscription could not be created or renewed; the next check tries again',
          );
        }
      }
    } finally {
      for (const s of mine) await store.release(tenant, s.resource, this.owner).catch(() => undefined);
    }
    return report;
  }

  private async one(
    entitySet: string,
    resource: string,
    remote: BcSubscription[],
    report: ReconcileReport,
  ): Promise<void> {
    const { api, store, tenant, notificationUrl, log } = this.o;
    let row = (await store.get(tenant, resource)) as StoredBcSubscription;
    const save = (sub: BcSubscription, renewed: boolean) =>
      store.saveState(
        tenant,
        resource,
        {
          subscriptionId: sub.subscriptionId,
          etag: sub.etag,
          expiresAt: sub.expirationDateTime,
          notificationUrl: sub.notificationUrl,
        },
        renewed,
      );
    let lost: string | null = null;
    if (row.subscriptionId) {
      const current = remote.find((r) => r.subscriptionId === row.subscriptionId);
      if (current) {
        const stale =
          current.notificationUrl !== notificationUrl ||
          (current.clientState !== '' && current.clientState !== row.clientState);
        if (!stale && !this.due(current.expirationDateTime, row.renewedAt)) {
          await save({ ...current, etag: current.etag ?? row.etag }, false);
          report.unchanged.push(entitySet);
          return;
        }
        const renewed = await api.renew(
          { subscriptionId: current.subscriptionId, etag: current.etag ?? row.etag },
          { notificationUrl, clientState: row.clientState },
        );
        if (renewed) {
          await save(renewed, true);
          report.renewed.push(entitySet);
          log.info(
            { entitySet, subscriptionId: renewed.subscriptionId, expires: renewed.expirationDateTime },
            'BC webhook subscription renewed',
          );
          return;
        }
      }
      lost = row.subscriptionId;
      log.warn(
        { entitySet, subscriptionId: lost },
        'Business Central no longer has the webhook subscription (expired or dropped); subscribing again',
      );
      // A fresh clientState: anything still sent under the lost subscription is refused.
      await store.forget(tenant, resource);
      row = (await store.get(tenant, resource)) as StoredBcSubscription;
    }
    const input = { notificationUrl, clientState: row.clientState };
    // Ours already, without a record of it here: take it over (renewing sets our clientState).
    const theirs = remote.filter(
      (r) =>
        r.subscriptionId !== lost &&
        r.notificationUrl === notificationUrl &&
        sameBcResource(r.resource, resource),
    );
    for (const candidate of theirs) {
      const adopted = await api.renew(candidate, input);
      if (!adopted) continue;
      await save(adopted, true);
      report.adopted.push(entitySet);
      log.info(
        { entitySet, subscriptionId: adopted.subscriptionId },
        'BC webhook subscription found and reused',
      );
      // Any further one for the same URL and resource would deliver everything twice.
      for (const extra of theirs.filter((t) => t.subscriptionId !== adopted.subscriptionId)) {
        await api.remove(extra.subscriptionId, extra.etag);
        log.info(
          { entitySet, subscriptionId: extra.subscriptionId },
          'duplicate BC webhook subscription removed',
        );
      }
      return;
    }
    const created = await api.create(entitySet, input);
    await save(created, true);
    (lost ? report.recreated : report.created).push(entitySet);
    log.info(
      { entitySet, subscriptionId: created.subscriptionId, expires: created.expirationDateTime },
      lost ? 'BC webhook subscription created again' : 'BC webhook subscription created',
    );
  }
}

function emptyReport(): ReconcileReport {
  return { created: [], renewed: [], recreated: [], adopted: [], unchanged: [], skipped: [], failed: [] };
}
