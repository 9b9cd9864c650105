// Hostile requests are answered as bad input (400, a code, the field's path), never as internal
// errors, write nothing, and cost the server next to nothing: wrong variable types, unreadable or
// oversized bodies, fragment fan-outs, alias floods, many mutations or live reads in one request,
// huge strings, and LIKE wildcards in a search.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/schema.js';
import { startServer } from '../../src/graphql/server.js';
import { createLogger } from '../../src/ops/logger.js';
import { openDatabase } from '../../src/store/database.js';
import { createSyncServices } from '../../src/sync/services.js';
import { databaseTargets } from '../support/databases.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

const targets = await databaseTargets();

const aliases = (n: number, field: string) =>
  Array.from({ length: n }, (_, i) => `a${i}: ${field.replace('$i', String(i))}`).join(' ');

describe.each(targets)('hostile input on $name', (target) => {
  let db: Awaited<ReturnType<typeof target.open>>;
  let gateway: TestGateway;

  const raw = async (body: string) => {
    const response = await fetch(gateway.server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      text: await response.text(),
    };
  };
  const codes = (body: { errors?: { extensions?: Record<string, unknown> }[] }) =>
    (body.errors ?? []).map((e) => e.extensions?.code);

  beforeAll(async () => {
    db = await target.open();
    gateway = await startTestGateway(db);
  });

  afterAll(async () => {
    await gateway?.close();
    await db?.dispose();
  });

  it('answers a variable of the wrong type as bad input naming its path, writing nothing', async () => {
    const { status, body } = await gateway.post(
      'mutation($input: PartyInput!) { upsertCustomer(input: $input) { record { id } } }',
      { input: { name: 123, currency: 'GBP' } },
    );
    expect(status).toBe(400);
    expect(body.errors).toMatchObject([{ extensions: { code: 'BAD_USER_INPUT', field: ['input', 'name'] } }]);
    expect(await db.prisma.customer.count()).toBe(0);
  });

  it('answers malformed ids and enum values as bad input', async () => {
    const voided = await gateway.post('mutation { voidInvoice(id: "nope") { record { id } } }');
    expect(voided.body.errors).toMatchObject([{ extensions: { code: 'BAD_USER_INPUT', field: ['id'] } }]);
    const resolved = await gateway.post(
      'mutation($r: ConflictResolution!) { resolveConflict(id: "x", resolution: $r) { userErrors { code } } }',
      { r: 'NOPE' },
    );
    expect([resolved.status, codes(resolved.body)]).toEqual([400, ['BAD_USER_INPUT']]);
    const resync = await gateway.post('mutation($id: ID!) { voidInvoice(id: $id) { record { id } } }', {
      id: { not: 'an id' },
    });
    expect([resync.status, codes(resync.body)]).toEqual([400, ['BAD_USER_INPUT']]);
  });

  it('answers an unreadable or oversized body with GraphQL JSON, not an HTML page', async () => {
    const malformed = await raw('{"query": ');
    expect([malformed.status, malformed.type]).toEqual([400, expect.stringMatching(/^application\/json/)]);
    expect(codes(JSON.parse(malformed.text) as never)).toEqual(['BAD_REQUEST']);
    const huge = await raw(JSON.stringify({ query: '{ __typename }', padding: 'x'.repeat(1_200_000) }));
    expect(huge.status).toBe(413);
    expect(codes(JSON.parse(huge.text) as never)).toEqual(['PAYLOAD_TOO_LARGE']);
    expect(malformed.text + huge.text).not.toMatch(/\bat \w|node_modules/);
  });

  it('refuses a fragment fan-out and an alias flood at once, as bad requests', async () => {
    let fragments = 'fragment F0 on Query { __typename }';
    for (let i = 1; i <= 22; i++)
      fragments += ` fragment F${i} on Query { ...F${i - 1} a: __typename ...F${i - 1} }`;
    const started = Date.now();
    const fanOut = await gateway.post(`{ ...F22 } ${fragments}`);
    expect([fanOut.status, codes(fanOut.body)]).toEqual([400, ['QUERY_TOO_COMPLEX']]);
    const flood = await gateway.post(`{ ${aliases(50_000, '__typename')} }`);
    expect(flood.status).toBe(400);
    expect(codes(flood.body)).toEqual(['GRAPHQL_PARSE_FAILED']);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('runs at most 20 mutations per request, refusing more before writing any', async () => {
    const upsert = 'upsertCustomer(input: { name: "Flood $i", currency: "GBP" }) { record { id } }';
    const many = await gateway.post(`mutation { ${aliases(21, upsert)} }`);
    expect([many.status, codes(many.body)]).toEqual([400, ['TOO_MANY_MUTATIONS']]);
    expect(await db.prisma.customer.count()).toBe(0);
    const enough = await gateway.post(`mutation { ${aliases(20, upsert)} }`);
    expect(enough.body.errors).toBeUndefined();
    expect(await db.prisma.customer.count({ where: { name: { startsWith: 'Flood' } } })).toBe(20);
  });

  it('runs at most one live upstream read per request', async () => {
    const twice = await gateway.post(`{ ${aliases(2, 'reconciliation { mismatches }')} }`);
    expect([twice.status, codes(twice.body)]).toEqual([400, ['QUERY_TOO_COMPLEX']]);
    const once = await gateway.post('{ reconciliation { mismatches } }');
    expect(codes(once.body)).toEqual(['BAD_USER_INPUT']); // no system connected: refused, not priced out
  });

  it('refuses strings over 10,000 characters, in variables and in the document', async () => {
    const search = 'query($s: String) { customers(first: 5, filter: { search: $s }) { nodes { id } } }';
    const variable = await gateway.post(search, { s: 'x'.repeat(900_000) });
    expect(variable.status).toBe(400);
    expect(variable.body.errors).toMatchObject([{ extensions: { code: 'BAD_USER_INPUT', field: ['s'] } }]);
    const literal = await gateway.post(
      `{ customers(first: 5, filter: { search: "${'y'.repeat(10_001)}" }) { nodes { id } } }`,
    );
    expect([literal.status, codes(literal.body)]).toEqual([400, ['BAD_USER_INPUT']]);
    expect((await gateway.post(search, { s: 'x'.repeat(10_000) })).body.errors).toBeUndefined();
  });

  it('refuses a NUL character and amounts the store cannot keep, writing nothing', async () => {
    const upsertItem =
      'mutation($input: ItemInput!) { upsertItem(input: $input) { record { id } userErrors { field code } } }';
    const nul = await gateway.post(upsertItem, { input: { number: 'NUL\u0000', name: 'Nul' } });
    expect(nul.status).toBe(400);
    expect(nul.body.errors).toMatchObject([
      { extensions: { code: 'BAD_USER_INPUT', field: ['input', 'number'] } },
    ]);
    const huge = await gateway.post<{ upsertItem: { userErrors: unknown[] } }>(upsertItem, {
      input: { number: 'HUGE1', name: 'Huge', unitPrice: '1000000000000000' },
    });
    expect(huge.body.data!.upsertItem.userErrors).toEqual([
      { field: ['input', 'unitPrice'], code: 'INVALID' },
    ]);
    expect(await db.prisma.item.count()).toBe(0);
  });

  it('searches for % and _ literally', async () => {
    for (const name of ['100% Cotton Ltd', 'Snake_Case plc', 'Plain Trading']) {
      await gateway.post(
        'mutation($input: PartyInput!) { upsertCustomer(input: $input) { record { id } } }',
        {
          input: { name, currency: 'GBP' },
        },
      );
    }
    const names = async (s: string) =>
      (
        await gateway.post<{ customers: { nodes: { name: string }[] } }>(
          'query($s: String) { customers(first: 50, filter: { search: $s }) { nodes { name } } }',
          { s },
        )
      ).body.data!.customers.nodes.map((c) => c.name);
    expect(await names('%')).toEqual(['100% Cotton Ltd']);
    expect(await names('_')).toEqual(['Snake_Case plc']);
    expect(await names('e\\_c')).toEqual([]);
    expect(await names('plain')).toEqual(['Plain Trading']);
    const exact = await gateway.post<{ customers: { nodes: unknown[] } }>(
      '{ customers(first: 50, filter: { name: "%" }) { nodes { id } } }',
    );
    expect(exact.body.data!.customers.nodes).toEqual([]);
  });
});

describe('hostile input in production', () => {
  it('answers unreadable bodies with a code and no stack trace or internal detail', async () => {
    const db = await openDatabase({ dataDir: 'memory://' });
    await db.migrate();
    const config = configSchema.parse({
      PORT: '0',
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      SECRET_KEY: Buffer.alloc(32, 1).toString('base64'),
    });
    const sync = createSyncServices(db, {});
    const server = await startServer(config, db, createLogger('silent', { pretty: false }), sync);
    try {
      for (const [body, status] of [
        ['{"query": ', 400],
        [`{"x":"${'y'.repeat(1_100_000)}"}`, 413],
      ] as const) {
        const response = await fetch(server.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        const text = await response.text();
        expect(response.status).toBe(status);
        expect(text).not.toMatch(/SyntaxError|\bat \w|node_modules|<html/i);
        expect(JSON.parse(text)).toMatchObject({
          errors: [{ extensions: { code: expect.any(String) as string } }],
        });
      }
    } finally {
      await server.close();
      await sync.close();
      await db.close();
    }
  });
});
