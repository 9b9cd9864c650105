// Authentication (Basic access keys, OAuth client credentials), throttling with an injectable
// clock, fault injection in NAV/BC's own shapes, and call counting.
import { afterEach, describe, expect, it } from 'vitest';
import { BASIC, startSandbox, type Sandbox } from './helpers.js';

type Err = { error: { code: string; message: string } };

let sb: Sandbox | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

async function token(
  url: string,
  form: Record<string, string>,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${url}/common/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const CLIENT = {
  grant_type: 'client_credentials',
  client_id: 'ledgerbridge-sandbox',
  client_secret: 'sandbox-secret',
  scope: 'https://api.businesscentral.dynamics.com/.default',
};

describe('authentication', () => {
  it('accepts the demo web service access key and rejects anything else with a 401', async () => {
    sb = await startSandbox();
    expect((await sb.call(`${sb.nav}/Item`)).status).toBe(200);
    expect((await sb.call(`${sb.bc}/items`)).status).toBe(200);
    const wrong = await sb.call(`${sb.nav}/Item`, {
      headers: { authorization: `Basic ${Buffer.from('ADMIN:nope').toString('base64')}` },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toMatch(/^Basic/);
    expect(((await wrong.json()) as Err).error.code).toBe('Authentication_InvalidCredentials');
    const none = await fetch(`${sb.url}${sb.bc}/items`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer authorization_uri=/);
  });

  it('issues Entra-shaped client-credential tokens that work on BC and expire', async () => {
    let now = Date.UTC(2024, 5, 1);
    sb = await startSandbox({ now: () => now });
    const t = await token(sb.url, CLIENT);
    expect(t.status).toBe(200);
    expect(t.body).toMatchObject({ token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599 });
    const bearer = { authorization: `Bearer ${t.body.access_token as string}` };
    expect((await sb.call(`${sb.bc}/items`, { headers: bearer })).status).toBe(200);
    // Bearer tokens are a BC thing: NAV on-premises pages use the access key.
    expect((await sb.call(`${sb.nav}/Item`, { headers: bearer })).status).toBe(401);
    now += 3600_000;
    const expired = await sb.call(`${sb.bc}/items`, { headers: bearer });
    expect(expired.status).toBe(401);
    expect(expired.headers.get('www-authenticate')).toContain('error="invalid_token"');

    const badSecret = await token(sb.url, { ...CLIENT, client_secret: 'x' });
    expect(badSecret.status).toBe(401);
    expect(badSecret.body).toMatchObject({ error: 'invalid_client', error_codes: [7000215] });
    const badScope = await token(sb.url, { ...CLIENT, scope: 'https://graph.microsoft.com/.default' });
    expect(badScope.body).toMatchObject({ error: 'invalid_scope' });
    const badGrant = await token(sb.url, { ...CLIENT, grant_type: 'password' });
    expect(badGrant.body).toMatchObject({ error: 'unsupported_grant_type' });
  });
});

describe('throttling', () => {
  it('refuses requests over the per-user window budget with 429 and Retry-After until the window moves', async () => {
    let now = Date.UTC(2024, 5, 1);
    sb = await startSandbox({ now: () => now, limits: { maxRequestsPerWindow: 3, windowMs: 60_000 } });
    for (let i = 0; i < 3; i++) expect((await sb.call(`${sb.nav}/Item`)).status).toBe(200);
    const limited = await sb.call(`${sb.nav}/Item`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('60');
    expect(((await limited.json()) as Err).error).toEqual({
      code: 'Application_TooManyRequests',
      message: expect.stringContaining('Too many requests reached.  Actual (4).  Maximum (3).') as string,
    });
    // Budgets are per user: the OAuth client still has its own.
    const t = await token(sb.url, CLIENT);
    expect(
      (
        await sb.call(`${sb.bc}/items`, {
          headers: { authorization: `Bearer ${t.body.access_token as string}` },
        })
      ).status,
    ).toBe(200);
    // Admin routes are neither throttled nor counted.
    expect((await fetch(`${sb.url}/__sandbox/calls`)).status).toBe(200);
    now += 30_000;
    expect((await sb.call(`${sb.nav}/Item`)).headers.get('retry-after')).toBe('30');
    now += 30_001;
    expect((await sb.call(`${sb.nav}/Item`)).status).toBe(200);
  });

  it('queues beyond the concurrency limit and answers 429 when the queue is full', async () => {
    sb = await startSandbox({ limits: { maxConcurrentPerUser: 1, maxQueuePerUser: 0 } });
    await sb.admin('/faults', { kind: 'latency', ms: 300, path: '/Item', count: 1 });
    const slow = sb.call(`${sb.nav}/Item`);
    await new Promise((r) => setTimeout(r, 50));
    const refused = await sb.call(`${sb.nav}/Customer`);
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as Err).error.code).toBe('Application_TooManyRequests');
    expect((await slow).status).toBe(200);
    expect((await sb.call(`${sb.nav}/Customer`)).status).toBe(200);
  });

  it('lets queued requests through in turn and answers 503 when one waits too long', async () => {
    sb = await startSandbox({
      limits: { maxConcurrentPerUser: 1, maxQueuePerUser: 5, queueTimeoutMs: 5_000 },
    });
    await sb.admin('/faults', { kind: 'latency', ms: 200, path: '/Item', count: 1 });
    const results = await Promise.all([
      sb.call(`${sb.nav}/Item`),
      sb.call(`${sb.nav}/Customer`),
      sb.call(`${sb.nav}/Vendor`),
    ]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    await sb.close();
    sb = await startSandbox({ limits: { maxConcurrentPerUser: 1, maxQueuePerUser: 5, queueTimeoutMs: 0 } });
    await sb.admin('/faults', { kind: 'latency', ms: 300, path: '/Item', count: 1 });
    const slow = sb.call(`${sb.nav}/Item`);
    await new Promise((r) => setTimeout(r, 50));
    const timedOut = await sb.call(`${sb.nav}/Customer`);
    expect(timedOut.status).toBe(503);
    expect(timedOut.headers.get('retry-after')).toBe('1');
    expect(((await timedOut.json()) as Err).error.code).toBe('Application_ServiceUnavailable');
    expect((await slow).status).toBe(200);
  });
});

describe('fault injection and call counts', () => {
  it("answers injected faults in NAV/BC's own shapes", async () => {
    sb = await startSandbox();
    await sb.admin('/faults', { kind: 'rate-limit', retryAfterSeconds: 7, count: 1 });
    const rl = await sb.call(`${sb.bc}/customers`);
    expect(rl.status).toBe(429);
    expect(rl.headers.get('retry-after')).toBe('7');
    expect(((await rl.json()) as Err).error.code).toBe('Application_TooManyRequests');
    await sb.admin('/faults', { kind: 'status', status: 503, count: 1 });
    const unavailable = await sb.call(`${sb.bc}/customers`);
    expect(unavailable.status).toBe(503);
    expect(((await unavailable.json()) as Err).error.code).toBe('Application_ServiceUnavailable');
    await sb.admin('/faults', { kind: 'status', status: 500, count: 1 });
    expect(((await (await sb.call(`${sb.bc}/customers`)).json()) as Err).error.code).toBe(
      'Internal_ServerError',
    );
    await sb.admin('/faults', { kind: 'expire-token', count: 1 });
    const expired = await sb.call(`${sb.bc}/customers`);
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as Err).error.code).toBe('Authentication_InvalidCredentials');
    expect((await sb.call(`${sb.bc}/customers`)).status).toBe(200);
  });

  it('counts calls per company and endpoint, not admin calls', async () => {
    sb = await startSandbox();
    await sb.call(`${sb.nav}/Customer`);
    await sb.call(`${sb.nav}/Customer('C00010')`);
    await sb.call(`${sb.bc}/salesInvoices(44444444-0000-4000-8000-000000102001)/Microsoft.NAV.post`, {
      method: 'POST',
    });
    await sb.admin('/clock');
    const calls = (await sb.admin('/calls')) as {
      total: number;
      tenants: Record<string, { total: number; byEndpoint: Record<string, number> }>;
    };
    expect(calls.total).toBe(3);
    expect(calls.tenants['CRONUS International Ltd.']!.byEndpoint).toEqual({
      'GET NAV Customer': 2,
      'POST BC salesInvoices/Microsoft.NAV.post': 1,
    });
    expect(BASIC).toMatch(/^Basic /);
  });
});
