// Xero webhook deliveries into the inbox: verified on the raw body, stored once however often
// they are delivered, and nothing stored when the signature is wrong.
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signXeroWebhook } from '../../src/systems/xero/webhooks.js';
import { createLogger } from '../../src/ops/logger.js';
import { Inbox } from '../../src/store/inbox.js';
import { xeroInboxRouter } from '../../src/systems/xero/inbox.js';
import { databaseTargets } from '../support/databases.js';

const [pglite] = await databaseTargets();
const key = 'test-webhook-key';

describe('Xero webhooks into the inbox', () => {
  let db: Awaited<ReturnType<NonNullable<typeof pglite>['open']>>;
  let url: string;
  let close: () => void;
  let stored = 0;

  beforeAll(async () => {
    db = await pglite!.open();
    const app = express();
    app.use(
      '/webhooks/xero',
      xeroInboxRouter({
        key,
        inbox: new Inbox(db.prisma),
        log: createLogger('silent', { pretty: false }),
        onStored: () => (stored += 1),
      }),
    );
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/xero`;
    close = () => server.close();
  });

  afterAll(async () => {
    close?.();
    await db?.dispose();
  });

  const deliver = (body: string, signature: string) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-xero-signature': signature },
      body,
    });

  const payload = JSON.stringify({
    events: [
      {
        resourceUrl: 'https://api.xero.com/api.xro/2.0/Contacts/0b8f7c1e-8a9d-4e5f-9a1b-2c3d4e5f6a7b',
        resourceId: '0b8f7c1e-8a9d-4e5f-9a1b-2c3d4e5f6a7b',
        eventDateUtc: '2026-11-26T10:00:00.000',
        eventType: 'UPDATE',
        eventCategory: 'CONTACT',
        tenantId: '58e34ed8-3d0f-4083-962d-bd6231d3e4fb',
        tenantType: 'ORGANISATION',
      },
    ],
    firstEventSequence: 1,
    lastEventSequence: 1,
    entropy: 'ABCDEFGHIJ',
  });

  it('answers the intent-to-receive handshake', async () => {
    const empty = JSON.stringify({ events: [], firstEventSequence: 0, lastEventSequence: 0, entropy: 'X' });
    expect((await deliver(empty, 'not-the-signature')).status).toBe(401);
    expect((await deliver(empty, signXeroWebhook(empty, key))).status).toBe(200);
  });

  it('stores a delivered event once, however often it arrives', async () => {
    const signature = signXeroWebhook(payload, key);
    expect((await deliver(payload, signature)).status).toBe(200);
    expect((await deliver(payload, signature)).status).toBe(200);
    const events = await db.prisma.inboxEvent.findMany();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      system: 'XERO',
      externalId: '0b8f7c1e-8a9d-4e5f-9a1b-2c3d4e5f6a7b',
      processedAt: null,
    });
    expect(stored).toBe(1);
  });

  it('stores nothing when the signature does not match the raw body', async () => {
    const before = await db.prisma.inboxEvent.count();
    const tampered = payload.replace('UPDATE', 'CREATE');
    expect((await deliver(tampered, signXeroWebhook(payload, key))).status).toBe(401);
    expect(await db.prisma.inboxEvent.count()).toBe(before);
  });
});
