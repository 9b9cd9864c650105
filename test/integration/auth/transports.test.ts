// Credentials on both transports: OIDC tokens and API keys over HTTP and graphql-ws. A bad
// credential closes the WebSocket (4403); a token's socket is closed when the token expires (4401).
import type { Client } from 'graphql-ws';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintApiKey } from '../../../src/auth/api-keys.js';
import { configSchema } from '../../../src/config/schema.js';
import { startServer } from '../../../src/graphql/server.js';
import { ApiKeyStore } from '../../../src/store/api-keys.js';
import { createSyncServices } from '../../../src/sync/services.js';
import { databaseTargets } from '../../support/databases.js';
import { startTestGateway, type TestGateway } from '../../support/gateway.js';
import { startTestIssuer, type TestIssuer } from '../../support/oidc-issuer.js';

const [pglite] = await databaseTargets();
const audience = 'ledgerbridge-api';
const read = '{ customers(first: 1) { edges { node { id } } } }';
const subscription = 'subscription { entityChanged { seq } }';
const codeOf = (body: { errors?: { extensions?: Record<string, unknown> }[] }) =>
  body.errors?.[0]?.extensions?.code;
const seconds = (s: number) => Math.floor(Date.now() / 1000) + s;

/** Subscribes and reports how it ended: an error code, a close code, or "open" after `waitMs`. */
function outcome(client: Client, waitMs: number): Promise<string> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve('open'), waitMs);
    client.subscribe(
      { query: subscription },
      {
        next: (value) => {
          clearTimeout(timer);
          resolve(`error ${String(value.errors?.[0]?.extensions?.code)}`);
        },
        error: (error: unknown) => {
          clearTimeout(timer);
          const code = (error as { code?: number }).code;
          resolve(
            code
              ? `closed ${code}`
              : `error ${String((error as { extensions?: { code?: string } }[])[0]?.extensions?.code)}`,
          );
        },
        complete: () => resolve('complete'),
      },
    );
  });
}

describe('credentials over HTTP and WebSocket', () => {
  let db: Awaited<ReturnType<NonNullable<typeof pglite>['open']>>;
  let issuer: TestIssuer;
  let gateway: TestGateway;
  let store: ApiKeyStore;

  beforeAll(async () => {
    db = await pglite!.open();
    issuer = await startTestIssuer(audience);
    gateway = await startTestGateway(
      db,
      {},
      { AUTH_OIDC_ISSUER: issuer.issuer, AUTH_OIDC_AUDIENCE: audience },
    );
    store = new ApiKeyStore(db.prisma);
  });
  afterAll(async () => {
    await gateway?.close();
    await issuer?.close();
    await db?.dispose();
  });

  it('HTTP: a valid token reads, an expired one is refused with 401', async () => {
    const valid = await issuer.sign({ sub: 'u1', roles: ['viewer'] });
    expect((await gateway.post(read, {}, { authorization: `Bearer ${valid}` })).body.errors).toBeUndefined();
    const expired = await issuer.sign({ sub: 'u1', roles: ['admin'] }, { expiresIn: seconds(-10) });
    const refused = await gateway.post(read, {}, { authorization: `Bearer ${expired}` });
    expect(refused.status).toBe(401);
    expect(codeOf(refused.body)).toBe('UNAUTHENTICATED');
  });

  it('HTTP: a token without a known role is FORBIDDEN (403)', async () => {
    const token = await issuer.sign({ sub: 'u2', roles: ['auditor'] });
    const refused = await gateway.post(read, {}, { authorization: `Bearer ${token}` });
    expect(refused.status).toBe(403);
    expect(codeOf(refused.body)).toBe('FORBIDDEN');
  });

  it('WebSocket: no credential subscribes to nothing, a revoked key or expired token is closed 4403', async () => {
    expect(await outcome(gateway.wsClient(), 5_000)).toBe('error UNAUTHENTICATED');

    const { key, ...secret } = mintApiKey();
    const row = await store.create({ name: 'ws', role: 'viewer', ...secret });
    expect(await outcome(gateway.wsClient({ authorization: `Bearer ${key}` }), 1_500)).toBe('open');
    await store.revoke(row.id);
    expect(await outcome(gateway.wsClient({ authorization: `Bearer ${key}` }), 5_000)).toBe('closed 4403');

    const expired = await issuer.sign({ roles: ['viewer'] }, { expiresIn: seconds(-10) });
    expect(await outcome(gateway.wsClient({ authorization: `Bearer ${expired}` }), 5_000)).toBe(
      'closed 4403',
    );
  });

  it('WebSocket: a subscription ends when its token expires', async () => {
    const exp = seconds(3);
    const token = await issuer.sign({ roles: ['viewer'] }, { expiresIn: exp });
    const ended = await outcome(gateway.wsClient({ authorization: `Bearer ${token}` }), 10_000);
    expect(ended).toBe('closed 4401');
    expect(Date.now()).toBeGreaterThanOrEqual(exp * 1000 - 50);
  });
});

describe('where the server listens', () => {
  const listen = async (env: Record<string, string>) => {
    const db = await pglite!.open();
    const lines: string[] = [];
    const log = pino({ level: 'warn' }, { write: (line: string) => lines.push(line) });
    const config = configSchema.parse({ PORT: '0', NODE_ENV: 'test', ...env });
    const sync = createSyncServices(db);
    const server = await startServer(config, db, log, sync);
    await server.close();
    await sync.close();
    await db.dispose();
    return { url: server.url, log: lines.join('') };
  };

  it('without authentication: 127.0.0.1 whatever HOST says, with a loud warning', async () => {
    const { url, log } = await listen({ HOST: '0.0.0.0' });
    expect(new URL(url).hostname).toBe('127.0.0.1');
    expect(log).toContain('NO AUTHENTICATION CONFIGURED');
  });

  it('with AUTH_MODE=required: HOST as configured, no warning', async () => {
    const { url, log } = await listen({ HOST: '0.0.0.0', AUTH_MODE: 'required' });
    expect(new URL(url).hostname).toBe('localhost');
    expect(log).not.toContain('NO AUTHENTICATION');
  });
});
