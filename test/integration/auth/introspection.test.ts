// Introspection by role (INTROSPECTION_ROLES; by default every role, and admin only in
// production), on HTTP and WebSocket; `__typename` is never refused. And production answers an
// internal failure with a generic message: no stack trace, no internal detail.
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintApiKey } from '../../../src/auth/api-keys.js';
import type { Role } from '../../../src/auth/roles.js';
import { ApiKeyStore } from '../../../src/store/api-keys.js';
import { databaseTargets } from '../../support/databases.js';
import { startTestGateway, type GraphQLResponse, type TestGateway } from '../../support/gateway.js';
import { startTestIssuer } from '../../support/oidc-issuer.js';

const [pglite] = await databaseTargets();
const schemaQuery = '{ __schema { queryType { name } } }';
const typeInFragment = 'query { ...T } fragment T on Query { __type(name: "Customer") { name } }';
const typename = '{ __typename customers(first: 1) { edges { node { id } } } }';
const codeOf = (body: GraphQLResponse<unknown>) => body.errors?.[0]?.extensions?.code;

function overWs(client: Client, query: string): Promise<GraphQLResponse<unknown>> {
  return new Promise((resolve) => {
    client.subscribe(
      { query },
      {
        next: (value) => resolve(value as GraphQLResponse<unknown>),
        error: (errors: unknown) =>
          resolve({ errors: errors as NonNullable<GraphQLResponse<unknown>['errors']> }),
        complete: () => {},
      },
    );
  });
}

async function withKeys(db: Parameters<typeof startTestGateway>[0], ...roles: Role[]) {
  const store = new ApiKeyStore(db.prisma);
  const keys = {} as Record<Role, { authorization: string }>;
  for (const role of roles) {
    const { key, ...secret } = mintApiKey();
    await store.create({ name: role, role, ...secret });
    keys[role] = { authorization: `Bearer ${key}` };
  }
  return keys;
}

describe('introspection by role', () => {
  let db: Awaited<ReturnType<NonNullable<typeof pglite>['open']>>;
  const gateways: TestGateway[] = [];
  let keys: Record<Role, { authorization: string }>;
  const start = async (env: Record<string, string>) => {
    const gateway = await startTestGateway(db, {}, { AUTH_MODE: 'required', ...env });
    gateways.push(gateway);
    return gateway;
  };

  beforeAll(async () => {
    db = await pglite!.open();
    keys = await withKeys(db, 'viewer', 'operator', 'admin');
  });
  afterAll(async () => {
    for (const gateway of gateways) await gateway.close();
    await db?.dispose();
  });

  it('configured for admin: a viewer is refused FORBIDDEN (403) on HTTP, fragments included; admin is served', async () => {
    const gateway = await start({ INTROSPECTION_ROLES: 'admin' });
    for (const query of [schemaQuery, typeInFragment]) {
      const refused = await gateway.post(query, {}, keys.viewer);
      expect(refused.status).toBe(403);
      expect(codeOf(refused.body)).toBe('FORBIDDEN');
      expect(refused.body.data ?? null).toBeNull();
      const served = await gateway.post(query, {}, keys.admin);
      expect(served.body.errors).toBeUndefined();
    }
    expect((await gateway.post(schemaQuery, {}, keys.operator)).status).toBe(403);
    const plain = await gateway.post<{ __typename: string }>(typename, {}, keys.viewer);
    expect(plain.body.errors).toBeUndefined();
    expect(plain.body.data?.__typename).toBe('Query');
    // Without a credential introspection is not answered either.
    expect(codeOf((await gateway.post(schemaQuery)).body)).toBe('UNAUTHENTICATED');
  });

  it('configured for admin: the same over WebSocket', async () => {
    const gateway = await start({ INTROSPECTION_ROLES: 'admin' });
    const viewer = await overWs(gateway.wsClient(keys.viewer), schemaQuery);
    expect(codeOf(viewer)).toBe('FORBIDDEN');
    expect(viewer.data ?? null).toBeNull();
    const admin = await overWs(gateway.wsClient(keys.admin), schemaQuery);
    expect(admin.errors).toBeUndefined();
    expect(admin.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    expect((await overWs(gateway.wsClient(keys.viewer), '{ __typename }')).data).toEqual({
      __typename: 'Query',
    });
  });

  it('by default every role outside production; admin only in production; "none" refuses everyone', async () => {
    const development = await start({});
    expect((await development.post(schemaQuery, {}, keys.viewer)).body.errors).toBeUndefined();
    const production = await start({
      NODE_ENV: 'production',
      SECRET_KEY: Buffer.alloc(32, 1).toString('base64'),
    });
    expect(codeOf((await production.post(schemaQuery, {}, keys.viewer)).body)).toBe('FORBIDDEN');
    expect(codeOf((await production.post(schemaQuery, {}, keys.operator)).body)).toBe('FORBIDDEN');
    expect((await production.post(schemaQuery, {}, keys.admin)).body.errors).toBeUndefined();
    const none = await start({ INTROSPECTION_ROLES: 'none' });
    expect(codeOf((await none.post(schemaQuery, {}, keys.admin)).body)).toBe('FORBIDDEN');
  });
});

describe('production hides internal failures', () => {
  it('an internal error is answered with a generic message, no stack trace, no detail', async () => {
    const db = await pglite!.open();
    const issuer = await startTestIssuer('ledgerbridge-api');
    const gateway = await startTestGateway(
      db,
      {},
      {
        NODE_ENV: 'production',
        SECRET_KEY: Buffer.alloc(32, 1).toString('base64'),
        AUTH_OIDC_ISSUER: issuer.issuer,
        AUTH_OIDC_AUDIENCE: 'ledgerbridge-api',
      },
    );
    const { viewer } = await withKeys(db, 'viewer');
    const token = `Bearer ${await issuer.sign({ sub: 'u1', roles: ['admin'] })}`;
    try {
      // The database goes away under the running gateway: every read fails inside.
      await db.close();
      for (const authorization of [token, viewer.authorization]) {
        const response = await fetch(gateway.server.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization },
          body: JSON.stringify({ query: '{ customers(first: 1) { edges { node { id name } } } }' }),
        });
        const text = await response.text();
        expect(text).not.toMatch(/stacktrace|\bat \w|node_modules|prisma|pglite|closed|Context creation/i);
        const body = JSON.parse(text) as GraphQLResponse<unknown>;
        expect(body.errors?.[0]).toMatchObject({
          message: 'Internal error; it has been logged.',
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        });
      }
    } finally {
      await gateway.close();
      await issuer.close();
      await db.dispose().catch(() => {});
    }
  });
});
