// Business Central webhooks end to end, over real HTTP: a gateway in the BC dialect against the NAV
// sandbox's BC API subscribes at PUBLIC_URL, answers BC's handshake, takes notifications into the
// inbox (each once; a wrong clientState stores nothing), applies changes through batched re-reads
// without polling, renews subscriptions before they expire, subscribes again when BC lost them and
// reuses what exists after a restart.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type Gateway } from '../../src/app.js';
import { configSchema } from '../../src/config/schema.js';
import { createLogger } from '../../src/ops/logger.js';
import type { BcChangeFeed } from '../../src/systems/nav/module.js';
import { generateDemoCompany } from '@ledgerbridge/sandbox/demo/index.js';
import { startNavSandbox, type NavLimits, type RunningNavSandbox } from '@ledgerbridge/sandbox/nav/index.js';

const basic = `Basic ${Buffer.from('ADMIN:sandbox').toString('base64')}`;
const secretKey = randomBytes(32).toString('base64');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitFor<T>(probe: () => Promise<T | undefined | null | false>, what: string, ms = 15_000) {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface SandboxSubscription {
  subscriptionId: string;
  notificationUrl: string;
  resource: string;
  clientState: string;
  expiresAt: number;
}

function sandboxClient(sandbox: RunningNavSandbox) {
  const company = `${sandbox.url}/BC/api/v2.0/companies(${sandbox.companyId})`;
  const admin = async <T>(route: string, body?: unknown, method = body === undefined ? 'GET' : 'POST') => {
    const res = await fetch(`${sandbox.url}/__sandbox${route}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`admin ${route}: ${res.status} ${await res.text()}`);
    return (res.status === 204 ? undefined : await res.json()) as T;
  };
  return {
    /** A user changing data in BC. */
    async bc<T = Record<string, unknown>>(method: string, route: string, body?: unknown): Promise<T> {
      const res = await fetch(`${company}${route}`, {
        method,
        headers: {
          authorization: basic,
          'if-match': '*',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${await res.text()}`);
      return (res.status === 204 ? undefined : await res.json()) as T;
    },
    subscriptions: async () =>
      (await admin<{ subscriptions: SandboxSubscription[] }>('/webhooks')).subscriptions,
    /** BC sends what it collected now (instead of after its batching delay). */
    flush: () => admin<{ deliveries: { status: number | string; count: number }[] }>('/webhooks/flush', {}),
    clock: (advanceSeconds: number) => admin('/clock', { advanceSeconds }),
    resetCalls: () => admin('/calls', undefined, 'DELETE'),
    async calls(endpoint: string): Promise<number> {
      const snap = await admin<{ tenants: Record<string, { byEndpoint: Record<string, number> }> }>('/calls');
      return snap.tenants[sandbox.companyName]?.byEndpoint[endpoint] ?? 0;
    },
  };
}

async function startBcSandbox(limits: Partial<NavLimits> = {}): Promise<RunningNavSandbox> {
  return startNavSandbox({
    port: 0,
    company: generateDemoCompany({
      customers: 8,
      vendors: 3,
      items: 4,
      salesInvoices: 3,
      purchaseInvoices: 2,
      salesOrders: 1,
    }),
    // Notifications are sent when the test flushes them (BC would wait about 30 s).
    limits: { notificationDelayMs: 3_600_000, ...limits },
  });
}

async function startBcGateway(
  sandbox: RunningNavSandbox,
  port: number,
  dataDir: string,
  env: Record<string, string> = {},
): Promise<Gateway> {
  const config = configSchema.parse({
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: dataDir,
    SECRET_KEY: secretKey,
    DEMO: 'off',
    LOG_LEVEL: 'silent',
    // No polling during the tests: whatever reaches the mirror came through the webhook.
    SYNC_INTERVAL_MS: '3600000',
    NAV_DIALECT: 'bc-api-v2',
    NAV_URL: `${sandbox.url}/BC/api/v2.0`,
    NAV_COMPANY: sandbox.companyId,
    NAV_USER: 'ADMIN',
    NAV_ACCESS_KEY: 'sandbox',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    ...env,
  });
  const gateway = await startGateway(config, createLogger('silent', { pretty: false }));
  // It serves at once; these tests start from the mirror its initial sync leaves.
  await gateway.initialSync;
  return gateway;
}

