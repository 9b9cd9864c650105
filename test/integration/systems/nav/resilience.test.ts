// Throttling, authentication, start-up checks and the classification of every failure.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RemoteRecord } from '../../../../src/systems/system.js';
import { ConnectorError } from '../../../../src/systems/errors.js';
import { BasicAuth, NavConnector } from '../../../../src/systems/nav/index.js';
import type { RunningNavSandbox } from '@ledgerbridge/sandbox/nav/index.js';
import { callCount, connect, connectorOptions, oauth, sandboxAdmin, startSandbox } from './harness.js';

let sandbox: RunningNavSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => sandbox.close());
beforeEach(async () => {
  await sandboxAdmin.reset(sandbox);
  await sandboxAdmin.clearFaults(sandbox);
  await sandboxAdmin.resetCalls(sandbox);
});

async function caught(p: Promise<unknown>): Promise<ConnectorError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ConnectorError) return err;
    throw err;
  }
  throw new Error('expected a ConnectorError');
}

async function drain(it: AsyncGenerator<unknown>): Promise<void> {
  for await (const _ of it) void _;
}

/** A sleep the test releases by hand: waits are observable, never timed. */
function manualSleep() {
  const waits: { ms: number; release: () => void }[] = [];
  const sleep = (ms: number) => new Promise<void>((resolve) => waits.push({ ms, release: resolve }));
  return { waits, sleep };
}

describe('429 and Retry-After', () => {
  it.each(['nav-odata-v4', 'bc-api-v2'] as const)(
    '%s: pauses every call for Retry-After, then succeeds',
    async (dialect) => {
      const { waits, sleep } = manualSleep();
      const c = await connect(sandbox, dialect, { sleep });
      await sandboxAdmin.resetCalls(sandbox);
      const set = dialect === 'nav-odata-v4' ? 'Customer' : 'customers';
      await sandboxAdmin.fault(sandbox, { kind: 'rate-limit', path: set, retryAfterSeconds: 30, count: 1 });
      const first = c.getMany('customer', [
        dialect === 'nav-odata-v4' ? 'C00010' : '00000000-0000-0000-0000-000000000000',
      ]);
      while (waits.length === 0) await new Promise((r) => setTimeout(r, 5));
      expect(waits[0]!.ms).toBeGreaterThan(25_000);
      const before = await callCount(sandbox);
      expect(before).toBe(1);
      // Another call while paused must not reach NAV/BC.
      const second = c.getMany('item', []);
      const third = drain(c.list('vendor'));
      await new Promise((r) => setTimeout(r, 100));
      expect(await callCount(sandbox)).toBe(before);
      waits[0]!.release();
      await Promise.all([first, second, third]);
      expect(await callCount(sandbox)).toBeGreaterThan(before);
    },
  );

  it('fails as rate-limited with retryAt when Retry-After is longer than the connector may wait', async () => {
    const c = await connect(sandbox, 'nav-odata-v4', { maxRetryAfterMs: 1000 });
    await sandboxAdmin.fault(sandbox, {
      kind: 'rate-limit',
      path: 'Vendor',
      retryAfterSeconds: 600,
      count: 1,
    });
    const err = await caught(drain(c.list('vendor')));
    expect(err.kind).toBe('rate-limited');
    expect(err.retryable).toBe(true);
    expect(err.details.retryAt!.getTime()).toBeGreaterThan(Date.now() + 500_000);
  });
});

