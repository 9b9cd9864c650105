// The outbox worker when the gateway stops: a push sitting in a rate-limit wait is cut short and
// its job goes back to the queue, pending and uncounted; nothing more is claimed.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RateGovernor } from '../../src/connectors/xero/governor.js';
import { EventBus } from '../../src/events/bus.js';
import { createLogger } from '../../src/ops/logger.js';
import { ConflictStore } from '../../src/store/conflicts.js';
import { EventLog } from '../../src/store/event-log.js';
import { Outbox, type Job } from '../../src/store/outbox.js';
import { SyncWorker, type BatchJobHandler, type WorkerOptions } from '../../src/sync/worker.js';
import { databaseTargets } from '../support/databases.js';

const targets = await databaseTargets();
const log = createLogger('silent', { pretty: false });

describe.each(targets)('sync worker shutdown on $name', (target) => {
  let db: Awaited<ReturnType<typeof target.open>>;
  let outbox: Outbox;
  let bus: EventBus;

  const worker = (signal: AbortSignal, options: Partial<WorkerOptions> = {}) =>
    new SyncWorker({
      db,
      outbox,
      conflicts: new ConflictStore(db.prisma),
      bus,
      log,
      handlerFor: () => undefined,
      workerId: 'w1',
      pollIntervalMs: 20,
      signal,
      ...options,
    });

  const enqueue = (count: number) =>
    db.transaction((tx) =>
      outbox.enqueue(
        tx,
        Array.from({ length: count }, () => ({
          entityType: 'CUSTOMER' as const,
          entityId: randomUUID(),
          system: 'XERO' as const,
          tenant: 't1',
          payload: { name: 'Adatum' },
        })),
      ),
    );

  const reload = async (job: Job | undefined) => (await outbox.find(job!.id))!;

  /** A governor whose tenant is paused by a 429 for far longer than the test may run. */
  async function pausedGovernor(signal: AbortSignal): Promise<RateGovernor> {
    const governor = new RateGovernor({ signal, limits: { perMinute: 100_000, appPerMinute: 1_000_000 } });
    await governor.rateLimited('t1', 50, 'minute');
    return governor;
  }

  beforeAll(async () => {
    db = await target.open();
    outbox = new Outbox(db.prisma);
    bus = EventBus.create(new EventLog(db.prisma));
  });

  afterAll(async () => {
    await bus?.close();
    await db?.dispose();
  });

  beforeEach(async () => {
    await db.prisma.syncJob.deleteMany();
  });

  it('hands back a push waiting out a Retry-After: pending, no attempt counted, looked up next time', async () => {
    const shutdown = new AbortController();
    const governor = await pausedGovernor(shutdown.signal);
    let waiting: () => void = () => undefined;
    const inWait = new Promise<void>((r) => (waiting = r));
    let sent = 0;
    const w = worker(shutdown.signal, {
      handlerFor: () => async () => {
        waiting();
        await governor.run('t1', 'bulk', async () => void (sent += 1));
      },
    });
    const [job] = await enqueue(1);
    w.start();
    await inWait;
    expect(w.inFlight).toEqual([job!.id]);
    shutdown.abort();
    await w.stop();

    expect(sent).toBe(0);
    expect(await reload(job)).toMatchObject({
      status: 'PENDING',
      attempts: 0,
      lockedBy: null,
      outcomeUnknown: true,
    });
    expect((await reload(job)).runAfter.getTime()).toBeLessThanOrEqual(Date.now());
    expect((await outbox.attempts(job!.id)).map((a) => [a.outcome, a.errorKind])).toEqual([
      ['deferred', 'aborted'],
    ]);
    expect(w.inFlight).toEqual([]);
  });

  it('settles what a batch finished and hands back the rest; claims nothing after the abort', async () => {
    const shutdown = new AbortController();
    const governor = await pausedGovernor(shutdown.signal);
    let waiting: () => void = () => undefined;
    const inWait = new Promise<void>((r) => (waiting = r));
    // The first job's call was answered before the shutdown; the second waits for the pause.
    const handler: BatchJobHandler = async (jobs) => {
      waiting();
      const second = await governor.run('t1', 'bulk', async () => null).catch((error: unknown) => error);
      return jobs.map((_, i) => (i === 0 ? null : second));
    };
    const w = worker(shutdown.signal, { batchFor: () => ({ key: 'customers', handler }) });
    const [done, cut] = await enqueue(2);
    w.start();
    await inWait;
    shutdown.abort();
    await w.stop();
    expect(await reload(done)).toMatchObject({ status: 'SUCCEEDED', attempts: 1 });
    expect(await reload(cut)).toMatchObject({ status: 'PENDING', attempts: 0 });

    const [later] = await enqueue(1);
    expect(await w.runOnce()).toBe(0);
    expect(await reload(later)).toMatchObject({ status: 'PENDING', attempts: 0, lockedBy: null });
  });
});
