// The transactional outbox: jobs enqueued in the same transaction as the mirror change, claimed
// by workers with FOR UPDATE SKIP LOCKED so several gateway processes share one PostgreSQL
// without ever running the same job twice.
import { createHash } from 'node:crypto';
import { currentCause } from '../audit/cause.js';
import { Prisma, type PrismaClient, type SyncJob } from './generated/client.js';
import { paginate, type Page, type PageArgs } from './pagination.js';

export type Job = SyncJob;
/** JSON stored on a job (payload, last error). */
export type JobJson = Prisma.InputJsonValue;
type Tx = Prisma.TransactionClient;

export interface NewJob {
  entityType: SyncJob['entityType'];
  entityId: string;
  system: SyncJob['system'];
  tenant: string;
  operation?: SyncJob['operation'];
  payload: Prisma.InputJsonValue;
  /** Stable for the record and its version; defaults to a hash of the payload. */
  idempotencyKey?: string;
  /** Jobs that must have succeeded before this one runs (one dead: this one dies too). */
  dependsOn?: readonly string[];
  maxAttempts?: number;
  /** Who caused it; defaults to the caller of the mutation under way (null for polling, webhooks). */
  actor?: string | null;
}

/** Jobs of one kind: pushed to the same system and tenant, for the same entity type. */
export type JobKind = Pick<Job, 'system' | 'tenant' | 'entityType'>;

export interface AttemptRecord {
  workerId: string;
  startedAt: Date;
  outcome: 'succeeded' | 'retry' | 'dead' | 'conflict' | 'deferred';
  errorKind?: string | null;
  message?: string | null;
  upstream?: Prisma.InputJsonValue | null;
}

export function payloadHash(payload: unknown): string {
  return createHash('sha256').update(JSON.stringify(payload)).digest('hex');
}

export function orderingKey(job: Pick<NewJob, 'entityType' | 'entityId' | 'system' | 'tenant'>): string {
  return `${job.entityType}:${job.entityId}:${job.system}:${job.tenant}`;
}

export class Outbox {
  constructor(private readonly prisma: PrismaClient) {}

  /** Enqueues jobs inside the caller's transaction (the one that changed the mirror). */
  async enqueue(tx: Tx, jobs: readonly NewJob[]): Promise<Job[]> {
    const created: Job[] = [];
    const cause = currentCause();
    for (const job of jobs) {
      const hash = payloadHash(job.payload);
      created.push(
        await tx.syncJob.create({
          data: {
            entityType: job.entityType,
            entityId: job.entityId,
            system: job.system,
            tenant: job.tenant,
            operation: job.operation ?? 'UPSERT',
            payload: job.payload,
            payloadHash: hash,
            idempotencyKey: job.idempotencyKey ?? hash.slice(0, 40),
            orderingKey: orderingKey(job),
            dependsOn: [...new Set(job.dependsOn ?? [])],
            ...(job.maxAttempts ? { maxAttempts: job.maxAttempts } : {}),
            actor: job.actor === undefined ? cause : job.actor,
          },
        }),
      );
    }
    return created;
  }

