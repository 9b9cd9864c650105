// Xero's API limits, kept by the gateway itself (invariant 7): per tenant ≤ 5 calls in flight,
// ≤ 60 per minute and ≤ 5,000 per day; per app ≤ 10,000 per minute across tenants. Budgets live in
// rate-limiter-flexible: in memory by default, in Redis when a client is given (gateway processes
// then share one budget). Xero's minute windows are rolling, while rate-limiter-flexible's are fixed
// windows that start at their first call; a fixed window of 1 call every minute/limit never exceeds
// a rolling window, so the minute budgets are kept that way (calls evenly spaced, full throughput).
// The day budget is a fixed 24-hour window reconciled with X-DayLimit-Remaining after each call.
// A 429 pauses only its tenant (the app-minute problem pauses all) until Retry-After; a pause
// longer than `maxWaitMs` is not slept through but surfaced as a rate-limited ConnectorError.
// Once `signal` aborts (shutdown), every wait ends at once with an AbortError and no call starts.
import {
  RateLimiterMemory,
  RateLimiterRedis,
  type RateLimiterAbstract,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import type { Redis } from 'ioredis';
import { abortReason, abortableSleep, queueUnlessAborted, unlessAborted } from '../abort.js';
import type { RateBudget } from '../system.js';
import { ConnectorError } from '../errors.js';

export interface XeroRateLimits {
  /** Calls in flight per tenant (this process; Xero: 5). */
  concurrent: number;
  perMinute: number;
  perDay: number;
  /** Per app across every tenant (Xero: 10,000). */
  appPerMinute: number;
}

export const XERO_DEFAULT_LIMITS: XeroRateLimits = {
  concurrent: 5,
  perMinute: 60,
  perDay: 5000,
  appPerMinute: 10_000,
};

export type CallPriority = 'interactive' | 'bulk';

export interface GovernorOptions {
  limits?: Partial<XeroRateLimits> | undefined;
  /** Share budgets between processes (ioredis client). */
  redis?: Redis | undefined;
  /** Redis key prefix; one per Xero app. */
  keyPrefix?: string | undefined;
  /**
   * Length of the minute and day windows (default 61 s with a second of margin, and 24 h); tests
   * shorten them along with the sandbox clock.
   */
  minuteMs?: number | undefined;
  dayMs?: number | undefined;
  /** Longest a call waits for budget or a pause before failing with kind rate-limited (default 60 s). */
  maxWaitMs?: number | undefined;
  now?: (() => number) | undefined;
  sleep?: ((ms: number) => Promise<void>) | undefined;
  /**
   * Shutdown: waits for a slot, budget or a pause end at once with an AbortError, and no call
   * starts after it (one already sent runs to its answer).
   */
  signal?: AbortSignal | undefined;
}

export interface RateHeaders {
  minuteRemaining?: number | undefined;
  dayRemaining?: number | undefined;
  appMinuteRemaining?: number | undefined;
}

export interface GovernorStats {
  paused: { tenant: string; until: Date; limit: string }[];
  inFlight: Record<string, number>;
}

/** A counting semaphore whose waiters are served interactive first, then bulk, each in order. */
class PrioritySemaphore {
  private active = 0;
  private readonly queues: Record<CallPriority, (() => void)[]> = { interactive: [], bulk: [] };
  constructor(private readonly size: number) {}

  get inFlight(): number {
    return this.active;
  }

  acquire(priority: CallPriority, signal: AbortSignal | undefined): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    if (this.active < this.size) {
      this.active += 1;
      return Promise.resolve();
    }
    return queueUnlessAborted(this.queues[priority], signal);
  }

  release(): void {
    const next = this.queues.interactive.shift() ?? this.queues.bulk.shift();
    if (next) next();
    else this.active -= 1;
  }
}

/**
 * The whole-second window (and calls per window) giving the most throughput such that any span of
 * `spanMs` — which may touch ceil(span / window) + 1 windows — never holds more than `limit` calls.
 */
