// BC webhooks: subscription handshake, notifications shaped like BC's, renewal and expiry.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from './helpers.js';

interface Receiver {
  url: string;
  validations: number;
  notifications: { value: Record<string, unknown>[] }[];
  /** When false the receiver ignores the validation token (handshake fails). */
  echo: boolean;
  server: Server;
}

async function startReceiver(): Promise<Receiver> {
  const r = { validations: 0, notifications: [], echo: true } as unknown as Receiver;
  r.server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const token = url.searchParams.get('validationToken');
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      if (token !== null) {
        r.validations++;
        res.writeHead(200, { 'content-type': 'text/plain' }).end(r.echo ? token : 'nope');
        return;
      }
      r.notifications.push(JSON.parse(body) as { value: Record<string, unknown>[] });
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => r.server.listen(0, '127.0.0.1', resolve));
  r.url = `http://127.0.0.1:${(r.server.address() as AddressInfo).port}/hook`;
  return r;
}

let sb: Sandbox;
let rx: Receiver;
let now = Date.UTC(2025, 8, 29, 9, 58, 45);
beforeAll(async () => {
  sb = await startSandbox({ now: () => now, limits: { notificationDelayMs: 60_000 } });
  rx = await startReceiver();
});
afterAll(async () => {
  await sb.close();
  await new Promise((r) => rx.server.close(r));
});

describe('BC webhook subscriptions', () => {
  let sub: Record<string, unknown>;

  it('validates the endpoint, then creates a subscription that expires in 3 days', async () => {
    const created = await sb.json<Record<string, unknown>>('/BC/api/v2.0/subscriptions', {
      method: 'POST',
      body: {
        notificationUrl: rx.url,
        resource: `api/v2.0/companies(${sb.companyId})/customers`,
        clientState: 'secret-state',
      },
    });
    expect(created.status).toBe(201);
    expect(rx.validations).toBe(1);
    sub = created.body;
    expect(sub).toMatchObject({
      '@odata.context': expect.stringMatching(
        /\/BC\/api\/v2\.0\/\$metadata#subscriptions\/\$entity$/,
      ) as string,
      notificationUrl: rx.url,
      resource: `api/v2.0/companies(${sb.companyId})/customers`,
      clientState: 'secret-state',
      lastModifiedDateTime: '2025-09-29T09:58:45Z',
      expirationDateTime: '2025-10-02T09:58:45Z',
    });
    expect(sub.subscriptionId).toMatch(/^[0-9a-f]{32}$/);
    const list = await sb.json<{ value: unknown[] }>('/BC/api/v2.0/subscriptions');
    expect(list.body.value).toHaveLength(1);
  });

  it('refuses endpoints that fail the handshake and unknown resources', async () => {
    rx.echo = false;
    const failed = await sb.json<{ error: { code: string } }>('/BC/api/v2.0/subscriptions', {
      method: 'POST',
      body: { notificationUrl: rx.url, resource: `api/v2.0/companies(${sb.companyId})/items` },
    });
    rx.echo = true;
    expect(failed.status).toBe(400);
    expect(failed.body.error.code).toBe('Application_DialogException');
    const bad = await sb.json<{ error: { code: string } }>('/BC/api/v2.0/subscriptions', {
      method: 'POST',
      body: { notificationUrl: rx.url, resource: `api/v2.0/companies(${sb.companyId})/generalLedgerEntries` },
    });
    expect(bad.status).toBe(400);
  });

  it('notifies created/updated/deleted changes from either dialect like BC', async () => {
    const created = await sb.json<Record<string, unknown>>(`${sb.bc}/customers`, {
      method: 'POST',
      body: { displayName: 'Webhook Ltd' },
    });
    await sb.json(`${sb.nav}/Customer('C00030')`, {
      method: 'PATCH',
      body: { Name: 'Relecloud Inc' },
      headers: { 'if-match': '*' },
    });
    await sb.call(`${sb.bc}/customers(${created.body.id as string})`, {
      method: 'DELETE',
      headers: { 'if-match': '*' },
    });
    await sb.json(`${sb.bc}/items`, { method: 'POST', body: { displayName: 'Not subscribed' } });
    expect(rx.notifications).toHaveLength(0); // BC batches notifications; the flush sends them now
    const flushed = await sb.admin('/webhooks/flush', {});
    expect(flushed.deliveries).toEqual([expect.objectContaining({ status: 202, count: 3 })]);
    expect(rx.notifications).toHaveLength(1);
    const value = rx.notifications[0]!.value;
    expect(value.map((n) => n.changeType)).toEqual(['created', 'updated', 'deleted']);
    expect(value[0]).toEqual({
      subscriptionId: sub.subscriptionId,
      clientState: 'secret-state',
      expirationDateTime: '2025-10-02T09:58:45Z',
      resource: `api/v2.0/companies(${sb.companyId})/customers(${created.body.id as string})`,
      changeType: 'created',
      lastModifiedDateTime: '2025-09-29T09:58:45.000Z',
    });
    expect(value[1]!.resource).toBe(
      `api/v2.0/companies(${sb.companyId})/customers(00000000-0000-4000-8000-0000000c0003)`,
    );
  });

  it('renews by PATCH with If-Match (re-validating) and expires after 3 days otherwise', async () => {
    const key = `/BC/api/v2.0/subscriptions('${sub.subscriptionId as string}')`;
    const noMatch = await sb.json<{ error: { code: string } }>(key, { method: 'PATCH', body: {} });
    expect(noMatch.body.error.code).toBe('BadRequest_InvalidToken');
    now += 2 * 24 * 3600_000;
    const renewed = await sb.json<Record<string, unknown>>(key, {
      method: 'PATCH',
      body: {},
      headers: { 'if-match': sub['@odata.etag'] as string },
    });
    expect(renewed.status).toBe(200);
    expect(rx.validations).toBe(3);
    expect(renewed.body.expirationDateTime).toBe('2025-10-04T09:58:45Z');
    now += 3 * 24 * 3600_000 + 1000;
    expect((await sb.call(key)).status).toBe(404);
    expect((await sb.json<{ value: unknown[] }>('/BC/api/v2.0/subscriptions')).body.value).toHaveLength(0);
  });
});
