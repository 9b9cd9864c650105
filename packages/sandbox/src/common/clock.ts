// The sandbox clock: the host's `now` plus an offset the admin API can move, so tests and demos can
// expire tokens, subscriptions, throttling windows and rate limits without waiting.
export class SandboxClock {
  private offset = 0;

  constructor(private readonly base: () => number = Date.now) {}

  now(): number {
    return this.base() + this.offset;
  }

  /** How far the clock runs ahead of (or behind) the host's `now`. */
  get offsetMs(): number {
    return this.offset;
  }

  advance(ms: number): void {
    this.offset += ms;
  }

  set(epochMs: number): void {
    this.offset = epochMs - this.base();
  }

  /** Accounting date "YYYY-MM-DD" of the current instant (UTC). */
  today(): string {
    return new Date(this.now()).toISOString().slice(0, 10);
  }

  iso(): string {
    return new Date(this.now()).toISOString();
  }
}
