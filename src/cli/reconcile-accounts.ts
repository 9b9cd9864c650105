// `ledgerbridge reconcile --accounts`: the trial balance of both books side by side. Each connected
// book's general ledger is read into the mirror first (read-only, from where the last read stopped),
// then every account's debits, credits and balance in NAV and Xero are compared to the cent,
// paired through the account lookups. Exits 1 when any row differs.
import type { TrialBalance, TrialBalanceRow } from '../workflows/trial-balance.js';
import { exitCodes, table, usageError } from './common.js';

export interface AccountsOptions {
  from?: string;
  to?: string;
  json?: boolean;
  onlyMismatches?: boolean;
}

const money = (value: { toFixed(dp: number): string } | null | undefined) => (value ? value.toFixed(2) : '—');

/** --from / --to: calendar days, the start not after the end; refused before anything is read. */
export function checkAccountRange(options: AccountsOptions): void {
  for (const [flag, value] of [
    ['--from', options.from],
    ['--to', options.to],
  ] as const) {
    if (value === undefined) continue;
    const day = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : null;
    if (!day || Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== value)
      throw usageError(`${flag}: "${value}" is not a date such as 2026-01-31.`);
  }
  if (options.from && options.to && options.from > options.to)
    throw usageError(`--to (${options.to}) is before --from (${options.from}).`);
}

function bookJson(b: TrialBalanceRow['nav']) {
  return b
    ? {
        accounts: b.accounts,
        debit: b.debit.toFixed(2),
        credit: b.credit.toFixed(2),
        balance: b.balance.toFixed(2),
        entries: b.entries,
      }
    : null;
}

export function trialBalanceJson(
  tb: TrialBalance,
  rows: readonly TrialBalanceRow[],
  read: Record<string, number>,
) {
  return {
    from: tb.from,
    to: tb.to,
    mismatches: tb.mismatches,
    rowsChecked: tb.rows.length,
    entriesRead: read,
    totals: {
      nav: { debit: tb.totals.nav.debit.toFixed(2), credit: tb.totals.nav.credit.toFixed(2) },
      xero: { debit: tb.totals.xero.debit.toFixed(2), credit: tb.totals.xero.credit.toFixed(2) },
    },
    rows: rows.map((r) => ({
      account: r.account,
      name: r.name,
      navAccounts: r.navAccounts,
      xeroAccount: r.xeroAccount,
      mapped: r.mapped,
      nav: bookJson(r.nav),
      xero: bookJson(r.xero),
      difference: r.difference.toFixed(2),
      matches: r.matches,
    })),
  };
}

export function printTrialBalance(tb: TrialBalance, rows: readonly TrialBalanceRow[]): void {
  if (rows.length === 0) {
    console.log(
      tb.rows.length ? 'Every account matches.' : 'Neither book holds a ledger entry in the range.',
    );
  } else {
    process.stdout.write(
      table(
        [
          { header: '' },
          { header: 'NAV G/L' },
          { header: 'XERO' },
          { header: 'NAME' },
          { header: 'NAV DEBIT', align: 'right' },
          { header: 'NAV CREDIT', align: 'right' },
          { header: 'NAV BALANCE', align: 'right' },
          { header: 'XERO DEBIT', align: 'right' },
          { header: 'XERO CREDIT', align: 'right' },
          { header: 'XERO BALANCE', align: 'right' },
          { header: 'DIFFERENCE', align: 'right' },
        ],
        rows.map((r) => [
          r.matches ? '✓' : '✗',
          r.navAccounts.join('+') || '—',
          r.xeroAccount ?? '—',
          (r.name ?? '') + (r.mapped ? '' : ' (not mapped)'),
          money(r.nav?.debit),
          money(r.nav?.credit),
          money(r.nav?.balance),
          money(r.xero?.debit),
          money(r.xero?.credit),
          money(r.xero?.balance),
          money(r.difference),
        ]),
      ),
    );
  }
  const { nav, xero } = tb.totals;
  console.log(
    `\n${tb.from} to ${tb.to}: NAV debits ${money(nav.debit)} / credits ${money(nav.credit)}, ` +
      `Xero debits ${money(xero.debit)} / credits ${money(xero.credit)}; ${tb.rows.length} account(s) checked: ` +
      (tb.mismatches ? `${tb.mismatches} differ.` : 'the books agree.'),
  );
}

export function trialBalanceExit(tb: TrialBalance): number {
  return tb.mismatches ? exitCodes.problems : exitCodes.ok;
}
