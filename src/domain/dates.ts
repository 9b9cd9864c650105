// Accounting dates are calendar dates (no time zone); instants always carry an offset.
import { z } from 'zod';

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD. */
export function isAccountingDate(value: string): boolean {
  const m = datePattern.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

export const accountingDateSchema = z
  .string()
  .refine(isAccountingDate, 'a calendar date written YYYY-MM-DD, e.g. 2026-03-31');

/** ISO-8601 instant with an explicit offset (Z or ±hh:mm). */
const instantPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export function parseInstant(value: string): Date | null {
  if (!instantPattern.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

export const instantSchema = z.union([z.date(), z.string()]).transform((value, ctx) => {
  if (value instanceof Date) return value;
  const parsed = parseInstant(value);
  if (!parsed) {
    ctx.addIssue({
      code: 'custom',
      message: `"${value}" is not an ISO-8601 date-time with an offset, e.g. 2026-03-31T09:30:00Z`,
    });
    return z.NEVER;
  }
  return parsed;
});

/** The accounting date of a JS Date holding UTC midnight (as PostgreSQL DATE columns come back). */
export function toAccountingDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function fromAccountingDate(value: string): Date {
  return new Date(`${value}T00:00:00.000Z`);
}
