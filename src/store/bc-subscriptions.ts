// The Business Central webhook subscriptions this gateway keeps alive: one row per company and
// entity set, holding BC's subscription id, etag and expiry, and the clientState sealed with the
// SecretBox (bound to its row, so a sealed value copied elsewhere does not open). A lease lets one
// gateway process at a time create or renew a subscription, so replicas never subscribe twice.
import { randomBytes } from 'node:crypto';
import type { BcSubscription, PrismaClient } from './generated/client.js';
import type { SecretBox } from './secret-box.js';

export interface StoredBcSubscription {
  id: string;
  tenant: string;
  resource: string;
  notificationUrl: string;
  subscriptionId: string | null;
  etag: string | null;
  expiresAt: Date | null;
  renewedAt: Date | null;
  lastError: string | null;
  /** The plain clientState: never log it. */
  clientState: string;
}

export interface SubscriptionState {
  subscriptionId: string;
  etag: string | null;
  expiresAt: Date;
  notificationUrl: string;
  /** Set when BC holds another clientState than ours (an adopted subscription). */
  clientState?: string;
}

/** A fresh clientState: 256 random bits (BC accepts up to 2048 characters). */
export function newClientState(): string {
  return randomBytes(32).toString('base64url');
}

export class BcSubscriptionStore {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly box: SecretBox,
  ) {}

  private aad(tenant: string, resource: string): string {
    return `bc-subscription:${tenant}:${resource}`;
  }

  private open(row: BcSubscription): StoredBcSubscription {
    return {
      id: row.id,
      tenant: row.tenant,
      resource: row.resource,
      notificationUrl: row.notificationUrl,
      subscriptionId: row.subscriptionId,
      etag: row.etag,
      expiresAt: row.expiresAt,
      renewedAt: row.renewedAt,
      lastError: row.lastError,
      clientState: this.box.open(row.sealedClientState, this.aad(row.tenant, row.resource)),
    };
  }

  /** Makes sure a row exists for each resource (a new one gets a fresh clientState). */
  async ensure(tenant: string, resources: readonly string[], notificationUrl: string): Promise<void> {
    await this.prisma.bcSubscription.createMany({
      data: resources.map((resource) => ({
        tenant,
        resource,
        notificationUrl,
        sealedClientState: this.box.seal(newClientState(), this.aad(tenant, resource)),
      })),
      skipDuplicates: true,
    });
  }

  async all(tenant: string): Promise<StoredBcSubscription[]> {
    const rows = await this.prisma.bcSubscription.findMany({
      where: { tenant },
      orderBy: { resource: 'asc' },
    });
    return rows.map((r) => this.open(r));
  }

  async get(tenant: string, resource: string): Promise<StoredBcSubscription | null> {
    const row = await this.prisma.bcSubscription.findUnique({
      where: { tenant_resource: { tenant, resource } },
    });
    return row ? this.open(row) : null;
  }

  /**
   * Takes the lease on a resource's row until `ms` from now; false while another process holds an
   * unexpired lease. The holder renews its own lease.
   */
  async claim(tenant: string, resource: string, owner: string, ms: number): Promise<boolean> {
    const now = new Date();
    const { count } = await this.prisma.bcSubscription.updateMany({
      where: {
        tenant,
        resource,
        OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }, { leasedBy: owner }],
      },
      data: { leasedBy: owner, leaseUntil: new Date(now.getTime() + ms) },
    });
    return count === 1;
  }

  async release(tenant: string, resource: string, owner: string): Promise<void> {
    await this.prisma.bcSubscription.updateMany({
      where: { tenant, resource, leasedBy: owner },
      data: { leasedBy: null, leaseUntil: null },
    });
  }

  /** Records what BC answered for the subscription (created, renewed, adopted or confirmed). */
  async saveState(
    tenant: string,
    resource: string,
    state: SubscriptionState,
    renewed: boolean,
  ): Promise<void> {
    await this.prisma.bcSubscription.update({
      where: { tenant_resource: { tenant, resource } },
      data: {
        subscriptionId: state.subscriptionId,
        etag: state.etag,
        expiresAt: state.expiresAt,
        notificationUrl: state.notificationUrl,
        lastError: null,
        ...(renewed ? { renewedAt: new Date() } : {}),
        ...(state.clientState !== undefined
          ? { sealedClientState: this.box.seal(state.clientState, this.aad(tenant, resource)) }
          : {}),
      },
    });
  }

  /**
   * BC no longer has the subscription: forget its id and seal a fresh clientState, so anything
   * still sent under the old one is refused (and BC drops a subscription whose deliveries are refused).
   */
  async forget(tenant: string, resource: string): Promise<void> {
    await this.prisma.bcSubscription.update({
      where: { tenant_resource: { tenant, resource } },
      data: {
        subscriptionId: null,
        etag: null,
        expiresAt: null,
        sealedClientState: this.box.seal(newClientState(), this.aad(tenant, resource)),
      },
    });
  }

  async recordError(tenant: string, resource: string, message: string): Promise<void> {
    await this.prisma.bcSubscription.update({
      where: { tenant_resource: { tenant, resource } },
      data: { lastError: message.slice(0, 2000) },
    });
  }
}
