// What each caller (an API key, an OIDC subject, the local caller) may spend per minute, by role:
// query cost (the price the per-request limit computes) and mutation operations. In memory by
// default; in Redis with REDIS_URL, so every gateway process draws on one budget per caller. Over
// budget: RATE_LIMITED with retryAfter (seconds), HTTP 429 with Retry-After, and nothing runs.
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { GraphQLError, OperationTypeNode } from 'graphql';
import type { Actor, Role } from '../../auth/roles.js';
import type { PerRole } from '../../config/access.js';
import type { Logger } from '../../ops/logger.js';

export type Transport = 'http' | 'ws';
type Limiter = RateLimiterMemory | RateLimiterRedis;

export interface CallerBudgetSettings {
  costPerMinute: PerRole;
  mutationsPerMinute: PerRole;
  redisUrl?: string | undefined;
  /** Redis key prefix (tests give each run its own). */
  keyPrefix?: string;
}

/** The caller's budget key: one per API key, OIDC subject or the local caller, whatever its role. */
export const callerKey = (actor: Actor) => `${actor.kind}:${actor.id}`;

export function rateLimited(what: string, retryAfterMs: number, transport: Transport): GraphQLError {
  const retryAfter = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new GraphQLError(`${what}; try again in ${retryAfter} s.`, {
    extensions: {
      code: 'RATE_LIMITED',
      retryAfter,
      ...(transport === 'http'
        ? { http: { status: 429, headers: new Map([['retry-after', String(retryAfter)]]) } }
        : {}),
    },
  });
}

export class CallerBudgets {
  private built: { cost: Record<Role, Limiter>; mutations: Record<Role, Limiter> } | undefined;
  private redis: Redis | undefined;

  constructor(
    private readonly settings: CallerBudgetSettings,
    private readonly log: Logger,
  ) {}

  /** Built on first use, so a server that never serves (its port taken) opens no Redis client. */
  private limiters() {
    if (this.built) return this.built;
    const { redisUrl } = this.settings;
    const redis = redisUrl ? new Redis(redisUrl, { maxRetriesPerRequest: 1 }) : undefined;
    redis?.on('error', (error) => this.log.warn({ err: error }, 'caller budgets: Redis unavailable'));
    this.redis = redis;
    const prefix = this.settings.keyPrefix ?? 'lb:caller';
    const make = (name: string, points: PerRole) =>
      Object.fromEntries(
        Object.entries(points).map(([role, n]) => {
          const options = { keyPrefix: `${prefix}:${name}:${role}`, points: n, duration: 60 };
          const memory = new RateLimiterMemory(options);
          // Should Redis fail, each process keeps the budget on its own rather than none at all.
          const limiter = redis
            ? new RateLimiterRedis({ ...options, storeClient: redis, insuranceLimiter: memory })
            : memory;
          return [role, limiter];
        }),
      ) as Record<Role, Limiter>;
    this.built = {
      cost: make('cost', this.settings.costPerMinute),
      mutations: make('mutations', this.settings.mutationsPerMinute),
    };
    return this.built;
  }

  /**
   * Spends one operation's cost (and one mutation, for a mutation), or throws RATE_LIMITED having
   * spent nothing of the other budget. A request without a caller is left to the role checks.
   */
  async spend(
    actor: Actor | null,
    cost: number,
    operation: OperationTypeNode,
    transport: Transport,
  ): Promise<void> {
    if (!actor) return;
    const key = callerKey(actor);
    const limiters = this.limiters();
    const costLimiter = limiters.cost[actor.role];
    const points = Math.max(1, Math.ceil(cost));
    if (points > this.settings.costPerMinute[actor.role])
      throw rateLimited(
        `This operation costs ${points}, more than the ${this.settings.costPerMinute[actor.role]} a ${actor.role} may spend per minute`,
        60_000,
        transport,
      );
    try {
      await costLimiter.consume(key, points);
    } catch (error) {
      throw this.refusal(
        error,
        `Query cost budget spent (${this.settings.costPerMinute[actor.role]} a minute)`,
        transport,
      );
    }
    if (operation !== OperationTypeNode.MUTATION) return;
    try {
      await limiters.mutations[actor.role].consume(key, 1);
    } catch (error) {
      await costLimiter.reward(key, points).catch(() => {});
      throw this.refusal(
        error,
        `Mutation rate exceeded (${this.settings.mutationsPerMinute[actor.role]} a minute)`,
        transport,
      );
    }
  }

  async close(): Promise<void> {
    this.redis?.disconnect();
  }

  private refusal(error: unknown, what: string, transport: Transport): GraphQLError {
    if (error instanceof RateLimiterRes) return rateLimited(what, error.msBeforeNext, transport);
    throw error;
  }
}
