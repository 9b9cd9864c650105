import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness, START, TENANT_B } from './harness.js';

describe('Xero sandbox: rate limits (scaled down, injected clock)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start({ limits: { perMinute: 3, perDay: 5, concurrent: 2, appPerMinute: 100 } });
  });
  afterAll(async () => {
    await h.close();
  });

  it('reports remaining quota on every response and answers 429 minute with Retry-After', async () => {
    const r1 = await h.api('GET', '/Organisation');
    expect(r1.headers.get('x-minlimit-remaining')).toBe('2');
    expect(r1.headers.get('x-daylimit-remaining')).toBe('4');
    expect(r1.headers.get('x-appminlimit-remaining')).toBe('99');
    h.clock.ms = START + 20_000;
    await h.api('GET', '/Organisation');
    await h.api('GET', '/Organisation');
    const limited = await h.api('GET', '/Organisation');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('x-rate-limit-problem')).toBe('minute');
    // The first call leaves the rolling minute 40 s later.
    expect(limited.headers.get('retry-after')).toBe('40');
    expect(limited.headers.get('x-minlimit-remaining')).toBe('0');
    expect(limited.body).toMatchObject({ Title: 'Too Many Requests', Status: 429 });
  });

  it('limits per day, per tenant', async () => {
    h.clock.ms = START + 81_000;
    await h.api('GET', '/Organisation'); // 4th of the day (rolling 24 h)
    await h.api('GET', '/Organisation'); // 5th
    const limited = await h.api('GET', '/Organisation');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('x-rate-limit-problem')).toBe('day');
    expect(Number(limited.headers.get('retry-after'))).toBe(86_400 - 81);
    // Another organisation has its own quota.
    h.tenant = TENANT_B;
    expect((await h.api('GET', '/Organisation')).status).toBe(200);
  });

  it('limits concurrent calls per tenant', async () => {
    await h.admin('POST', '/reset');
    await h.admin('POST', '/faults', { kind: 'latency', ms: 300, path: '/Organisation', count: 2 });
    const slow = [h.api('GET', '/Organisation'), h.api('GET', '/Organisation')];
    await new Promise((r) => setTimeout(r, 100));
    const third = await h.api('GET', '/Contacts');
    expect(third.status).toBe(429);
    expect(third.headers.get('x-rate-limit-problem')).toBe('concurrent');
    expect((await Promise.all(slow)).map((r) => r.status)).toEqual([200, 200]);
  });

  it('limits calls per minute across the whole app', async () => {
    await h.admin('POST', '/reset');
    await h.admin('POST', '/limits', { appPerMinute: 2, perMinute: 60, perDay: 5000 });
    await h.api('GET', '/Organisation');
    h.tenant = TENANT_B;
    await h.api('GET', '/Organisation');
    const limited = await h.api('GET', '/Organisation');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('x-rate-limit-problem')).toBe('appminute');
    // Admin routes are never limited.
    expect((await h.admin('GET', '/calls')).status).toBe(200);
  });
});
