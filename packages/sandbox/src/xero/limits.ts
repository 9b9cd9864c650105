// Xero's API limits: per tenant 5 concurrent calls, 60 per minute and 5,000 per day; per app 10,000
// per minute across tenants. Windows are rolling. Every response carries the remaining counts;
// a breach answers 429 with Retry-After and X-Rate-Limit-Problem. 429s do not use up quota.
import type { NextFunction, Request, Response } from 'express';
import { problem } from './errors.js';
import { stringify } from './json.js';

export interface XeroLimits {
  perMinute: number;
  perDay: number;
  concurrent: number;
  appPerMinute: number;
}

export const DEFAULT_LIMITS: XeroLimits = {
  perMinute: 60,
  perDay: 5000,
  concurrent: 5,
  appPerMinute: 10_000,
};

const MINUTE = 60_000;
const DAY = 86_400_000;

export type LimitProblem = 'minute' | 'day' | 'concurrent' | 'appminute';

/** Timestamps of accepted calls in a rolling window. */
class Window {
  private calls: number[] = [];
  constructor(private readonly spanMs: number) {}
  prune(now: number): void {
    let i = 0;
    while (i < this.calls.length && (this.calls[i] ?? 0) <= now - this.spanMs) i++;
    if (i > 0) this.calls = this.calls.slice(i);
  }
  count(now: number): number {
    this.prune(now);
    return this.calls.length;
  }
  add(now: number): void {
    this.calls.push(now);
  }
  /** Seconds until the oldest call leaves the window. */
  retryAfter(now: number): number {
    const oldest = this.calls[0] ?? now;
    return Math.max(1, Math.ceil((oldest + this.spanMs - now) / 1000));
  }
}

interface TenantCounters {
  minute: Window;
  day: Window;
  inFlight: number;
}

export class RateLimiter {
  private readonly tenants = new Map<string, TenantCounters>();
  private readonly app = new Window(MINUTE);
  /** Calls refused for being over a limit, by limit (injected 429 faults are not counted). */
  readonly breaches: Record<LimitProblem, number> = { minute: 0, day: 0, concurrent: 0, appminute: 0 };

  constructor(
    public limits: XeroLimits,
    private readonly now: () => number,
  ) {}

  private counters(tenantId: string): TenantCounters {
    let c = this.tenants.get(tenantId);
    if (!c) {
      c = { minute: new Window(MINUTE), day: new Window(DAY), inFlight: 0 };
      this.tenants.set(tenantId, c);
    }
    return c;
  }

  reset(): void {
    this.tenants.clear();
    this.app.prune(Number.POSITIVE_INFINITY);
    for (const problem of Object.keys(this.breaches) as LimitProblem[]) this.breaches[problem] = 0;
  }

  private remaining(c: TenantCounters, now: number) {
    return {
      minute: Math.max(0, this.limits.perMinute - c.minute.count(now)),
      day: Math.max(0, this.limits.perDay - c.day.count(now)),
      app: Math.max(0, this.limits.appPerMinute - this.app.count(now)),
    };
  }

  private setHeaders(res: Response, c: TenantCounters, now: number): void {
    const r = this.remaining(c, now);
    res.setHeader('X-DayLimit-Remaining', String(r.day));
    res.setHeader('X-MinLimit-Remaining', String(r.minute));
    res.setHeader('X-AppMinLimit-Remaining', String(r.app));
  }

  /** Writes Xero's 429 (also used by the rate-limit fault). */
  static tooManyRequests(res: Response, problemName: LimitProblem, retryAfterSeconds: number): void {
    res.setHeader('Retry-After', String(retryAfterSeconds));
    res.setHeader('X-Rate-Limit-Problem', problemName);
    res
      .status(429)
      .type('application/json; charset=utf-8')
      .send(
        stringify(
          problem(
            429,
            'Too Many Requests',
            `The ${problemName} rate limit has been exceeded. Retry after ${retryAfterSeconds} seconds.`,
          ),
        ),
      );
  }

  middleware(tenantOf: (res: Response) => string) {
    return (_req: Request, res: Response, next: NextFunction) => {
      const now = this.now();
      const c = this.counters(tenantOf(res));
      const rem = this.remaining(c, now);
      let breach: [LimitProblem, number] | undefined;
      if (c.inFlight >= this.limits.concurrent) breach = ['concurrent', 1];
      else if (rem.minute <= 0) breach = ['minute', c.minute.retryAfter(now)];
      else if (rem.day <= 0) breach = ['day', c.day.retryAfter(now)];
      else if (rem.app <= 0) breach = ['appminute', this.app.retryAfter(now)];
      if (breach) {
        this.breaches[breach[0]] += 1;
        this.setHeaders(res, c, now);
        RateLimiter.tooManyRequests(res, breach[0], breach[1]);
        return;
      }
      c.minute.add(now);
      c.day.add(now);
      this.app.add(now);
      c.inFlight += 1;
      let done = false;
      const release = () => {
        if (!done) {
          done = true;
          c.inFlight -= 1;
        }
      };
      res.on('finish', release);
      res.on('close', release);
      this.setHeaders(res, c, now);
      next();
    };
  }
}
