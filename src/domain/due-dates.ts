// When a document falls due under payment terms, as both books compute it. Terms come in Xero's
// form (the lookup tables map each NAV Payment Terms code to one): a number of days and how they
// count. Accounting dates are calendar dates: the arithmetic is done in UTC, with no time zone.
import { fromAccountingDate, toAccountingDate } from './dates.js';

export interface PaymentTerms {
  day: number;
  /** DAYSAFTERBILLDATE, DAYSAFTERBILLMONTH, OFCURRENTMONTH or OFFOLLOWINGMONTH (as Xero names them). */
  type: string;
}

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month + 1, 0)).getUTCDate();

/** Day `day` of the month `monthOffset` months after `date`'s, kept within that month. */
function dayOfMonth(date: Date, monthOffset: number, day: number): string {
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + monthOffset;
  const last = daysIn(year, month);
  return toAccountingDate(new Date(Date.UTC(year, month, Math.min(Math.max(day, 1), last))));
}

/**
 * The due date of a document issued on `issueDate` (YYYY-MM-DD) under `terms`:
 * - DAYSAFTERBILLDATE: `day` days after the issue date (0: the issue date itself);
 * - DAYSAFTERBILLMONTH: `day` days after the end of the issue month;
 * - OFCURRENTMONTH: day `day` of the issue month (the month's last day when shorter), never before
 *   the issue date: past it, the same day of the next month;
 * - OFFOLLOWINGMONTH: day `day` of the month after the issue month.
 * Unknown term types give null: the caller keeps the issue date and says so.
 */
export function dueDateFor(issueDate: string, terms: PaymentTerms): string | null {
  const date = fromAccountingDate(issueDate);
  const addDays = (from: Date, days: number) =>
    toAccountingDate(new Date(from.getTime() + days * 86_400_000));
  switch (terms.type) {
    case 'DAYSAFTERBILLDATE':
      return addDays(date, terms.day);
    case 'DAYSAFTERBILLMONTH': {
      const endOfMonth = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0));
      return addDays(endOfMonth, terms.day);
    }
    case 'OFCURRENTMONTH': {
      const due = dayOfMonth(date, 0, terms.day);
      return due >= issueDate ? due : dayOfMonth(date, 1, terms.day);
    }
    case 'OFFOLLOWINGMONTH':
      return dayOfMonth(date, 1, terms.day);
    default:
      return null;
  }
}
