// The outbox worker when the gateway stops: a push sitting in a rate-limit wait is cut short and
// its job goes back to the queue, pending and uncounted; nothing more is claimed.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConnectorError } from '../../src/systems/errors.js';
import { toConnectorError } from '../../src/systems/nav/write-errors.js';
import { RateGovernor } from '../../src/systems/xero/governor.js';
import type { Job } from '../../src/store/outbox.js';
import type { BatchJobHandler, WorkerOptions } from '../../src/sync/runtime/worker.js';
import { databaseTargets } from '../support/databases.js';
import { openOutboxFixture, type OutboxFixture } from '../support/outbox-fixture.js';

const targets = await databaseTargets();

describe.each(targets)('sync worker shutdown on $name', (target) => {
  let fixture: OutboxFixture;

  const worker = (signal: AbortSignal, options: Partial<WorkerOptions> = {}) =>
    fixture.worker({ workerId: 'w1', pollIntervalMs: 20, signal, ...options });
  const enqueue = (count: number) => fixture.enqueue(Array.from({ length: count }, () => ({})));
  const reload = (job: Job | undefined) => fixture.reload(job);

  /** A governor whose tenant is paused by a 429 for far longer than the test may run. */
  async function pausedGovernor(signal: AbortSignal): Promise<RateGovernor> {
    const governor = new RateGovernor({ signal, limits: { perMinute: 100_000, appPerMinute: 1_000_000 } });
    await governor.rateLimited('t1', 50, 'minute');
    return governor;
  }

  beforeAll(async () => {
    fixture = await openOutboxFixture(target);
  });

  afterAll(async () => {
    await fixture?.close();
  });

  beforeEach(async () => {
    await fixture.db.prisma.syncJob.deleteMany();
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
    expect((await fixture.outbox.attempts(job!.id)).map((a) => [a.outcome, a.errorKind])).toEqual([
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

  it('hands back a batch whose connector wrapped the abort as its own error without a status', async () => {
    const shutdown = new AbortController();
    const governor = await pausedGovernor(shutdown.signal);
    let waiting: () => void = () => undefined;
    const inWait = new Promise<void>((r) => (waiting = r));
    // As NAV's write path did: the throttle's AbortError became a validation error, which judged
    // the job DEAD at its first attempt; and as it does now, an unknown outcome.
    const handler: BatchJobHandler = async (jobs) => {
      waiting();
      const cut = await governor.run('t1', 'bulk', async () => null).catch((error: unknown) => error);
      const message = cut instanceof Error ? cut.message : String(cut);
      return jobs.map((_, i) =>
        i === 0 ? new ConnectorError('validation', message, { system: 'NAV' }) : toConnectorError(cut),
      );
    };
    const w = worker(shutdown.signal, { batchFor: () => ({ key: 'customers', handler }) });
    const jobs = await enqueue(2);
    w.start();
    await inWait;
    shutdown.abort();
    await w.stop();
    for (const job of jobs)
      expect(await reload(job)).toMatchObject({ status: 'PENDING', attempts: 0, outcomeUnknown: true });
  });

  it('still judges a failure that carries an upstream answer during shutdown', async () => {
    const shutdown = new AbortController();
    const handler: BatchJobHandler = async (jobs) => {
      shutdown.abort();
      return jobs.map(
        () => new ConnectorError('validation', 'Name is required', { system: 'NAV', status: 400 }),
      );
    };
    const w = worker(shutdown.signal, { batchFor: () => ({ key: 'customers', handler }) });
    const [job] = await enqueue(1);
    await w.runOnce();
    expect(await reload(job)).toMatchObject({ status: 'DEAD', attempts: 1 });
  });
});
