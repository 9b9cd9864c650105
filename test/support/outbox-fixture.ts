// A database with the outbox, the event bus and workers over them: what the worker suites share.
import { randomUUID } from 'node:crypto';
import { EventBus } from '../../src/events/bus.js';
import { createLogger } from '../../src/ops/logger.js';
import { ConflictStore } from '../../src/store/conflicts.js';
import { EventLog } from '../../src/store/event-log.js';
import { Outbox, type Job, type NewJob } from '../../src/store/outbox.js';
import { SyncWorker, type WorkerOptions } from '../../src/sync/runtime/worker.js';
import type { DatabaseTarget } from './databases.js';

export interface OutboxFixture {
  db: Awaited<ReturnType<DatabaseTarget['open']>>;
  outbox: Outbox;
  bus: EventBus;
  /** A worker on this database; no handler unless the options give one. */
  worker(options?: Partial<WorkerOptions>): SyncWorker;
  /** Enqueues jobs in one transaction: by default a customer each, for Xero tenant t1. */
  enqueue(jobs: Partial<NewJob>[]): Promise<Job[]>;
  /** The job as the database holds it now. */
  reload(job: Job | undefined): Promise<Job>;
  close(): Promise<void>;
}

const log = createLogger('silent', { pretty: false });

export async function openOutboxFixture(target: DatabaseTarget): Promise<OutboxFixture> {
  const db = await target.open();
  const outbox = new Outbox(db.prisma);
  const bus = EventBus.create(new EventLog(db.prisma));
  return {
    db,
    outbox,
    bus,
    worker: (options = {}) =>
      new SyncWorker({
        db,
        outbox,
        conflicts: new ConflictStore(db.prisma),
        bus,
        log,
        handlerFor: () => undefined,
        ...options,
      }),
    enqueue: (jobs) =>
      db.transaction((tx) =>
        outbox.enqueue(
          tx,
          jobs.map((j) => ({
            entityType: 'CUSTOMER' as const,
            entityId: randomUUID(),
            system: 'XERO' as const,
            tenant: 't1',
            payload: { name: 'Adatum' },
            ...j,
          })),
        ),
      ),
    reload: async (job) => (await outbox.find(job!.id))!,
    async close() {
      await bus.close();
      await db.dispose();
    },
  };
}
