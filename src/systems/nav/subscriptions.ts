// Business Central API webhook subscriptions (`/api/v2.0/subscriptions`): create (BC validates the
// notification URL with a validationToken handshake first), list, renew by PATCH with If-Match
// (another handshake; BC extends the expiry, 3 days online), delete. Calls go through the
// connector's HTTP client, so they share its authentication, pacing and Retry-After handling.
import { z } from 'zod';
import { ConnectorError } from '../errors.js';
import type { NavHttp } from './client.js';

export interface BcSubscription {
  subscriptionId: string;
  notificationUrl: string;
  resource: string;
  clientState: string;
  expirationDateTime: Date;
  /** To send back in If-Match when renewing or deleting. */
  etag: string | null;
}

export interface SubscriptionInput {
  notificationUrl: string;
  clientState: string;
}

const RawSubscription = z.looseObject({
  '@odata.etag': z.string().optional(),
  subscriptionId: z.string(),
  notificationUrl: z.string(),
  resource: z.string(),
  clientState: z.string().nullish(),
  expirationDateTime: z.string(),
});

/** The company and entity set a subscription resource or notification resource names. */
export interface BcResourceRef {
  companyId: string;
  entitySet: string;
  /** The record's id (`customers(<id>)`), absent for a collection. */
  id?: string;
  /** The query of a `collection` notification's resource (e.g. `$filter=lastModifiedDateTime gt …`). */
  query?: string;
}

/**
 * Parses `[/]api/v2.0/companies(<id>)/<set>[(<id>)][?<query>]`, relative or absolute, as BC writes
 * subscription and notification resources; null when it is not shaped like that.
 */
export function parseBcResource(resource: string): BcResourceRef | null {
  const [path = '', query] = resource.split(/\?(.*)/s, 2);
  const m = /companies\(([^)]+)\)\/([A-Za-z0-9_]+)(?:\(([^)]*)\))?\/?$/.exec(path);
  if (!m) return null;
  const unquote = (s: string) => s.replace(/^'(.*)'$/s, '$1').replace(/''/g, "'");
  const ref: BcResourceRef = { companyId: unquote(m[1]!).toLowerCase(), entitySet: m[2]! };
  if (m[3] !== undefined) ref.id = unquote(m[3]).toLowerCase();
  if (query) ref.query = decodeURIComponent(query.replace(/\+/g, ' '));
  return ref;
}

/** True when two resources name the same company and entity set (however BC normalised them). */
export function sameBcResource(a: string, b: string): boolean {
  const x = parseBcResource(a);
  const y = parseBcResource(b);
  return !!x && !!y && x.companyId === y.companyId && x.entitySet === y.entitySet && !x.id && !y.id;
}

export class BcSubscriptionApi {
  /** `…/api/v2.0/subscriptions`: the subscriptions live beside `companies`, not under one. */
  private readonly collection: string;
  /** `/api/v2.0/companies(<id>)/`: the prefix of every resource subscribed to. */
  private readonly resourcePrefix: string;
  readonly companyId: string;

