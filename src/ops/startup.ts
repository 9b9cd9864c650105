// How far a gateway's start-up has come, for /readyz: the port is bound first, then the database
// is migrated, the systems connected, and the initial sync runs while queries are already served
// from the mirror.

export type StartupPhase = 'migrating' | 'connecting' | 'syncing' | 'draining' | 'done';

export interface StartupSnapshot {
  phase: StartupPhase;
  /** (system, entity) reads of the initial sync: finished and planned. */
  entities: { done: number; total: number };
  /** Records those reads applied to the mirror so far. */
  records: number;
  /** Reads that failed (each resumes from its cursor on the next run). */
  failed: number;
  /** Seconds since the process started to bind its port. */
  elapsedSeconds: number;
}

export class StartupProgress {
  private phase: StartupPhase = 'migrating';
  private done = 0;
  private total = 0;
  private records = 0;
  private failed = 0;
  private readonly startedAt = Date.now();

  enter(phase: StartupPhase): void {
    this.phase = phase;
  }

  /** The initial sync is about to read `total` (system, entity) pairs. */
  plan(total: number): void {
    this.total = total;
  }

  /** One (system, entity) read finished, having applied `records` records (or failed). */
  step(records: number, failed = false): void {
    this.done += 1;
    this.records += records;
    if (failed) this.failed += 1;
  }

  get ready(): boolean {
    return this.phase === 'done';
  }

  get seconds(): number {
    return (Date.now() - this.startedAt) / 1000;
  }

  snapshot(): StartupSnapshot {
    return {
      phase: this.phase,
      entities: { done: this.done, total: this.total },
      records: this.records,
      failed: this.failed,
      elapsedSeconds: Math.round(this.seconds),
    };
  }
}

/**
 * The gateway cannot start for a reason outside its configuration (the port is taken, the
 * database does not answer): one line naming the cause and the fix, exit code 3.
 */
export class CannotStart extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CannotStart';
  }
}
