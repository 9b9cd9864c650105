// Where each record sits relative to the last sync: records before it are in both systems,
// records made after it exist only where they were made (NAV users or the Xero accountant).
import type { SeededRandom } from '../common/random.js';
import { londonInstant, parseDay } from './calendar.js';
import type { Presence } from './model.js';
import { officeSecond } from './sampling.js';

export interface Timeline {
  /** "Today": nothing is dated or modified on or after it. */
  asOfDay: number;
  /** First day of the six months of posted documents. */
  startDay: number;
  /** The last sync ran at the start of this day; later changes have not crossed over yet. */
  lastSyncDay: number;
}

export function timelineFor(asOf: string): Timeline {
  const asOfDay = parseDay(asOf);
  return { asOfDay, startDay: asOfDay - 183, lastSyncDay: asOfDay - 5 };
}

export const BOTH: Readonly<Presence> = Object.freeze({ nav: true, xero: true });

/** Master data layout: the oldest records in both systems, then NAV-only, then Xero-only. */
export interface MasterLayout {
  count: number;
  both: number;
  navOnly: number;
  xeroOnly: number;
}

export function masterLayout(count: number): MasterLayout {
  // Tiny companies keep everything in both systems so every document has a party.
  const navOnly = count >= 10 ? Math.max(2, Math.round(count * 0.05)) : 0;
  const xeroOnly = count >= 10 ? Math.max(1, Math.round(count * 0.03)) : 0;
  return { count, both: count - navOnly - xeroOnly, navOnly, xeroOnly };
}

export function presenceAt(layout: MasterLayout, index: number): Presence {
  if (index < layout.both) return { nav: true, xero: true };
  if (index < layout.both + layout.navOnly) return { nav: true, xero: false };
  return { nav: false, xero: true };
}

/** Synced records were last changed up to two years before the last sync; the others after it. */
export function masterModified(rng: SeededRandom, t: Timeline, presence: Presence): string {
  const day =
    presence.nav && presence.xero
      ? rng.int(t.asOfDay - 730, t.lastSyncDay - 1)
      : rng.int(t.lastSyncDay, t.asOfDay - 1);
  return londonInstant(day, officeSecond(rng));
}
