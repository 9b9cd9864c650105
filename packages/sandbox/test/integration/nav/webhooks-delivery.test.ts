// BC webhook deliveries as BC sends them: many changes for one subscription become one
// `collection` notification, and a subscriber refusing a delivery with a status BC does not retry
// loses its subscription (408, 429 and 5xx keep it).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from './helpers.js';

interface Receiver {
  url: string;
  /** Status answered to notifications (the handshake always succeeds). */
  status: number;
  notifications: { value: Record<string, unknown>[] }[];
  server: Server;
}

async function startReceiver(): Promise<Receiver> {
  const r = { status: 202, notifications: [] } as unknown as Receiver;
  r.server = createServer((req, res) => {
    const token = new URL(req.url ?? '/', 'http://x').searchParams.get('validationToken');
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      if (token !== null) return void res.writeHead(200, { 'content-type': 'text/plain' }).end(token);
      r.notifications.push(JSON.parse(body) as { value: Record<string, unknown>[] });
      res.writeHead(r.status).end();
    });
  });
  await new Promise<void>((resolve) => r.server.listen(0, '127.0.0.1', resolve));
  r.url = `http://127.0.0.1:${(r.server.address() as AddressInfo).port}/hook`;
  return r;
}

let sb: Sandbox;
let rx: Receiver;
const now = Date.UTC(2025, 8, 29, 9, 58, 45);

beforeAll(async () => {
  sb = await startSandbox({ now: () => now, limits: { notificationDelayMs: 60_000, maxNotifications: 3 } });
  rx = await startReceiver();
});
afterAll(async () => {
  await sb.close();
  await new Promise((r) => rx.server.close(r));
});

const subscribe = async (set: string) => {
  const created = await sb.json<{ subscriptionId: string }>('/BC/api/v2.0/subscriptions', {
    method: 'POST',
    body: {
      notificationUrl: rx.url,
      resource: `/api/v2.0/companies(${sb.companyId})/${set}`,
      clientState: 'state',
    },
  });
  expect(created.status).toBe(201);
  return created.body.subscriptionId;
};
const active = async () =>
  ((await sb.admin('/webhooks')).subscriptions as { subscriptionId: string }[]).map((s) => s.subscriptionId);

describe('BC webhook deliveries', () => {
  it('sends one collection notification when more changes than the threshold pile up', async () => {
    const customers = await subscribe('customers');
    for (const name of ['One', 'Two', 'Three', 'Four'])
      await sb.json(`${sb.bc}/customers`, { method: 'POST', body: { displayName: `${name} Ltd` } });
    await sb.admin('/webhooks/flush', {});
    expect(rx.notifications).toHaveLength(1);
    expect(rx.notifications[0]!.value).toEqual([
      {
        subscriptionId: customers,
        clientState: 'state',
        expirationDateTime: '2025-10-02T09:58:45Z',
        resource: `api/v2.0/companies(${sb.companyId})/customers?$filter=lastModifiedDateTime%20gt%202025-09-29T09:58:44.999Z`,
        changeType: 'collection',
        lastModifiedDateTime: '2025-09-29T09:58:45.000Z',
      },
    ]);
    // At the threshold each change is still notified on its own.
    for (const name of ['Five', 'Six', 'Seven'])
      await sb.json(`${sb.bc}/customers`, { method: 'POST', body: { displayName: `${name} Ltd` } });
    await sb.admin('/webhooks/flush', {});
    expect(rx.notifications[1]!.value.map((n) => n.changeType)).toEqual(['created', 'created', 'created']);
  });

  it('keeps a subscription whose delivery failed with a status BC retries', async () => {
    const vendors = await subscribe('vendors');
    for (const status of [408, 429, 503]) {
      rx.status = status;
      await sb.json(`${sb.bc}/vendors`, { method: 'POST', body: { displayName: `Retry ${status}` } });
      await sb.admin('/webhooks/flush', {});
      expect(await active()).toContain(vendors);
    }
  });

  it('drops a subscription whose delivery was refused with any other status', async () => {
    const items = await subscribe('items');
    rx.status = 401;
    await sb.json(`${sb.bc}/items`, { method: 'POST', body: { displayName: 'Refused' } });
    const flushed = await sb.admin('/webhooks/flush', {});
    expect((flushed.deliveries as { subscriptionId: string; status: number }[]).at(-1)).toMatchObject({
      subscriptionId: items,
      status: 401,
    });
    expect(await active()).not.toContain(items);
    expect((await sb.call(`/BC/api/v2.0/subscriptions('${items}')`)).status).toBe(404);
    rx.status = 202;
  });
});