  /**
   * @param companyUrl the connector's company root, `…/api/v2.0/companies(<id>)/`
   */
  constructor(
    private readonly http: NavHttp,
    companyUrl: string,
  ) {
    const m = /^(.*\/)companies\(([^)]+)\)\/?$/.exec(companyUrl);
    if (!m) throw new Error(`not a Business Central company URL: ${companyUrl}`);
    const serviceRoot = m[1]!;
    this.companyId = m[2]!.replace(/^'(.*)'$/, '$1');
    this.collection = `${serviceRoot}subscriptions`;
    // BC takes a relative resource: the API route from `/api/` on (the environment prefix of the
    // online URL, `/v2.0/<tenant>/<environment>`, is not part of it).
    const path = new URL(serviceRoot).pathname;
    const at = path.lastIndexOf('/api/');
    this.resourcePrefix = `${at >= 0 ? path.slice(at) : path}companies(${this.companyId})/`;
  }

  /** The resource to subscribe to for an entity set, e.g. `/api/v2.0/companies(<id>)/customers`. */
  resource(entitySet: string): string {
    return `${this.resourcePrefix}${entitySet}`;
  }

  private entityUrl(subscriptionId: string): string {
    return `${this.collection}('${encodeURIComponent(subscriptionId.replace(/'/g, "''"))}')`;
  }

  private parse(data: unknown, etag: string | undefined): BcSubscription {
    const parsed = RawSubscription.safeParse(data);
    if (!parsed.success) {
      throw new ConnectorError(
        'validation',
        'Business Central answered with an unexpected subscription shape',
        {
          system: 'NAV',
          code: 'UnexpectedShape',
        },
      );
    }
    const r = parsed.data;
    const expires = Date.parse(r.expirationDateTime);
    if (Number.isNaN(expires)) {
      throw new ConnectorError('validation', 'Business Central sent a subscription without a valid expiry', {
        system: 'NAV',
        code: 'UnexpectedShape',
      });
    }
    return {
      subscriptionId: r.subscriptionId,
      notificationUrl: r.notificationUrl,
      resource: r.resource,
      clientState: r.clientState ?? '',
      expirationDateTime: new Date(expires),
      etag: r['@odata.etag'] ?? etag ?? null,
    };
  }

  /** Every subscription BC holds for this user (all pages). */
  async list(): Promise<BcSubscription[]> {
    const rows = await this.http.all(this.collection);
    return rows.map((r) => this.parse(r, undefined));
  }

  /** One subscription, or null when BC does not have it (deleted, or expired and removed). */
  async get(subscriptionId: string): Promise<BcSubscription | null> {
    try {
      const res = await this.http.request('GET', this.entityUrl(subscriptionId));
      return this.parse(res.data, res.etag);
    } catch (err) {
      if (isGone(err)) return null;
      throw err;
    }
  }

  /** Creates a subscription; BC first runs the validationToken handshake against the URL. */
  async create(entitySet: string, input: SubscriptionInput): Promise<BcSubscription> {
    const res = await this.http.request('POST', this.collection, {
      body: {
        notificationUrl: input.notificationUrl,
        resource: this.resource(entitySet),
        clientState: input.clientState,
      },
    });
    return this.parse(res.data, res.etag);
  }

  /**
   * Renews (and updates) a subscription: PATCH with If-Match, which re-runs the handshake and
   * extends the expiry. A stale etag is refreshed once. Null when BC no longer has the subscription.
   */
  async renew(
    current: { subscriptionId: string; etag: string | null },
    input: SubscriptionInput,
  ): Promise<BcSubscription | null> {
    let etag = current.etag;
    for (let attempt = 0; ; attempt += 1) {
      if (!etag) {
        const fresh = await this.get(current.subscriptionId);
        if (!fresh) return null;
        etag = fresh.etag ?? '*';
      }
      try {
        const res = await this.http.request('PATCH', this.entityUrl(current.subscriptionId), {
          body: { notificationUrl: input.notificationUrl, clientState: input.clientState },
          ifMatch: etag,
        });
        return this.parse(res.data, res.etag);
      } catch (err) {
        if (isGone(err)) return null;
        const status = err instanceof ConnectorError ? err.details.status : undefined;
        if ((status === 409 || status === 412) && attempt === 0) {
          etag = null;
          continue;
        }
        throw err;
      }
    }
  }

  /** Deletes a subscription; a subscription that is already gone counts as deleted. */
  async remove(subscriptionId: string, etag: string | null): Promise<void> {
    try {
      await this.http.request('DELETE', this.entityUrl(subscriptionId), { ifMatch: etag ?? '*' });
    } catch (err) {
      if (!isGone(err)) throw err;
    }
  }
}

function isGone(err: unknown): boolean {
  return err instanceof ConnectorError && err.details.status === 404;
}
