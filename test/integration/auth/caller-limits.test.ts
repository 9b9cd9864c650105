// Budgets per caller: query cost and mutations a minute, subscriptions open at once, by role. A
// caller over budget gets RATE_LIMITED with retryAfter (HTTP 429 with Retry-After), nothing of its
// operation runs or is written, and other callers go on. With Redis two gateway processes share
// each caller's budget.
import { parse } from 'graphql';
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintApiKey } from '../../../src/auth/api-keys.js';
import type { Role } from '../../../src/auth/roles.js';
import { queryComplexity } from '../../../src/graphql/limits/complexity.js';
import { createSchema } from '../../../src/graphql/schema.js';
import { Lookups } from '../../../src/mapping/lookups.js';
import { ApiKeyStore } from '../../../src/store/api-keys.js';
import { databaseTargets } from '../../support/databases.js';
import { startTestGateway, type GraphQLResponse, type TestGateway } from '../../support/gateway.js';
import { redisForTests } from '../../support/redis.js';

const [pglite] = await databaseTargets();
const redis = await redisForTests();

const read = '{ customers(first: 5) { edges { node { id name } } } }';
const write = `mutation($name: String!) { upsertCustomer(input: { name: $name, currency: "GBP" }) { record { id } userErrors { code } } }`;
const subscription = 'subscription { entityChanged { seq } }';
/** What the read costs by the gateway's own pricing: the budgets below are multiples of it. */
const readCost = queryComplexity(await createSchema(), parse(read), {}).cost;

async function post(
  gateway: TestGateway,
  key: string,
  query: string,
  variables: Record<string, unknown> = {},
) {
  const response = await fetch(gateway.server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: (await response.json()) as GraphQLResponse<Record<string, unknown>>,
  };
}

const errorOf = (body: GraphQLResponse<unknown>) => body.errors?.[0]?.extensions ?? {};

function expectRateLimited(answer: Awaited<ReturnType<typeof post>>) {
  expect(answer.status).toBe(429);
  expect(errorOf(answer.body).code).toBe('RATE_LIMITED');
  const retryAfter = errorOf(answer.body).retryAfter as number;
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(answer.retryAfter).toBe(String(retryAfter));
  expect(answer.body.data ?? null).toBeNull();
}

/** Subscribes and reports the first thing that happens: "open" after `waitMs`, or an error code. */
function subscribe(client: Client, waitMs = 1_000): Promise<{ outcome: string; end: () => void }> {
  return new Promise((resolve) => {
    let end = () => {};
    const timer = setTimeout(() => resolve({ outcome: 'open', end }), waitMs);
    end = client.subscribe(
      { query: subscription },
      {
        next: (value) => {
          clearTimeout(timer);
          resolve({ outcome: `error ${String(value.errors?.[0]?.extensions?.code)}`, end });
        },
        error: (error: unknown) => {
          clearTimeout(timer);
          const first = (error as { extensions?: { code?: string } }[])[0];
          resolve({
            outcome: `error ${String(first?.extensions?.code ?? (error as { code?: number }).code)}`,
            end,
          });
        },
        complete: () => resolve({ outcome: 'complete', end }),
      },
    );
  });
}

