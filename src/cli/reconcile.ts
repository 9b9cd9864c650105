// `ledgerbridge reconcile`: the totals reconciliation from a terminal — both books read in full,
// live, and each customer's and vendor's invoiced and outstanding totals compared per currency to
// the cent. Exits 1 when any row does not match, so a scheduled run can raise an alarm.
// Without --sync it only reads (no outbox job is pushed while it runs).
import type { Command } from 'commander';
import type { ReconciliationReport, ReconciliationRow } from '../workflows/totals-reconciliation.js';
import type { SyncRunReport } from './sync-report.js';
import { withGatewayOption, type GatewayOption } from './gateway-client.js';
import type { Database } from '../store/database.js';
import {
  CliError,
  cliLogger,
  command,
  exitCodes,
  openStore,
  progressBar,
  table,
  usageError,
  usageExits,
} from './common.js';
import {
  checkAccountRange,
  printTrialBalance,
  trialBalanceExit,
  trialBalanceJson,
  type AccountsOptions,
} from './reconcile-accounts.js';
import type { TrialBalance } from '../workflows/trial-balance.js';

interface ReconcileOptions extends AccountsOptions, GatewayOption {
  json?: boolean;
  onlyMismatches?: boolean;
  sync?: boolean;
  accounts?: boolean;
}

const money = (value: { toFixed(dp: number): string } | null | undefined) => (value ? value.toFixed(2) : '—');

function reportJson(report: ReconciliationReport, rows: readonly ReconciliationRow[]) {
  const book = (b: ReconciliationRow['nav']) =>
    b
      ? { documents: b.documents, invoiced: b.invoiced.toFixed(2), outstanding: b.outstanding.toFixed(2) }
      : null;
  return {
    checkedAt: report.checkedAt,
    mismatches: report.mismatches,
    rowsChecked: report.rows.length,
    pagesRead: report.pagesRead,
    rows: rows.map((r) => ({
      side: r.side,
      partyId: r.partyId,
      number: r.number,
      name: r.name,
      currency: r.currency,
      nav: book(r.nav),
      xero: book(r.xero),
      invoicedDifference: r.invoicedDifference?.toFixed(2) ?? null,
      outstandingDifference: r.outstandingDifference?.toFixed(2) ?? null,
      matches: r.matches,
    })),
  };
}

function printReport(report: ReconciliationReport, rows: readonly ReconciliationRow[]): void {
  const pages = Object.entries(report.pagesRead)
    .map(([system, n]) => `${system} ${n}`)
    .join(', ');
  if (rows.length === 0) {
    console.log(report.rows.length ? 'Every row matches.' : 'Neither book holds a posted invoice or bill.');
  } else {
    process.stdout.write(
      table(
        [
          { header: '' },
          { header: 'PARTY' },
          { header: 'NUMBER' },
          { header: 'NAME' },
          { header: 'CUR' },
          { header: 'NAV INVOICED', align: 'right' },
          { header: 'NAV OUTSTANDING', align: 'right' },
          { header: 'XERO INVOICED', align: 'right' },
          { header: 'XERO OUTSTANDING', align: 'right' },
          { header: 'DIFF INVOICED', align: 'right' },
          { header: 'DIFF OUTSTANDING', align: 'right' },
        ],
        rows.map((r) => [
          r.matches ? '✓' : '✗',
          r.side === 'CUSTOMER' ? 'customer' : 'vendor',
          r.number ?? '—',
          r.name ?? (r.partyId ? '' : '(not in the gateway)'),
          r.currency,
          money(r.nav?.invoiced),
          money(r.nav?.outstanding),
          money(r.xero?.invoiced),
          money(r.xero?.outstanding),
          r.invoicedDifference ? money(r.invoicedDifference) : r.nav && r.xero ? '' : 'one book only',
          money(r.outstandingDifference),
        ]),
      ),
    );
  }
  console.log(
    `\n${report.rows.length} row(s) checked at ${report.checkedAt.toISOString()} (pages read: ${pages || 'none'}): ` +
      (report.mismatches ? `${report.mismatches} mismatch(es).` : 'the books agree.'),
  );
  if (report.rows.some((r) => !r.matches && !r.partyId))
    console.log(
      'Parties "not in the gateway" are unknown to the mirror, so their two books cannot be paired: `ledgerbridge sync` (or `reconcile --sync`) links them first.',
    );
}

/** The accounts report as the command prints it, and its exit code. */
function accountsOutput(
  options: ReconcileOptions,
  tb: TrialBalance,
  read: Record<string, number>,
  synced: SyncRunReport | null,
): number {
  const rows = tb.rows.filter((r) => !options.onlyMismatches || !r.matches);
  if (options.json)
    console.log(
      JSON.stringify({ ...trialBalanceJson(tb, rows, read), ...(synced ? { sync: synced } : {}) }, null, 2),
    );
  else printTrialBalance(tb, rows);
  return trialBalanceExit(tb);
}

/** The totals report as the command prints it, and its exit code. */
function totalsOutput(
  options: ReconcileOptions,
  report: ReconciliationReport,
  synced: SyncRunReport | null,
): number {
  const rows = report.rows.filter((r) => !options.onlyMismatches || !r.matches);
  if (options.json)
    console.log(
      JSON.stringify({ ...reportJson(report, rows), ...(synced ? { sync: synced } : {}) }, null, 2),
    );
  else printReport(report, rows);
  return report.mismatches ? exitCodes.problems : exitCodes.ok;
}

