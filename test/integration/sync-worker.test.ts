// The outbox worker on a real database: retries by error class, dead letters and replay,
// conflicts, per-record ordering, dependencies, lease expiry, and no job run twice by
// concurrent workers.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConnectorError } from '../../src/systems/errors.js';
import { EventBus } from '../../src/events/bus.js';
import type { Published } from '../../src/events/types.js';
import { createLogger } from '../../src/ops/logger.js';
import { ConflictStore } from '../../src/store/conflicts.js';
import { MasterData } from '../../src/store/master-data.js';
import { EventLog } from '../../src/store/event-log.js';
import { Outbox, type Job, type NewJob } from '../../src/store/outbox.js';
import { openDatabase } from '../../src/store/database.js';
import { openOutboxFixture, type OutboxFixture } from '../support/outbox-fixture.js';
import { SyncWorker, type JobHandler, type WorkerOptions } from '../../src/sync/runtime/worker.js';
import { databaseTargets } from '../support/databases.js';

const targets = await databaseTargets();
const log = createLogger('silent', { pretty: false });
const noDelay = { baseDelayMs: 0, maxDelayMs: 0, defaultRateLimitWaitMs: 60_000, random: () => 0 };

describe.each(targets)('sync worker on $name', (target) => {
  let fixture: OutboxFixture;
  let db: OutboxFixture['db'];
  let outbox: Outbox;
  let bus: EventBus;
  let handler: JobHandler;

  const worker = (id = 'w1', leaseMs = 60_000, options: Partial<WorkerOptions> = {}) =>
    fixture.worker({ handlerFor: () => handler, workerId: id, policy: noDelay, leaseMs, ...options });
  const enqueue = (jobs: Partial<NewJob>[]) => fixture.enqueue(jobs);
  const reload = (job: Job) => fixture.reload(job);

  beforeAll(async () => {
    fixture = await openOutboxFixture(target);
    ({ db, outbox, bus } = fixture);
  });

  afterAll(async () => {
    await fixture?.close();
  });

  beforeEach(async () => {
    await db.prisma.syncJob.deleteMany();
    await db.prisma.customer.deleteMany();
    await db.prisma.syncConflict.deleteMany();
  });

  it('runs a job once and records the attempt and its events', async () => {
    const seen: string[] = [];
    handler = async (job) => void seen.push(job.id);
    const since = await bus.head();
    const [job] = await enqueue([{}]);
    await worker().drain();
    expect(seen).toEqual([job!.id]);
    const done = await reload(job!);
    expect(done).toMatchObject({ status: 'SUCCEEDED', attempts: 1, lockedBy: null });
    expect((await outbox.attempts(job!.id)).map((a) => a.outcome)).toEqual(['succeeded']);
    const events: Published[] = [];
    for await (const e of bus.subscribe({ after: since })) {
      events.push(e);
      break;
    }
    expect(events[0]).toMatchObject({ type: 'SYNC_JOB_UPDATED', jobId: job!.id, status: 'SUCCEEDED' });
  });

  it('retries transient failures and unknown outcomes, telling the handler to look before creating', async () => {
    const contexts: boolean[] = [];
    let calls = 0;
    handler = async (_job, ctx) => {
      contexts.push(ctx.outcomeUnknown);
      calls += 1;
      if (calls === 1)
        throw new ConnectorError('transient', '503 from upstream', { system: 'XERO', status: 503 });
      if (calls === 2) throw new ConnectorError('unknown-outcome', 'socket hang up', { system: 'XERO' });
    };
    const [job] = await enqueue([{}]);
    await worker().drain();
    expect(contexts).toEqual([false, false, true]);
    expect(await reload(job!)).toMatchObject({ status: 'SUCCEEDED', attempts: 3, outcomeUnknown: false });
  });

  it('waits for a rate limit without spending attempts', async () => {
    const retryAt = new Date(Date.now() + 3_600_000);
    handler = async () => {
      throw new ConnectorError('rate-limited', 'day limit', {
        system: 'XERO',
        status: 429,
        retryAt,
        limit: 'day',
      });
    };
    const [job] = await enqueue([{}]);
    await worker().drain();
    const waiting = await reload(job!);
    expect(waiting).toMatchObject({ status: 'PENDING', attempts: 0 });
    expect(waiting.runAfter.getTime()).toBe(retryAt.getTime());
    expect(await worker().runOnce()).toBe(0); // not due: no call is made while paused
  });

  it('dead-letters validation errors at once, keeps the payload, and replays a corrected one', async () => {
    handler = async (job) => {
      if ((job.payload as { name: string }).name === '') {
        throw new ConnectorError('validation', 'Name is required', {
          system: 'XERO',
          status: 400,
          fieldErrors: [{ field: 'name', message: 'Name is required' }],
          upstream: { Elements: [{ ValidationErrors: [{ Message: 'Name is required' }] }] },
        });
      }
    };
    const since = await bus.head();
    const [job] = await enqueue([{ payload: { name: '' } }]);
    await worker().drain();
    const dead = await reload(job!);
    expect(dead).toMatchObject({ status: 'DEAD', attempts: 1, payload: { name: '' } });
    expect(dead.lastError).toMatchObject({ kind: 'validation', fieldErrors: [{ field: 'name' }] });
    expect((await outbox.attempts(job!.id))[0]?.upstream).toMatchObject({ Elements: [{}] });
    const types = (await new EventLog(db.prisma).after(since, null, 10)).map((e) => e.type);
    expect(types).toEqual(['SYNC_JOB_UPDATED', 'DEAD_LETTER_ADDED']);

    const [replayed] = await outbox.replay([job!.id], { name: 'Adatum Corporation' });
    expect(replayed).toMatchObject({ status: 'PENDING', attempts: 0 });
    await worker().drain();
    expect(await reload(job!)).toMatchObject({
      status: 'SUCCEEDED',
      payload: { name: 'Adatum Corporation' },
    });
  });

  it('dead-letters after the last allowed attempt', async () => {
    handler = async () => {
      throw new ConnectorError('transient', 'timeout', { system: 'NAV' });
    };
    const [job] = await enqueue([{ maxAttempts: 3, system: 'NAV' }]);
    await worker().drain();
    expect(await reload(job!)).toMatchObject({ status: 'DEAD', attempts: 3 });
    expect((await outbox.attempts(job!.id)).map((a) => a.outcome)).toEqual(['retry', 'retry', 'dead']);
  });

  it('records a conflict instead of overwriting', async () => {
    handler = async () => {
      throw new ConnectorError('conflict', 'Request_EntityChanged', {
        system: 'NAV',
        status: 409,
        fieldErrors: [{ field: 'creditLimit', message: 'changed in NAV' }],
        upstream: { No: 'C00010', Credit_Limit_LCY: 9000 },
      });
    };
    const [job] = await enqueue([{ system: 'NAV', payload: { creditLimit: '5000' } }]);
    await worker().drain();
    expect(await reload(job!)).toMatchObject({ status: 'CANCELLED' });
    const [conflict] = await new ConflictStore(db.prisma).list('OPEN', 10);
    expect(conflict).toMatchObject({
      entityId: job!.entityId,
      fields: ['creditLimit'],
      local: { creditLimit: '5000' },
      remote: { Credit_Limit_LCY: 9000 },
    });
  });

  it('runs the jobs of one record in order and dependents after their dependency', async () => {
    const order: string[] = [];
    handler = async (job) => void order.push((job.payload as { step: string }).step);
    const entityId = randomUUID();
    const [contact] = await enqueue([{ entityId, payload: { step: 'contact v1' } }]);
    await enqueue([{ entityId, payload: { step: 'contact v2' } }]);
    const [invoice] = await enqueue([
      { entityType: 'INVOICE', dependsOn: [contact!.id], payload: { step: 'invoice' } },
    ]);
    // Queued after the invoice, yet the invoice waits for it: a job may wait for several.
    const [item] = await enqueue([{ entityType: 'ITEM', payload: { step: 'item' } }]);
    await db.prisma.syncJob.update({
      where: { id: invoice!.id },
      data: { dependsOn: [contact!.id, item!.id] },
    });
    // One job per batch: the claim itself must respect order and dependencies.
    const w = worker('w1', 60_000, { batchSize: 1 });
    await w.drain();
    expect(order.indexOf('contact v1')).toBeLessThan(order.indexOf('contact v2'));
    expect(order.indexOf('contact v1')).toBeLessThan(order.indexOf('invoice'));
    expect(order.indexOf('item')).toBeLessThan(order.indexOf('invoice'));
    expect(order).toHaveLength(4);
  });

  it('kills a job whose dependency died', async () => {
    handler = async (job) => {
      if (job.entityType === 'CUSTOMER')
        throw new ConnectorError('validation', 'bad contact', { system: 'XERO' });
    };
    const [item] = await enqueue([{ entityType: 'ITEM' }]);
    const [contact] = await enqueue([{}]);
    const [invoice] = await enqueue([{ entityType: 'INVOICE', dependsOn: [item!.id, contact!.id] }]);
    await worker().drain();
    await worker().drain();
    const dead = await reload(invoice!);
    expect(dead.status).toBe('DEAD');
    expect(JSON.stringify(dead.lastError)).toMatch(/dead letter/);
    expect(JSON.stringify(dead.lastError)).toContain(contact!.id); // names the one that died
    expect((await reload(item!)).status).toBe('SUCCEEDED');
  });

  it('kills a job whose dependency ended in a conflict, and runs it when replayed alone', async () => {
    const ran: string[] = [];
    handler = async (job) => {
      if (job.entityType === 'CUSTOMER')
        throw new ConnectorError('conflict', 'Request_EntityChanged', { system: 'XERO', status: 409 });
      ran.push(job.id);
    };
    const [contact] = await enqueue([{}]);
    const [invoice] = await enqueue([{ entityType: 'INVOICE', dependsOn: [contact!.id] }]);
    await worker().drain();
    await worker().drain();
    expect((await reload(contact!)).status).toBe('CANCELLED');
    const dead = await reload(invoice!);
    expect(dead.status).toBe('DEAD'); // not left pending for ever behind the conflict
    expect(JSON.stringify(dead.lastError)).toMatch(/ended in a conflict; resolve it, then replay/);
    // Replayed on its own once the conflict is settled: the ended dependency no longer holds it.
    await outbox.replay([invoice!.id]);
    await worker().drain();
    expect(await reload(invoice!)).toMatchObject({ status: 'SUCCEEDED', dependsOn: [] });
    expect(ran).toEqual([invoice!.id]);
  });

  it('takes over a job whose worker died mid-flight once its lease expires, as an unknown outcome', async () => {
    const seen: boolean[] = [];
    handler = async (_job, ctx) => void seen.push(ctx.outcomeUnknown);
    const [job] = await enqueue([{}]);
    const claimed = await outbox.claim('crashed-worker', 10, 1);
    expect(claimed.map((j) => j.id)).toEqual([job!.id]);
    await new Promise((r) => setTimeout(r, 20));
    await worker('rescuer').drain();
    expect(await reload(job!)).toMatchObject({ status: 'SUCCEEDED' });
    // The dead worker may have written upstream before dying: the rescuer looks before creating.
    expect(seen).toEqual([true]);
  });

  it('shows a record as ERROR while its latest push is a dead letter, SYNCED once a replay succeeds', async () => {
    const master = new MasterData(db.prisma);
    const customer = await db.transaction((tx) =>
      master.saveCustomer(tx, null, {
        number: null,
        name: 'Tailspin Toys',
        email: null,
        phone: null,
        taxNumber: null,
        currency: 'GBP',
        status: 'ACTIVE',
        paymentTerms: null,
        address: null,
        creditLimit: null,
        syncStatus: 'PENDING',
      }),
    );
    let accept = false;
    handler = async () => {
      if (!accept) throw new ConnectorError('validation', 'Tax number is invalid', { system: 'XERO' });
    };
    const w = worker('w1', 60_000, {
      afterSettle: (tx, job) => master.settleSyncStatus(tx, 'customer', job.entityId),
    });
    const [job] = await enqueue([{ entityId: customer.id }]);
    await w.drain();
    const statusOf = async () =>
      (await db.prisma.customer.findUniqueOrThrow({ where: { id: customer.id } })).syncStatus;
    expect(await statusOf()).toBe('ERROR');
    accept = true;
    await outbox.replay([job!.id]);
    await w.drain();
    expect(await statusOf()).toBe('SYNCED');
  });

  it.skipIf(target.name !== 'postgresql')(
    'never runs the same job twice when two gateways (separate connection pools) share one PostgreSQL',
    async () => {
      const other = await openDatabase({ url: db.url!, poolSize: 4 });
      try {
        const runs = new Map<string, number>();
        handler = async (job) => {
          runs.set(job.id, (runs.get(job.id) ?? 0) + 1);
          await new Promise((r) => setTimeout(r, 1));
        };
        await enqueue(Array.from({ length: 150 }, () => ({})));
        const otherBus = EventBus.create(new EventLog(other.prisma));
        const gatewayA = ['a1', 'a2'].map((id) => worker(id));
        const gatewayB = ['b1', 'b2'].map(
          (id) =>
            new SyncWorker({
              db: other,
              outbox: new Outbox(other.prisma),
              conflicts: new ConflictStore(other.prisma),
              bus: otherBus,
              log,
              handlerFor: () => handler,
              workerId: id,
              policy: noDelay,
            }),
        );
        await Promise.all([...gatewayA, ...gatewayB].map((w) => w.drain()));
        await otherBus.close();
        expect(runs.size).toBe(150);
        expect([...runs.values()].every((n) => n === 1)).toBe(true);
        const byWorker = await db.prisma.syncAttempt.groupBy({ by: ['workerId'], _count: { _all: true } });
        expect(byWorker.some((w) => w.workerId.startsWith('b'))).toBe(true); // both gateways took work
      } finally {
        await other.close();
      }
    },
  );

  it('holds a short batch for more jobs of its kind when its route asks, and only then', async () => {
    const batches: string[][] = [];
    let hold = 0;
    let asked = 0;
    const batching = worker('batching', 60_000, {
      batchFor: (job) => ({
        key: `${job.system}:${job.tenant}:${job.entityType}`,
        handler: async (jobs) => {
          batches.push(jobs.map((j) => j.id));
          return jobs.map(() => null);
        },
        holdMs: async () => {
          asked += 1;
          return hold;
        },
      }),
      batchSize: 3,
    });

    const [alone] = await enqueue([{}]);
    expect(await batching.runOnce()).toBe(1);
    expect(batches).toEqual([[alone!.id]]);

    hold = 2_000;
    const [first] = await enqueue([{}]);
    const running = batching.runOnce();
    await new Promise((r) => setTimeout(r, 100));
    const later = await enqueue([{}, {}, {}]);
    const [otherKind] = await enqueue([{ entityType: 'ITEM' }]);
    expect(await running).toBe(3);
    // Topped up to the batch size with jobs of its kind; the fourth and the item wait their turn.
    expect(batches[1]).toEqual([first!.id, later[0]!.id, later[1]!.id]);
    expect((await reload(otherKind!)).status).toBe('PENDING');
    expect((await reload(later[2]!)).status).toBe('PENDING');

    hold = 0;
    await batching.drain();
    // A full batch goes at once, without asking.
    asked = 0;
    await enqueue([{}, {}, {}]);
    expect(await batching.runOnce()).toBe(3);
    expect(asked).toBe(0);
  });

  it('never runs the same job twice with several workers claiming at once', async () => {
    const runs = new Map<string, number>();
    handler = async (job) => {
      runs.set(job.id, (runs.get(job.id) ?? 0) + 1);
      await new Promise((r) => setTimeout(r, 1));
    };
    const jobs = await enqueue(Array.from({ length: 120 }, () => ({})));
    const workers = ['a', 'b', 'c', 'd'].map((id) => worker(id));
    await Promise.all(workers.map((w) => w.drain()));
    expect(runs.size).toBe(120);
    expect([...runs.values()].every((n) => n === 1)).toBe(true);
    const statuses = await db.prisma.syncJob.groupBy({ by: ['status'], _count: { _all: true } });
    expect(statuses).toEqual([{ status: 'SUCCEEDED', _count: { _all: jobs.length } }]);
  });
});
