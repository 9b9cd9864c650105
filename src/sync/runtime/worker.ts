// The outbox worker: claim due jobs → call the target system through a handler → record the
// outcome, its attempt and its events in one transaction. Several workers (in one process or
// many) can run at once; claiming with SKIP LOCKED guarantees a job runs in one place at a time.
// On shutdown (`signal`) a worker claims nothing more, and a push the abort cut short goes back
// to the queue, uncounted: a job is never lost or failed because the gateway stopped.
import { randomUUID } from 'node:crypto';
import { withCause } from '../../audit/cause.js';
import { abortableSleep, isAbortError } from '../../systems/abort.js';
import { ConnectorError } from '../../systems/errors.js';
import type { EventBus } from '../../events/bus.js';
import type { LedgerEvent, Published } from '../../events/types.js';
import type { Logger } from '../../ops/logger.js';
import type { ConflictStore } from '../../store/conflicts.js';
import type { Database, StoreTx } from '../../store/database.js';
import type { Job, JobJson, Outbox } from '../../store/outbox.js';
import { decide, defaultRetryPolicy, type RetryPolicy, WaitingForPrerequisite } from './retry-policy.js';
import { deadLetterEvent, jobUpdatedEvent } from './job-events.js';
import { pauseHereForTests } from './test-pause.js';
import { conflictOf, type PushConflict } from './conflict-of.js';

export interface JobContext {
  /** The previous attempt may have written upstream: look the record up before creating it. */
  outcomeUnknown: boolean;
}

/** Pushes one job to its target system; throws a ConnectorError when it cannot. */
export type JobHandler = (job: Job, context: JobContext) => Promise<void>;

/**
 * Pushes several jobs of one kind in one upstream call; returns one outcome per job, in order:
 * null for success, else the error (a ConnectorError) to settle that job with.
 */
export type BatchJobHandler = (jobs: Job[]) => Promise<unknown[]>;

export interface BatchRoute {
  /** Jobs with the same key go to the handler together; a route that holds keys by job kind. */
  key: string;
  handler: BatchJobHandler;
  /**
   * How long a batch short of the batch size may wait for more jobs of its kind (system, tenant,
   * entity type) before it is pushed — the target says so when its calls are scarcer than time.
   * Capped at half the lease. Absent or 0: push at once.
   */
  holdMs?: () => Promise<number>;
}

export interface WorkerOptions {
  db: Database;
  outbox: Outbox;
  conflicts: ConflictStore;
  bus: EventBus;
  log: Logger;
  handlerFor: (job: Job) => JobHandler | undefined;
  /** Jobs this returns a route for are pushed in batches instead of one by one. */
  batchFor?: (job: Job) => BatchRoute | undefined;
  workerId?: string;
  batchSize?: number;
  leaseMs?: number;
  pollIntervalMs?: number;
  policy?: RetryPolicy;
  /** Runs inside the transaction that settles a job (e.g. to update the record's sync status). */
  afterSettle?: (tx: StoreTx, job: Job) => Promise<void>;
  /** Shutdown: stop claiming; the connectors' waits end with an AbortError, handled as a release. */
  signal?: AbortSignal | undefined;
}

interface ErrorJson {
  kind: string;
  message: string;
  status?: number | null;
  code?: string | null;
  fieldErrors?: { field: string; message: string }[];
}

/** What a job keeps of an error (the upstream body is kept on the attempt). */
function errorJson(error: unknown): ErrorJson {
  if (error instanceof ConnectorError) {
    return {
      kind: error.kind,
      message: error.message,
      status: error.details.status ?? null,
      code: error.details.code ?? null,
      fieldErrors: (error.details.fieldErrors ?? []).map((f) => ({ field: f.field, message: f.message })),
    };
  }
  if (error instanceof WaitingForPrerequisite) return { kind: 'waiting', message: error.message };
  return { kind: 'internal', message: error instanceof Error ? error.message : String(error) };
}

const asJson = (value: ErrorJson): JobJson => value as unknown as JobJson;

export class SyncWorker {
  readonly workerId: string;
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private readonly policy: RetryPolicy;
  private readonly claimed = new Set<string>();

  constructor(private readonly options: WorkerOptions) {
    this.workerId = options.workerId ?? `worker-${randomUUID().slice(0, 8)}`;
    this.policy = options.policy ?? defaultRetryPolicy;
    options.signal?.addEventListener('abort', () => this.wake?.(), { once: true });
  }

  /** Ids of the jobs in the batch this worker is running now. */
  get inFlight(): string[] {
    return [...this.claimed];
  }

