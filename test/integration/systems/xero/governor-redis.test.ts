// Several gateway processes share one Xero budget through Redis: calls counted by one governor
// count for the other, and a 429 pause seen by one stops the other too.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { ConnectorError } from '../../../../src/systems/errors.js';
import { RateGovernor, redisWindow } from '../../../../src/systems/xero/governor.js';
import { redisForTests } from '../../../support/redis.js';

const { url: redisUrl, problem } = await redisForTests();
if (problem) console.warn(`[skip] shared Xero rate budget through Redis: ${problem}.`);

describe.skipIf(problem !== null)('Xero rate governor shared through Redis', () => {
  const clients: Redis[] = [];
  const governor = (keyPrefix: string) => {
    const redis = new Redis(redisUrl!);
    clients.push(redis);
    // Two "processes": separate governors and Redis connections, one key prefix (one Xero app).
    return new RateGovernor({ redis, keyPrefix, limits: { perMinute: 3 }, maxWaitMs: 50 });
  };

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.quit()));
  });

  it('counts calls made by either process against one minute budget', async () => {
    // The governor spaces calls evenly over Xero's rolling minute (3 a minute: one per ~20 s), so
    // right after a call by one process, the other must wait — it would not, were budgets local.
    const prefix = `lb:test:${randomUUID()}`;
    const a = governor(prefix);
    const b = governor(prefix);
    let calls = 0;
    const call = () => Promise.resolve((calls += 1));
    await a.run('tenant-1', 'bulk', call);
    const second = await b.run('tenant-1', 'bulk', call).catch((e: unknown) => e);
    expect(second).toBeInstanceOf(ConnectorError);
    expect((second as ConnectorError).kind).toBe('rate-limited');
    expect(calls).toBe(1); // the second never reached Xero
    // Another tenant, and another app (key prefix), have budgets of their own.
    await b.run('tenant-2', 'bulk', call);
    await governor(`lb:test:${randomUUID()}`).run('tenant-1', 'bulk', call);
    expect(calls).toBe(3);
  });

  it('pauses every process when one of them is told to wait', async () => {
    const prefix = `lb:test:${randomUUID()}`;
    const a = governor(prefix);
    const b = governor(prefix);
    await a.rateLimited('tenant-1', 60, 'minute');
    let called = false;
    const result = await b
      .run('tenant-1', 'interactive', () => Promise.resolve((called = true)))
      .catch((e: unknown) => e);
    expect(result).toBeInstanceOf(ConnectorError);
    expect((result as ConnectorError).details.retryAt).toBeInstanceOf(Date);
    expect(called).toBe(false);
  });
});

describe('whole-second windows for the shared budget', () => {
  it('never let a 61-second span hold more calls than the limit, and keep most of the throughput', () => {
    for (const limit of [3, 10, 60, 100, 5000, 10000]) {
      const { points, seconds } = redisWindow(limit, 61_000);
      expect((Math.ceil(61 / seconds) + 1) * points).toBeLessThanOrEqual(limit);
      if (limit >= 60) expect((points / seconds) * 61).toBeGreaterThan(limit * 0.8);
    }
  });
});