  /**
   * Claims up to `limit` due jobs for `workerId` for `leaseMs`. A job is due when it is pending and
   * its time has come, or running under an expired lease (its worker died). It waits while an
   * earlier job of the same record is unfinished, or while a job it depends on has not succeeded.
   * With `kind`, only jobs of that kind are claimed.
   */
  async claim(workerId: string, limit: number, leaseMs: number, kind?: JobKind): Promise<Job[]> {
    // $4..$6 narrow the claim to one kind of job (a batch topping itself up); null takes any.
    const ids = await this.prisma.$queryRawUnsafe<{ id: string }[]>(
      `WITH due AS (
         SELECT j.id FROM sync_job j
          WHERE ((j.status = 'PENDING' AND j.run_after <= now())
              OR (j.status = 'RUNNING' AND j.locked_until < now()))
            AND ($4::text IS NULL OR (j.system::text = $4 AND j.tenant = $5 AND j.entity_type::text = $6))
            AND NOT EXISTS (SELECT 1 FROM sync_job e
                             WHERE e.ordering_key = j.ordering_key AND e.seq < j.seq
                               AND e.status IN ('PENDING', 'RUNNING'))
            AND NOT EXISTS (SELECT 1 FROM sync_job d
                             WHERE d.id = ANY(j.depends_on) AND d.status <> 'SUCCEEDED')
          ORDER BY j.run_after, j.seq
          LIMIT $1
          FOR UPDATE OF j SKIP LOCKED
       )
       UPDATE sync_job SET status = 'RUNNING', locked_by = $2,
              -- Taken over from a worker that died mid-call: that call may have reached the system.
              outcome_unknown = sync_job.outcome_unknown OR sync_job.status = 'RUNNING',
              locked_until = now() + ($3::int * interval '1 millisecond'), updated_at = now()
         FROM due WHERE sync_job.id = due.id
       RETURNING sync_job.id::text AS id`,
      limit,
      workerId,
      leaseMs,
      kind?.system ?? null,
      kind?.tenant ?? null,
      kind?.entityType ?? null,
    );
    if (ids.length === 0) return [];
    return this.prisma.syncJob.findMany({
      where: { id: { in: ids.map((r) => r.id) } },
      orderBy: { seq: 'asc' },
    });
  }

  /**
   * Jobs with a dependency that can no longer succeed — a dead letter, or a job that ended in a
   * conflict — would wait forever: they die too, naming it, so they show among the dead letters and
   * can be replayed once it is put right.
   */
  async killOrphans(): Promise<Job[]> {
    const ids = await this.prisma.$queryRawUnsafe<{ id: string }[]>(
      `UPDATE sync_job j SET status = 'DEAD', dead_at = now(), updated_at = now(),
              last_error = jsonb_build_object('kind', 'dependency', 'message',
                'the job it depends on (' || d.id || ') ' ||
                CASE d.status WHEN 'DEAD' THEN 'is a dead letter'
                              ELSE 'ended in a conflict; resolve it, then replay this job' END)
         FROM sync_job d
        WHERE d.id = ANY(j.depends_on) AND d.status IN ('DEAD', 'CANCELLED') AND j.status = 'PENDING'
       RETURNING j.id::text AS id`,
    );
    if (ids.length === 0) return [];
    return this.prisma.syncJob.findMany({ where: { id: { in: ids.map((r) => r.id) } } });
  }

  /** Records an attempt and moves the job to its next state, only if `workerId` still holds it. */
  async settle(
    job: Job,
    workerId: string,
    attempt: AttemptRecord,
    next: {
      status: Job['status'];
      attempts: number;
      runAfter?: Date;
      lastError?: Prisma.InputJsonValue | null;
      outcomeUnknown?: boolean;
    },
    tx?: Tx,
  ): Promise<Job | null> {
    const run = async (t: Tx) => {
      const { count } = await t.syncJob.updateMany({
        where: { id: job.id, lockedBy: workerId, status: 'RUNNING' },
        data: {
          status: next.status,
          attempts: next.attempts,
          lockedBy: null,
          lockedUntil: null,
          ...(next.runAfter ? { runAfter: next.runAfter } : {}),
          ...(next.lastError !== undefined ? { lastError: next.lastError ?? Prisma.DbNull } : {}),
          ...(next.outcomeUnknown !== undefined ? { outcomeUnknown: next.outcomeUnknown } : {}),
          ...(next.status === 'SUCCEEDED' ? { completedAt: new Date() } : {}),
          ...(next.status === 'DEAD' ? { deadAt: new Date() } : {}),
        },
      });
      if (count === 0) return null; // the lease expired and another worker took the job over
      // Numbered across replays too: a replayed dead letter keeps its earlier attempts.
      const previous = await t.syncAttempt.aggregate({ where: { jobId: job.id }, _max: { attempt: true } });
      await t.syncAttempt.create({
        data: {
          jobId: job.id,
          attempt: (previous._max.attempt ?? 0) + 1,
          workerId: attempt.workerId,
          startedAt: attempt.startedAt,
          finishedAt: new Date(),
          outcome: attempt.outcome,
          errorKind: attempt.errorKind ?? null,
          message: attempt.message ?? null,
          ...(attempt.upstream != null ? { upstream: attempt.upstream } : {}),
        },
      });
      return t.syncJob.findUnique({ where: { id: job.id } });
    };
    return tx ? run(tx) : this.prisma.$transaction(run);
  }