export function redisWindow(limit: number, spanMs: number): { points: number; seconds: number } {
  let best = { points: 1, seconds: Math.ceil(spanMs / 1000) };
  for (let seconds = 1; seconds * 1000 <= spanMs; seconds++) {
    const windowsTouched = Math.ceil(spanMs / (seconds * 1000)) + 1;
    const points = Math.floor(limit / windowsTouched);
    if (points >= 1 && points / seconds > best.points / best.seconds) best = { points, seconds };
  }
  return best;
}

interface Spaced {
  limiter: RateLimiterAbstract;
}

export class RateGovernor {
  readonly limits: XeroRateLimits;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly maxWaitMs: number;
  private readonly signal: AbortSignal | undefined;
  private readonly semaphores = new Map<string, PrioritySemaphore>();
  private readonly minute: Spaced;
  private readonly app: Spaced;
  private readonly day: RateLimiterAbstract;
  /** Pauses shared through Redis; in memory the local map (on the injectable clock) is enough. */
  private readonly pauses: RateLimiterAbstract | undefined;
  /** Local mirror of pauses, for the injectable clock and the reason. */
  private readonly localPauses = new Map<string, { until: number; limit: string }>();
  private readonly dayMs: number;
  private readonly minuteMs: number;

  constructor(options: GovernorOptions = {}) {
    this.limits = { ...XERO_DEFAULT_LIMITS, ...options.limits };
    for (const [k, v] of Object.entries(this.limits))
      if (!Number.isInteger(v) || v < 1) throw new Error(`rate limit ${k} must be a positive integer`);
    this.now = options.now ?? Date.now;
    // The default sleep frees its timer on abort; an injected one is raced against the signal.
    this.sleep = options.sleep ?? ((ms) => abortableSleep(ms, options.signal));
    this.maxWaitMs = options.maxWaitMs ?? 60_000;
    this.signal = options.signal;
    // One second over Xero's minute: our clock stamps a call when it leaves, Xero's when it
    // arrives, and latency jitter between two calls must not squeeze 61 into Xero's rolling minute.
    const minuteMs = options.minuteMs ?? 61_000;
    this.minuteMs = minuteMs;
    this.dayMs = options.dayMs ?? 86_400_000;
    const prefix = options.keyPrefix ?? 'lb:xero';
    const make = (keyPrefix: string, points: number, durationMs: number): RateLimiterAbstract => {
      if (options.redis) {
        // Redis expiries are whole seconds: round windows UP (never more calls than allowed).
        return new RateLimiterRedis({
          storeClient: options.redis,
          keyPrefix: `${prefix}:${keyPrefix}`,
          points,
          duration: Math.max(1, Math.ceil(durationMs / 1000)),
        });
      }
      return new RateLimiterMemory({
        keyPrefix: `${prefix}:${keyPrefix}`,
        points,
        duration: durationMs / 1000,
      });
    };
    // In memory: one call per (minute ÷ limit), to the millisecond. Redis windows are whole
    // seconds, which would stretch that spacing (60 a minute became 30, 10,000 became 60): there,
    // use the whole-second window that allows the most calls while no 61-second span can exceed the limit.
    const spaced = (keyPrefix: string, limit: number) => {
      if (!options.redis) return make(keyPrefix, 1, minuteMs / limit);
      const window = redisWindow(limit, minuteMs);
      return make(keyPrefix, window.points, window.seconds * 1000);
    };
    this.minute = { limiter: spaced('min', this.limits.perMinute) };
    this.app = { limiter: spaced('appmin', this.limits.appPerMinute) };
    this.day = make('day', this.limits.perDay, this.dayMs);
    this.pauses = options.redis ? make('pause', 1, 1000) : undefined;
  }

  private semaphore(tenant: string): PrioritySemaphore {
    let s = this.semaphores.get(tenant);
    if (!s) {
      s = new PrioritySemaphore(this.limits.concurrent);
      this.semaphores.set(tenant, s);
    }
    return s;
  }

