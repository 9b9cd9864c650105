// A delta read that meets a transient failure mid-listing asks again from the last finished page
// (with the writes' backoff) instead of leaving the entity unread until the next poll; a failure
// that does not heal still ends the read, with its reason on the cursor.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generateDemoCompany } from '@ledgerbridge/sandbox/demo/index.js';
import { Cursors } from '../../src/store/cursors.js';
import { pollChanges } from '../../src/sync/runtime/poll.js';
import { defaultRetryPolicy } from '../../src/sync/runtime/retry-policy.js';
import { startEnv, type Env } from './systems/xero/support.js';

const fast = {
  policy: { ...defaultRetryPolicy, baseDelayMs: 5, maxDelayMs: 20 },
  maxAttempts: 3,
  maxWaitMs: 1000,
};

describe('reads retry transient failures', () => {
  let env: Env;
  let cursors: Cursors;
  beforeAll(async () => {
    // Over 1,000 customers in Xero: two pages, so the failure can come after a finished page.
    env = await startEnv({
      company: generateDemoCompany({ customers: 1300, salesInvoices: 10, purchaseInvoices: 5 }),
    });
    cursors = new Cursors(env.db.prisma);
  });
  afterAll(async () => {
    await env?.close();
  });
  beforeEach(async () => {
    await env.admin('DELETE', '/faults');
    await env.resetCalls();
  });

  const key = (name: string) => ({
    system: 'XERO' as const,
    tenant: `${env.tenantId}:${name}`,
    entityType: 'CUSTOMER' as const,
  });
  const expected = () => env.company.customers.filter((c) => c.presence.xero).length;

  it('reads every record after a dropped page, resuming at the last finished page', async () => {
    const seen: string[] = [];
    // The first page answers; the second fails once (the listing is asked for it again).
    await env.admin('POST', '/faults', {
      kind: 'status',
      status: 503,
      method: 'GET',
      path: 'page=2',
      count: 1,
    });
    await pollChanges(
      env.connector(),
      cursors,
      key('drop'),
      'customer',
      async (r) => void seen.push(r.externalId),
      {
        retry: fast,
      },
    );
    expect(new Set(seen).size).toBe(expected());
    // Page 1 once, page 2 failed once and then answered: no page read twice after it finished.
    expect((await env.calls())['GET /Contacts']).toBe(3);
    const cursor = await cursors.get(key('drop'));
    expect(cursor?.since).toBeTruthy();
    expect(cursor?.checkpoint ?? null).toBeNull();
  });

  it('gives up after its retries, keeping the reason and the last finished page on the cursor', async () => {
    await env.admin('POST', '/faults', { kind: 'status', status: 503, path: '/Contacts', count: 50 });
    await expect(
      pollChanges(env.connector(), cursors, key('down'), 'customer', async () => undefined, { retry: fast }),
    ).rejects.toMatchObject({ kind: 'transient' });
    // As for writes, maxAttempts counts every try of the page.
    expect((await env.calls())['GET /Contacts']).toBe(fast.maxAttempts);
    const cursor = await cursors.get(key('down'));
    expect(cursor?.lastError).toMatch(/503|unavailable/i);
    expect(cursor?.since ?? null).toBeNull();
  });

  it('does not retry a failure applying a record: that is not the read failing', async () => {
    let applied = 0;
    await expect(
      pollChanges(
        env.connector(),
        cursors,
        key('apply'),
        'customer',
        async () => {
          applied += 1;
          throw new Error('the mirror refused it');
        },
        { retry: fast },
      ),
    ).rejects.toThrow('the mirror refused it');
    expect(applied).toBe(1);
    expect((await env.calls())['GET /Contacts']).toBe(1);
  });
});
