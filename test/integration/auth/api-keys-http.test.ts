// With AUTH_MODE=required every HTTP request needs a key; each role reaches what it covers and no
// further, and a refused call writes and enqueues nothing. Revoked and rotated keys stop working.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintApiKey } from '../../../src/auth/api-keys.js';
import { roles, type Role } from '../../../src/auth/roles.js';
import { toGlobalId } from '../../../src/graphql/global-id.js';
import { Lookups } from '../../../src/mapping/lookups.js';
import { ApiKeyStore } from '../../../src/store/api-keys.js';
import { databaseTargets } from '../../support/databases.js';
import { startTestGateway, type TestGateway } from '../../support/gateway.js';

const [pglite] = await databaseTargets();

const read = '{ customers(first: 1) { edges { node { id } } } }';
const write = `mutation($name: String!) { upsertCustomer(input: { name: $name, currency: "GBP" }) { record { id } userErrors { code } } }`;
const admin = '{ apiKeys { prefix role lastUsedAt } }';
const replay = `mutation($ids: [ID!]!) { replayDeadLetters(ids: $ids) { jobs { id } userErrors { code } } }`;

describe('API keys over HTTP', () => {
  let db: Awaited<ReturnType<NonNullable<typeof pglite>['open']>>;
  let gateway: TestGateway;
  let store: ApiKeyStore;
  const keyOf = {} as Record<Role, string>;
  const as = (key: string | undefined) => (key ? { authorization: `Bearer ${key}` } : {});
  const writes = async () => [await db.prisma.customer.count(), await db.prisma.syncJob.count()];
  const codeOf = (body: { errors?: { extensions?: Record<string, unknown> }[] }) =>
    body.errors?.[0]?.extensions?.code;

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
    store = new ApiKeyStore(db.prisma);
    for (const role of roles) {
      const { key, ...secret } = mintApiKey();
      await store.create({ name: `${role} key`, role, ...secret });
      keyOf[role] = key;
    }
  });

  afterAll(async () => {
    await gateway?.close();
    await db?.dispose();
  });

  it('without a key: UNAUTHENTICATED, and nothing is written', async () => {
    const before = await writes();
    const query = await gateway.post<{ customers: unknown }>(read);
    expect(codeOf(query.body)).toBe('UNAUTHENTICATED');
    expect(query.body.data?.customers ?? null).toBeNull();
    const mutation = await gateway.post(write, { name: 'Nobody Ltd' });
    expect(codeOf(mutation.body)).toBe('UNAUTHENTICATED');
    expect(await writes()).toEqual(before);
  });

  it('a key that does not exist is refused with 401', async () => {
    const { status, body } = await gateway.post(read, {}, as(mintApiKey().key));
    expect(status).toBe(401);
    expect(codeOf(body)).toBe('UNAUTHENTICATED');
  });

  it.each([
    ['viewer', { read: true, write: false, replay: false, admin: false }],
    ['accountant', { read: true, write: true, replay: false, admin: false }],
    ['operator', { read: true, write: true, replay: true, admin: false }],
    ['admin', { read: true, write: true, replay: true, admin: true }],
  ] as const)('%s may %o', async (role, may) => {
    const key = keyOf[role];
    const query = await gateway.post(read, {}, as(key));
    expect(query.body.errors).toBeUndefined();

    const before = await writes();
    const mutation = await gateway.post(write, { name: `${role} Trading Ltd` }, as(key));
    if (may.write) {
      expect(mutation.body.errors).toBeUndefined();
      expect((await writes())[0]).toBe(before[0]! + 1);
    } else {
      expect(codeOf(mutation.body)).toBe('FORBIDDEN');
      expect(await writes()).toEqual(before);
    }

    // An unknown job: an operator gets a user error for it, a smaller role never gets that far.
    const unknownJob = toGlobalId('SyncJob', '00000000-0000-4000-8000-000000000000');
    const replayed = await gateway.post<{ replayDeadLetters: { userErrors: unknown[] } }>(
      replay,
      { ids: [unknownJob] },
      as(key),
    );
    if (may.replay) expect(replayed.body.data?.replayDeadLetters.userErrors).toHaveLength(1);
    else expect(codeOf(replayed.body)).toBe('FORBIDDEN');

    const keys = await gateway.post<{ apiKeys: { prefix: string; role: string }[] }>(admin, {}, as(key));
    if (may.admin) {
      expect(keys.body.data?.apiKeys.map((k) => k.role)).toEqual([
        'VIEWER',
        'ACCOUNTANT',
        'OPERATOR',
        'ADMIN',
      ]);
      expect(JSON.stringify(keys.body)).not.toContain(key.slice(12));
    } else expect(codeOf(keys.body)).toBe('FORBIDDEN');
  });

  it('records when a key was last used', async () => {
    await gateway.post(read, {}, as(keyOf.viewer));
    await expect
      .poll(async () => (await store.find((await store.list())[0]!.prefix))?.lastUsedAt)
      .toBeInstanceOf(Date);
  });

  it('a revoked key stops working at once', async () => {
    const { key, ...secret } = mintApiKey();
    const row = await store.create({ name: 'to revoke', role: 'admin', ...secret });
    expect((await gateway.post(read, {}, as(key))).status).toBe(200);
    await store.revoke(row.id);
    const after = await gateway.post(read, {}, as(key));
    expect(after.status).toBe(401);
    expect(codeOf(after.body)).toBe('UNAUTHENTICATED');
  });

  it('a rotated key: the new secret works, the old one does not', async () => {
    const old = mintApiKey();
    const row = await store.create({
      name: 'to rotate',
      role: 'viewer',
      prefix: old.prefix,
      keyHash: old.keyHash,
    });
    const fresh = mintApiKey();
    await store.replaceSecret(row.id, { prefix: fresh.prefix, keyHash: fresh.keyHash });
    expect((await gateway.post(read, {}, as(old.key))).status).toBe(401);
    expect((await gateway.post(read, {}, as(fresh.key))).body.errors).toBeUndefined();
  });
});