  /** Claims one batch and runs it; returns how many jobs it handled (none once shutting down). */
  async runOnce(): Promise<number> {
    const { outbox, bus, signal } = this.options;
    if (signal?.aborted) return 0;
    const orphans = await outbox.killOrphans();
    if (orphans.length) await bus.publish(orphans.flatMap((j) => [jobUpdatedEvent(j), deadLetterEvent(j)]));
    if (signal?.aborted) return 0;
    const jobs = await outbox.claim(
      this.workerId,
      this.options.batchSize ?? 10,
      this.options.leaseMs ?? 60_000,
    );
    if (jobs.length) await pauseHereForTests('claimed', jobs);
    // Claimed jobs never share a record (ordering), so they can run side by side.
    const batches = new Map<string, { route: BatchRoute; jobs: Job[] }>();
    const single: Job[] = [];
    for (const job of jobs) {
      const route = this.options.batchFor?.(job);
      if (!route) single.push(job);
      else if (batches.has(route.key)) batches.get(route.key)?.jobs.push(job);
      else batches.set(route.key, { route, jobs: [job] });
    }
    const held = [...jobs];
    for (const job of jobs) this.claimed.add(job.id);
    const track = (more: Job[]) => {
      held.push(...more);
      for (const job of more) this.claimed.add(job.id);
    };
    try {
      await Promise.all([
        ...single.map((job) => this.run(job)),
        ...[...batches.values()].map(async ({ route, jobs: batch }) =>
          this.runBatch(route.handler, await this.filled(route, batch, track)),
        ),
      ]);
    } finally {
      for (const job of held) this.claimed.delete(job.id);
    }
    return held.length;
  }

  /**
   * A short batch whose route says to hold: waits, claiming more jobs of its kind as they come due,
   * until it is full or the hold is over. Shutdown ends the hold; the batch then goes back.
   */
  private async filled(route: BatchRoute, jobs: Job[], track: (more: Job[]) => void): Promise<Job[]> {
    const size = this.options.batchSize ?? 10;
    const leaseMs = this.options.leaseMs ?? 60_000;
    const [first] = jobs;
    if (!route.holdMs || !first || jobs.length >= size) return jobs;
    const hold = Math.min(await route.holdMs(), leaseMs / 2);
    const until = Date.now() + hold;
    const kind = { system: first.system, tenant: first.tenant, entityType: first.entityType };
    const batch = [...jobs];
    while (batch.length < size && Date.now() < until) {
      try {
        await abortableSleep(Math.min(1000, Math.max(50, hold / 5), until - Date.now()), this.options.signal);
      } catch {
        break;
      }
      const more = await this.options.outbox.claim(this.workerId, size - batch.length, leaseMs, kind);
      track(more);
      batch.push(...more);
    }
    return batch;
  }

