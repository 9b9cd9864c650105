// Reads against the NAV/BC sandbox over real HTTP: paging by nextLink, checkpoints, deltas, getMany.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RemoteRecord } from '../../../../src/systems/system.js';
import type { RunningNavSandbox } from '@ledgerbridge/sandbox/nav/index.js';
import { baseUrl, callCount, connect, rawRequest, sandboxAdmin, startSandbox } from './harness.js';

const PAGE = 7;
let sandbox: RunningNavSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ pageSize: PAGE });
});
afterAll(async () => sandbox.close());
beforeEach(async () => {
  await sandboxAdmin.reset(sandbox);
  await sandboxAdmin.clearFaults(sandbox);
  await sandboxAdmin.resetCalls(sandbox);
});

const dialects = [
  { dialect: 'nav-odata-v4' as const, label: 'NAV', customers: 'Customer' },
  { dialect: 'bc-api-v2' as const, label: 'BC', customers: 'customers' },
];

describe.each(dialects)('$dialect reads', ({ dialect, label, customers }) => {
  it('pages to the end by following @odata.nextLink, one call per page', async () => {
    const c = await connect(sandbox, dialect);
    await sandboxAdmin.resetCalls(sandbox);
    const ids: string[] = [];
    let pages = 0;
    let lastCheckpoint: unknown = 'unset';
    for await (const page of c.list('customer')) {
      pages += 1;
      ids.push(...page.records.map((r) => r.externalId));
      lastCheckpoint = page.checkpoint;
    }
    expect(lastCheckpoint).toBeNull();
    expect(new Set(ids).size).toBe(ids.length);
    expect(pages).toBe(Math.ceil(ids.length / PAGE));
    expect(await callCount(sandbox, `GET ${label} ${customers}`)).toBe(pages);
  });

  it('resumes from a checkpoint after a crash without re-reading finished pages', async () => {
    const c = await connect(sandbox, dialect);
    const all: string[] = [];
    for await (const page of c.list('customer')) all.push(...page.records.map((r) => r.externalId));

    const first: string[] = [];
    let checkpoint = null;
    for await (const page of c.list('customer')) {
      first.push(...page.records.map((r) => r.externalId));
      checkpoint = page.checkpoint;
      if (first.length >= 2 * PAGE) break; // "crash" after two finished pages
    }
    expect(checkpoint).not.toBeNull();
    await sandboxAdmin.resetCalls(sandbox);
    const fresh = await connect(sandbox, dialect);
    const rest: string[] = [];
    for await (const page of fresh.list('customer', { checkpoint }))
      rest.push(...page.records.map((r) => r.externalId));
    expect([...first, ...rest]).toEqual(all);
    expect(await callCount(sandbox, `GET ${label} ${customers}`)).toBe(Math.ceil(rest.length / PAGE));
  });

  it('reads documents with their lines in the same request ($expand)', async () => {
    const c = await connect(sandbox, dialect);
    await sandboxAdmin.resetCalls(sandbox);
    const invoices: RemoteRecord<'invoice'>[] = [];
    for await (const page of c.list('invoice')) invoices.push(...page.records);
    expect(invoices.length).toBeGreaterThan(0);
    expect(invoices.every((i) => i.data.lines.length > 0)).toBe(true);
    for (const inv of invoices) {
      const sum = inv.data.lines.reduce((s, l) => s.plus(l.lineAmount), inv.data.subTotal.mul(0));
      if (inv.data.lineAmountType === 'EXCLUSIVE') expect(sum.toFixed(2)).toBe(inv.data.subTotal.toFixed(2));
    }
    const snap = await sandboxAdmin.calls(sandbox);
    const lineCalls = Object.keys(snap.tenants[sandbox.companyName]!.byEndpoint).filter((k) =>
      /Lines$/.test(k),
    );
    expect(lineCalls).toEqual([]);
  });

  it('getMany puts many keys in one same-field `or` filter per chunk and counts the chunks', async () => {
    const c = await connect(sandbox, dialect, { maxUrlLength: 1200 });
    const ids: string[] = [];
    for await (const page of c.list('customer')) ids.push(...page.records.map((r) => r.externalId));
    await sandboxAdmin.resetCalls(sandbox);
    const found = await c.getMany('customer', [...ids, ...ids.slice(0, 3)]);
    expect([...found.keys()].sort()).toEqual([...ids].sort());
    const calls = await callCount(sandbox, `GET ${label} ${customers}`);
    expect(calls).toBeGreaterThan(1); // the URL budget forced chunking
    expect(calls).toBeLessThan(ids.length / 3);

    await sandboxAdmin.resetCalls(sandbox);
    const wide = await connect(sandbox, dialect);
    await sandboxAdmin.resetCalls(sandbox);
    const again = await wide.getMany('customer', ids.slice(0, 5));
    expect(again.size).toBe(5);
    expect(await callCount(sandbox, `GET ${label} ${customers}`)).toBe(1);
    expect((await wide.getMany('customer', [])).size).toBe(0);
  });
});

