// Dates as whole days since 1970-01-01 (UTC), and instants in UK local time with their offset.
// Everything is computed from the fixed asOf date, never from the clock.

const DAY_MS = 86_400_000;

export function parseDay(date: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`not a YYYY-MM-DD date: "${date}"`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  if (new Date(ms).getUTCDate() !== day) throw new RangeError(`no such date: "${date}"`);
  return ms / DAY_MS;
}

const dayCache = new Map<number, string>();

export function formatDay(day: number): string {
  let text = dayCache.get(day);
  if (text === undefined) {
    text = new Date(day * DAY_MS).toISOString().slice(0, 10);
    dayCache.set(day, text);
  }
  return text;
}

/** Last day of the month `day` falls in (for "CM" payment terms). */
export function endOfMonth(day: number): number {
  const d = new Date(day * DAY_MS);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0) / DAY_MS;
}

const bstCache = new Map<number, [number, number]>();

/** British Summer Time runs from 01:00 UTC on the last Sunday of March to the last Sunday of October. */
function bstRange(year: number): [number, number] {
  let range = bstCache.get(year);
  if (!range) {
    const lastSunday = (month: number): number => {
      const last = Date.UTC(year, month + 1, 0);
      return last - new Date(last).getUTCDay() * DAY_MS + 3_600_000;
    };
    range = [lastSunday(2), lastSunday(9)];
    bstCache.set(year, range);
  }
  return range;
}

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** ISO-8601 instant in London time with offset, for a day and seconds since local midnight. */
export function londonInstant(day: number, secondOfDay: number): string {
  const approxUtc = day * DAY_MS + secondOfDay * 1000;
  const [start, end] = bstRange(new Date(approxUtc).getUTCFullYear());
  const summer = approxUtc - 3_600_000 >= start && approxUtc - 3_600_000 < end;
  const hh = Math.floor(secondOfDay / 3600);
  const mm = Math.floor((secondOfDay % 3600) / 60);
  const ss = secondOfDay % 60;
  return `${formatDay(day)}T${two(hh)}:${two(mm)}:${two(ss)}${summer ? '+01:00' : '+00:00'}`;
}
