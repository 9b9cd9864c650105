// Webhooks from the sandbox: the intent-to-receive handshake (401 bad / 200 empty good), signed
// deliveries handed to the callback, and unsigned requests refused.
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  signXeroWebhook,
  xeroWebhookRouter,
  type XeroWebhookPayload,
} from '../../../../src/systems/xero/index.js';
import { startEnv, type Env } from './support.js';

const KEY = 'webhook-key-for-tests-0123456789abcdef';

describe('Xero connector: webhooks', () => {
  let env: Env;
  let server: import('node:http').Server;
  let url: string;
  const received: XeroWebhookPayload[] = [];
  beforeAll(async () => {
    env = await startEnv();
    const app = express();
    app.use('/webhooks/xero', xeroWebhookRouter({ key: KEY, onEvents: async (p) => void received.push(p) }));
    server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/xero`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await env?.close();
  });

  it('passes the intent-to-receive check and receives signed events', async () => {
    const subscribe = await env.admin('POST', '/webhooks', { url, key: KEY });
    expect(subscribe.status).toBe(200);
    expect(subscribe.body).toMatchObject({ status: 'OK' });
    expect(received).toHaveLength(0); // the handshake is not an event
    const customerNo = env.company.customers.find((c) => c.presence.xero && !c.archived)?.no ?? '';
    const [r] = await env.connector().writeMany('customer', [
      {
        idempotencyKey: 'wh-1',
        data: {
          number: customerNo,
          name: 'Webhook Renamed Ltd',
          email: null,
          phone: null,
          taxNumber: null,
          currency: 'GBP',
          status: 'ACTIVE',
          paymentTerms: null,
          address: null,
        },
      },
    ]);
    expect(r?.ok).toBe(true);
    await env.admin('POST', '/webhooks/idle');
    const events = received.flatMap((p) => p.events);
    expect(events.some((e) => e.eventCategory === 'CONTACT' && e.tenantId === env.tenantId)).toBe(true);
  });

  it('answers 401 to a bad signature and 200 with an empty body to a good one', async () => {
    const body = JSON.stringify({ events: [], firstEventSequence: 0, lastEventSequence: 0, entropy: 'X' });
    const bad = await fetch(url, {
      method: 'POST',
      body,
      headers: { 'x-xero-signature': signXeroWebhook(body, 'wrong') },
    });
    expect(bad.status).toBe(401);
    const none = await fetch(url, { method: 'POST', body });
    expect(none.status).toBe(401);
    const good = await fetch(url, {
      method: 'POST',
      body,
      headers: { 'x-xero-signature': signXeroWebhook(body, KEY) },
    });
    expect(good.status).toBe(200);
    expect(await good.text()).toBe('');
  });
});
