// The audit trail over the real server: a mutation leaves one entry (who, role, redacted arguments,
// outcome, request id, client address) and its jobs and events name the caller; a refused key
// (HTTP and connection_init) and a FORBIDDEN mutation leave theirs; admins read it as auditLog.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintApiKey } from '../../../src/auth/api-keys.js';
import type { Role } from '../../../src/auth/roles.js';
import { fromGlobalId } from '../../../src/graphql/global-id.js';
import { Lookups } from '../../../src/mapping/lookups.js';
import { ApiKeyStore } from '../../../src/store/api-keys.js';
import { databaseTargets } from '../../support/databases.js';
import { startTestGateway, type TestGateway } from '../../support/gateway.js';

const [pglite] = await databaseTargets();

const upsert = `mutation($name: String!) {
  upsertCustomer(input: { name: $name, currency: "GBP" }) { record { id } userErrors { code } }
}`;
const auditLog = `query($filter: AuditLogFilter, $first: Int, $after: String) {
  auditLog(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { seq operation outcome touched requestId clientAddress arguments actor { kind id name role } }
  }
}`;

interface Entry {
  seq: string;
  operation: string;
  outcome: string;
  touched: string[];
  requestId: string | null;
  clientAddress: string | null;
  arguments: Record<string, unknown>;
  actor: { kind: string; id: string | null; name: string | null; role: string | null };
}