describe('BC OAuth client credentials', () => {
  it('caches the token, refreshes it once after a 401 and retries the call', async () => {
    const auth = oauth(sandbox);
    const c = await NavConnector.connect(connectorOptions(sandbox, 'bc-api-v2', { auth }));
    await drain(c.list('vendor'));
    await drain(c.list('item'));
    expect(auth.tokenRequests).toBe(1);
    // The sandbox clock moves past the token's lifetime: BC answers 401 invalid_token.
    await sandboxAdmin.clock(sandbox, { advanceSeconds: 3700 });
    await sandboxAdmin.resetCalls(sandbox);
    const vendors = await c.getMany('vendor', []);
    expect(vendors.size).toBe(0);
    await drain(c.list('vendor'));
    expect(auth.tokenRequests).toBe(2);
    expect(await callCount(sandbox, 'GET BC vendors')).toBe(2); // the 401 and its retry
  });

  it('refreshes before expiry without a 401', async () => {
    let now = Date.now();
    const auth = oauth(sandbox, () => now);
    const c = await NavConnector.connect(connectorOptions(sandbox, 'bc-api-v2', { auth }));
    expect(auth.tokenRequests).toBe(1);
    now += 3550_000; // within the refresh margin of the 3599 s token
    await sandboxAdmin.resetCalls(sandbox);
    await drain(c.list('vendor'));
    expect(auth.tokenRequests).toBe(2);
    expect(await callCount(sandbox, 'GET BC vendors')).toBe(1);
  });

  it('an expire-token fault is survived by one refresh', async () => {
    const auth = oauth(sandbox);
    const c = await NavConnector.connect(connectorOptions(sandbox, 'bc-api-v2', { auth }));
    await sandboxAdmin.fault(sandbox, { kind: 'expire-token', path: 'vendors', count: 1 });
    await drain(c.list('vendor'));
    expect(auth.tokenRequests).toBe(2);
  });

  it('a wrong client secret is an auth error that names no secret', async () => {
    const auth = oauth(sandbox);
    Object.assign(auth, {
      options: { ...(auth as unknown as { options: object }).options, clientSecret: 'wrong-secret' },
    });
    const err = await caught(NavConnector.connect(connectorOptions(sandbox, 'bc-api-v2', { auth })));
    expect(err.kind).toBe('auth');
    expect(JSON.stringify({ m: err.message, d: err.details })).not.toContain('wrong-secret');
  });
});

describe('start-up $metadata check', () => {
  it('fails naming a service the NAV admin did not publish', async () => {
    const err = await caught(connect(sandbox, 'nav-odata-v4', { services: { customer: 'Customers' } }));
    expect(err.kind).toBe('validation');
    expect(err.message).toContain("service 'Customers' (customer) is not published");
  });

  it('fails naming a missing field and a missing line navigation', async () => {
    const err = await caught(
      connect(sandbox, 'nav-odata-v4', {
        masterDataIdField: { customer: 'LB_External_Id' },
        linesNavigation: { salesInvoice: 'SalesLines' },
      }),
    );
    expect(err.message).toContain("service 'Customer' (customer id field) lacks field(s) 'LB_External_Id'");
    expect(err.message).toContain("no lines navigation 'SalesLines'");
  });

  it('fails naming a missing posting action and a wrong BC entity set', async () => {
    const nav = await caught(connect(sandbox, 'nav-odata-v4', { postAction: 'NAV.PostDocument' }));
    expect(nav.message).toContain("no bound action 'NAV.PostDocument'");
    const bc = await caught(connect(sandbox, 'bc-api-v2', { services: { item: 'itemz' } }));
    expect(bc.message).toContain("service 'itemz' (item) is not published");
  });

  it('calls before start() are refused', async () => {
    const c = new NavConnector(connectorOptions(sandbox, 'nav-odata-v4'));
    await expect(c.getMany('customer', ['C00010'])).rejects.toThrow(/start\(\)/);
  });
});

