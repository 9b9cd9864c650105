import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SecretBox, resolveSecretKey } from '../../../../src/store/secret-box.js';
import {
  handleXeroWebhook,
  signXeroWebhook,
  verifyXeroSignature,
} from '../../../../src/systems/xero/webhooks.js';
import { RateGovernor } from '../../../../src/systems/xero/governor.js';
import { ConnectorError } from '../../../../src/systems/errors.js';

describe('SecretBox', () => {
  it('seals with AES-256-GCM bound to its owner; tampering or another key fails', () => {
    const box = new SecretBox(randomBytes(32));
    const sealed = box.seal('access-token-value', 'row-1');
    expect(sealed).not.toContain('access-token-value');
    expect(box.open(sealed, 'row-1')).toBe('access-token-value');
    expect(() => box.open(sealed, 'row-2')).toThrow(/does not open/);
    expect(() => new SecretBox(randomBytes(32)).open(sealed, 'row-1')).toThrow(/does not open/);
    expect(box.seal('x')).not.toBe(box.seal('x'));
  });

  it('generates a key once into DATA_DIR with mode 0600, and requires one with DATABASE_URL', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'lb-key-'));
    try {
      const logs: string[] = [];
      const log = { info: () => undefined, warn: (_o: object, m: string) => void logs.push(m) };
      const a = await resolveSecretKey({ dataDir: dir, log });
      const b = await resolveSecretKey({ dataDir: dir, log });
      expect(a.equals(b)).toBe(true);
      expect(logs).toHaveLength(1);
      expect((await stat(path.join(dir, 'secret.key'))).mode & 0o777).toBe(0o600);
      expect(logs.join('')).not.toContain((await readFile(path.join(dir, 'secret.key'), 'utf8')).trim());
      await expect(resolveSecretKey({ dataDir: dir, databaseUrl: 'postgresql://x/y' })).rejects.toThrow(
        /required/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('Xero webhook signatures', () => {
  const key = 'k'.repeat(40);
  const body = Buffer.from('{"events":[],"firstEventSequence":0,"lastEventSequence":0,"entropy":"ABC"}');
  it('verifies the raw body in constant time', () => {
    expect(verifyXeroSignature(body, signXeroWebhook(body, key), key)).toBe(true);
    expect(verifyXeroSignature(body, signXeroWebhook(body, 'other'), key)).toBe(false);
    expect(verifyXeroSignature(Buffer.from(`${body.toString()} `), signXeroWebhook(body, key), key)).toBe(
      false,
    );
    expect(verifyXeroSignature(body, undefined, key)).toBe(false);
    expect(verifyXeroSignature(body, 'short', key)).toBe(false);
  });

  it('hands events on before acknowledging; a failing store answers 500', async () => {
    const payload = Buffer.from(
      JSON.stringify({
        events: [
          {
            resourceUrl: 'https://api.xero.com/api.xro/2.0/Contacts/1',
            resourceId: '1',
            eventDateUtc: '2026-11-02T10:00:00',
            eventType: 'UPDATE',
            eventCategory: 'CONTACT',
            tenantId: 't',
            tenantType: 'ORGANISATION',
          },
        ],
        firstEventSequence: 1,
        lastEventSequence: 1,
        entropy: 'X',
      }),
    );
    const got: unknown[] = [];
    const sig = signXeroWebhook(payload, key);
    expect(await handleXeroWebhook(payload, sig, { key, onEvents: async (p) => void got.push(p) })).toBe(200);
    expect(got).toHaveLength(1);
    const failing = async () => {
      throw new Error('db down');
    };
    expect(await handleXeroWebhook(payload, sig, { key, onEvents: failing })).toBe(500);
    expect(await handleXeroWebhook(payload, 'bad', { key, onEvents: failing })).toBe(401);
  });
});

describe('RateGovernor', () => {
  it('serves interactive calls before queued bulk calls', async () => {
    const g = new RateGovernor({ limits: { concurrent: 1, perMinute: 100_000, appPerMinute: 1_000_000 } });
    const order: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const first = g.run('t', 'bulk', () => gate);
    const bulk = g.run('t', 'bulk', async () => void order.push('bulk'));
    const interactive = g.run('t', 'interactive', async () => void order.push('interactive'));
    release();
    await Promise.all([first, bulk, interactive]);
    expect(order).toEqual(['interactive', 'bulk']);
  });

  it('a pause longer than maxWait fails fast as rate-limited; other tenants go on', async () => {
    let now = 1_000_000;
    const g = new RateGovernor({
      limits: { perMinute: 100_000, appPerMinute: 1_000_000 },
      now: () => now,
      maxWaitMs: 10_000,
    });
    const retryAt = await g.rateLimited('t1', 3600, 'day');
    expect(retryAt.getTime()).toBe(now + 3_600_000);
    let called = false;
    const e = await g.run('t1', 'bulk', async () => void (called = true)).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(ConnectorError);
    expect((e as ConnectorError).details).toMatchObject({ limit: 'day', retryAt });
    expect(called).toBe(false);
    await g.run('t2', 'bulk', async () => void (called = true));
    expect(called).toBe(true);
    now += 3_600_001;
    await g.run('t1', 'bulk', async () => undefined);
  });

  it('reconciles the day budget with X-DayLimit-Remaining', async () => {
    const g = new RateGovernor({
      limits: { perDay: 100, perMinute: 100_000, appPerMinute: 1_000_000 },
      maxWaitMs: 0,
    });
    await g.run('t', 'bulk', async () => undefined);
    await g.observe('t', { dayRemaining: 0 });
    const e = await g.run('t', 'bulk', async () => undefined).catch((err: unknown) => err);
    expect((e as ConnectorError).kind).toBe('rate-limited');
    expect((e as ConnectorError).details.limit).toBe('day');
  });

  it("holds short write batches longer as the tenant's day budget is used, and through a pause", async () => {
    const g = new RateGovernor({
      limits: { perDay: 100, perMinute: 100_000, appPerMinute: 1_000_000 },
      minuteMs: 60_000,
    });
    expect(await g.batchHoldMs('t')).toBe(0);
    for (let i = 0; i < 10; i++) await g.run('t', 'bulk', async () => undefined);
    // A tenth of the day used: a fifth of a minute; half of it used: the whole minute.
    expect(await g.batchHoldMs('t')).toBe(12_000);
    for (let i = 0; i < 40; i++) await g.run('t', 'bulk', async () => undefined);
    expect(await g.batchHoldMs('t')).toBe(60_000);
    expect(await g.batchHoldMs('other')).toBe(0);
    await g.rateLimited('other', 90, 'minute');
    expect(await g.batchHoldMs('other')).toBeGreaterThan(89_000);
  });
});
