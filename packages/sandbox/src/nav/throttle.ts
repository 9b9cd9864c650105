// Per-user throttling like BC online: a few requests run at once, more wait in a bounded queue
// (429 when it is full, 503 when a request waits too long), and a sliding-window request budget
// (429 with Retry-After when exhausted). Time comes from the sandbox clock.
import type { SandboxClock } from '../common/clock.js';
import { NavError } from './errors.js';
import type { NavLimits } from './options.js';

interface UserState {
  active: number;
  queue: (() => void)[];
  admitted: number[];
}

export function tooManyRequests(actual: number, maximum: number, retryAfterSeconds: number): NavError {
  return new NavError(
    429,
    'Application_TooManyRequests',
    `Too many requests reached.  Actual (${actual}).  Maximum (${maximum}).`,
    {
      'Retry-After': String(Math.max(1, retryAfterSeconds)),
    },
  );
}

export class Throttle {
  private readonly users = new Map<string, UserState>();

  constructor(
    private readonly limits: () => NavLimits,
    private readonly clock: SandboxClock,
  ) {}

  private user(name: string): UserState {
    let u = this.users.get(name);
    if (!u) {
      u = { active: 0, queue: [], admitted: [] };
      this.users.set(name, u);
    }
    return u;
  }

  /** Waits for a slot; resolves with the release function. Throws 429/503 NavErrors. */
  async acquire(userName: string): Promise<() => void> {
    const limits = this.limits();
    const u = this.user(userName);
    const now = this.clock.now();
    u.admitted = u.admitted.filter((t) => t > now - limits.windowMs);
    if (u.admitted.length >= limits.maxRequestsPerWindow) {
      const oldest = u.admitted[0] ?? now;
      throw tooManyRequests(
        u.admitted.length + 1,
        limits.maxRequestsPerWindow,
        Math.ceil((oldest + limits.windowMs - now) / 1000),
      );
    }
    let handedOver = false;
    if (u.active >= limits.maxConcurrentPerUser) {
      if (u.queue.length >= limits.maxQueuePerUser) {
        throw tooManyRequests(
          u.active + u.queue.length + 1,
          limits.maxConcurrentPerUser + limits.maxQueuePerUser,
          1,
        );
      }
      await new Promise<void>((resolve, reject) => {
        const wake = () => {
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          u.queue.splice(u.queue.indexOf(wake), 1);
          reject(
            new NavError(
              503,
              'Application_ServiceUnavailable',
              'The request waited too long in the queue. Please retry later.',
              { 'Retry-After': '1' },
            ),
          );
        }, limits.queueTimeoutMs);
        u.queue.push(wake);
      });
      handedOver = true; // the releasing request passed its slot on (active unchanged)
    }
    if (!handedOver) u.active += 1;
    u.admitted.push(this.clock.now());
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = u.queue.shift();
      if (next) next();
      else u.active -= 1;
    };
  }

  reset(): void {
    this.users.clear();
  }
}
