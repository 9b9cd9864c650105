// How many subscriptions each caller holds open at once, by role, in this gateway process. A slot
// is taken when graphql-ws accepts a subscription and given back when it ends (completed by
// either side, failed, or its socket closed); giving back twice is harmless.
import type { Actor } from '../../auth/roles.js';
import type { PerRole } from '../../config/access.js';
import { callerKey, rateLimited } from './caller-budgets.js';

export class SubscriptionSlots {
  private readonly open = new Map<string, number>();
  /** Per socket, the caller of each subscription id holding a slot. */
  private readonly held = new WeakMap<object, Map<string, string>>();

  constructor(private readonly limits: PerRole) {}

  /** Takes a slot for subscription `id` on `socket`, or throws RATE_LIMITED. */
  take(actor: Actor | null, socket: object, id: string): void {
    if (!actor) return;
    const key = callerKey(actor);
    const limit = this.limits[actor.role];
    const count = this.open.get(key) ?? 0;
    if (count >= limit)
      throw rateLimited(
        `${count} subscriptions are open for this caller, the most a ${actor.role} may hold; end one first`,
        // No window to wait for: a slot frees when a subscription ends.
        1_000,
        'ws',
      );
    this.open.set(key, count + 1);
    let ids = this.held.get(socket);
    if (!ids) this.held.set(socket, (ids = new Map<string, string>()));
    ids.set(id, key);
  }

  release(socket: object, id: string): void {
    const ids = this.held.get(socket);
    const key = ids?.get(id);
    if (!ids || key === undefined) return;
    ids.delete(id);
    const count = (this.open.get(key) ?? 1) - 1;
    if (count > 0) this.open.set(key, count);
    else this.open.delete(key);
  }

  releaseSocket(socket: object): void {
    for (const id of [...(this.held.get(socket)?.keys() ?? [])]) this.release(socket, id);
  }

  /** Open subscriptions of a caller (for tests and logs). */
  count(actor: Actor): number {
    return this.open.get(callerKey(actor)) ?? 0;
  }
}