  /** Puts dead letters back in the queue, optionally with a corrected payload. */
  async replay(ids: readonly string[], payload?: Prisma.InputJsonValue): Promise<Job[]> {
    return this.prisma.$transaction(async (tx) => {
      const replayed: Job[] = [];
      // A dependency that ended (dead or in a conflict) and is not replayed with this job no longer
      // holds it: the person replaying decided it goes now (it would otherwise die again at once).
      const together = new Set(ids);
      const dependencies = await tx.syncJob.findMany({
        where: { id: { in: [...ids] } },
        select: { id: true, dependsOn: true },
      });
      const ended = new Set(
        (
          await tx.syncJob.findMany({
            where: {
              id: { in: dependencies.flatMap((j) => j.dependsOn) },
              status: { in: ['DEAD', 'CANCELLED'] },
            },
            select: { id: true },
          })
        ).map((d) => d.id),
      );
      for (const id of ids) {
        const dependsOn = dependencies
          .find((j) => j.id === id)
          ?.dependsOn.filter((d) => !ended.has(d) || together.has(d));
        const { count } = await tx.syncJob.updateMany({
          where: { id, status: 'DEAD' },
          data: {
            status: 'PENDING',
            attempts: 0,
            runAfter: new Date(),
            deadAt: null,
            ...(dependsOn ? { dependsOn } : {}),
            ...(payload !== undefined ? { payload, payloadHash: payloadHash(payload) } : {}),
          },
        });
        if (count === 1) {
          const job = await tx.syncJob.findUnique({ where: { id } });
          if (job) replayed.push(job);
        }
      }
      return replayed;
    });
  }

  /**
   * Calls off a record's pushes that have not reached the given systems (queued, or dead letters),
   * inside the caller's transaction: a voided document must not be created later by a retry or a
   * replay where it never arrived. Returns the jobs called off, or the systems where a push is
   * running right now (nothing is called off then: the caller refuses and is tried again).
   */
  async cancelUnsent(
    tx: Tx,
    key: { entityType: Job['entityType']; entityId: string },
    keepSystems: readonly Job['system'][],
    reason: string,
  ): Promise<{ cancelled: Job[] } | { running: Job['system'][] }> {
    const unsent = await tx.syncJob.findMany({
      where: {
        ...key,
        system: { notIn: [...keepSystems] },
        status: { in: ['PENDING', 'RUNNING', 'DEAD'] },
      },
    });
    const running = unsent.filter((j) => j.status === 'RUNNING').map((j) => j.system);
    if (running.length) return { running };
    const cancelled: Job[] = [];
    for (const job of unsent) {
      const before = (job.lastError as { message?: string } | null)?.message;
      const { count } = await tx.syncJob.updateMany({
        where: { id: job.id, status: { in: ['PENDING', 'DEAD'] } },
        data: {
          status: 'CANCELLED',
          completedAt: new Date(),
          lastError: { kind: 'cancelled', message: before ? `${reason} (it had failed: ${before})` : reason },
        },
      });
      if (count === 0) return { running: [job.system] }; // claimed meanwhile
      cancelled.push({ ...job, status: 'CANCELLED' });
    }
    return { cancelled };
  }

