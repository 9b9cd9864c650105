// `ledgerbridge reconcile --accounts` as an operator runs it in demo mode: both sandboxes' ledgers
// read into the mirror, the trial balance printed side by side as JSON, exit 1 while the books
// differ; a second run over the same data directory reads nothing new. Bad dates are refused
// before anything is read.
import { rm } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { Decimal } from '../../src/domain/money.js';
import { runCli, tempDataDir } from '../support/cli.js';

const demo = { DEMO: 'auto', SANDBOX_XERO_PORT: '0', SANDBOX_NAV_PORT: '0' };

interface Book {
  accounts: string[];
  debit: string;
  credit: string;
  balance: string;
  entries: number;
}

interface AccountsJson {
  from: string;
  to: string;
  mismatches: number;
  rowsChecked: number;
  entriesRead: Record<string, number>;
  totals: Record<'nav' | 'xero', { debit: string; credit: string }>;
  rows: {
    account: string;
    navAccounts: string[];
    xeroAccount: string | null;
    mapped: boolean;
    nav: Book | null;
    xero: Book | null;
    difference: string;
    matches: boolean;
  }[];
}

describe('ledgerbridge reconcile --accounts', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it('prints both trial balances side by side and exits 1 on any difference', async () => {
    const dir = await tempDataDir('accounts');
    dirs.push(dir);
    const env = { ...demo, DATA_DIR: dir };
    const first = await runCli(['reconcile', '--accounts', '--json'], env, { timeoutMs: 240_000 });
    expect(first.code, first.stderr).toBe(1);
    const report = JSON.parse(first.stdout) as AccountsJson;
    expect(report.entriesRead.NAV).toBeGreaterThan(0);
    expect(report.entriesRead.XERO).toBeGreaterThan(0);
    // Each book balances on its own; the rows say where they differ from each other.
    expect(report.totals.nav.debit).toBe(report.totals.nav.credit);
    expect(report.totals.xero.debit).toBe(report.totals.xero.credit);
    expect(report.rowsChecked).toBe(report.rows.length);
    for (const r of report.rows) {
      const nav = new Decimal(r.nav?.balance ?? 0);
      const xero = new Decimal(r.xero?.balance ?? 0);
      expect(r.difference, r.account).toBe(nav.minus(xero).toFixed(2));
      expect(r.matches, r.account).toBe(r.difference === '0.00');
      for (const b of [r.nav, r.xero])
        if (b) expect(b.balance).toBe(new Decimal(b.debit).minus(b.credit).toFixed(2));
    }
    expect(report.mismatches).toBe(report.rows.filter((r) => !r.matches).length);
    expect(report.mismatches).toBeGreaterThan(0);
    expect(report.rows.some((r) => r.matches)).toBe(true);
    const vat = report.rows.find((r) => r.xeroAccount === '820');
    expect(vat?.navAccounts).toEqual(['5610', '5630']);

    // Same data directory, same demo data: the cursors say everything was read.
    const second = await runCli(
      ['reconcile', '--accounts', '--json', '--from', report.from, '--to', report.to],
      env,
      { timeoutMs: 240_000 },
    );
    expect(second.code, second.stderr).toBe(1);
    const again = JSON.parse(second.stdout) as AccountsJson;
    expect(again.entriesRead).toEqual({ NAV: 0, XERO: 0 });
    expect(again.rows).toEqual(report.rows);
  }, 300_000);

  it('refuses a date that is not one, or a range that ends before it starts, before reading anything', async () => {
    const env = { ...demo, DATA_DIR: '' };
    const bad = await runCli(['reconcile', '--accounts', '--from', '2026-02-30'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--from: "2026-02-30" is not a date');
    const backwards = await runCli(
      ['reconcile', '--accounts', '--from', '2026-03-01', '--to', '2026-02-01'],
      env,
    );
    expect(backwards.code).toBe(2);
    expect(backwards.stderr).toContain('--to (2026-02-01) is before --from (2026-03-01)');
    const alone = await runCli(['reconcile', '--from', '2026-03-01'], env);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('--from and --to go with --accounts');
  }, 120_000);
});
