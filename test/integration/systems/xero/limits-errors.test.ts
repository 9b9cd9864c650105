// Rate limits and error classes against the sandbox: 429 pauses only that tenant and no call is made
// while paused; a long (day-limit) pause surfaces as rate-limited with retryAt instead of spinning;
// the governor keeps under the sandbox's limits (zero calls over); every error class.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConnectorError } from '../../../../src/systems/errors.js';
import { RateGovernor, XeroApi, XeroConnector } from '../../../../src/systems/xero/index.js';
import { collect, startEnv, type Env } from './support.js';

async function failure(p: Promise<unknown>): Promise<ConnectorError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(e instanceof ConnectorError)) throw new Error(`expected a ConnectorError, got ${String(e)}`);
  return e;
}

describe('Xero connector: 429 handling and error classes', () => {
  let env: Env;
  beforeAll(async () => {
    env = await startEnv();
  });
  afterAll(async () => {
    await env?.close();
  });
  beforeEach(async () => {
    await env.admin('DELETE', '/faults');
    await env.resetCalls();
  });

  it('waits out Retry-After on a 429, making no call to that tenant while paused', async () => {
    await env.admin('POST', '/faults', {
      kind: 'rate-limit',
      path: '/Invoices',
      count: 1,
      retryAfterSeconds: 1,
    });
    const connector = env.connector({ governor: new RateGovernor({ limits: { perMinute: 10_000 } }) });
    const first = collect(connector.list('invoice'));
    // A second call issued while the tenant is paused waits as well.
    await new Promise((r) => setTimeout(r, 100));
    const second = collect(connector.list('bill'));
    const [a, b] = await Promise.all([first, second]);
    expect(a.records.length).toBeGreaterThan(0);
    expect(b.records.length).toBeGreaterThan(0);
    // One 429 and two successful calls: nothing was sent during the pause.
    expect((await env.calls())['GET /Invoices']).toBe(3);
  });

  it('a long pause (day limit) is surfaced as rate-limited with retryAt, without spinning', async () => {
    await env.admin('POST', '/faults', {
      kind: 'rate-limit',
      path: '/Invoices',
      count: 1,
      retryAfterSeconds: 3600,
    });
    const connector = env.connector({ governor: new RateGovernor({ limits: { perMinute: 10_000 } }) });
    const e = await failure(collect(connector.list('invoice')));
    expect(e.kind).toBe('rate-limited');
    expect(e.details.retryAt?.getTime()).toBeGreaterThan(Date.now() + 3500_000);
    const again = await failure(collect(connector.list('invoice')));
    expect(again.kind).toBe('rate-limited');
    expect((await env.calls())['GET /Invoices']).toBe(1);
  });

  it('transient: 5xx and timeouts on reads', async () => {
    await env.admin('POST', '/faults', { kind: 'status', status: 503, path: '/Contacts', count: 1 });
    expect((await failure(collect(env.connector().list('customer')))).kind).toBe('transient');
    await env.admin('POST', '/faults', { kind: 'timeout', ms: 5000, path: '/Contacts', count: 1 });
    const e = await failure(collect(env.connector({ timeoutMs: 300 }).list('customer')));
    expect(e.kind).toBe('transient');
  });

  it('unknown-outcome: a 500 or a lost answer on a write without a natural key', async () => {
    await env.admin('POST', '/faults', {
      kind: 'status',
      status: 500,
      method: 'POST',
      path: '/Contacts',
      count: 2,
    });
    const results = await env.connector().writeMany('customer', [
      {
        idempotencyKey: 'u1',
        data: {
          number: null,
          name: 'No Number Ltd',
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
    const r = results[0];
    expect(r?.ok).toBe(false);
    if (r && !r.ok) {
      expect(r.error.kind).toBe('unknown-outcome');
      expect(r.error.retryable).toBe(true);
    }
  });

  it('auth: a tenant this connection does not reach (403)', async () => {
    const api = new XeroApi({
      tenantId: '00000000-0000-4000-8000-000000000000',
      tokens: env.tokenSource(),
      governor: new RateGovernor(),
      apiUrl: env.apiUrl,
    });
    const e = await failure(collect(new XeroConnector({ api, baseCurrency: 'GBP' }).list('bill')));
    expect(e.kind).toBe('auth');
    expect(e.details.status).toBe(403);
  });

  it('validation: a record the mapper cannot express fails alone, without a call', async () => {
    const results = await env.connector().writeMany('invoice', [
      {
        idempotencyKey: 'm1',
        data: {
          number: 'MAP-1',
          party: {},
          status: 'DRAFT',
          issueDate: '2026-11-02',
          dueDate: '2026-11-02',
          currency: 'GBP',
          currencyRate: null,
          lineAmountType: 'EXCLUSIVE',
          reference: null,
          externalDocumentNumber: null,
          subTotal: new (await import('decimal.js')).Decimal(0),
          totalTax: new (await import('decimal.js')).Decimal(0),
          total: new (await import('decimal.js')).Decimal(0),
          amountPaid: new (await import('decimal.js')).Decimal(0),
          amountDue: new (await import('decimal.js')).Decimal(0),
          lines: [],
        },
      },
    ]);
    expect(results[0]?.ok).toBe(false);
    if (results[0] && !results[0].ok) expect(results[0].error.kind).toBe('validation');
    expect((await env.calls())['POST /Invoices']).toBeUndefined();
  });
});

describe('Xero connector: pacing under the sandbox limits', () => {
  let env: Env;
  const t0 = Date.now();
  // The sandbox's clock runs 60× faster: one of its minutes is one real second.
  const fast = () => t0 + (Date.now() - t0) * 60;
  beforeAll(async () => {
    env = await startEnv({ now: fast, limits: { perMinute: 10, concurrent: 5, perDay: 10_000 } });
  });
  afterAll(async () => {
    await env?.close();
  });

  it('never exceeds the per-minute limit: zero 429s over 30 calls', async () => {
    const governor = new RateGovernor({ limits: { perMinute: 10, concurrent: 5 }, minuteMs: 1100 }); // one sandbox minute plus a margin
    const connector = env.connector({ governor });
    const { records } = await collect(connector.list('invoice'));
    const ids = records.map((r) => r.externalId);
    await env.resetCalls();
    const reads = Array.from({ length: 30 }, (_, i) =>
      connector.getMany('invoice', [ids[i % ids.length] ?? '']),
    );
    const found = await Promise.all(reads);
    expect(found.every((m) => m.size === 1)).toBe(true);
    // Every request counts in the sandbox, 429s included: exactly 30 means none was refused.
    expect((await env.calls())['GET /Invoices']).toBe(30);
  });
});
