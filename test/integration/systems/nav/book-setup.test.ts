// What a NAV/BC company allows, read from its own pages: the chart of accounts with each account's
// class, statement and whether it is open to posting, in both dialects; what the company does not
// publish (here: currencies, BC's General Ledger Setup) is unknown, not guessed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningNavSandbox } from '@ledgerbridge/sandbox/nav/index.js';
import type { Dialect } from '../../../../src/systems/nav/index.js';
import { connect, startSandbox } from './harness.js';

let sandbox: RunningNavSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({
    demo: { customers: 2, vendors: 1, items: 2, salesInvoices: 0, purchaseInvoices: 0 },
  });
});
afterAll(async () => sandbox?.close());

describe.each<Dialect>(['nav-odata-v4', 'bc-api-v2'])('%s: the book setup', (dialect) => {
  it('reads the chart of accounts with classes, and leaves unpublished setup unknown', async () => {
    const connector = await connect(sandbox, dialect);
    const setup = await connector.readBookSetup();
    const byCode = new Map((setup.accounts ?? []).map((a) => [a.code, a]));
    expect(byCode.get('6110')).toMatchObject({
      class: 'REVENUE',
      statement: 'INCOME',
      postable: true,
      control: false,
    });
    expect(byCode.get('7110')).toMatchObject({ class: 'EXPENSE', statement: 'INCOME' });
    // The bank's G/L account is a balance-sheet asset: payments may go through it, lines may not.
    expect(byCode.get('2910')).toMatchObject({ class: 'ASSET', statement: 'BALANCE', takesPayments: true });
    expect(setup.currencies).toBeNull();
    expect([setup.postingFrom, setup.postingTo]).toEqual([null, null]);
  });
});