  /**
   * Waits for a slot and budget for one call to `tenant`, runs it, releases the slot. `fn` reports
   * the response's limit headers through the callback it is given.
   */
  async run<T>(tenant: string, priority: CallPriority, fn: () => Promise<T>): Promise<T> {
    const deadline = this.now() + this.maxWaitMs;
    await this.waitWhilePaused(tenant, deadline);
    const sem = this.semaphore(tenant);
    await sem.acquire(priority, this.signal);
    try {
      await this.takeBudget(tenant, deadline);
      // Budget may have come just as the shutdown began: still make no new call.
      this.signal?.throwIfAborted();
      return await fn();
    } finally {
      sem.release();
    }
  }

  /** How long `tenant` is paused (0 when not), from this process's view or the shared store. */
  private async pausedFor(tenant: string): Promise<{ ms: number; limit: string }> {
    const now = this.now();
    let best = { ms: 0, limit: 'minute' };
    for (const key of [tenant, '*']) {
      const local = this.localPauses.get(key);
      if (local && local.until > now)
        best = local.until - now > best.ms ? { ms: local.until - now, limit: local.limit } : best;
      const shared = this.pauses ? await this.pauses.get(key) : null;
      if (shared && shared.consumedPoints > 1 && shared.msBeforeNext > best.ms)
        best = { ms: shared.msBeforeNext, limit: local?.limit ?? (key === '*' ? 'appminute' : 'minute') };
    }
    return best;
  }

  private async waitWhilePaused(tenant: string, deadline: number): Promise<void> {
    for (;;) {
      const { ms, limit } = await this.pausedFor(tenant);
      if (ms <= 0) return;
      if (this.now() + ms > deadline) throw this.limited(tenant, this.now() + ms, limit);
      await this.wait(ms);
    }
  }

  /** Sleeps, unless the shutdown signal ends the wait first. */
  private wait(ms: number): Promise<void> {
    return unlessAborted(this.sleep(ms), this.signal);
  }

  private limited(tenant: string, retryAtMs: number, limit: string): ConnectorError {
    return new ConnectorError(
      'rate-limited',
      `Xero ${limit} rate limit for tenant ${tenant}: retry after ${new Date(retryAtMs).toISOString()}`,
      {
        system: 'XERO',
        retryAt: new Date(retryAtMs),
        limit,
      },
    );
  }

  private async takeBudget(tenant: string, deadline: number): Promise<void> {
    for (;;) {
      await this.waitWhilePaused(tenant, deadline);
      const waits: { ms: number; limit: string }[] = [];
      const taken: (() => Promise<unknown>)[] = [];
      const attempt = async (limiter: RateLimiterAbstract, key: string, limit: string) => {
        try {
          await limiter.consume(key, 1);
          taken.push(() => limiter.reward(key, 1));
        } catch (rejection) {
          if (!(rejection instanceof RateLimiterRes)) throw rejection;
          waits.push({ ms: Math.max(1, rejection.msBeforeNext), limit });
        }
      };
      await attempt(this.day, tenant, 'day');
      if (!waits.length) await attempt(this.minute.limiter, tenant, 'minute');
      if (!waits.length) await attempt(this.app.limiter, 'app', 'appminute');
      if (!waits.length) return;
      // Give back what this attempt took; it will be taken again after the wait.
      await Promise.all(taken.map((undo) => undo()));
      const wait = waits.reduce((a, b) => (b.ms > a.ms ? b : a));
      if (this.now() + wait.ms > deadline) throw this.limited(tenant, this.now() + wait.ms, wait.limit);
      await this.wait(wait.ms);
    }
  }

