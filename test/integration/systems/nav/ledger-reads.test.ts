// G/L entries read from the NAV/BC sandbox over real HTTP, in both dialects: paged by nextLink in
// entry No. order, and a delta that asks only for entries numbered after the last one read.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningNavSandbox } from '@ledgerbridge/sandbox/nav/index.js';
import type { RemoteRecord } from '../../../../src/systems/system.js';
import { Decimal } from '../../../../src/domain/money.js';
import { callCount, connect, sandboxAdmin, startSandbox } from './harness.js';

const PAGE = 7;
let sandbox: RunningNavSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ pageSize: PAGE });
});
afterAll(async () => sandbox.close());
beforeEach(async () => {
  await sandboxAdmin.resetCalls(sandbox);
});

const dialects = [
  { dialect: 'nav-odata-v4' as const, endpoint: 'GET NAV GLEntry' },
  { dialect: 'bc-api-v2' as const, endpoint: 'GET BC generalLedgerEntries' },
];

describe.each(dialects)('$dialect G/L entries', ({ dialect, endpoint }) => {
  it('pages in entry No. order, balanced, and reads only what follows a given entry', async () => {
    const c = await connect(sandbox, dialect);
    await sandboxAdmin.resetCalls(sandbox);
    const all: RemoteRecord<'ledgerEntry'>[] = [];
    let pages = 0;
    for await (const page of c.list('ledgerEntry')) {
      pages += 1;
      all.push(...page.records);
    }
    const numbers = all.map((r) => r.data.entryNo);
    expect(numbers.length).toBeGreaterThan(3 * PAGE);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(pages).toBe(Math.ceil(all.length / PAGE));
    expect(await callCount(sandbox, endpoint)).toBe(pages);
    const sum = (pick: 'debit' | 'credit') => all.reduce((s, r) => s.plus(r.data[pick]), new Decimal(0));
    expect(sum('debit').toFixed(4)).toBe(sum('credit').toFixed(4));
    expect(all.every((r) => r.data.lineNo === 0 && r.data.documentNumber !== '')).toBe(true);

    // After the tenth entry: the rest, nothing before it, fewer calls.
    const after = numbers[9]!;
    await sandboxAdmin.resetCalls(sandbox);
    const rest: number[] = [];
    for await (const page of c.list('ledgerEntry', { afterEntryNo: after }))
      rest.push(...page.records.map((r) => r.data.entryNo));
    expect(rest).toEqual(numbers.slice(10));
    expect(await callCount(sandbox, endpoint)).toBe(Math.ceil(rest.length / PAGE));

    // After the last one: one call, nothing.
    await sandboxAdmin.resetCalls(sandbox);
    const none: number[] = [];
    for await (const page of c.list('ledgerEntry', { afterEntryNo: numbers.at(-1) }))
      none.push(...page.records.map((r) => r.data.entryNo));
    expect(none).toEqual([]);
    expect(await callCount(sandbox, endpoint)).toBe(1);
  });
});
