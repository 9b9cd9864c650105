// BC webhooks: `subscriptions` with the validationToken handshake, clientState, 3-day expiry,
// renewal by PATCH, and change notifications POSTed as {"value":[{subscriptionId, clientState,
// expirationDateTime, resource, changeType, lastModifiedDateTime}]}. More changes than
// `maxNotifications` for one subscription in one batch become a single `collection` notification
// (resource filtered on lastModifiedDateTime), and a subscriber answering with a status BC does
// not retry (anything but 2xx, 408, 429 and 5xx) loses its subscription, as in BC.
import type { SandboxClock } from '../common/clock.js';
import { errors, NavError } from './errors.js';
import { defineEntity, field } from './odata/edm.js';
import type { ChangeEvent, NavState } from './state.js';
import { instant } from './entities/wire.js';

export interface Subscription {
  id: string;
  rev: number;
  subscriptionId: string;
  notificationUrl: string;
  resource: string;
  clientState: string;
  userId: string;
  createdAt: number;
  modifiedAt: number;
  expiresAt: number;
  timestamp: number;
}

export interface Notification {
  subscriptionId: string;
  clientState: string;
  expirationDateTime: string;
  resource: string;
  changeType: string;
  lastModifiedDateTime: string;
}

export interface Delivery {
  notificationUrl: string;
  subscriptionId: string;
  count: number;
  status: number | 'failed';
  at: string;
}

export interface WebhookLimits {
  subscriptionLifetimeMs: number;
  maxSubscriptions: number;
  handshakeTimeoutMs: number;
  /** Delay before pending notifications are sent (BC batches changes for ~30 s). */
  notificationDelayMs: number;
  /** More changes than this for one subscription in one batch are sent as one `collection`. */
  maxNotifications: number;
}

export const bcSubscriptionDef = defineEntity<Subscription>({
  typeName: 'subscriptions',
  setName: 'subscriptions',
  caption: 'API Webhook Subscription',
  keys: ['subscriptionId'],
  fields: [
    field('subscriptionId', 'Edm.String', (r) => r.subscriptionId, undefined, { nullable: false }),
    field('notificationUrl', 'Edm.String', (r) => r.notificationUrl, undefined, { nullable: false }),
    field('resource', 'Edm.String', (r) => r.resource, undefined, { nullable: false }),
    field('timestamp', 'Edm.Int64', (r) => r.timestamp),
    field('userId', 'Edm.Guid', (r) => r.userId),
    field('lastModifiedDateTime', 'Edm.DateTimeOffset', (r) => isoSeconds(r.modifiedAt)),
    field('clientState', 'Edm.String', (r) => r.clientState),
    field('expirationDateTime', 'Edm.DateTimeOffset', (r) => isoSeconds(r.expiresAt)),
    field('systemCreatedAt', 'Edm.DateTimeOffset', (r) => instant(r.createdAt)),
    field('systemCreatedBy', 'Edm.Guid', (r) => r.userId),
    field('systemModifiedAt', 'Edm.DateTimeOffset', (r) => instant(r.modifiedAt)),
    field('systemModifiedBy', 'Edm.Guid', (r) => r.userId),
  ],
  identity: (r) => r,
});

