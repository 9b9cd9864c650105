// What the Xero organisation allows: its chart of accounts (class, bank, system accounts, archived),
// its enabled currencies and its lock dates (nothing on or before the later of the period and the
// end-of-year lock date may be posted). Three reads, made when the gateway's cache asks.
import { z } from 'zod';
import type { AccountClass, AccountFact, BookSetup } from '../book-setup.js';
import type { XeroApi } from './client.js';
import { accountingDate } from './mapper-common.js';

const account = z.object({
  code: z.string().optional(),
  name: z.string().optional(),
  type: z.string().optional(),
  status: z.string().optional(),
  _class: z.string().optional(),
  systemAccount: z.string().optional(),
  enablePaymentsToAccount: z.boolean().optional(),
});
const classes: readonly string[] = ['ASSET', 'LIABILITY', 'EQUITY', 'REVENUE', 'EXPENSE'];

export function xeroAccountFact(raw: z.infer<typeof account>): AccountFact | null {
  if (!raw.code) return null; // a bank account may have no code: no line or payment can name it
  const status = raw.status ?? 'ACTIVE';
  const bank = raw.type === 'BANK';
  return {
    code: raw.code,
    name: raw.name ?? raw.code,
    class: raw._class && classes.includes(raw._class) ? (raw._class as AccountClass) : null,
    statement: null,
    bank,
    takesPayments: bank || raw.enablePaymentsToAccount === true,
    // Receivables, payables, tax and the other system accounts take only Xero's own postings.
    control: !!raw.systemAccount,
    postable: status === 'ACTIVE',
    ...(status === 'ACTIVE' ? {} : { notPostableBecause: `${status.toLowerCase()} in Xero` }),
  };
}

/** The later lock date + 1 day: the first date Xero takes a posting for. */
function firstOpenDay(org: { periodLockDate?: unknown; endOfYearLockDate?: unknown } | undefined) {
  const locks = [org?.periodLockDate, org?.endOfYearLockDate]
    .map((d) => (typeof d === 'string' || d instanceof Date ? accountingDate(d) : null))
    .filter((d): d is string => !!d)
    .sort();
  const last = locks.at(-1);
  if (!last) return null;
  const next = new Date(`${last}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

export async function readXeroBookSetup(api: XeroApi): Promise<BookSetup> {
  const spec = (operation: string) => ({ operation, write: false, priority: 'interactive' as const });
  const accounts = (await api.call(spec('GET /Accounts'), (a) => a.getAccounts(api.tenantId))) as {
    accounts?: unknown[];
  };
  const currencies = (await api.call(spec('GET /Currencies'), (a) => a.getCurrencies(api.tenantId))) as {
    currencies?: { code?: unknown }[];
  };
  const orgs = (await api.call(spec('GET /Organisation'), (a) => a.getOrganisations(api.tenantId))) as {
    organisations?: { baseCurrency?: unknown; periodLockDate?: unknown; endOfYearLockDate?: unknown }[];
  };
  const org = orgs.organisations?.[0];
  const codes = (currencies.currencies ?? []).flatMap((c) => (typeof c.code === 'string' ? [c.code] : []));
  if (typeof org?.baseCurrency === 'string') codes.push(org.baseCurrency);
  return {
    accounts: (accounts.accounts ?? []).flatMap((a) => {
      const fact = xeroAccountFact(account.parse(a));
      return fact ? [fact] : [];
    }),
    currencies: [...new Set(codes)],
    postingFrom: firstOpenDay(org),
    postingTo: null,
  };
}
