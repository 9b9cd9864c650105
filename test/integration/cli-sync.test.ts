// `ledgerbridge sync` as an operator runs it, in demo mode: each run starts the Xero and NAV/BC
// sandboxes on free ports, connects as `serve` would, reads, pushes, reports and exits with a code a
// scheduler can act on. What it prints is checked against the database it wrote.
import { rm } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { runCli, tempDataDir } from '../support/cli.js';

const demo = { DEMO: 'auto', SANDBOX_XERO_PORT: '0', SANDBOX_NAV_PORT: '0' };

interface SyncJson {
  demo: boolean;
  rows: {
    system: string;
    entity: string;
    read: { read: number; applied: number; linked: number; rejected: { reason: string }[] } | null;
    failed: string | null;
    jobs: { succeeded: number; dead: number; conflicts: number; waiting: number };
  }[];
  deadLetters: { id: string; system: string }[];
  problems: number;
}

async function jobCounts(dataDir: string) {
  const db = await openDatabase({ dataDir });
  try {
    const rows = await db.prisma.syncJob.groupBy({ by: ['status'], _count: { _all: true } });
    const dead = await db.prisma.syncJob.findMany({ where: { status: 'DEAD' }, select: { id: true } });
    return {
      byStatus: Object.fromEntries(rows.map((r) => [r.status, r._count._all])),
      dead: dead.map((d) => d.id).sort(),
      customers: await db.prisma.customer.count(),
      links: await db.prisma.externalLink.count({ where: { entityType: 'CUSTOMER' } }),
    };
  } finally {
    await db.close();
  }
}

describe('ledgerbridge sync', () => {
  const dirs: string[] = [];
  const dataDir = async () => {
    const dir = await tempDataDir('sync');
    dirs.push(dir);
    return dir;
  };
  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it('refuses what it cannot sync before touching anything', async () => {
    const unknown = await runCli(['sync', '--entity', 'customer,ledger'], {
      ...demo,
      DATA_DIR: await dataDir(),
    });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      '--entity: "ledger" is not one of customer, vendor, item, invoice, bill, payment, ledgerEntry.',
    );
    const nothing = await runCli(['sync'], { DEMO: 'off', DATA_DIR: await dataDir() });
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain('Nothing to sync');
    const notConfigured = await runCli(['sync', '--system', 'XERO'], {
      DEMO: 'off',
      NAV_URL: 'http://127.0.0.1:9/nav',
      NAV_COMPANY: 'CRONUS',
      NAV_USER: 'ADMIN',
      NAV_ACCESS_KEY: 'x',
      NAV_GLOBAL_DIMENSIONS: 'none',
      DATA_DIR: await dataDir(),
    });
    expect(notConfigured.code).toBe(2);
    expect(notConfigured.stderr).toContain('XERO is not configured; connected: NAV.');
  });

  it('syncs customers and vendors from both sandboxes, NAV first, and exits 0 when all went through', async () => {
    const dir = await dataDir();
    const { code, stdout, stderr } = await runCli(
      ['sync', '--entity', 'vendor,customer', '--system', 'XERO,NAV'],
      { ...demo, DATA_DIR: dir },
      { timeoutMs: 240_000 },
    );
    expect(code, stderr).toBe(0);
    expect(stdout).toContain('Sync in demo mode (the sandboxes) finished in');
    const rows = stdout
      .split('\n')
      .filter((l) => /^(NAV|XERO) +\w+ /.test(l))
      .map((l) => l.split(/\s+/));
    // The engine's order: parties by entity, NAV before Xero, whatever order the options gave.
    expect(rows.map((r) => `${r[0]} ${r[1]}`)).toEqual([
      'NAV customer',
      'XERO customer',
      'NAV vendor',
      'XERO vendor',
    ]);
    const [navCustomers, xeroCustomers] = rows as [string[], string[]];
    const [read, applied, , linked, rejected, pushed, dead] = navCustomers.slice(2).map(Number);
    expect(read).toBeGreaterThan(10);
    expect(applied).toBe(read);
    expect(rejected).toBe(0);
    expect(dead).toBe(0);
    expect(linked).toBe(0); // the mirror was empty: nothing to link NAV's customers to
    expect(pushed).toBeGreaterThan(0); // NAV's customers that Xero lacked, and updates to linked ones
    // Xero's contacts holding a NAV number are linked, not duplicated: by this read, or (the workers
    // push while the run reads) by the push that found them by number first, so the count of each
    // depends on timing; the mirror's size does not.
    const xeroRead = Number(xeroCustomers[2]);
    expect(xeroRead).toBeGreaterThan(0);
    expect(stdout).toContain('Everything read was applied or linked, and every push succeeded.');

    const db = await jobCounts(dir);
    expect(db.byStatus).toEqual({ SUCCEEDED: rows.reduce((n, r) => n + Number(r[7]), 0) });
    expect(db.customers).toBeGreaterThanOrEqual(read!);
    expect(db.customers).toBeLessThan(read! + xeroRead);
    expect(db.links).toBe(2 * db.customers); // every customer is linked in both systems
  }, 300_000);

  it('runs a full sync of every entity; its report matches the outbox and its exit code the problems', async () => {
    const dir = await dataDir();
    const { code, stdout, stderr } = await runCli(
      ['sync', '--full', '--json'],
      { ...demo, DATA_DIR: dir },
      { timeoutMs: 400_000 },
    );
    expect(code, stderr).not.toBeNull();
    const report = JSON.parse(stdout) as SyncJson;
    expect(report.demo).toBe(true);
    expect(report.rows.slice(0, 12).map((r) => `${r.system} ${r.entity}`)).toEqual(
      ['customer', 'vendor', 'item', 'invoice', 'bill', 'payment'].flatMap((e) => [`NAV ${e}`, `XERO ${e}`]),
    );
    for (const row of report.rows.slice(0, 12)) {
      expect(row.failed, `${row.system} ${row.entity}`).toBeNull();
      expect(row.read!.read, `${row.system} ${row.entity}`).toBeGreaterThan(0);
    }
    const sum = (f: (r: SyncJson['rows'][number]) => number) => report.rows.reduce((n, r) => n + f(r), 0);
    const problems =
      sum((r) => r.read?.rejected.length ?? 0) +
      sum((r) => (r.failed ? 1 : 0)) +
      sum((r) => r.jobs.dead + r.jobs.conflicts);
    expect(report.problems).toBe(problems);
    expect(code).toBe(problems > 0 ? 1 : 0);

    // Every job in the database is this run's (the mirror started empty), counted where it ended.
    const db = await jobCounts(dir);
    expect(db.byStatus.SUCCEEDED ?? 0).toBe(sum((r) => r.jobs.succeeded));
    expect(db.byStatus.DEAD ?? 0).toBe(sum((r) => r.jobs.dead));
    expect(db.byStatus.CANCELLED ?? 0).toBe(sum((r) => r.jobs.conflicts));
    expect((db.byStatus.PENDING ?? 0) + (db.byStatus.RUNNING ?? 0)).toBe(sum((r) => r.jobs.waiting));
    expect(report.deadLetters.map((d) => d.id).sort()).toEqual(db.dead);

    // What died is what `dlq list` shows next.
    const list = await runCli(['dlq', 'list', '--json', '--limit', '1000'], { DATA_DIR: dir });
    expect(list.code).toBe(0);
    expect(
      (JSON.parse(list.stdout) as { deadLetters: { id: string }[] }).deadLetters.map((d) => d.id).sort(),
    ).toEqual(db.dead);
  }, 450_000);
});
