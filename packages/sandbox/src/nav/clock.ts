// The sandbox clock: the host's `now` plus an offset the admin API can move, so tests and demos can
// expire tokens, subscriptions and throttling windows without waiting.
export class SandboxClock {
  private offsetMs = 0;

  constructor(private readonly base: () => number = Date.now) {}

  now(): number {
    return this.base() + this.offsetMs;
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  set(epochMs: number): void {
    this.offsetMs = epochMs - this.base();
  }

  /** Accounting date "YYYY-MM-DD" of the current instant (UTC). */
  today(): string {
    return new Date(this.now()).toISOString().slice(0, 10);
  }

  iso(): string {
    return new Date(this.now()).toISOString();
  }
}
