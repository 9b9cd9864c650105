// Client-side pacing so the gateway never exceeds NAV/BC's per-user limits by itself: a small
// semaphore (BC allows 5 concurrent requests per user), a sliding request budget per window
// (rate-limiter-flexible, in memory) and a pause gate set from Retry-After on 429/503.
// Once `signal` aborts (shutdown), every wait ends at once with an AbortError and no request starts.
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { abortReason, queueUnlessAborted, unlessAborted } from '../abort.js';
import type { RateBudget } from '../system.js';

export interface ThrottleOptions {
  /** Concurrent requests in flight (default 5). */
  maxConcurrent?: number;
  /** Request budget per window (default 6000 per 300 s, BC online's documented limit). */
  maxRequestsPerWindow?: number;
  windowSeconds?: number;
  /** Shutdown: ends the waits for a slot, budget or a pause; a request already sent runs on. */
  signal?: AbortSignal;
}

export type Sleep = (ms: number) => Promise<void>;
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export class Throttle {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly budget: RateLimiterMemory;
  private pause: Promise<void> | null = null;
  private pausedUntil = 0;
  private readonly maxConcurrent: number;
  private readonly signal: AbortSignal | undefined;

  constructor(
    options: ThrottleOptions,
    private readonly sleep: Sleep,
    private readonly now: () => number = Date.now,
  ) {
    this.maxConcurrent = options.maxConcurrent ?? 5;
    this.signal = options.signal;
    this.budget = new RateLimiterMemory({
      points: options.maxRequestsPerWindow ?? 6000,
      duration: options.windowSeconds ?? 300,
    });
  }

  /** Runs `fn` when a slot, the budget and no pause allow it. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      await this.waitForPause();
      await this.takeBudget();
      await this.waitForPause();
      this.signal?.throwIfAborted();
      return await fn();
    } finally {
      this.release();
    }
  }

  /** Stops every request from starting until `until` (from Retry-After). */
  pauseUntil(until: number): void {
    if (until <= this.pausedUntil) return;
    this.pausedUntil = until;
    const wait = Math.max(0, until - this.now());
    const gate = this.sleep(wait).then(() => {
      if (this.pause === gate) this.pause = null;
    });
    this.pause = gate;
  }

  /** What is left of the request budget, calls in flight and any pause. */
  async budgetLeft(): Promise<RateBudget> {
    const used = await this.budget.get('user');
    const now = this.now();
    return {
      windows: [
        {
          name: 'window',
          limit: this.budget.points,
          remaining: Math.max(0, this.budget.points - (used?.consumedPoints ?? 0)),
          resetsAt: used ? new Date(now + used.msBeforeNext) : null,
        },
      ],
      inFlight: this.active,
      maxInFlight: this.maxConcurrent,
      pausedUntil: this.pausedUntil > now ? new Date(this.pausedUntil) : null,
      pauseReason: this.pausedUntil > now ? 'Retry-After' : null,
    };
  }

  get isPaused(): boolean {
    return this.pause !== null;
  }

  private async waitForPause(): Promise<void> {
    while (this.pause) await unlessAborted(this.pause, this.signal);
  }

  private async takeBudget(): Promise<void> {
    for (;;) {
      try {
        await this.budget.consume('user', 1);
        return;
      } catch (res) {
        if (!(res instanceof RateLimiterRes)) throw res;
        await unlessAborted(this.sleep(res.msBeforeNext), this.signal);
      }
    }
  }

  private acquire(): Promise<void> {
    if (this.signal?.aborted) return Promise.reject(abortReason(this.signal));
    if (this.active < this.maxConcurrent) {
      this.active += 1;
      return Promise.resolve();
    }
    return queueUnlessAborted(this.waiting, this.signal);
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active -= 1;
  }
}
