// The path a user configures, not demo mode: both sandboxes run on their own, `ledgerbridge
// connect xero` stores a Custom Connection, and `ledgerbridge sync` runs from the environment alone.
// The books must end as demo mode leaves them: nothing dead, no conflict, and every Xero invoice
// carrying the tracking its NAV lines' dimensions map to. Without the NAV global dimensions the
// run refuses to start, naming the setting, and writes nothing anywhere.
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandboxes, type RunningSandboxes } from '@ledgerbridge/sandbox';
import { generateDemoCompany } from '@ledgerbridge/sandbox/demo/index.js';
import { openDatabase } from '../../../src/store/database.js';
import { runCli, tempDataDir } from '../../support/cli.js';

interface SyncJson {
  rows: { system: string; entity: string; jobs: { dead: number; conflicts: number } }[];
  deadLetters: { id: string }[];
  problems: number;
}

describe('a sync configured as a user configures it', () => {
  let sandboxes: RunningSandboxes;
  let dataDir: string;
  // Small, awkward enough to matter: posted invoices with dimensions on their lines, paid and not.
  const demo = {
    customers: 24,
    vendors: 8,
    items: 12,
    salesInvoices: 30,
    purchaseInvoices: 10,
    salesOrders: 0,
  };
  const company = generateDemoCompany(demo); // the company the sandboxes generate from the same options
  const tenantId = () => sandboxes.xero.sandbox.tenantList()[0]?.tenantId ?? '';

  const environment = (extra: Record<string, string> = {}) => ({
    DEMO: 'off',
    DATA_DIR: dataDir,
    XERO_CLIENT_ID: 'sandbox',
    XERO_CLIENT_SECRET: 'sandbox',
    XERO_TENANT_ID: tenantId(),
    XERO_IDENTITY_URL: sandboxes.xero.url,
    XERO_API_URL: `${sandboxes.xero.url}/api.xro/2.0`,
    NAV_URL: `${sandboxes.nav.url}/DynamicsNAV110/ODataV4`,
    NAV_COMPANY: sandboxes.nav.companyName,
    NAV_USER: 'ADMIN',
    NAV_ACCESS_KEY: 'sandbox',
    ...extra,
  });

  const xeroWrites = async () => {
    const calls = (await (await fetch(`${sandboxes.xero.url}/__sandbox/calls`)).json()) as {
      tenants?: Record<string, { byEndpoint: Record<string, number> }>;
    };
    return Object.values(calls.tenants ?? {})
      .flatMap((t) => Object.keys(t.byEndpoint))
      .filter((endpoint) => !endpoint.startsWith('GET'));
  };

  beforeAll(async () => {
    sandboxes = await startSandboxes({
      xeroPort: 0,
      navPort: 0,
      demo,
    });
    dataDir = await tempDataDir('configured-sync');
    const connect = await runCli(
      ['connect', 'xero', '--custom-connection', '--identity-url', sandboxes.xero.url],
      { DEMO: 'off', DATA_DIR: dataDir, XERO_CLIENT_ID: 'sandbox', XERO_CLIENT_SECRET: 'sandbox' },
      { timeoutMs: 120_000 },
    );
    expect(connect.code, connect.stderr).toBe(0);
  }, 180_000);
  afterAll(async () => {
    await sandboxes?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('refuses to start without the NAV global dimensions or with one NAV lacks, naming it, and writes nothing', async () => {
    const run = await runCli(['sync'], environment(), { timeoutMs: 120_000 });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('NAV_GLOBAL_DIMENSIONS');
    // A code NAV does not have is refused at connect, naming it and what NAV has.
    const wrong = await runCli(['sync'], environment({ NAV_GLOBAL_DIMENSIONS: 'DEPARTMENT,REGION' }), {
      timeoutMs: 120_000,
    });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/NAV_GLOBAL_DIMENSIONS: REGION is not a dimension of .*AREA/);
    expect(await xeroWrites()).toEqual([]);
  }, 150_000);

  it('ends with nothing dead, no conflict and the tracking on every Xero invoice', async () => {
    const run = await runCli(['sync', '--json'], environment({ NAV_GLOBAL_DIMENSIONS: 'DEPARTMENT,AREA' }), {
      timeoutMs: 400_000,
    });
    const report = JSON.parse(run.stdout) as SyncJson;
    expect(report.deadLetters, run.stderr).toEqual([]);
    expect(report.rows.filter((r) => r.jobs.dead || r.jobs.conflicts)).toEqual([]);
    expect(report.problems).toBe(0);
    expect(run.code).toBe(0);

    const db = await openDatabase({ dataDir });
    try {
      expect(await db.prisma.syncConflict.count()).toBe(0);
      expect(await db.prisma.syncJob.count({ where: { status: 'DEAD' } })).toBe(0);
    } finally {
      await db.close();
    }
    // Every line of every sales invoice NAV and Xero both hold carries the tracking its NAV
    // dimensions map to (both demo dimensions are mapped in the lookups file).
    const xero = sandboxes.xero.sandbox.tenant(tenantId());
    let checked = 0;
    for (const doc of company.salesInvoices.filter((d) => d.presence.nav && d.posted)) {
      const there = [...(xero?.invoices.values() ?? [])].find(
        (i) => i.Type === 'ACCREC' && (i.InvoiceNumber === doc.no || i.Reference === doc.no),
      );
      expect(there, doc.no).toBeDefined();
      for (const [index, line] of doc.lines.entries()) {
        const dims = Object.keys(line.dimensions).length;
        expect(there?.LineItems[index]?.Tracking ?? [], `${doc.no} line ${index + 1}`).toHaveLength(dims);
        checked += dims;
      }
    }
    expect(checked).toBeGreaterThan(0);
  }, 450_000);

  it("reads both books' ledgers from the environment too, and sets them side by side", async () => {
    const run = await runCli(
      ['reconcile', '--accounts', '--json'],
      environment({ NAV_GLOBAL_DIMENSIONS: 'DEPARTMENT,AREA' }),
      { timeoutMs: 240_000 },
    );
    const report = JSON.parse(run.stdout) as {
      mismatches: number;
      totals: Record<'nav' | 'xero', { debit: string; credit: string }>;
      rows: { nav: { entries: number } | null; xero: { entries: number } | null }[];
    };
    expect(run.code, run.stderr).toBe(report.mismatches ? 1 : 0);
    expect(report.totals.nav.debit).toBe(report.totals.nav.credit);
    expect(report.totals.xero.debit).toBe(report.totals.xero.credit);
    // Every entry each book holds now (the sync's pushes posted more after its read) is in a row.
    const journalLines = [...(sandboxes.xero.sandbox.tenant(tenantId())?.journals.values() ?? [])].reduce(
      (n, j) => n + j.JournalLines.length,
      0,
    );
    const nav = await fetch(
      `${sandboxes.nav.url}/DynamicsNAV110/ODataV4/Company('${encodeURIComponent(sandboxes.nav.companyName)}')/GLEntry?$count=true&$top=1`,
      { headers: { authorization: `Basic ${Buffer.from('ADMIN:sandbox').toString('base64')}` } },
    );
    const navEntries = ((await nav.json()) as { '@odata.count': number })['@odata.count'];
    const entries = (side: 'nav' | 'xero') => report.rows.reduce((n, r) => n + (r[side]?.entries ?? 0), 0);
    expect(entries('xero')).toBe(journalLines);
    expect(entries('nav')).toBe(navEntries);
    expect(journalLines).toBeGreaterThan(0);
  }, 300_000);
});