/** BC writes subscription instants without fractional seconds ("2025-10-02T09:58:45Z"). */
function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export class WebhookHub {
  private readonly subscriptions: Subscription[] = [];
  private pending: { sub: Subscription; n: Notification; at: number }[] = [];
  private timer: NodeJS.Timeout | undefined;
  readonly deliveries: Delivery[] = [];
  private inFlight: Promise<void> = Promise.resolve();

  constructor(
    private readonly state: NavState,
    private readonly clock: SandboxClock,
    private readonly limits: WebhookLimits,
    private readonly subscribableSets: string[],
  ) {
    state.onChange((e) => this.onChange(e));
  }

  active(): Subscription[] {
    const now = this.clock.now();
    return this.subscriptions.filter((s) => s.expiresAt > now);
  }

  find(subscriptionId: string): Subscription {
    const sub = this.active().find((s) => s.subscriptionId === subscriptionId);
    if (!sub) throw errors.recordNotFound('API Webhook Subscription', `Subscription Id='${subscriptionId}'`);
    return sub;
  }

  /** Normalises a resource to "api/v2.0/companies(<id>)/<set>" and returns the set name. */
  private parseResource(resource: string): { resource: string; set: string } {
    const at = resource.indexOf('api/v2.0/');
    const rel = at >= 0 ? resource.slice(at) : resource.replace(/^\//, '');
    const m = /^api\/v2\.0\/companies\(([0-9a-fA-F-]{36})\)\/([A-Za-z]+)$/.exec(rel);
    if (!m || m[1]!.toLowerCase() !== this.state.companyId.toLowerCase()) {
      throw errors.badRequest(
        `The resource '${resource}' is not valid. Expected 'api/v2.0/companies({companyId})/{entitySet}'.`,
      );
    }
    if (!this.subscribableSets.includes(m[2]!)) {
      throw new NavError(
        400,
        'BadRequest_ResourceNotFound',
        `The entity set '${m[2]!}' does not support webhook subscriptions.`,
      );
    }
    return { resource: rel, set: m[2]! };
  }

  private async handshake(url: string): Promise<void> {
    const token = `${this.state.newId()}`;
    const target = new URL(url);
    target.searchParams.set('validationToken', token);
    let ok: boolean;
    try {
      const res = await fetch(target, {
        method: 'POST',
        signal: AbortSignal.timeout(this.limits.handshakeTimeoutMs),
      });
      const body = (await res.text()).trim().replace(/^"|"$/g, '');
      ok = res.status === 200 && body === token;
    } catch {
      ok = false;
    }
    if (!ok) {
      throw errors.dialog(
        `The notification URL '${url}' did not respond to the validation request with the validation token. The subscription was not created.`,
      );
    }
  }

  async create(body: Record<string, unknown>, userId: string): Promise<Subscription> {
    const notificationUrl = typeof body.notificationUrl === 'string' ? body.notificationUrl : '';
    const resource = typeof body.resource === 'string' ? body.resource : '';
    if (!notificationUrl) throw errors.badRequest("The property 'notificationUrl' is required.");
    if (!resource) throw errors.badRequest("The property 'resource' is required.");
    try {
      new URL(notificationUrl);
    } catch {
      throw errors.badRequest(`The notification URL '${notificationUrl}' is not a valid absolute URL.`);
    }
    const parsed = this.parseResource(resource);
    if (this.active().length >= this.limits.maxSubscriptions) {
      throw errors.dialog(
        `You have reached the maximum number of subscriptions (${this.limits.maxSubscriptions}).`,
      );
    }
    await this.handshake(notificationUrl);
    const now = this.clock.now();
    const sub: Subscription = {
      id: this.state.newId(),
      rev: 1,
      subscriptionId: this.state.newId().replace(/-/g, ''),
      notificationUrl,
      resource: parsed.resource,
      clientState: typeof body.clientState === 'string' ? body.clientState : '',
      userId,
      createdAt: now,
      modifiedAt: now,
      expiresAt: now + this.limits.subscriptionLifetimeMs,
      timestamp: now,
    };
    this.subscriptions.push(sub);
    return sub;
  }

  /** Renewal: PATCH re-validates the endpoint and extends expiry by the lifetime from now. */
  async renew(sub: Subscription, body: Record<string, unknown>): Promise<Subscription> {
    const url = typeof body.notificationUrl === 'string' ? body.notificationUrl : sub.notificationUrl;
    if (typeof body.resource === 'string' && this.parseResource(body.resource).resource !== sub.resource) {
      throw errors.badRequest('The resource of a subscription cannot be changed.');
    }
    await this.handshake(url);
    const now = this.clock.now();
    sub.notificationUrl = url;
    if (typeof body.clientState === 'string') sub.clientState = body.clientState;
    sub.modifiedAt = now;
    sub.expiresAt = now + this.limits.subscriptionLifetimeMs;
    sub.timestamp = now;
    sub.rev += 1;
    return sub;
  }

  remove(sub: Subscription): void {
    this.subscriptions.splice(this.subscriptions.indexOf(sub), 1);
    this.pending = this.pending.filter((p) => p.sub !== sub);
  }

  private onChange(e: ChangeEvent): void {
    for (const sub of this.active()) {
      if (!sub.resource.endsWith(`/${e.set}`)) continue;
      this.pending.push({
        sub,
        at: e.at,
        n: {
          subscriptionId: sub.subscriptionId,
          clientState: sub.clientState,
          expirationDateTime: isoSeconds(sub.expiresAt),
          resource: `${sub.resource}(${e.id})`,
          changeType: e.changeType,
          lastModifiedDateTime: instant(e.at),
        },
      });
    }
    if (this.pending.length > 0 && !this.timer && this.limits.notificationDelayMs >= 0) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        void this.flush();
      }, this.limits.notificationDelayMs);
      this.timer.unref();
    }
  }

  pendingCount(): number {
    return this.pending.length;
  }

  /** Sends all pending notifications now, one POST per subscription; resolves when delivered. */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const batch = this.pending;
    this.pending = [];
    const bySub = new Map<Subscription, { n: Notification; at: number }[]>();
    for (const { sub, n, at } of batch) bySub.set(sub, [...(bySub.get(sub) ?? []), { n, at }]);
    const run = async () => {
      for (const [sub, changes] of bySub) {
        const value =
          changes.length > this.limits.maxNotifications
            ? [this.collection(sub, changes)]
            : changes.map((c) => c.n);
        let status: number | 'failed';
        try {
          const res = await fetch(sub.notificationUrl, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ value }),
            signal: AbortSignal.timeout(this.limits.handshakeTimeoutMs),
          });
          status = res.status;
          await res.body?.cancel();
        } catch {
          status = 'failed';
        }
        // BC retries 408, 429 and 5xx (for up to 36 hours); any other refusal deletes the subscription.
        if (
          typeof status === 'number' &&
          (status < 200 || status >= 300) &&
          ![408, 429].includes(status) &&
          status < 500
        ) {
          if (this.subscriptions.includes(sub)) this.remove(sub);
        }
        this.deliveries.push({
          notificationUrl: sub.notificationUrl,
          subscriptionId: sub.subscriptionId,
          count: value.length,
          status,
          at: this.clock.iso(),
        });
      }
    };
    this.inFlight = this.inFlight.then(run);
    return this.inFlight;
  }

  /** One notification for many changes: re-read the set filtered on lastModifiedDateTime. */
  private collection(sub: Subscription, changes: { n: Notification; at: number }[]): Notification {
    const since = new Date(Math.min(...changes.map((c) => c.at)) - 1).toISOString();
    return {
      subscriptionId: sub.subscriptionId,
      clientState: sub.clientState,
      expirationDateTime: isoSeconds(sub.expiresAt),
      resource: `${sub.resource}?$filter=lastModifiedDateTime%20gt%20${since}`,
      changeType: 'collection',
      lastModifiedDateTime: instant(Math.max(...changes.map((c) => c.at))),
    };
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
