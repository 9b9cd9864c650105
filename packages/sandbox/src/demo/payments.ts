// Payments against posted invoices in both systems: mostly received in Xero (the bank feed lives
// there), some also posted in NAV, a few only in NAV. Amounts are the document totals to the cent.
import type { SeededRandom } from '../common/random.js';
import { ACC } from './accounts.js';
import { formatDay, londonInstant, parseDay } from './calendar.js';
import { documentCents, formatCents } from './cents.js';
import type { DemoDocument, DemoPayment, Presence } from './model.js';
import { officeSecond, pickWeighted } from './sampling.js';
import type { Timeline } from './timeline.js';

const PRESENCES: readonly (readonly [number, Presence])[] = [
  [60, { nav: false, xero: true }],
  [35, { nav: true, xero: true }],
  [5, { nav: true, xero: false }],
];

/**
 * Pays round(paidShare × posted) of the documents in both systems, older ones more likely,
 * and sets each document's xeroStatus from the payments Xero holds.
 */
export function generatePayments(
  rng: SeededRandom,
  t: Timeline,
  documents: DemoDocument[],
  direction: DemoPayment['direction'],
  paidShare: number,
  ratesByGroup: ReadonlyMap<string, string>,
): DemoPayment[] {
  const eligible: number[] = [];
  let posted = 0;
  documents.forEach((doc, i) => {
    if (!doc.posted) return;
    posted++;
    if (doc.presence.xero && doc.presence.nav) eligible.push(i);
  });
  const target = Math.min(eligible.length, Math.round(paidShare * posted));
  // Documents are in posting order, so the position stands for age.
  const keys = new Float64Array(documents.length);
  eligible.forEach((docIndex, k) => (keys[docIndex] = rng.next() * 0.6 + (k / eligible.length) * 0.4));
  const paid = new Set(eligible.sort((a, b) => (keys[a] ?? 0) - (keys[b] ?? 0) || a - b).slice(0, target));

  const payments: DemoPayment[] = [];
  documents.forEach((doc, i) => {
    if (!paid.has(i)) return;
    const total = documentCents(doc.lines, ratesByGroup, doc.pricesIncludeVat).total;
    const postingDay = parseDay(doc.postingDate);
    const termDays = Math.max(7, parseDay(doc.dueDate) - postingDay);
    const lastDay = t.asOfDay - 1;
    const firstDay = Math.min(lastDay, postingDay + rng.int(0, termDays + 15));
    const r = rng.next();
    const amounts: [number, number][] = [];
    if (total < 2 || r < 0.8) {
      amounts.push([total, firstDay]);
    } else {
      const part = Math.max(1, Math.floor((total * rng.int(30, 70)) / 100));
      amounts.push([part, firstDay]);
      // Some customers pay the rest later; the others have paid only part so far.
      if (r < 0.9) amounts.push([total - part, Math.min(lastDay, firstDay + rng.int(1, 30))]);
    }
    let paidInXero = 0;
    let latestDay = postingDay;
    for (const [amount, day] of amounts) {
      const presence = { ...pickWeighted(rng, PRESENCES) };
      if (presence.xero) paidInXero += amount;
      latestDay = Math.max(latestDay, day);
      payments.push({
        id: rng.uuid(),
        direction,
        documentNo: doc.no,
        partyNo: doc.partyNo,
        date: formatDay(day),
        amount: formatCents(amount),
        currency: doc.currency,
        bankAccountNo: ACC.bank,
        reference: reference(rng, doc, direction),
        presence,
      });
    }
    if (paidInXero === total) doc.xeroStatus = 'PAID';
    if (latestDay > postingDay) doc.lastModified = londonInstant(latestDay, officeSecond(rng));
  });
  // Bank order: by date, then as generated (the sort is stable).
  return payments.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

function reference(rng: SeededRandom, doc: DemoDocument, direction: DemoPayment['direction']): string {
  if (direction === 'MADE') return `Payment ${doc.vendorInvoiceNo ?? doc.no}`;
  const r = rng.next();
  if (r < 0.5) return `BACS ${doc.no}`;
  if (r < 0.8 && doc.externalDocumentNo !== undefined) return doc.externalDocumentNo;
  return `Remittance ${doc.no}`;
}