  /** Runs batches until no job is due (tests, CLI `sync --once`). */
  async drain(maxBatches = 1000): Promise<void> {
    for (let i = 0; i < maxBatches; i++) if ((await this.runOnce()) === 0) return;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    // The loop runs for no caller, even when started during a request: its jobs' events say null.
    this.loop = withCause(null, async () => {
      while (this.running && !this.options.signal?.aborted) {
        let handled = 0;
        try {
          handled = await this.runOnce();
        } catch (error) {
          this.options.log.error({ err: error }, 'sync worker batch failed');
        }
        if (handled === 0 && this.running && !this.options.signal?.aborted) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, this.options.pollIntervalMs ?? 500);
            this.wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
        }
      }
    });
  }

  /** Nudges a sleeping worker (a job was just enqueued). */
  poke(): void {
    this.wake?.();
  }

  /** Stops after the jobs in flight finish. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  private async run(job: Job): Promise<void> {
    const handler = this.options.handlerFor(job);
    const startedAt = new Date();
    const attempt = job.attempts + 1;
    if (!handler) {
      await this.finish(
        job,
        {
          status: 'DEAD',
          attempts: attempt,
          lastError: asJson({
            kind: 'internal',
            message: `no handler for ${job.entityType} → ${job.system}`,
          }),
        },
        {
          workerId: this.workerId,
          startedAt,
          outcome: 'dead',
          errorKind: 'internal',
          message: 'no handler',
        },
      );
      return;
    }
    try {
      await handler(job, { outcomeUnknown: job.outcomeUnknown });
      await this.succeeded(job, startedAt);
    } catch (error) {
      await (this.cutShort(error) ? this.released(job, startedAt) : this.failed(job, error, startedAt));
    }
  }

  /**
   * The abort itself, or a failure during shutdown that carries no answer from upstream (a
   * connector may wrap the aborted call into its own error): handed back, never judged, so a
   * shutdown never makes a dead letter. The next attempt looks before it creates.
   */
  private cutShort(error: unknown): boolean {
    if (isAbortError(error)) return true;
    return Boolean(
      this.options.signal?.aborted && error instanceof ConnectorError && error.details.status === undefined,
    );
  }

  private async runBatch(handler: BatchJobHandler, jobs: Job[]): Promise<void> {
    const startedAt = new Date();
    let outcomes: unknown[];
    try {
      outcomes = await handler(jobs);
    } catch (error) {
      outcomes = jobs.map(() => error);
    }
    for (const [i, job] of jobs.entries()) {
      const outcome = outcomes[i];
      if (outcome === null) {
        await this.succeeded(job, startedAt);
      } else if (this.cutShort(outcome)) {
        await this.released(job, startedAt);
      } else {
        await this.failed(job, outcome ?? new Error('no outcome for this job'), startedAt);
      }
    }
  }

  private succeeded(job: Job, startedAt: Date): Promise<void> {
    return this.finish(
      job,
      { status: 'SUCCEEDED', attempts: job.attempts + 1, lastError: null, outcomeUnknown: false },
      { workerId: this.workerId, startedAt, outcome: 'succeeded' },
    );
  }

  /**
   * A push the shutdown cut short: back to the queue, due at once, no attempt counted (the abort
   * came before a call, never after one was sent). Calls made before it may have landed, so the
   * next attempt looks before it creates, as after a crash.
   */
  private released(job: Job, startedAt: Date): Promise<void> {
    this.options.log.info({ jobId: job.id, system: job.system }, 'sync job handed back: shutting down');
    return this.finish(
      job,
      { status: 'PENDING', attempts: job.attempts, runAfter: new Date(), outcomeUnknown: true },
      {
        workerId: this.workerId,
        startedAt,
        outcome: 'deferred',
        errorKind: 'aborted',
        message: 'stopped by shutdown before its call',
      },
    );
  }

  private async failed(job: Job, error: unknown, startedAt: Date): Promise<void> {
    const decision = decide(error, job.attempts, job.maxAttempts, this.policy, new Date());
    const detail = errorJson(error);
    const record = {
      workerId: this.workerId,
      startedAt,
      errorKind: detail.kind,
      message: detail.message,
      upstream: (error instanceof ConnectorError ? (error.details.upstream ?? null) : null) as never,
    };
    // WARN is for what a person should look at: a job waiting for its prerequisite (a dimension,
    // a contact) is expected, and a rate-limit pause is the limits doing their job.
    const fields = { jobId: job.id, system: job.system, decision: decision.kind, reason: decision.reason };
    if (error instanceof WaitingForPrerequisite)
      this.options.log.debug(fields, 'sync job waits for a prerequisite');
    else if (decision.kind === 'retry' && !decision.countsAsAttempt)
      this.options.log.info(fields, 'sync job paused: retried without counting an attempt');
    else this.options.log.warn(fields, 'sync job failed');
    if (decision.kind === 'retry') {
      const attempts = decision.countsAsAttempt ? job.attempts + 1 : job.attempts;
      await this.finish(
        job,
        {
          status: 'PENDING',
          attempts,
          runAfter: decision.runAfter,
          lastError: asJson(detail),
          outcomeUnknown: job.outcomeUnknown || decision.outcomeUnknown,
        },
        { ...record, outcome: decision.countsAsAttempt ? 'retry' : 'deferred' },
      );
      return;
    }
    if (decision.kind === 'dead') {
      await this.finish(
        job,
        { status: 'DEAD', attempts: job.attempts + 1, lastError: asJson(detail) },
        { ...record, outcome: 'dead' },
      );
      return;
    }
    // A conflict is terminal for this job; the recorded conflict carries both versions.
    await this.finish(
      job,
      { status: 'CANCELLED', attempts: job.attempts + 1, lastError: asJson(detail) },
      { ...record, outcome: 'conflict' },
      conflictOf(error, job),
    );
  }

  private async finish(
    job: Job,
    next: Parameters<Outbox['settle']>[3],
    attempt: Parameters<Outbox['settle']>[2],
    conflict?: PushConflict,
  ): Promise<void> {
    const { db, outbox, bus, conflicts } = this.options;
    const published = await db.transaction(async (tx) => {
      const settled = await outbox.settle(job, this.workerId, attempt, next, tx);
      if (!settled) return [] as Published[];
      await pauseHereForTests('settling', [job]);
      const events: LedgerEvent[] = [jobUpdatedEvent(settled)];
      if (settled.status === 'DEAD') events.push(deadLetterEvent(settled));
      if (conflict) {
        const recorded = await conflicts.record(tx, {
          entityType: job.entityType,
          entityId: job.entityId,
          system: job.system,
          tenant: job.tenant,
          differences: conflict.differences,
          resolutions: conflict.resolutions,
          local: job.payload as never,
          remote: conflict.remote as never,
        });
        events.push({
          type: 'CONFLICT_DETECTED',
          conflictId: recorded.id,
          entityType: job.entityType,
          entityId: job.entityId,
          system: job.system,
          fields: recorded.fields,
        });
      }
      // After the conflict is on record: the record's status must count it.
      await this.options.afterSettle?.(tx, settled);
      return bus.record(events, tx);
    });
    bus.announce(published);
  }
}
