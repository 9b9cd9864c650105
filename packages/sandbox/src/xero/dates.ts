// Xero's date formats. Accounting dates are calendar days (kept as "YYYY-MM-DD" internally) and go
// out as Microsoft JSON dates at UTC midnight; instants go out as /Date(ms+0000)/.

const DAY_MS = 86_400_000;

/** `/Date(1539993600000+0000)/` for an instant (UpdatedDateUTC, FullyPaidOnDate…). */
export function msDate(ms: number): string {
  return `/Date(${Math.trunc(ms)}+0000)/`;
}

/** `/Date(1552326816230)/` — the envelope's DateTimeUTC has no offset. */
export function msDateNoOffset(ms: number): string {
  return `/Date(${Math.trunc(ms)})/`;
}

/** A calendar day as Xero sends `Date`: UTC midnight in MS JSON form. */
export function msDay(day: string): string {
  return msDate(dayToMs(day));
}

/** A calendar day as Xero's companion `DateString`: `2018-10-20T00:00:00`. */
export function dayString(day: string): string {
  return `${day}T00:00:00`;
}

/** ISO-8601 without milliseconds, as in UpdatedDateUTCString (`2018-11-02T16:31:30Z`). */
export function isoSeconds(ms: number): string {
  return new Date(Math.trunc(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export function dayToMs(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

export function msToDay(ms: number): string {
  return new Date(Math.floor(ms / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return msToDay(dayToMs(day) + days * DAY_MS);
}

const MS_JSON = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/;

/**
 * Parses a date a client may send: "2020-10-10", "2020-10-10T00:00:00", an ISO instant, or
 * "/Date(ms+0000)/". Returns the calendar day, or undefined when it is not a date.
 */
export function parseDayInput(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const v = value.trim();
  const ms = MS_JSON.exec(v);
  if (ms?.[1]) return msToDay(Number(ms[1]));
  const plain = /^(\d{4})-(\d{2})-(\d{2})(?:T[\d:.]+)?$/.exec(v);
  if (plain) {
    const day = `${plain[1]}-${plain[2]}-${plain[3]}`;
    return Number.isNaN(dayToMs(day)) || msToDay(dayToMs(day)) !== day ? undefined : day;
  }
  const parsed = Date.parse(v);
  return Number.isNaN(parsed) ? undefined : msToDay(parsed);
}

/** Parses `/Date(ms…)/` or ISO text into epoch ms (used by where-clauses and If-Modified-Since). */
export function parseInstant(value: string): number | undefined {
  const ms = MS_JSON.exec(value.trim());
  if (ms?.[1]) return Number(ms[1]);
  // A zone-less timestamp is read as UTC, as Xero does for If-Modified-Since.
  const v = /^\d{4}-\d{2}-\d{2}T[\d:.]+$/.test(value.trim()) ? `${value.trim()}Z` : value.trim();
  const parsed = Date.parse(v);
  return Number.isNaN(parsed) ? undefined : parsed;
}

/** "MM/dd/yyyy HH:mm:ss" as Xero writes the expiry in a TokenExpired 401. */
export function usDateTime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())}/${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}