describe('audit trail over HTTP and WebSocket', () => {
  let db: Awaited<ReturnType<NonNullable<typeof pglite>['open']>>;
  let gateway: TestGateway;
  const keys = {} as Record<Role, { key: string; id: string }>;
  const as = (role: Role) => ({ authorization: `Bearer ${keys[role].key}` });
  const latest = async () => db.prisma.auditEntry.findFirst({ orderBy: { seq: 'desc' } });
  const count = () => db.prisma.auditEntry.count();
  const text = (value: unknown) =>
    JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}` : v));

  beforeAll(async () => {
    db = await pglite!.open();
    gateway = await startTestGateway(
      db,
      {
        lookups: await Lookups.fromFile('config/lookups.demo.yaml'),
        targets: { XERO: 'xero-tenant', NAV: 'CRONUS International Ltd.' },
      },
      { AUTH_MODE: 'required' },
    );
    const store = new ApiKeyStore(db.prisma);
    for (const role of ['viewer', 'accountant', 'admin'] as const) {
      const { key, ...secret } = mintApiKey();
      const row = await store.create({ name: `${role} bot`, role, ...secret });
      keys[role] = { key, id: row.id };
    }
  });

  afterAll(async () => {
    await gateway?.close();
    await db?.dispose();
  });

  it('a mutation with an API key: one entry, and its jobs and events name the key', async () => {
    const before = await count();
    const response = await fetch(gateway.server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-audit-1', ...as('accountant') },
      body: JSON.stringify({ query: upsert, variables: { name: 'Audited Trading Ltd' } }),
    });
    expect(response.headers.get('x-request-id')).toBe('req-audit-1');
    const body = (await response.json()) as { data: { upsertCustomer: { record: { id: string } } } };
    const recordId = body.data.upsertCustomer.record.id;

    expect(await count()).toBe(before + 1);
    const entry = await latest();
    expect(entry).toMatchObject({
      actorKind: 'key',
      actorId: keys.accountant.id,
      actorName: 'accountant bot',
      actorRole: 'accountant',
      operation: 'upsertCustomer',
      outcome: 'ok',
      requestId: 'req-audit-1',
      arguments: { upsertCustomer: { input: { name: 'Audited Trading Ltd', currency: 'GBP' } } },
    });
    expect(entry!.clientAddress).toMatch(/127\.0\.0\.1/);
    expect(entry!.touched).toContain(recordId);

    const customerId = fromGlobalId(recordId)!.id;
    const jobs = await db.prisma.syncJob.findMany({ where: { entityId: customerId } });
    expect(jobs.length).toBeGreaterThan(0);
    for (const job of jobs) expect(job.actor).toBe(`key:${keys.accountant.id} accountant bot`);
    const events = await db.prisma.eventLogEntry.findMany({ where: { seq: { gt: 0n } } });
    const mine = events.filter((e) => JSON.stringify(e.payload).includes(customerId));
    expect(mine.length).toBeGreaterThan(0);
    for (const event of mine) expect(event.actor).toBe(`key:${keys.accountant.id} accountant bot`);

    // The API shows the same on SyncJob.
    const shown = await gateway.post<{ syncJobs: { nodes: { actor: string | null; entityId: string }[] } }>(
      '{ syncJobs(first: 50) { nodes { entityId actor } } }',
      {},
      as('admin'),
    );
    expect(
      shown.body.data?.syncJobs.nodes.filter((j) => j.entityId === recordId).map((j) => j.actor),
    ).toEqual(jobs.map(() => `key:${keys.accountant.id} accountant bot`));
  });

  it('generates a request id when none is sent, and secrets in arguments are redacted', async () => {
    const { key: leaked } = mintApiKey();
    const response = await fetch(gateway.server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...as('accountant') },
      body: JSON.stringify({ query: upsert, variables: { name: `Paste ${leaked}` } }),
    });
    const requestId = response.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const entry = await latest();
    expect(entry!.requestId).toBe(requestId);
    expect(text(entry)).not.toContain(leaked);
    expect(entry!.arguments).toMatchObject({ upsertCustomer: { input: { name: '[redacted]' } } });
  });

  it('a FORBIDDEN mutation: an entry with outcome FORBIDDEN, and nothing written', async () => {
    const customers = await db.prisma.customer.count();
    const refused = await gateway.post(upsert, { name: 'Viewer Ltd' }, as('viewer'));
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await db.prisma.customer.count()).toBe(customers);
    expect(await latest()).toMatchObject({
      actorName: 'viewer bot',
      actorRole: 'viewer',
      operation: 'upsertCustomer',
      outcome: 'FORBIDDEN',
    });
  });

  it('a refused API key over HTTP: an entry naming its prefix, never the key', async () => {
    const { key, prefix } = mintApiKey();
    const before = await count();
    const refused = await gateway.post(upsert, { name: 'Nobody Ltd' }, { authorization: `Bearer ${key}` });
    expect(refused.status).toBe(401);
    expect(await count()).toBe(before + 1);
    const entry = await latest();
    expect(entry).toMatchObject({
      actorKind: 'anonymous',
      actorId: prefix,
      operation: 'authenticate',
      outcome: 'UNAUTHENTICATED',
      arguments: { transport: 'http', presented: `API key ${prefix}…` },
    });
    expect(text(entry)).not.toContain(key);
  });

  it('a revoked key over WebSocket: a connection_init entry naming the key', async () => {
    const store = new ApiKeyStore(db.prisma);
    const { key, ...secret } = mintApiKey();
    const row = await store.create({ name: 'old laptop', role: 'operator', ...secret });
    await store.revoke(row.id);
    const before = await count();
    const client = gateway.wsClient({ authorization: `Bearer ${key}` });
    const closed = await new Promise<unknown>((resolve) =>
      client.subscribe(
        { query: 'subscription { entityChanged { seq } }' },
        {
          next: () => resolve('next'),
          error: (error: unknown) => resolve((error as { code?: number }).code),
          complete: () => resolve('complete'),
        },
      ),
    );
    expect(closed).toBe(4403);
    expect(await count()).toBe(before + 1);
    expect(await latest()).toMatchObject({
      actorKind: 'key',
      actorId: row.id,
      actorName: 'old laptop',
      actorRole: 'operator',
      operation: 'connection_init',
      outcome: 'UNAUTHENTICATED',
      arguments: { transport: 'websocket' },
    });
  });

  it('a mutation over WebSocket leaves its entry too', async () => {
    const client = gateway.wsClient(as('accountant'));
    const result = await new Promise<unknown>((resolve, reject) =>
      client.subscribe(
        { query: upsert, variables: { name: 'Socket Trading Ltd' } },
        {
          next: resolve,
          error: reject,
          complete: () => {},
        },
      ),
    );
    expect(result).toMatchObject({ data: { upsertCustomer: { userErrors: [] } } });
    await expect
      .poll(async () => (await latest())?.arguments)
      .toMatchObject({
        upsertCustomer: { input: { name: 'Socket Trading Ltd' } },
      });
    expect(await latest()).toMatchObject({ actorName: 'accountant bot', outcome: 'ok' });
  });

  it('auditLog: admins page and filter it; others are FORBIDDEN', async () => {
    const page = await gateway.post<{ auditLog: { totalCount: number; nodes: Entry[] } }>(
      auditLog,
      { filter: { actor: 'accountant bot', operation: 'upsertCustomer' }, first: 2 },
      as('admin'),
    );
    expect(page.body.errors).toBeUndefined();
    const { totalCount, nodes } = page.body.data!.auditLog;
    expect(totalCount).toBe(3);
    expect(nodes).toHaveLength(2);
    expect(Number(nodes[0]!.seq)).toBeGreaterThan(Number(nodes[1]!.seq));
    expect(nodes.every((n) => n.actor.role === 'accountant' && n.operation === 'upsertCustomer')).toBe(true);

    const forbidden = await gateway.post<{ auditLog: unknown }>(
      auditLog,
      { filter: { outcome: 'FORBIDDEN' } },
      as('admin'),
    );
    expect(forbidden.body.data).toMatchObject({ auditLog: { totalCount: 1 } });

    const viewer = await gateway.post(auditLog, {}, as('viewer'));
    expect(viewer.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const empty = await gateway.post(
      auditLog,
      { filter: { from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' } },
      as('admin'),
    );
    expect(empty.body.errors?.[0]).toMatchObject({
      path: ['auditLog'],
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });
});