const entitySets = ['customers', 'items', 'purchaseInvoices', 'salesInvoices', 'vendors'];

describe('Business Central webhooks', () => {
  let sandbox: RunningNavSandbox;
  let bc: ReturnType<typeof sandboxClient>;
  let gateway: Gateway;
  let port: number;
  let dataDir: string;
  let hookUrl: string;

  beforeAll(async () => {
    sandbox = await startBcSandbox({ maxNotifications: 5 });
    bc = sandboxClient(sandbox);
    port = await freePort();
    dataDir = await mkdtemp(path.join(tmpdir(), 'ledgerbridge-bc-webhooks-'));
    gateway = await startBcGateway(sandbox, port, dataDir);
    hookUrl = `http://127.0.0.1:${port}/webhooks/bc`;
  }, 120_000);

  afterAll(async () => {
    await gateway?.stop();
    await sandbox?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const webhooks = () => (gateway.sync.feeds.NAV as BcChangeFeed).webhooks;
  const prisma = () => gateway.db.prisma;
  const deliver = (body: unknown) =>
    fetch(hookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const customerCursor = async (entityType: 'CUSTOMER' | 'VENDOR') =>
    (await prisma().syncCursor.findFirst({ where: { system: 'NAV', entityType } }))?.lastRunAt ?? null;

  it('subscribes each synced entity set at PUBLIC_URL on start-up, with a secret clientState each', async () => {
    const report = (await webhooks().started)!;
    expect(report.failed).toEqual([]);
    expect(report.created.sort()).toEqual(entitySets);
    const subs = await bc.subscriptions();
    expect(subs.map((s) => s.resource.split('/').pop()).sort()).toEqual(entitySets);
    expect(new Set(subs.map((s) => s.notificationUrl))).toEqual(new Set([hookUrl]));
    expect(new Set(subs.map((s) => s.clientState)).size).toBe(5);
    const rows = await prisma().bcSubscription.findMany();
    expect(rows.map((r) => r.subscriptionId).sort()).toEqual(subs.map((s) => s.subscriptionId).sort());
    for (const row of rows) {
      expect(row.expiresAt).not.toBeNull();
      // Sealed at rest: the stored value does not contain the secret.
      const plain = subs.find((s) => s.subscriptionId === row.subscriptionId)!.clientState;
      expect(row.sealedClientState).not.toContain(plain);
    }
  });

  it("answers BC's validation handshake by echoing the token as text/plain", async () => {
    const res = await fetch(`${hookUrl}?validationToken=${encodeURIComponent('a1b2 c3+d4')}`, {
      method: 'POST',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await res.text()).toBe('a1b2 c3+d4');
  });

  it('applies changed customers through the webhook, re-read in one batched call, without polling', async () => {
    const polled = await customerCursor('CUSTOMER');
    const { value } = await bc.bc<{ value: { id: string; number: string }[] }>('GET', '/customers?$top=3');
    await bc.resetCalls();
    for (const [i, c] of value.entries())
      await bc.bc('PATCH', `/customers(${c.id})`, { displayName: `Webhook Renamed ${i}` });
    const { deliveries } = await bc.flush();
    expect(deliveries.at(-1)).toMatchObject({ status: 202, count: 3 });
    await webhooks().process();
    for (const [i, c] of value.entries()) {
      const mirrored = await prisma().customer.findUnique({ where: { number: c.number } });
      expect(mirrored?.name).toBe(`Webhook Renamed ${i}`);
    }
    // One read for the three notifications, and no delta poll.
    expect(await bc.calls('GET BC customers')).toBe(1);
    expect(await customerCursor('CUSTOMER')).toEqual(polled);
    const events = await prisma().inboxEvent.findMany({ where: { system: 'NAV' } });
    expect(events).toHaveLength(3);
    expect(events.every((e) => e.processedAt !== null && e.error === null)).toBe(true);
    expect(JSON.stringify(events.map((e) => e.payload))).not.toMatch(/clientState/);
  });

  it('has one effect however often BC delivers the same notification', async () => {
    const { value } = await bc.bc<{ value: { id: string; number: string }[] }>(
      'GET',
      '/customers?$skip=3&$top=1',
    );
    const customer = value[0]!;
    const mirroredId = (await prisma().customer.findUniqueOrThrow({ where: { number: customer.number } })).id;
    const changesOf = async () =>
      (await prisma().eventLogEntry.findMany({ where: { type: 'ENTITY_CHANGED' } })).filter(
        (e) => (e.payload as { entityId?: string }).entityId === mirroredId,
      ).length;
    const changedBefore = await changesOf();
    await bc.bc('PATCH', `/customers(${customer.id})`, { displayName: 'Delivered Twice Ltd' });
    await bc.flush();
    await webhooks().process();
    expect(await changesOf()).toBe(changedBefore + 1);
    const stored = await prisma().inboxEvent.findFirstOrThrow({ where: { externalId: customer.id } });
    const sub = (await bc.subscriptions()).find((s) => s.resource.endsWith('/customers'))!;
    const payload = stored.payload as Record<string, string>;
    // BC retrying the same delivery, twice at once and once more afterwards.
    const again = { value: [{ ...payload, clientState: sub.clientState }] };
    await bc.resetCalls();
    const statuses = await Promise.all([deliver(again), deliver(again)]);
    expect(statuses.map((r) => r.status)).toEqual([202, 202]);
    expect((await deliver(again)).status).toBe(202);
    await webhooks().process();
    expect(await prisma().inboxEvent.count({ where: { externalId: customer.id } })).toBe(1);
    expect(await bc.calls('GET BC customers')).toBe(0);
    const mirrored = await prisma().customer.findUniqueOrThrow({ where: { number: customer.number } });
    expect(mirrored.name).toBe('Delivered Twice Ltd');
    expect(await changesOf()).toBe(changedBefore + 1);
  });

  it('refuses notifications with a wrong or missing clientState and stores nothing', async () => {
    const sub = (await bc.subscriptions()).find((s) => s.resource.endsWith('/customers'))!;
    const { value } = await bc.bc<{ value: { id: string }[] }>('GET', '/customers?$top=1');
    const forged = {
      subscriptionId: sub.subscriptionId,
      expirationDateTime: '2099-01-01T00:00:00Z',
      resource: `api/v2.0/companies(${sandbox.companyId})/customers(${value[0]!.id})`,
      changeType: 'updated',
      lastModifiedDateTime: '2099-01-01T00:00:00.000Z',
    };
    const before = await prisma().inboxEvent.count();
    expect((await deliver({ value: [{ ...forged, clientState: 'guessed' }] })).status).toBe(401);
    expect((await deliver({ value: [forged] })).status).toBe(401);
    const other = (await bc.subscriptions()).find((s) => s.resource.endsWith('/vendors'))!;
    // Another subscription's secret does not open this one.
    expect((await deliver({ value: [{ ...forged, clientState: other.clientState }] })).status).toBe(401);
    expect(await prisma().inboxEvent.count()).toBe(before);
    // In a mixed batch only the genuine notification is taken.
    const genuine = {
      ...forged,
      clientState: sub.clientState,
      lastModifiedDateTime: '2099-01-02T00:00:00.000Z',
    };
    const mixed = await deliver({ value: [{ ...forged, clientState: 'guessed' }, genuine] });
    expect(mixed.status).toBe(202);
    expect(await prisma().inboxEvent.count()).toBe(before + 1);
    await webhooks().process();
  });

  it('keeps a record BC deleted, and notes why on the notification', async () => {
    const created = await bc.bc<{ id: string; number: string }>('POST', '/customers', {
      displayName: 'Short Lived Ltd',
    });
    await bc.flush();
    await webhooks().process();
    expect(await prisma().customer.findUnique({ where: { number: created.number } })).not.toBeNull();
    await bc.bc('DELETE', `/customers(${created.id})`);
    await bc.flush();
    await webhooks().process();
    const deleted = await prisma().inboxEvent.findFirstOrThrow({
      where: { externalId: created.id, payload: { path: ['changeType'], equals: 'deleted' } },
    });
    expect(deleted.processedAt).not.toBeNull();
    expect(deleted.error).toMatch(/deleted in Business Central/);
    expect(await prisma().customer.findUnique({ where: { number: created.number } })).not.toBeNull();
  });

  it('reads the whole delta when BC sends one collection notification for many changes', async () => {
    const polled = await customerCursor('VENDOR');
    const names = Array.from({ length: 6 }, (_, i) => `Bulk Vendor ${i}`);
    for (const displayName of names) await bc.bc('POST', '/vendors', { displayName });
    const { deliveries } = await bc.flush();
    expect(deliveries.at(-1)).toMatchObject({ status: 202, count: 1 });
    await webhooks().process();
    const event = await prisma().inboxEvent.findFirstOrThrow({
      where: { entityType: 'VENDOR', payload: { path: ['changeType'], equals: 'collection' } },
    });
    expect(event).toMatchObject({ externalId: '*', error: null });
    expect(event.processedAt).not.toBeNull();
    expect(await prisma().vendor.count({ where: { name: { in: names } } })).toBe(6);
    expect((await customerCursor('VENDOR'))!.getTime()).toBeGreaterThan(polled!.getTime());
  });

  it('reads documents by a delta pull when BC notifies a change', async () => {
    const pulled = (await prisma().syncCursor.findFirst({ where: { system: 'NAV', entityType: 'INVOICE' } }))
      ?.lastRunAt;
    const { value } = await bc.bc<{ value: { number: string }[] }>('GET', '/customers?$top=1');
    const draft = await bc.bc<{ id: string }>('POST', '/salesInvoices', {
      customerNumber: value[0]!.number,
      externalDocumentNumber: 'WEBHOOK-1',
    });
    await bc.flush();
    await webhooks().process();
    const event = await prisma().inboxEvent.findFirstOrThrow({ where: { entityType: 'INVOICE' } });
    expect(event).toMatchObject({ externalId: draft.id, error: null });
    expect(event.processedAt).not.toBeNull();
    const cursor = await prisma().syncCursor.findFirstOrThrow({
      where: { system: 'NAV', entityType: 'INVOICE' },
    });
    expect(cursor.lastRunAt!.getTime()).toBeGreaterThan(pulled?.getTime() ?? 0);
  });

  it('subscribes again when BC has lost its subscriptions, and changes flow again', async () => {
    const before = await bc.subscriptions();
    // Three days and a minute later every subscription has expired in BC.
    await bc.clock(3 * 24 * 3600 + 60);
    expect(await bc.subscriptions()).toEqual([]);
    const report = await webhooks().renewer.reconcile();
    expect(report.recreated.sort()).toEqual(entitySets);
    const after = await bc.subscriptions();
    expect(after).toHaveLength(5);
    for (const sub of after) {
      expect(before.map((s) => s.subscriptionId)).not.toContain(sub.subscriptionId);
      // A fresh secret: anything still sent under the lost one is refused.
      expect(before.map((s) => s.clientState)).not.toContain(sub.clientState);
    }
    const rows = await prisma().bcSubscription.findMany();
    expect(rows.map((r) => r.subscriptionId).sort()).toEqual(after.map((s) => s.subscriptionId).sort());

    const { value } = await bc.bc<{ value: { id: string; number: string }[] }>('GET', '/items?$top=1');
    await bc.bc('PATCH', `/items(${value[0]!.id})`, { displayName: 'Renamed After Re-subscribing' });
    await bc.flush();
    await webhooks().process();
    const item = await prisma().item.findUniqueOrThrow({ where: { number: value[0]!.number } });
    expect(item.name).toBe('Renamed After Re-subscribing');
  });

  it('reuses its subscriptions after a restart, and adopts them when their record was lost', async () => {
    const subs = await bc.subscriptions();
    await gateway.stop();
    await bc.resetCalls();
    gateway = await startBcGateway(sandbox, port, dataDir);
    const report = (await webhooks().started)!;
    expect(report.unchanged.sort()).toEqual(entitySets);
    expect(await bc.calls('POST BC subscriptions')).toBe(0);
    expect((await bc.subscriptions()).map((s) => s.subscriptionId).sort()).toEqual(
      subs.map((s) => s.subscriptionId).sort(),
    );

    // A gateway that lost its records (new database, same URL) takes over what BC holds for it.
    await gateway.stop();
    const freshDir = await mkdtemp(path.join(tmpdir(), 'ledgerbridge-bc-webhooks-'));
    try {
      gateway = await startBcGateway(sandbox, port, freshDir);
      const adopted = (await webhooks().started)!;
      expect(adopted.adopted.sort()).toEqual(entitySets);
      expect(await bc.calls('POST BC subscriptions')).toBe(0);
      const now = await bc.subscriptions();
      expect(now.map((s) => s.subscriptionId).sort()).toEqual(subs.map((s) => s.subscriptionId).sort());
      // Renewing put this gateway's own secret in force.
      const rows = await prisma().bcSubscription.findMany();
      expect(rows).toHaveLength(5);
      const { value } = await bc.bc<{ value: { id: string; number: string }[] }>('GET', '/customers?$top=1');
      await bc.bc('PATCH', `/customers(${value[0]!.id})`, { displayName: 'After Adoption Ltd' });
      const { deliveries } = await bc.flush();
      expect(deliveries.at(-1)).toMatchObject({ status: 202 });
      await webhooks().process();
      const mirrored = await prisma().customer.findUniqueOrThrow({ where: { number: value[0]!.number } });
      expect(mirrored.name).toBe('After Adoption Ltd');
    } finally {
      await gateway.stop();
      gateway = await startBcGateway(sandbox, port, dataDir);
      await rm(freshDir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('Business Central webhook renewal', () => {
  let sandbox: RunningNavSandbox;
  let gateway: Gateway;
  let dataDir: string;

  beforeAll(async () => {
    // Subscriptions that live 8 seconds, renewed when 4 are left (checked every second).
    sandbox = await startBcSandbox({ subscriptionLifetimeMs: 8000 });
    dataDir = await mkdtemp(path.join(tmpdir(), 'ledgerbridge-bc-renewal-'));
    gateway = await startBcGateway(sandbox, await freePort(), dataDir, {
      BC_WEBHOOK_RENEW_BEFORE_MS: '4000',
    });
  }, 120_000);

  afterAll(async () => {
    await gateway?.stop();
    await sandbox?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('renews every subscription before it expires, keeping its id', async () => {
    const bc = sandboxClient(sandbox);
    await (gateway.sync.feeds.NAV as BcChangeFeed).webhooks.started;
    const first = await bc.subscriptions();
    expect(first).toHaveLength(5);
    const renewed = await waitFor(async () => {
      const now = await bc.subscriptions();
      const later = first.every((f) => {
        const n = now.find((s) => s.subscriptionId === f.subscriptionId);
        return n && n.expiresAt > f.expiresAt;
      });
      return later && now.length === 5 ? now : null;
    }, 'every subscription renewed');
    expect(renewed.map((s) => s.subscriptionId).sort()).toEqual(first.map((s) => s.subscriptionId).sort());
    // Renewed in time: none lapsed, and renewing never created another one.
    expect(await bc.calls('POST BC subscriptions')).toBe(5);
    expect(await bc.calls('PATCH BC subscriptions')).toBeGreaterThanOrEqual(5);
    const rows = await gateway.db.prisma.bcSubscription.findMany();
    for (const row of rows) {
      const sub = renewed.find((s) => s.subscriptionId === row.subscriptionId);
      expect(sub).toBeDefined();
      expect(row.renewedAt).not.toBeNull();
    }
  });
});