describe('limits per caller', () => {
  let db: Awaited<ReturnType<NonNullable<typeof pglite>['open']>>;
  let gateway: TestGateway;
  let store: ApiKeyStore;
  const newKey = async (role: Role) => {
    const { key, ...secret } = mintApiKey();
    await store.create({ name: `${role} ${Math.random()}`, role, ...secret });
    return key;
  };

  beforeAll(async () => {
    db = await pglite!.open();
    gateway = await startTestGateway(
      db,
      {
        lookups: await Lookups.fromFile('config/lookups.demo.yaml'),
        targets: { XERO: 'xero-tenant', NAV: 'CRONUS International Ltd.' },
      },
      {
        AUTH_MODE: 'required',
        LIMIT_COST_PER_MINUTE: `viewer=${readCost * 3}`,
        LIMIT_MUTATIONS_PER_MINUTE: 'accountant=2',
        LIMIT_SUBSCRIPTIONS: 'viewer=2',
      },
    );
    store = new ApiKeyStore(db.prisma);
  });
  afterAll(async () => {
    await gateway?.close();
    await db?.dispose();
  });

  it('a noisy caller spends its cost budget and is refused 429; another caller still reads', async () => {
    const noisy = await newKey('viewer');
    const quiet = await newKey('viewer');
    for (let i = 0; i < 3; i++) {
      const answer = await post(gateway, noisy, read);
      expect(answer.status).toBe(200);
      expect(answer.body.errors).toBeUndefined();
    }
    expectRateLimited(await post(gateway, noisy, read));
    const other = await post(gateway, quiet, read);
    expect(other.status).toBe(200);
    expect(other.body.errors).toBeUndefined();
    expect(other.body.data?.customers).toBeDefined();
  });

  it('the mutation rate: past it a mutation is refused and writes nothing', async () => {
    const accountant = await newKey('accountant');
    for (const name of ['Rate One Ltd', 'Rate Two Ltd']) {
      const answer = await post(gateway, accountant, write, { name });
      expect(answer.body.errors).toBeUndefined();
    }
    const before = [await db.prisma.customer.count(), await db.prisma.syncJob.count()];
    expectRateLimited(await post(gateway, accountant, write, { name: 'Rate Three Ltd' }));
    expect([await db.prisma.customer.count(), await db.prisma.syncJob.count()]).toEqual(before);
    expect(await db.prisma.customer.count({ where: { name: 'Rate Three Ltd' } })).toBe(0);
    // Its queries are not mutations: they still run.
    expect((await post(gateway, accountant, read)).body.errors).toBeUndefined();
    // Another accountant still writes.
    const other = await post(gateway, await newKey('accountant'), write, { name: 'Rate Four Ltd' });
    expect(other.body.errors).toBeUndefined();
  });

  it('subscriptions open at once: the third is refused until one ends; another caller is unaffected', async () => {
    const key = await newKey('viewer');
    const client = gateway.wsClient({ authorization: `Bearer ${key}` });
    const first = await subscribe(client);
    const second = await subscribe(client);
    expect([first.outcome, second.outcome]).toEqual(['open', 'open']);
    // A second socket of the same caller counts against the same caller.
    expect((await subscribe(gateway.wsClient({ authorization: `Bearer ${key}` }))).outcome).toBe(
      'error RATE_LIMITED',
    );
    expect(
      (await subscribe(gateway.wsClient({ authorization: `Bearer ${await newKey('viewer')}` }))).outcome,
    ).toBe('open');
    first.end();
    // The client's complete frees the slot before the socket's next message is read.
    expect((await subscribe(client)).outcome).toBe('open');
    expect((await subscribe(client, 300)).outcome).toBe('error RATE_LIMITED');
    // A closed socket gives back every slot it held (once the server has seen it close).
    await client.dispose();
    let again = await subscribe(gateway.wsClient({ authorization: `Bearer ${key}` }), 300);
    for (let i = 0; i < 10 && again.outcome !== 'open'; i++)
      again = await subscribe(gateway.wsClient({ authorization: `Bearer ${key}` }), 300);
    expect(again.outcome).toBe('open');
  });
});

describe.skipIf(!redis.url)(
  `limits shared through Redis${redis.url ? '' : ` (skipped: ${redis.problem})`}`,
  () => {
    let db: Awaited<ReturnType<NonNullable<typeof pglite>['open']>>;
    const gateways: TestGateway[] = [];

    beforeAll(async () => {
      db = await pglite!.open();
      for (let i = 0; i < 2; i++)
        gateways.push(
          await startTestGateway(
            db,
            {},
            { AUTH_MODE: 'required', REDIS_URL: redis.url!, LIMIT_COST_PER_MINUTE: `viewer=${readCost * 3}` },
          ),
        );
    });
    afterAll(async () => {
      for (const gateway of gateways) await gateway.close();
      await db?.dispose();
    });

    it('two gateway processes draw on one budget per caller', async () => {
      const store = new ApiKeyStore(db.prisma);
      const { key, ...secret } = mintApiKey();
      await store.create({ name: 'shared', role: 'viewer', ...secret });
      const [a, b] = gateways as [TestGateway, TestGateway];
      for (const gateway of [a, b, a]) expect((await post(gateway, key, read)).body.errors).toBeUndefined();
      // Either process alone has spent at most two thirds; together they spent all of it.
      expectRateLimited(await post(gateway(b), key, read));
      expectRateLimited(await post(a, key, read));

      function gateway(g: TestGateway) {
        return g;
      }
    });
  },
);