  /**
   * How long a batch of writes to `tenant` that is not full should wait for more records before
   * its call (the sync worker tops it up meanwhile): the wait the call has anyway (a pause, the
   * minute's spacing) and, as the day's budget gets used, up to a minute more — halfway through
   * the day's calls every short batch waits the full minute — so the day's calls carry full batches
   * instead of running out on small ones.
   */
  async batchHoldMs(tenant: string): Promise<number> {
    const { ms: paused } = await this.pausedFor(tenant);
    const minute = await this.minute.limiter.get(tenant);
    const spacing = minute && minute.remainingPoints <= 0 ? minute.msBeforeNext : 0;
    const day = await this.day.get(tenant);
    const used = (day?.consumedPoints ?? 0) / this.limits.perDay;
    return Math.max(paused, spacing, Math.round(Math.min(1, used * 2) * this.minuteMs));
  }

  /** What Xero last said is left, per tenant (and app-wide), with when it said so. */
  private readonly reported = new Map<string, RateHeaders & { at: number }>();

  /** Reconciles the budgets with what Xero reports after a call. */
  async observe(tenant: string, headers: RateHeaders): Promise<void> {
    this.reported.set(tenant, { ...this.reported.get(tenant), ...headers, at: this.now() });
    if (headers.dayRemaining !== undefined) {
      const ours = await this.day.get(tenant);
      const oursRemaining = ours ? Math.max(0, this.limits.perDay - ours.consumedPoints) : this.limits.perDay;
      const excess = oursRemaining - headers.dayRemaining;
      if (excess > 0) await this.day.penalty(tenant, excess);
    }
    if (headers.appMinuteRemaining === 0) await this.pause('*', 1, 'appminute');
  }

  /** After a 429: pause the tenant (or every tenant for the app-minute limit) for Retry-After. */
  async rateLimited(tenant: string, retryAfterSeconds: number, problem: string | undefined): Promise<Date> {
    const limit = problem ?? 'minute';
    const seconds = Math.max(1, retryAfterSeconds);
    await this.pause(limit === 'appminute' ? '*' : tenant, seconds, limit);
    return new Date(this.now() + seconds * 1000);
  }

  private async pause(key: string, seconds: number, limit: string): Promise<void> {
    const until = this.now() + seconds * 1000;
    const current = this.localPauses.get(key);
    if (!current || current.until < until) this.localPauses.set(key, { until, limit });
    if (this.pauses) await this.pauses.block(key, Math.ceil(seconds));
  }

  /**
   * What is left for `tenant`: the day from our own count (reconciled with Xero's), the minute
   * windows from what Xero reported in the last minute (unknown before), pauses and calls in flight.
   */
  async budget(tenant: string): Promise<RateBudget> {
    const now = this.now();
    const day = await this.day.get(tenant);
    const seen = this.reported.get(tenant);
    const fresh = seen && now - seen.at < 60_000 ? seen : undefined;
    const { ms, limit } = await this.pausedFor(tenant);
    return {
      windows: [
        {
          name: 'minute',
          limit: this.limits.perMinute,
          remaining: fresh?.minuteRemaining ?? null,
          resetsAt: fresh ? new Date(fresh.at + 60_000) : null,
        },
        {
          name: 'day',
          limit: this.limits.perDay,
          remaining: Math.max(0, this.limits.perDay - (day?.consumedPoints ?? 0)),
          resetsAt: day ? new Date(now + day.msBeforeNext) : null,
        },
        {
          name: 'appminute',
          limit: this.limits.appPerMinute,
          remaining: fresh?.appMinuteRemaining ?? null,
          resetsAt: fresh ? new Date(fresh.at + 60_000) : null,
        },
      ],
      inFlight: this.semaphores.get(tenant)?.inFlight ?? 0,
      maxInFlight: this.limits.concurrent,
      pausedUntil: ms > 0 ? new Date(now + ms) : null,
      pauseReason: ms > 0 ? limit : null,
    };
  }

  stats(): GovernorStats {
    const now = this.now();
    return {
      paused: [...this.localPauses.entries()]
        .filter(([, p]) => p.until > now)
        .map(([tenant, p]) => ({ tenant, until: new Date(p.until), limit: p.limit })),
      inFlight: Object.fromEntries([...this.semaphores.entries()].map(([t, s]) => [t, s.inFlight])),
    };
  }
}
