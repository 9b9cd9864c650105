// Refused OIDC tokens leave their audit entry: an expired token, a token for another audience and
// one whose signing key the issuer does not publish (all from a real local issuer), over HTTP and
// on a WebSocket's connection_init — each one entry, outcome UNAUTHENTICATED with the reason, and
// never the token itself; a token naming no known role is FORBIDDEN. An accepted token's mutation
// names its subject.
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargets } from '../../support/databases.js';
import { startTestGateway, type TestGateway } from '../../support/gateway.js';
import { startTestIssuer, type TestIssuer } from '../../support/oidc-issuer.js';

const [pglite] = await databaseTargets();
const audience = 'ledgerbridge-api';
const upsert = `mutation { upsertCustomer(input: { name: "Token Ltd", currency: "GBP" }) { record { id } } }`;
const seconds = (s: number) => Math.floor(Date.now() / 1000) + s;

/** How a socket opened with this connection_init payload ends: its close code. */
function closeCode(client: Client): Promise<unknown> {
  return new Promise((resolve) =>
    client.subscribe(
      { query: 'subscription { entityChanged { seq } }' },
      {
        next: () => resolve('next'),
        error: (error: unknown) => resolve((error as { code?: number }).code),
        complete: () => resolve('complete'),
      },
    ),
  );
}

describe('audit entries of refused OIDC tokens', () => {
  let db: Awaited<ReturnType<NonNullable<typeof pglite>['open']>>;
  let issuer: TestIssuer;
  let gateway: TestGateway;
  const latest = () => db.prisma.auditEntry.findFirst({ orderBy: { seq: 'desc' } });
  const count = () => db.prisma.auditEntry.count();
  const text = (value: unknown) =>
    JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}` : v));

  beforeAll(async () => {
    db = await pglite!.open();
    issuer = await startTestIssuer(audience);
    gateway = await startTestGateway(
      db,
      {},
      { AUTH_OIDC_ISSUER: issuer.issuer, AUTH_OIDC_AUDIENCE: audience },
    );
  });
  afterAll(async () => {
    await gateway?.close();
    await issuer?.close();
    await db?.dispose();
  });

  it('expired, wrong audience, unknown key over HTTP: one UNAUTHENTICATED entry each, with the reason', async () => {
    const cases = [
      {
        token: await issuer.sign({ sub: 'u-expired', roles: ['admin'] }, { expiresIn: seconds(-10) }),
        reason: /expired/,
      },
      {
        token: await issuer.sign({ sub: 'u-aud', roles: ['admin'] }, { audience: 'another-api' }),
        reason: /aud claim is not accepted/,
      },
      {
        token: await issuer.signWithStranger({ sub: 'u-stranger', roles: ['admin'] }),
        reason: /unknown key/,
      },
    ];
    for (const { token, reason } of cases) {
      const customers = await db.prisma.customer.count();
      const before = await count();
      const answer = await gateway.post(
        upsert,
        {},
        { authorization: `Bearer ${token}`, 'x-request-id': 'req-oidc' },
      );
      expect(answer.status).toBe(401);
      expect(await count()).toBe(before + 1);
      const entry = await latest();
      expect(entry).toMatchObject({
        actorKind: 'anonymous',
        operation: 'authenticate',
        outcome: 'UNAUTHENTICATED',
        requestId: 'req-oidc',
        arguments: { transport: 'http', presented: 'bearer token' },
      });
      expect((entry!.arguments as { reason: string }).reason).toMatch(reason);
      expect(text(entry)).not.toContain(token.split('.')[1]!);
      expect(await db.prisma.customer.count()).toBe(customers);
    }
  });

  it('a token naming no known role: FORBIDDEN, and its entry', async () => {
    const token = await issuer.sign({ sub: 'u-auditor', roles: ['auditor'] });
    const answer = await gateway.post(upsert, {}, { authorization: `Bearer ${token}` });
    expect(answer.status).toBe(403);
    expect(await latest()).toMatchObject({
      actorKind: 'anonymous',
      operation: 'authenticate',
      outcome: 'FORBIDDEN',
    });
  });

  it('an expired token on a WebSocket: closed 4403 and a connection_init entry', async () => {
    const token = await issuer.sign({ sub: 'u-ws', roles: ['admin'] }, { expiresIn: seconds(-10) });
    const before = await count();
    expect(await closeCode(gateway.wsClient({ authorization: `Bearer ${token}` }))).toBe(4403);
    expect(await count()).toBe(before + 1);
    const entry = await latest();
    expect(entry).toMatchObject({
      actorKind: 'anonymous',
      operation: 'connection_init',
      outcome: 'UNAUTHENTICATED',
      arguments: { transport: 'websocket', presented: 'bearer token' },
    });
    expect(text(entry)).not.toContain(token.split('.')[1]!);
  });

  it("an accepted token's mutation names its subject", async () => {
    const token = await issuer.sign({ sub: 'u-ok', name: 'Ada', roles: ['accountant'] });
    const answer = await gateway.post(upsert, {}, { authorization: `Bearer ${token}` });
    expect(answer.status).toBe(200);
    expect(await latest()).toMatchObject({
      actorKind: 'token',
      actorId: 'u-ok',
      actorName: 'Ada',
      actorRole: 'accountant',
      operation: 'upsertCustomer',
      outcome: 'ok',
    });
  });
});
