// DNS rebinding in the local mode: a page on a domain that resolves to 127.0.0.1 sends its own
// name as Host, so "same origin" would hold for it. Without authentication the GraphQL path and
// its WebSocket upgrade answer only loopback Host names; others get 403 with a JSON error and
// nothing runs, while the health endpoints stay open. With authentication the Host is not checked.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { databaseTargets } from '../../support/databases.js';
import { startTestGateway, type TestGateway } from '../../support/gateway.js';

const [pglite] = await databaseTargets();

/** A request to the gateway's port with the Host header a browser on `host` would send. */
function send(url: string, host: string, path: string, body?: string, accept = 'application/json') {
  const target = new URL(url);
  return new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path,
        method: body === undefined ? 'GET' : 'POST',
        headers: { host, accept, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body: text }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** A WebSocket upgrade naming `host`, from a page of that host: "open" or the refusal. */
function upgrade(url: string, host: string) {
  return new Promise<{ status: string; type?: string; body?: string }>((resolve) => {
    const socket = new WebSocket(url.replace(/^http/, 'ws'), 'graphql-transport-ws', {
      headers: { host },
      origin: `http://${host}`,
    });
    socket.on('open', () => {
      socket.close();
      resolve({ status: 'open' });
    });
    socket.on('unexpected-response', (_req, res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        resolve({ status: String(res.statusCode), type: String(res.headers['content-type']), body: text });
        socket.terminate();
      });
    });
    socket.on('error', () => {});
  });
}

const mutation = JSON.stringify({
  query: 'mutation { upsertCustomer(input: { name: "Rebound Ltd", currency: "GBP" }) { record { id } } }',
});

describe('DNS rebinding: loopback Host names only in the local mode', () => {
  let db: Awaited<ReturnType<NonNullable<typeof pglite>['open']>>;
  let local: TestGateway;
  let required: TestGateway;
  let port: string;

  beforeAll(async () => {
    db = await pglite!.open();
    local = await startTestGateway(db);
    required = await startTestGateway(db, {}, { AUTH_MODE: 'required' });
    port = new URL(local.server.url).port;
  });
  afterAll(async () => {
    await local?.close();
    await required?.close();
    await db?.dispose();
  });

  it('HTTP: a foreign Host is refused 403 with a JSON error naming the reason, and nothing runs', async () => {
    const before = await db.prisma.customer.count();
    for (const host of [
      `rebind.example:${port}`,
      'rebind.example',
      `127.0.0.1.nip.io:${port}`,
      'localhost.evil',
    ]) {
      const answer = await send(local.server.url, host, '/graphql', mutation);
      expect(answer.status, host).toBe(403);
      expect(answer.type).toMatch(/application\/json/);
      const body = JSON.parse(answer.body) as { errors: { message: string; extensions: { code: string } }[] };
      expect(body.errors[0]!.extensions.code).toBe('HOST_NOT_ALLOWED');
      expect(body.errors[0]!.message).toContain(JSON.stringify(host));
      expect(body.errors[0]!.message).toMatch(/DNS rebinding/);
    }
    // The explorer page at the same path is refused too.
    const explorer = await send(
      local.server.url,
      `rebind.example:${port}`,
      '/graphql',
      undefined,
      'text/html',
    );
    expect(explorer.status).toBe(403);
    expect(explorer.type).toMatch(/application\/json/);
    expect(
      (await send(local.server.url, `localhost:${port}`, '/graphql', undefined, 'text/html')).type,
    ).toMatch(/text\/html/);
    expect(await db.prisma.customer.count()).toBe(before);
  });

  it('HTTP: localhost, 127.0.0.1 and [::1], with any port or none, are served', async () => {
    const query = JSON.stringify({ query: '{ __typename }' });
    for (const host of [
      `localhost:${port}`,
      `127.0.0.1:${port}`,
      `[::1]:${port}`,
      'LOCALHOST',
      'localhost:80',
    ]) {
      const answer = await send(local.server.url, host, '/graphql', query);
      expect(answer.status, host).toBe(200);
      expect(JSON.parse(answer.body)).toEqual({ data: { __typename: 'Query' } });
    }
  });

  it('the health endpoints answer any Host', async () => {
    expect((await send(local.server.url, 'rebind.example', '/healthz')).status).toBe(200);
  });

  it('WebSocket: an upgrade naming a foreign Host is refused 403 with the JSON error', async () => {
    const refused = await upgrade(local.server.url, `rebind.example:${port}`);
    expect(refused.status).toBe('403');
    expect(refused.type).toMatch(/application\/json/);
    const body = JSON.parse(refused.body!) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe('HOST_NOT_ALLOWED');
    expect(body.errors[0]!.message).toContain(`rebind.example:${port}`);
    expect((await upgrade(local.server.url, `localhost:${port}`)).status).toBe('open');
    expect((await upgrade(local.server.url, `127.0.0.1:${port}`)).status).toBe('open');
  });

  it('with authentication required the Host is not checked (a credential is)', async () => {
    const host = `gateway.example:${new URL(required.server.url).port}`;
    const answer = await send(
      required.server.url,
      host,
      '/graphql',
      JSON.stringify({ query: '{ __typename }' }),
    );
    expect(answer.status).toBe(200);
    expect((await upgrade(required.server.url, host)).status).toBe('open');
  });
});
