// `ledgerbridge reconcile` as an operator runs it: both books read live, a row per customer or
// vendor and currency, and an exit code that says whether they agree. In demo mode each run starts
// the sandboxes afresh on free ports; with one book connected every row agrees by definition.
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoCompany } from '@ledgerbridge/sandbox/demo/index.js';
import { startNavSandbox, type RunningNavSandbox } from '@ledgerbridge/sandbox/nav/index.js';
import { runCli, tempDataDir } from '../support/cli.js';

const demo = { DEMO: 'auto', SANDBOX_XERO_PORT: '0', SANDBOX_NAV_PORT: '0' };

interface ReconcileJson {
  mismatches: number;
  rowsChecked: number;
  pagesRead: Record<string, number>;
  rows: {
    side: string;
    number: string | null;
    currency: string;
    nav: { invoiced: string; outstanding: string } | null;
    xero: { invoiced: string; outstanding: string } | null;
    invoicedDifference: string | null;
    matches: boolean;
  }[];
}

describe('ledgerbridge reconcile', () => {
  const dirs: string[] = [];
  let nav: RunningNavSandbox;
  beforeAll(async () => {
    nav = await startNavSandbox({
      port: 0,
      company: generateDemoCompany({ customers: 6, vendors: 3, salesInvoices: 8, purchaseInvoices: 4 }),
    });
  });
  afterAll(async () => {
    await nav?.close();
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });
  const dataDir = async () => {
    const dir = await tempDataDir('reconcile');
    dirs.push(dir);
    return dir;
  };

  it('exits 1 while the gateway cannot pair the books: parties the mirror does not know yet', async () => {
    const { code, stdout, stderr } = await runCli(
      ['reconcile', '--json'],
      { ...demo, DATA_DIR: await dataDir() },
      { timeoutMs: 240_000 },
    );
    expect(code, stderr).toBe(1);
    const report = JSON.parse(stdout) as ReconcileJson;
    expect(report.pagesRead.NAV).toBeGreaterThan(0);
    expect(report.pagesRead.XERO).toBeGreaterThan(0);
    expect(report.mismatches).toBe(report.rows.length);
    expect(report.rows.some((r) => r.nav && !r.xero)).toBe(true);
    expect(report.rows.some((r) => r.xero && !r.nav)).toBe(true);
    expect(report.rows.every((r) => r.invoicedDifference === null && !r.matches)).toBe(true);
  }, 300_000);

  let syncedDir: string | undefined;
  it('with --sync links the parties first, then prints a row per party and currency; exit 1 only on a mismatch', async () => {
    syncedDir = await dataDir();
    const { code, stdout, stderr } = await runCli(
      ['reconcile', '--sync'],
      { ...demo, DATA_DIR: syncedDir },
      { timeoutMs: 400_000 },
    );
    expect(code, stderr).not.toBeNull();
    expect(stdout).toContain('Sync in demo mode (the sandboxes) finished in');
    const table = stdout.slice(stdout.indexOf('\n   PARTY'));
    expect(table).toMatch(
      /NAV INVOICED +NAV OUTSTANDING +XERO INVOICED +XERO OUTSTANDING +DIFF INVOICED +DIFF OUTSTANDING/,
    );
    const rows = table.split('\n').filter((l) => /^[✓✗] /.test(l));
    const summary =
      /(\d+) row\(s\) checked at \S+ \(pages read: NAV \d+, XERO \d+\): (?:(\d+) mismatch\(es\)|the books agree)\./.exec(
        stdout,
      );
    expect(summary, stdout).not.toBeNull();
    const mismatches = Number(summary![2] ?? 0);
    expect(rows).toHaveLength(Number(summary![1]));
    expect(rows.filter((r) => r.startsWith('✗'))).toHaveLength(mismatches);
    expect(code).toBe(mismatches > 0 ? 1 : 0);
    // Every customer row pairs NAV with Xero now: the parties are linked.
    const customers = rows.filter((r) => /^[✓✗] {2}customer /.test(r));
    expect(customers.length).toBeGreaterThan(5);
    for (const row of customers) expect(row).not.toContain('(not in the gateway)');
    // A ✓ row has the same totals in both books, and no difference.
    const matched = rows.find((r) => r.startsWith('✓'));
    expect(matched).toBeDefined();
    const amounts = matched!.match(/-?\d+\.\d\d/g)!;
    expect(amounts.slice(0, 2)).toEqual(amounts.slice(2, 4));
    expect(amounts.slice(4)).toEqual(['0.00', '0.00']);
  }, 450_000);

  it('run again on the same data folder, demo mode refuses in one line: its sandboxes would be new', async () => {
    expect(syncedDir).toBeDefined();
    for (const args of [['reconcile', '--sync'], ['reconcile']]) {
      const again = await runCli(args, { ...demo, DATA_DIR: syncedDir! }, { timeoutMs: 240_000 });
      expect(again.code, again.stderr).toBe(2);
      expect(again.stdout).toBe('');
      const lines = again.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/synced against the sandboxes of an earlier demo run/);
      expect(lines[0]).toMatch(/empty data folder/);
    }
  }, 300_000);

  it('exits 0 when every row matches (one book connected), and --only-mismatches then lists none', async () => {
    const env = {
      DEMO: 'off',
      NAV_URL: `${nav.url}/DynamicsNAV110/ODataV4`,
      NAV_COMPANY: nav.companyName,
      NAV_USER: 'ADMIN',
      NAV_ACCESS_KEY: 'sandbox',
      NAV_GLOBAL_DIMENSIONS: 'DEPARTMENT,AREA',
      DATA_DIR: await dataDir(),
    };
    const all = await runCli(['reconcile'], env, { timeoutMs: 240_000 });
    expect(all.code, all.stderr).toBe(0);
    const rows = all.stdout.split('\n').filter((l) => /^[✓✗] /.test(l));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.startsWith('✓'))).toBe(true);
    expect(all.stdout).toMatch(/row\(s\) checked at \S+ \(pages read: NAV \d+\): the books agree\./);

    const only = await runCli(['reconcile', '--only-mismatches', '--json'], env, { timeoutMs: 240_000 });
    expect(only.code, only.stderr).toBe(0);
    const report = JSON.parse(only.stdout) as ReconcileJson;
    expect(report.mismatches).toBe(0);
    expect(report.rowsChecked).toBe(rows.length);
    expect(report.rows).toEqual([]);
  }, 300_000);
});
