import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signWebhookBody } from '../../../src/xero/index.js';
import { CUSTOMER_ALPHA, Harness, TENANT_A } from './harness.js';

interface Received {
  body: string;
  signature: string;
}

const KEY = 'test-webhook-key';

/** A receiver that verifies signatures as Xero expects, and can be told to fail. */
async function receiver(): Promise<{
  url: string;
  got: Received[];
  failNext: { n: number };
  close(): Promise<void>;
}> {
  const got: Received[] = [];
  const failNext = { n: 0 };
  const read = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let s = '';
      req.on('data', (c: Buffer) => (s += c.toString('utf8')));
      req.on('end', () => resolve(s));
    });
  const server: Server = createServer((req, res) => {
    void read(req).then((body) => {
      const signature = String(req.headers['x-xero-signature'] ?? '');
      if (signature !== signWebhookBody(body, KEY)) {
        res.writeHead(401).end();
        return;
      }
      got.push({ body, signature });
      if (failNext.n > 0) {
        failNext.n -= 1;
        res.writeHead(500).end();
        return;
      }
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    got,
    failNext,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

type Payload = {
  events: Record<string, unknown>[];
  firstEventSequence: number;
  lastEventSequence: number;
  entropy: string;
};
const events = (got: Received[]) =>
  got.map((g) => JSON.parse(g.body) as Payload).filter((p) => p.events.length > 0);

describe('Xero sandbox: webhooks', () => {
  let h: Harness;
  let rx: Awaited<ReturnType<typeof receiver>>;
  beforeAll(async () => {
    h = await Harness.start();
    rx = await receiver();
  });
  afterAll(async () => {
    await h.close();
    await rx.close();
  });

  it('runs the intent-to-receive handshake (401 on a bad signature, 200 empty on a good one)', async () => {
    const r = await h.admin('POST', '/webhooks', { url: rx.url, key: KEY });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'OK' });
    const itr = JSON.parse(rx.got[0]?.body ?? '{}') as Payload;
    expect(itr).toMatchObject({ events: [], firstEventSequence: 0, lastEventSequence: 0 });
    // A receiver that accepts anything fails the check.
    const lax = createServer((_req, res) => res.writeHead(200).end());
    await new Promise<void>((res) => lax.listen(0, '127.0.0.1', res));
    const bad = await h.admin('POST', '/webhooks', {
      url: `http://127.0.0.1:${(lax.address() as AddressInfo).port}/`,
      key: KEY,
    });
    expect(bad.status).toBe(422);
    await new Promise<void>((res) => lax.close(() => res()));
    await h.admin('POST', '/webhooks', { url: rx.url, key: KEY });
    rx.got.length = 0;
  });

  it('signs and batches events as Xero does', async () => {
    await h.api('PUT', '/Contacts', { Contacts: [{ Name: 'Hook One' }, { Name: 'Hook Two' }] });
    await h.api('POST', `/Contacts/${CUSTOMER_ALPHA}`, { Contacts: [{ EmailAddress: 'new@alpha.test' }] });
    await h.admin('POST', '/webhooks/idle');
    const [batch1, batch2] = events(rx.got);
    expect(batch1?.events).toHaveLength(2);
    expect(batch1).toMatchObject({ firstEventSequence: 1, lastEventSequence: 2 });
    expect(batch1?.entropy).toMatch(/^[A-Z]{20}$/);
    expect(batch1?.events[0]).toMatchObject({
      eventCategory: 'CONTACT',
      eventType: 'CREATE',
      tenantId: TENANT_A,
      tenantType: 'ORGANISATION',
    });
    expect(String(batch1?.events[0]?.eventDateUtc)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}$/);
    expect(batch2?.events[0]).toMatchObject({
      eventCategory: 'CONTACT',
      eventType: 'UPDATE',
      resourceId: CUSTOMER_ALPHA,
      resourceUrl: `${h.url}/api.xro/2.0/Contacts/${CUSTOMER_ALPHA}`,
    });
    // Failed (rolled back) writes send nothing.
    rx.got.length = 0;
    await h.api('PUT', '/Contacts', {
      Contacts: [{ Name: 'Hook Three' }, { Name: 'x', EmailAddress: 'bad' }],
    });
    await h.admin('POST', '/webhooks/idle');
    expect(events(rx.got)).toHaveLength(0);
  });

  it('retries with back-off until the receiver answers 2xx', async () => {
    rx.got.length = 0;
    rx.failNext.n = 2;
    await h.api('PUT', '/Invoices', {
      Invoices: [
        {
          Type: 'ACCREC',
          Contact: { ContactID: CUSTOMER_ALPHA },
          LineItems: [{ Description: 'x', Quantity: 1, UnitAmount: 1, AccountCode: '200' }],
        },
      ],
    });
    await h.admin('POST', '/webhooks/idle');
    const received = events(rx.got);
    expect(received).toHaveLength(3);
    expect(new Set(received.map((p) => p.firstEventSequence)).size).toBe(1);
    expect(received[0]?.events[0]).toMatchObject({ eventCategory: 'INVOICE', eventType: 'CREATE' });
    const state = (await h.admin('GET', '/webhooks')).body as {
      deliveries: { status: string; attempts: number }[];
    };
    expect(state.deliveries.at(-1)).toMatchObject({ status: 'delivered', attempts: 3 });
  });

  it('fault modes: duplicate and out-of-order delivery', async () => {
    rx.got.length = 0;
    await h.admin('POST', '/webhooks/faults', { duplicate: true });
    await h.api('PUT', '/Contacts', { Name: 'Dup' });
    await h.admin('POST', '/webhooks/idle');
    const dup = events(rx.got);
    expect(dup).toHaveLength(2);
    expect(dup[0]?.firstEventSequence).toBe(dup[1]?.firstEventSequence);

    rx.got.length = 0;
    await h.admin('POST', '/webhooks/faults', { duplicate: false, outOfOrder: true });
    await h.api('PUT', '/Contacts', { Name: 'First' });
    await h.api('PUT', '/Contacts', { Name: 'Second' });
    await h.admin('POST', '/webhooks/idle');
    const seqs = events(rx.got).map((p) => p.firstEventSequence);
    expect(seqs).toHaveLength(2);
    expect(seqs[0]).toBeGreaterThan(seqs[1] ?? 0);
    await h.admin('POST', '/webhooks/faults', { outOfOrder: false });
  });
});
