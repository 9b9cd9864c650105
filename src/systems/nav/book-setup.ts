// What the NAV/BC company allows: its chart of accounts (NAV page Chart_of_Accounts, BC `accounts`),
// its currencies and, where published (BC `generalLedgerSetup`), the posting window. A service the
// company does not publish is simply not known (null): its check is left to the write.
import { z } from 'zod';
import type { AccountClass, AccountFact, BookSetup } from '../book-setup.js';
import { ConnectorError } from '../errors.js';
import type { NavContext } from './context.js';
import { queryString, segment } from './odata.js';
import type { ServiceKey } from './services.js';

// NAV's Account Category and BC's category enum, to the five classes.
const categoryClass: Record<string, AccountClass> = {
  Assets: 'ASSET',
  Liabilities: 'LIABILITY',
  Equity: 'EQUITY',
  Income: 'REVENUE',
  Cost_x0020_of_x0020_Goods_x0020_Sold: 'EXPENSE',
  'Cost of Goods Sold': 'EXPENSE',
  CostofGoodsSold: 'EXPENSE',
  Expense: 'EXPENSE',
};

const navAccount = z.object({
  No: z.string(),
  Name: z.string().default(''),
  Income_Balance: z.string().optional(),
  Account_Category: z.string().optional(),
  Account_Type: z.string().optional(),
  Direct_Posting: z.boolean().optional(),
  Blocked: z.boolean().optional(),
});
const bcAccount = z.object({
  number: z.string(),
  displayName: z.string().default(''),
  category: z.string().optional(),
  accountType: z.string().optional(),
  directPosting: z.boolean().optional(),
  blocked: z.boolean().optional(),
});

function fact(
  code: string,
  name: string,
  category: string | undefined,
  incomeBalance: string | undefined,
  type: string | undefined,
  directPosting: boolean | undefined,
  blocked: boolean | undefined,
): AccountFact {
  const why = blocked
    ? 'blocked in NAV'
    : type && type !== 'Posting'
      ? `a ${type.toLowerCase()} account in NAV`
      : directPosting === false
        ? 'closed to direct posting in NAV (a control account)'
        : undefined;
  const statement = incomeBalance?.startsWith('Income')
    ? 'INCOME'
    : incomeBalance?.startsWith('Balance')
      ? 'BALANCE'
      : null;
  return {
    code,
    name,
    class: (category ? categoryClass[category] : undefined) ?? null,
    statement,
    bank: null, // NAV banks are Bank Account cards; the chart does not say which G/L account is one
    // Money moves through balance-sheet accounts: a payment "into" an income account is refused.
    takesPayments: statement === null ? null : statement === 'BALANCE',
    control: directPosting === false,
    postable: why === undefined,
    ...(why ? { notPostableBecause: why } : {}),
  };
}

/** The service's rows when the company publishes it; null when it does not. */
async function readIfPublished(cx: NavContext, key: ServiceKey, select: readonly string[]) {
  let service: string;
  try {
    service = cx.serviceName(key);
  } catch (e) {
    if (e instanceof ConnectorError) return null;
    throw e;
  }
  if (!cx.model()?.sets.has(service)) return null;
  return cx.http.all(`${cx.root()}${segment(service)}${queryString({ select })}`);
}

export async function readNavBookSetup(cx: NavContext): Promise<BookSetup> {
  const accounts = cx.nav
    ? (
        await readIfPublished(cx, 'glAccount', [
          'No',
          'Name',
          'Income_Balance',
          'Account_Category',
          'Account_Type',
          'Direct_Posting',
          'Blocked',
        ])
      )?.map((r) => {
        const a = navAccount.parse(r);
        return fact(
          a.No,
          a.Name,
          a.Account_Category,
          a.Income_Balance,
          a.Account_Type,
          a.Direct_Posting,
          a.Blocked,
        );
      })
    : (
        await readIfPublished(cx, 'glAccount', [
          'number',
          'displayName',
          'category',
          'accountType',
          'directPosting',
          'blocked',
        ])
      )?.map((r) => {
        const a = bcAccount.parse(r);
        const statement = a.category
          ? ['Income', 'CostofGoodsSold', 'Expense'].includes(a.category)
            ? 'Income Statement'
            : 'Balance Sheet'
          : undefined;
        return fact(
          a.number,
          a.displayName,
          a.category,
          statement,
          a.accountType,
          a.directPosting,
          a.blocked,
        );
      });
  const currencyRows = await readIfPublished(cx, 'currency', [cx.nav ? 'Code' : 'code']);
  const currencies = currencyRows?.flatMap((r) => {
    const c = (r as { Code?: unknown; code?: unknown }).Code ?? (r as { code?: unknown }).code;
    return typeof c === 'string' && c ? [c] : [];
  });
  const setupRows = cx.nav
    ? null
    : await readIfPublished(cx, 'generalLedgerSetup', ['allowPostingFrom', 'allowPostingTo']);
  const setup = (setupRows?.[0] ?? {}) as { allowPostingFrom?: unknown; allowPostingTo?: unknown };
  const day = (v: unknown) =>
    typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) && !v.startsWith('0001') ? v.slice(0, 10) : null;
  return {
    accounts: accounts ?? null,
    // NAV's blank currency is the local one: it is always taken.
    currencies: currencies ? [...new Set([...currencies, cx.options.localCurrency])] : null,
    postingFrom: day(setup.allowPostingFrom),
    postingTo: day(setup.allowPostingTo),
  };
}
