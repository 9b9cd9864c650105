// The landing page and the explorer over real HTTP: HTML that refers only to this server, every
// asset it names served (with long caching), and the API still answering JSON at the same URL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintApiKey } from '../../../src/auth/api-keys.js';
import { ApiKeyStore } from '../../../src/store/api-keys.js';
import { databaseTargets } from '../../support/databases.js';
import { startTestGateway, type TestGateway } from '../../support/gateway.js';

const [pglite] = await databaseTargets();
const browserAccept = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

/** Every URL an HTML page names in src/href attributes and in string literals of its scripts. */
function referencedUrls(html: string): string[] {
  const attributes = [...html.matchAll(/\b(?:src|href)\s*=\s*"([^"]+)"/g)].map((m) => m[1]!);
  const literals = [...html.matchAll(/"((?:https?:|wss?:)?\/\/[^"]*|\/[^"\s]*\.(?:js|css))"/g)].map(
    (m) => m[1]!,
  );
  return [...new Set([...attributes, ...literals])];
}

describe('landing page and explorer', () => {
  let db: Awaited<ReturnType<NonNullable<typeof pglite>['open']>>;
  let gateway: TestGateway;
  let origin: string;
  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(new URL(path, origin), { headers: { accept: browserAccept, ...headers } });

  beforeAll(async () => {
    db = await pglite!.open();
    gateway = await startTestGateway(db);
    origin = new URL(gateway.server.url).origin;
  });
  afterAll(async () => {
    await gateway?.close();
    await db?.dispose();
  });

  it('/ names the gateway and its version and links the explorer and health', async () => {
    const response = await get('/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain('ledgerbridge');
    expect(html).toMatch(/version \d+\.\d+\.\d+/);
    const links = referencedUrls(html);
    expect(links).toEqual(expect.arrayContaining(['/graphql', '/healthz', '/readyz']));
    for (const link of links) {
      expect(link, 'no other host').toMatch(/^\/[^/]/);
      expect((await get(link)).status, link).toBe(200);
    }
  });

  it('/graphql for a browser is the explorer, whose every asset this server serves', async () => {
    const response = await get('/graphql');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    const assets = referencedUrls(html).filter((url) => url !== '/graphql');
    expect(assets.length).toBeGreaterThanOrEqual(2);
    for (const asset of assets) {
      expect(asset, 'no other host').toMatch(/^\/explorer\//);
      const served = await get(asset, { accept: '*/*', 'accept-encoding': 'identity' });
      expect(served.status, asset).toBe(200);
      expect(served.headers.get('cache-control')).toContain('immutable');
      expect((await served.arrayBuffer()).byteLength).toBeGreaterThan(0);
    }
    expect(html, 'subscriptions follow the page origin').toContain('location.origin.replace(/^http/, "ws")');
  });

  it('an asset the explorer does not have is a 404, not the explorer or the API', async () => {
    const html = await (await get('/graphql')).text();
    const base = /\/explorer\/[^/"]+\//.exec(html)![0];
    expect((await get(`${base}no-such-file.js`)).status).toBe(404);
    expect((await get(`${base}ruru.js.map`)).status).toBe(404);
  });

  it('the API still answers JSON at the same URL, for POST and for GET queries', async () => {
    const posted = await gateway.post<{ customers: { totalCount: number } }>(
      '{ customers(first: 1) { totalCount } }',
    );
    expect(posted.body.data?.customers.totalCount).toBe(0);
    const viaGet = await fetch(`${gateway.server.url}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(viaGet.headers.get('content-type')).toMatch(/json/);
    expect(await viaGet.json()).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('the explorer’s credential over graphql-ws', () => {
  let db: Awaited<ReturnType<NonNullable<typeof pglite>['open']>>;
  let gateway: TestGateway;
  let key: string;
  const overSocket = async (params: Record<string, unknown>) => {
    try {
      for await (const result of gateway
        .wsClient(params)
        .iterate<{ customers: { totalCount: number } }>({ query: '{ customers(first: 1) { totalCount } }' }))
        return result.data?.customers.totalCount ?? result.errors?.[0]?.extensions?.code;
    } catch (error) {
      return `closed ${(error as { code?: number }).code}`;
    }
  };

  beforeAll(async () => {
    db = await pglite!.open();
    gateway = await startTestGateway(db, {}, { AUTH_MODE: 'required' });
    const { key: minted, ...secret } = mintApiKey();
    key = minted;
    await new ApiKeyStore(db.prisma).create({ name: 'explorer', role: 'viewer', ...secret });
  });
  afterAll(async () => {
    await gateway?.close();
    await db?.dispose();
  });

  it('takes the Headers tab’s "Authorization" as well as "authorization", and refuses a wrong key', async () => {
    expect(await overSocket({ Authorization: `Bearer ${key}` })).toBe(0);
    expect(await overSocket({ authorization: `Bearer ${key}` })).toBe(0);
    expect(await overSocket({ Authorization: 'Bearer lb_wrong' })).toBe('closed 4403');
  });
});