describe('every failure has exactly one kind', () => {
  it('auth: wrong web service access key', async () => {
    const err = await caught(connect(sandbox, 'nav-odata-v4', { auth: new BasicAuth('ADMIN', 'wrong-key') }));
    expect(err.kind).toBe('auth');
    expect(err.details.status).toBe(401);
    expect(err.message).not.toContain('wrong-key');
  });

  it('transient: a 5xx on a read after its retries', async () => {
    const c = await connect(sandbox, 'nav-odata-v4', { readRetries: 1, sleep: () => Promise.resolve() });
    await sandboxAdmin.fault(sandbox, { kind: 'status', status: 500, path: 'Item', count: 2 });
    const err = await caught(drain(c.list('item')));
    expect(err.kind).toBe('transient');
    expect(err.retryable).toBe(true);
    // A single blip is absorbed by the retry.
    await sandboxAdmin.fault(sandbox, { kind: 'status', status: 502, path: 'Item', count: 1 });
    await drain(c.list('item'));
  });

  it('transient: a 504 on a read; unknown-outcome: a 504/408 on a create', async () => {
    const c = await connect(sandbox, 'bc-api-v2', { readRetries: 0 });
    await sandboxAdmin.fault(sandbox, {
      kind: 'status',
      status: 504,
      method: 'GET',
      path: 'vendors',
      count: 1,
    });
    expect((await caught(drain(c.list('vendor')))).kind).toBe('transient');
    await sandboxAdmin.fault(sandbox, {
      kind: 'status',
      status: 408,
      method: 'POST',
      path: 'items',
      count: 2,
    });
    const [r] = await c.writeMany('item', [
      {
        data: {
          number: 'LB-408',
          name: 'Never created',
          description: null,
          type: 'SERVICE',
          unitOfMeasure: null,
          unitPrice: null,
          unitCost: null,
          salesAccountCode: null,
          purchaseAccountCode: null,
          taxCode: null,
          blocked: false,
        },
        idempotencyKey: 'item-408',
      },
    ]);
    expect(r?.ok).toBe(false);
    if (r?.ok !== false) return;
    expect(r.error.kind).toBe('unknown-outcome');
    // It looked the number up (not found) and tried once more: two POSTs, no duplicate possible.
    expect(await callCount(sandbox, 'POST BC items')).toBe(2);
  });

  it('unknown-outcome: a connection dropped before NAV numbered a new vendor, and no vendor has its name', async () => {
    const c = await connect(sandbox, 'nav-odata-v4');
    await sandboxAdmin.fault(sandbox, { kind: 'timeout', method: 'POST', path: 'Vendor', ms: 10, count: 1 });
    const [r] = await c.writeMany('vendor', [
      {
        data: {
          number: null,
          name: 'Numbered by NAV',
          email: null,
          phone: null,
          taxNumber: null,
          currency: 'GBP',
          status: 'ACTIVE',
          paymentTerms: null,
          address: null,
        },
        idempotencyKey: 'v-timeout',
      },
    ]);
    expect(r?.ok === false && r.error.kind).toBe('unknown-outcome');
    // Looked up by the name written; not created a second time on a guess.
    expect(r?.ok === false && r.error.details.code).toBe('CreateOutcomeNotFound');
    expect(await callCount(sandbox, 'POST NAV Vendor')).toBe(1);
  });

  it('validation: NAV refuses the data; conflict: the key exists already', async () => {
    const c = await connect(sandbox, 'nav-odata-v4');
    const [bad] = await c.writeMany('customer', [
      {
        data: {
          number: 'LB-BAD',
          name: 'A customer name far longer than the fifty characters NAV allows',
          email: null,
          phone: null,
          taxNumber: null,
          currency: 'GBP',
          status: 'ACTIVE',
          paymentTerms: null,
          address: null,
        },
        idempotencyKey: 'bad',
      },
    ]);
    expect(bad?.ok === false && bad.error.kind).toBe('validation');
    expect(bad?.ok === false && bad.error.details.fieldErrors?.length).toBeGreaterThan(0);
    const [dup] = await c.writeMany('vendor', [
      {
        data: {
          number: 'V00010',
          name: 'Same number',
          email: null,
          phone: null,
          taxNumber: null,
          currency: 'GBP',
          status: 'ACTIVE',
          paymentTerms: null,
          address: null,
        },
        idempotencyKey: 'dup',
      },
    ]);
    expect(dup?.ok === false && dup.error.kind).toBe('conflict');
    expect(dup?.ok === false && dup.error.details.code).toBe('Internal_EntityWithSameKeyExists');
  });

  it('conflict: a posted NAV invoice cannot be updated', async () => {
    const c = await connect(sandbox, 'nav-odata-v4');
    let posted: RemoteRecord<'invoice'> | undefined;
    for await (const p of c.list('invoice')) {
      posted = p.records.find((r) => r.data.status === 'POSTED');
      if (posted) break;
    }
    if (!posted) throw new Error('no posted invoice in the demo company');
    const [r] = await c.writeMany('invoice', [
      { externalId: posted.externalId, data: posted.data, idempotencyKey: 'p' },
    ]);
    expect(r?.ok === false && r.error.kind).toBe('conflict');
  });
});