describe('deltas', () => {
  it('NAV: Last_Date_Modified is a date, so the boundary day is re-read and unchanged records are dropped', async () => {
    const c = await connect(sandbox, 'nav-odata-v4');
    const all: RemoteRecord<'customer'>[] = [];
    for await (const page of c.list('customer')) all.push(...page.records);
    const target = all[3]!;
    const url = `${baseUrl(sandbox, 'nav-odata-v4')}/Company('${encodeURIComponent(sandbox.companyName)}')/Customer('${target.externalId}')`;
    expect((await rawRequest(url, 'PATCH', { Name: 'Changed in NAV' }, { 'if-match': '*' })).status).toBe(
      200,
    );

    const { now } = (await (await fetch(`${sandbox.url}/__sandbox/clock`)).json()) as { now: string };
    const since = new Date(now);
    await sandboxAdmin.resetCalls(sandbox);
    const delta: RemoteRecord<'customer'>[] = [];
    for await (const page of c.list('customer', { modifiedSince: since })) delta.push(...page.records);
    expect(delta.map((r) => r.externalId)).toEqual([target.externalId]);
    expect(delta[0]!.data.name).toBe('Changed in NAV');
    expect(delta[0]!.remoteUpdatedAt?.toISOString()).toBe(`${now.slice(0, 10)}T00:00:00.000Z`);
    expect(await callCount(sandbox, 'GET NAV Customer')).toBeGreaterThan(0);

    // The same boundary again: re-read, nothing new delivered.
    const again: RemoteRecord<'customer'>[] = [];
    for await (const page of c.list('customer', { modifiedSince: since })) again.push(...page.records);
    expect(again).toEqual([]);
  });

  it('BC: lastModifiedDateTime filters to the instant', async () => {
    const c = await connect(sandbox, 'bc-api-v2');
    const first = await c.getMany('customer', []);
    expect(first.size).toBe(0);
    const all: RemoteRecord<'customer'>[] = [];
    for await (const page of c.list('customer')) all.push(...page.records);
    await sandboxAdmin.clock(sandbox, { advanceSeconds: 60 });
    const { now } = (await (await fetch(`${sandbox.url}/__sandbox/clock`)).json()) as { now: string };
    const target = all[5]!;
    const url = `${baseUrl(sandbox, 'bc-api-v2')}/companies(${sandbox.companyId})/customers(${target.externalId})`;
    expect(
      (await rawRequest(url, 'PATCH', { displayName: 'Changed in BC' }, { 'if-match': '*' })).status,
    ).toBe(200);
    const delta: RemoteRecord<'customer'>[] = [];
    for await (const page of c.list('customer', { modifiedSince: new Date(now) }))
      delta.push(...page.records);
    expect(delta.map((r) => r.data.name)).toEqual(['Changed in BC']);
    expect(delta[0]!.remoteUpdatedAt!.getTime()).toBeGreaterThanOrEqual(new Date(now).getTime());
  });
});
