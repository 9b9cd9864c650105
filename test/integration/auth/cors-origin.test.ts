// Browsers: CORS headers only for the origins in CORS_ORIGINS (none by default), Apollo's CSRF
// prevention refusing simple cross-site requests, and the WebSocket upgrade refused (403) to a
// page of any other origin, while non-browser clients (no Origin) and the gateway's own pages pass.
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { Lookups } from '../../../src/mapping/lookups.js';
import { databaseTargets } from '../../support/databases.js';
import { startTestGateway, type TestGateway } from '../../support/gateway.js';

const [pglite] = await databaseTargets();
const allowed = 'https://app.example';
const evil = 'https://evil.example';

const preflight = (url: string, origin: string) =>
  fetch(url, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization, content-type',
    },
  });
const postFrom = (url: string, origin: string) =>
  fetch(url, {
    method: 'POST',
    headers: { origin, 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ __typename }' }),
  });

/** The upgrade's answer: "open", or the HTTP status it was refused with. */
function upgrade(url: string, origin?: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = new WebSocket(
      url.replace(/^http/, 'ws'),
      'graphql-transport-ws',
      origin ? { origin } : {},
    );
    socket.on('open', () => {
      socket.close();
      resolve('open');
    });
    socket.on('unexpected-response', (_req, res) => {
      resolve(String(res.statusCode));
      socket.terminate();
    });
    socket.on('error', () => {});
  });
}

/** Runs a query over graphql-ws from a page of `origin` (undefined: a non-browser client). */
async function queryOverWs(url: string, origin?: string): Promise<unknown> {
  class FromOrigin extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, origin ? { origin } : {});
    }
  }
  const client = createClient({
    url: url.replace(/^http/, 'ws'),
    webSocketImpl: FromOrigin,
    retryAttempts: 0,
  });
  try {
    return await new Promise((resolve, reject) => {
      client.subscribe(
        { query: '{ __typename }' },
        { next: (value) => resolve(value.data), error: reject, complete: () => {} },
      );
    });
  } finally {
    await client.dispose();
  }
}

describe('CORS, CSRF and WebSocket Origin', () => {
  let db: Awaited<ReturnType<NonNullable<typeof pglite>['open']>>;
  let open: TestGateway;
  let closed: TestGateway;

  beforeAll(async () => {
    db = await pglite!.open();
    open = await startTestGateway(
      db,
      {
        lookups: await Lookups.fromFile('config/lookups.demo.yaml'),
        targets: { XERO: 'xero-tenant', NAV: 'CRONUS International Ltd.' },
      },
      { CORS_ORIGINS: `${allowed}, https://other.example:8443` },
    );
    closed = await startTestGateway(db);
  });
  afterAll(async () => {
    await open?.close();
    await closed?.close();
    await db?.dispose();
  });

  it('an allowed origin gets its preflight answered and its origin echoed', async () => {
    const answer = await preflight(open.server.url, allowed);
    expect(answer.status).toBe(204);
    expect(answer.headers.get('access-control-allow-origin')).toBe(allowed);
    expect(answer.headers.get('access-control-allow-headers')).toBe(
      'authorization, content-type, apollo-require-preflight',
    );
    expect(answer.headers.get('access-control-allow-methods')).toContain('POST');
    const post = await postFrom(open.server.url, allowed);
    expect(post.status).toBe(200);
    expect(post.headers.get('access-control-allow-origin')).toBe(allowed);
    expect(post.headers.get('vary')).toMatch(/origin/i);
    expect(await post.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('any other origin gets no CORS header: its preflight is refused', async () => {
    const answer = await preflight(open.server.url, evil);
    expect(answer.status).toBe(403);
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    const post = await postFrom(open.server.url, evil);
    expect(post.headers.get('access-control-allow-origin')).toBeNull();
    expect(post.headers.get('vary')).toMatch(/origin/i);
  });

  it('without CORS_ORIGINS no CORS header at all, whatever the origin', async () => {
    for (const origin of [allowed, evil]) {
      const post = await postFrom(closed.server.url, origin);
      expect(post.status).toBe(200);
      expect([...post.headers.keys()].filter((h) => h.startsWith('access-control-'))).toEqual([]);
      const answer = await preflight(closed.server.url, origin);
      expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it("Apollo's CSRF prevention refuses simple cross-site requests, and nothing runs", async () => {
    const before = await db.prisma.customer.count();
    const mutation =
      'mutation { upsertCustomer(input: { name: "Forged Ltd", currency: "GBP" }) { record { id } } }';
    // A form post (text/plain) and a plain GET: a browser sends both without a preflight.
    const form = await fetch(open.server.url, {
      method: 'POST',
      headers: { origin: evil, 'content-type': 'text/plain' },
      body: JSON.stringify({ query: mutation }),
    });
    expect(form.status).toBe(400);
    expect(await form.text()).toMatch(/Cross-Site Request Forgery/);
    const get = await fetch(`${open.server.url}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { origin: evil },
    });
    expect(get.status).toBe(400);
    expect(await get.text()).toMatch(/Cross-Site Request Forgery/);
    expect(await db.prisma.customer.count()).toBe(before);
    // With a header a browser would preflight, the GET is served.
    const preflighted = await fetch(`${open.server.url}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(preflighted.status).toBe(200);
  });

  it('WebSocket: a foreign origin is refused 403 before the upgrade', async () => {
    expect(await upgrade(open.server.url, evil)).toBe('403');
    expect(await upgrade(closed.server.url, allowed)).toBe('403');
    expect(await upgrade(open.server.url, 'null')).toBe('403');
  });

  it('WebSocket: no origin, an allowed origin and the gateway’s own origin are served', async () => {
    const own = new URL(open.server.url).origin;
    expect(await upgrade(open.server.url)).toBe('open');
    expect(await upgrade(open.server.url, allowed)).toBe('open');
    expect(await upgrade(open.server.url, own)).toBe('open');
    for (const origin of [undefined, allowed, own])
      expect(await queryOverWs(open.server.url, origin)).toEqual({ __typename: 'Query' });
    expect(await queryOverWs(closed.server.url, new URL(closed.server.url).origin)).toEqual({
      __typename: 'Query',
    });
  });
});
