// The trial balance of both books side by side, from the mirror's ledger entries: per account (and
// month, when asked) each book's debits, credits and balance, paired through the account lookups
// (NAV G/L No. ⇄ Xero account code; several NAV accounts may share one Xero code, and their row
// adds them up) and compared to the cent. Accounts only one book has, or that the tables do not
// map, get a row of their own: a balance there is a difference, never hidden.
import { Decimal } from 'decimal.js';
import type { Lookups } from '../mapping/lookups.js';
import type { AccountBalance, LedgerEntryStore } from '../store/ledger-entries.js';

export interface TrialBalanceQuery {
  /** Default: the earliest and latest posting dates the mirror holds. */
  from?: string | undefined;
  to?: string | undefined;
  /** Only rows naming one of these codes (a NAV G/L No. or a Xero account code). */
  accounts?: readonly string[] | undefined;
  /** One row per account and month instead of one per account for the whole range. */
  monthly?: boolean | undefined;
}

export interface BookBalance {
  /** The book's own account codes in the row. */
  accounts: string[];
  debit: Decimal;
  credit: Decimal;
  /** Debit minus credit. */
  balance: Decimal;
  entries: number;
}

export interface TrialBalanceRow {
  /** First day of the month (monthly), or null: the whole range. */
  period: string | null;
  /** The Xero account code the row pairs on, or the NAV G/L No. of an account Xero has no code for. */
  account: string;
  name: string | null;
  /** NAV G/L Nos. the lookups map to the row's Xero code (or the one unmapped NAV account). */
  navAccounts: string[];
  xeroAccount: string | null;
  /** False: the lookup tables do not pair this account with the other book. */
  mapped: boolean;
  nav: BookBalance | null;
  xero: BookBalance | null;
  /** NAV's balance minus Xero's (a book without the account counts as zero). */
  difference: Decimal;
  /** The two balances agree to the cent. */
  matches: boolean;
}

export interface TrialBalance {
  from: string;
  to: string;
  rows: TrialBalanceRow[];
  mismatches: number;
  /** Each book's debits and credits over every row: in a balanced book they are equal. */
  totals: { nav: { debit: Decimal; credit: Decimal }; xero: { debit: Decimal; credit: Decimal } };
}

const ZERO = new Decimal(0);
const cents = (d: Decimal) => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);

function add(book: BookBalance | null, b: AccountBalance): BookBalance {
  const debit = (book?.debit ?? ZERO).plus(b.debit);
  const credit = (book?.credit ?? ZERO).plus(b.credit);
  const accounts = book?.accounts.includes(b.accountCode)
    ? book.accounts
    : [...(book?.accounts ?? []), b.accountCode].sort();
  return { accounts, debit, credit, balance: debit.minus(credit), entries: (book?.entries ?? 0) + b.entries };
}

export async function trialBalance(
  ledger: LedgerEntryStore,
  lookups: Lookups | null,
  q: TrialBalanceQuery,
): Promise<TrialBalance> {
  const held = !q.from || !q.to ? await ledger.dateRange() : null;
  const today = new Date().toISOString().slice(0, 10);
  const from = q.from ?? held?.from ?? today;
  const to = q.to ?? held?.to ?? today;
  const accounts = lookups?.tables.accounts ?? [];
  const xeroOf = (nav: string) => accounts.find((a) => a.nav === nav)?.xero;
  const navsOf = (xero: string) => accounts.filter((a) => a.xero === xero).map((a) => a.nav);
  const rows = new Map<string, TrialBalanceRow>();
  const rowFor = (period: string | null, key: string, init: () => Omit<TrialBalanceRow, 'period'>) => {
    const id = `${period ?? ''}|${key}`;
    let row = rows.get(id);
    if (!row) rows.set(id, (row = { period, ...init() }));
    return row;
  };
  const totals = { nav: { debit: ZERO, credit: ZERO }, xero: { debit: ZERO, credit: ZERO } };
  for (const b of await ledger.balances({ from, to, monthly: Boolean(q.monthly) })) {
    if (b.system !== 'NAV' && b.system !== 'XERO') continue;
    const side = b.system === 'NAV' ? 'nav' : 'xero';
    totals[side] = { debit: totals[side].debit.plus(b.debit), credit: totals[side].credit.plus(b.credit) };
    const xero = side === 'xero' ? b.accountCode : xeroOf(b.accountCode);
    const row = xero
      ? rowFor(b.period, `x:${xero}`, () => {
          const navs = navsOf(xero);
          return blankRow(xero, navs, xero, navs.length > 0);
        })
      : rowFor(b.period, `n:${b.accountCode}`, () => blankRow(b.accountCode, [b.accountCode], null, false));
    row[side] = add(row[side], b);
    // Xero's name for a shared code; NAV's where Xero has none.
    if (side === 'xero' || !row.name) row.name = b.accountName ?? row.name;
  }
  const wanted = q.accounts?.length ? new Set(q.accounts) : null;
  const out = [...rows.values()]
    .filter((r) => !wanted || r.navAccounts.some((a) => wanted.has(a)) || wanted.has(r.xeroAccount ?? ''))
    .map((r) => {
      const difference = (r.nav?.balance ?? ZERO).minus(r.xero?.balance ?? ZERO);
      return { ...r, difference, matches: cents(difference).isZero() };
    })
    .sort(
      (a, b) =>
        (a.period ?? '').localeCompare(b.period ?? '') ||
        a.account.localeCompare(b.account, undefined, { numeric: true }),
    );
  return { from, to, rows: out, mismatches: out.filter((r) => !r.matches).length, totals };
}

function blankRow(
  account: string,
  navAccounts: string[],
  xeroAccount: string | null,
  mapped: boolean,
): Omit<TrialBalanceRow, 'period'> {
  return {
    account,
    name: null,
    navAccounts,
    xeroAccount,
    mapped,
    nav: null,
    xero: null,
    difference: ZERO,
    matches: true,
  };
}
