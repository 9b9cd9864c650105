// Tokens: encrypted at rest, renewed before expiry, a 401 renews once and retries once, two
// refreshers racing over one credential row spend the single-use refresh token exactly once, and
// tokens never appear in errors or logs.
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConnectorError } from '../../../../src/systems/errors.js';
import { XeroTokenSource } from '../../../../src/systems/xero/index.js';
import { redactedPaths } from '../../../../src/ops/logger.js';
import { collect, startEnv, type Env } from './support.js';

describe('Xero connector: OAuth tokens', () => {
  let env: Env;
  beforeAll(async () => {
    env = await startEnv();
  });
  afterAll(async () => {
    await env?.close();
  });
  beforeEach(async () => {
    await env.admin('DELETE', '/faults');
    await env.resetCalls();
  });

  it('stores the connection with its tenants, tokens sealed at rest', async () => {
    const stored = await env.store.get('XERO', 'main');
    expect(stored?.tenants.map((t) => t.tenantId)).toContain(env.tenantId);
    expect(stored?.refreshToken).toBeTruthy();
    const rows = await env.db.prisma.$queryRawUnsafe<Record<string, unknown>[]>(
      'SELECT * FROM connector_credential',
    );
    const raw = JSON.stringify(rows);
    expect(raw).not.toContain(stored?.accessToken ?? 'x');
    expect(raw).not.toContain(stored?.refreshToken ?? 'x');
  });

  it('renews an expiring token before using it and rotates the refresh token', async () => {
    const before = await env.store.get('XERO', 'main');
    await env.db.prisma.connectorCredential.update({
      where: { system_name: { system: 'XERO', name: 'main' } },
      data: { accessExpiresAt: new Date(Date.now() + 60_000) }, // inside the 5-minute margin
    });
    env.tokenCalls.length = 0;
    await collect(env.connector({ tokens: env.tokenSource() }).list('invoice'));
    expect(env.tokenCalls).toEqual(['refresh_token']);
    const after = await env.store.get('XERO', 'main');
    expect(after?.refreshToken).not.toBe(before?.refreshToken);
    expect(after?.accessToken).not.toBe(before?.accessToken);
    expect((await env.calls())['GET /Invoices']).toBe(1);
  });

  it('a 401 renews once and retries once', async () => {
    env.tokenCalls.length = 0;
    await env.admin('POST', '/tokens/expire');
    const { records } = await collect(env.connector({ tokens: env.tokenSource() }).list('bill'));
    expect(records.length).toBeGreaterThan(0);
    expect(env.tokenCalls).toEqual(['refresh_token']);
    expect((await env.calls())['GET /Invoices']).toBe(2);
  });

  it('two refreshers racing over one credential row: one refresh reaches Xero, both end with a working token', async () => {
    await env.db.prisma.connectorCredential.update({
      where: { system_name: { system: 'XERO', name: 'main' } },
      data: { accessExpiresAt: new Date(Date.now() - 1000) },
    });
    await env.admin('POST', '/tokens/expire');
    env.tokenCalls.length = 0;
    // Two token sources = two gateway processes sharing the database.
    const a = env.connector({ tokens: env.tokenSource() });
    const b = env.connector({ tokens: env.tokenSource() });
    const [ra, rb] = await Promise.all([collect(a.list('bill')), collect(b.list('bill'))]);
    expect(ra.records.length).toBeGreaterThan(0);
    expect(rb.records.length).toBe(ra.records.length);
    expect(env.tokenCalls).toEqual(['refresh_token']);
    // Both hold the same fresh token and it works; the connection is not lost.
    const calls = await env.calls();
    expect(calls['GET /Invoices']).toBe(2);
  });

  it('a spent refresh token is an auth error (reconnect needed), with no token in message or log', async () => {
    const lines: string[] = [];
    const logger = pino(
      { redact: { paths: redactedPaths, censor: '[redacted]' }, level: 'debug' },
      new Writable({
        write(chunk: Buffer, _enc, done) {
          lines.push(chunk.toString());
          done();
        },
      }),
    );
    const stored = await env.store.get('XERO', 'main');
    if (!stored?.refreshToken) throw new Error('no refresh token');
    // Spend the stored refresh token behind the store's back.
    await env.identity.refresh(stored.refreshToken);
    await env.db.prisma.connectorCredential.update({
      where: { system_name: { system: 'XERO', name: 'main' } },
      data: { accessExpiresAt: new Date(Date.now() - 1000) },
    });
    const tokens = new XeroTokenSource({
      store: env.store,
      connection: 'main',
      identity: env.identity,
      logger,
    });
    const error = await collect(env.connector({ tokens }).list('bill')).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).kind).toBe('auth');
    logger.error({ err: error }, 'sync failed');
    const text = `${String(error)} ${JSON.stringify(error)} ${(error as Error).stack ?? ''} ${lines.join('')}`;
    expect(text).not.toContain(stored.refreshToken);
    expect(text).not.toContain(stored.accessToken);
    expect(text).toMatch(/invalid_grant/);
  });
});