  /** Jobs newest first, optionally by status, system and entity type. */
  list(
    filter: {
      status?: Job['status'][] | null;
      system?: Job['system'] | null;
      entityType?: Job['entityType'] | null;
    },
    take: number,
  ): Promise<Job[]> {
    return this.prisma.syncJob.findMany({
      where: {
        ...(filter.status?.length ? { status: { in: filter.status } } : {}),
        ...(filter.system ? { system: filter.system } : {}),
        ...(filter.entityType ? { entityType: filter.entityType } : {}),
      },
      orderBy: { seq: 'desc' },
      take,
    });
  }

  /** One page of jobs, newest first (by their queue order), matching every given condition. */
  page(
    filter: {
      status?: readonly Job['status'][] | null;
      system?: readonly Job['system'][] | null;
      entityType?: readonly Job['entityType'][] | null;
    },
    page: PageArgs,
    maxPageSize: number,
  ): Promise<Page<Job>> {
    return paginate({
      delegate: this.prisma.syncJob,
      where: {
        ...(filter.status?.length ? { status: { in: [...filter.status] } } : {}),
        ...(filter.system?.length ? { system: { in: [...filter.system] } } : {}),
        ...(filter.entityType?.length ? { entityType: { in: [...filter.entityType] } } : {}),
      },
      sort: { field: 'seq', kind: 'int' },
      direction: 'DESC',
      page,
      maxPageSize,
    });
  }

  find(id: string): Promise<Job | null> {
    return this.prisma.syncJob.findUnique({ where: { id } });
  }

  /** The systems a record has a job pending or running for: where it is on its way to (one query). */
  async unfinishedFor(entityType: Job['entityType'], entityId: string): Promise<Job['system'][]> {
    const pending = await this.prisma.syncJob.findMany({
      where: { entityType, entityId, status: { in: ['PENDING', 'RUNNING'] } },
      select: { system: true },
    });
    return pending.map((j) => j.system);
  }

  /** The newest job still to run for a record in one system (what a dependent job waits for), if any. */
  async latestUnfinished(
    tx: Tx,
    key: { entityType: Job['entityType']; entityId: string; system: Job['system']; tenant: string },
  ): Promise<string | null> {
    const job = await tx.syncJob.findFirst({
      where: { ...key, status: { in: ['PENDING', 'RUNNING'] } },
      orderBy: { seq: 'desc' },
      select: { id: true },
    });
    return job?.id ?? null;
  }

  /** The highest job sequence number so far (0 when the outbox is empty): later jobs are newer. */
  async lastSeq(): Promise<bigint> {
    return (await this.prisma.syncJob.aggregate({ _max: { seq: true } }))._max.seq ?? 0n;
  }

  /**
   * The jobs a run is answerable for, oldest first: those enqueued after `afterSeq`, and older ones
   * these workers attempted since `since` (two queries).
   */
  async enqueuedOrAttemptedSince(
    afterSeq: bigint,
    workerIds: readonly string[],
    since: Date,
  ): Promise<Job[]> {
    const attempted = await this.prisma.syncAttempt.findMany({
      where: { workerId: { in: [...workerIds] }, startedAt: { gte: since } },
      select: { jobId: true },
      distinct: ['jobId'],
    });
    return this.prisma.syncJob.findMany({
      where: { OR: [{ seq: { gt: afterSeq } }, { id: { in: attempted.map((a) => a.jobId) } }] },
      orderBy: { seq: 'asc' },
    });
  }

  attempts(jobId: string) {
    return this.prisma.syncAttempt.findMany({ where: { jobId }, orderBy: { attempt: 'asc' } });
  }

  /** Counts of jobs per system, tenant, entity type and status (sync status dashboards). */
  async counts(): Promise<
    { system: string; tenant: string; entityType: string; status: string; count: number }[]
  > {
    const rows = await this.prisma.syncJob.groupBy({
      by: ['system', 'tenant', 'entityType', 'status'],
      _count: { _all: true },
    });
    return rows.map((r) => ({
      system: r.system,
      tenant: r.tenant,
      entityType: r.entityType,
      status: r.status,
      count: r._count._all,
    }));
  }
}