/** Entries each system's ledger read gave, from a --sync run's report. */
const ledgerReads = (synced: SyncRunReport, systems: readonly string[]) =>
  Object.fromEntries(
    systems.map((system) => [
      system,
      synced.rows.find((r) => r.system === system && r.entity === 'ledgerEntry')?.read?.read ?? 0,
    ]),
  );

async function reconcile(options: ReconcileOptions): Promise<number> {
  if (!options.accounts && (options.from || options.to))
    throw usageError('--from and --to go with --accounts.');
  if (options.accounts) checkAccountRange(options);
  const { loadConfig } = await import('../config/load.js');
  const { demoModeOn } = await import('../sync/bootstrap.js');
  const { startOneShot, runSync, printSyncReport, syncEntityNames, connectedSystems } =
    await import('./sync.js');
  const config = loadConfig();
  const systems = await connectedSystems(config);
  const syncScope = { entities: syncEntityNames, systems, full: false, demo: demoModeOn(config) };
  const printSynced = (synced: SyncRunReport) => {
    if (options.json) return;
    printSyncReport(synced);
    console.log('');
  };
  const { findGateway } = await import('./gateway-client.js');
  const gateway = await findGateway(config, options.gateway);
  if (gateway) {
    // A gateway runs: it reads both books (in demo mode, its own sandboxes) and holds the mirror.
    const through = await import('./sync-gateway.js');
    let synced: SyncRunReport | null = null;
    if (options.sync) {
      const progress = await progressBar(Boolean(process.stderr.isTTY) && !options.json);
      try {
        synced = await through.syncThroughGateway(gateway, syncScope, progress);
      } finally {
        progress.stop();
      }
      printSynced(synced);
    }
    if (options.accounts) {
      const read = synced
        ? ledgerReads(synced, systems)
        : await through.readLedgersThroughGateway(gateway, systems);
      const tb = await through.trialBalanceThroughGateway(gateway, options);
      return accountsOutput(options, tb, read, synced);
    }
    return totalsOutput(options, await through.reconcileThroughGateway(gateway), synced);
  }
  const log = await cliLogger(config.LOG_LEVEL);
  const db = await openStore(config, { migrate: true });
  try {
    if (syncScope.demo) await refuseStaleDemoMirror(db);
    const running = await startOneShot(config, db, log, { push: Boolean(options.sync) });
    let synced: SyncRunReport | null = null;
    try {
      if (options.sync) {
        const progress = await progressBar(Boolean(process.stderr.isTTY) && !options.json);
        try {
          synced = await runSync(running, syncScope, progress);
        } finally {
          progress.stop();
        }
        printSynced(synced);
      }
      if (options.accounts) {
        // Ledgers are read-only: reading them pushes nothing (--sync already read them).
        const read: Record<string, number> = synced ? ledgerReads(synced, systems) : {};
        if (!synced)
          for (const system of systems)
            read[system] = (await running.engine.pull(system, 'ledgerEntry')).read;
        const tb: TrialBalance = await running.services.trialBalance({ from: options.from, to: options.to });
        return accountsOutput(options, tb, read, synced);
      }
      return totalsOutput(options, await running.engine.reconcile(), synced);
    } finally {
      await running.stop();
    }
  } finally {
    await db.close();
  }
}

/**
 * Demo mode without a gateway starts its sandboxes afresh for this one command. A mirror synced
 * before (by an earlier command, or a gateway since stopped) links records of sandboxes that are
 * gone, which the new ones lack: the books could never agree, so it is refused, saying what to do.
 */
async function refuseStaleDemoMirror(db: Database): Promise<void> {
  const { SyncLinks } = await import('../store/sync-links.js');
  if (!(await new SyncLinks(db.prisma).any())) return;
  throw new CliError(
    'this database holds a mirror synced against the sandboxes of an earlier demo run, and demo mode ' +
      'starts them afresh for every command, so its links name records the new ones lack and the books ' +
      'cannot agree. Reconcile the demo on an empty data folder (DATA_DIR=<new folder>), or beside a ' +
      '`ledgerbridge serve` started on one.',
    exitCodes.usage,
  );
}

export function registerReconcile(program: Command): void {
  withGatewayOption(usageExits(program.command('reconcile')))
    .description(
      "compare each customer's and vendor's invoiced and outstanding totals in NAV and Xero, per currency (exit 1 on any mismatch)",
    )
    .option(
      '--accounts',
      "the trial balance instead: each account's debits, credits and balance in both books",
    )
    .option('--from <date>', 'with --accounts: first posting date (default: the earliest held)')
    .option('--to <date>', 'with --accounts: last posting date (default: the latest held)')
    .option('--json', 'print the report as JSON')
    .option('--only-mismatches', 'list only the rows that do not match')
    .option(
      '--sync',
      'run `ledgerbridge sync` first, in the same process (demo mode: its sandboxes start afresh, so only on an empty data folder)',
    )
    .action(command(reconcile));
}
