// Rules shared by invoices and credit notes: Xero's status machine, lock dates and which fields may
// still change once money has been applied.
import { invalid, type Input } from './batch.js';
import type { DocStatus, OrganisationRec } from './state.js';

/**
 * Fields that change what a document posts. Once payments or credit notes are applied Xero rejects
 * changes to these; other fields (Reference, DueDate, SentToContact…) remain editable.
 */
const CONTENT_FIELDS = ['Contact', 'Date', 'LineItems', 'LineAmountTypes', 'CurrencyCode', 'CurrencyRate'];

export function contentFieldsSent(input: Input): string[] {
  return CONTENT_FIELDS.filter((k) => input[k] !== undefined && input[k] !== null);
}

const TRANSITIONS: Record<DocStatus, DocStatus[]> = {
  DRAFT: ['DRAFT', 'SUBMITTED', 'AUTHORISED', 'DELETED'],
  SUBMITTED: ['DRAFT', 'SUBMITTED', 'AUTHORISED', 'DELETED'],
  AUTHORISED: ['AUTHORISED', 'VOIDED'],
  PAID: ['PAID'],
  VOIDED: ['VOIDED'],
  DELETED: ['DELETED'],
};

export function assertTransition(from: DocStatus, to: DocStatus, moneyApplied: boolean, noun: string): void {
  if (from === 'VOIDED' || from === 'DELETED') invalid(`${noun} not of valid status for modification`);
  if (TRANSITIONS[from].includes(to)) {
    if (to === 'VOIDED' && moneyApplied) {
      invalid(
        `This ${noun.toLowerCase()} has payments or credit notes allocated to it and cannot be voided. Remove them first.`,
      );
    }
    return;
  }
  if (to === 'DELETED')
    invalid(`Only DRAFT and SUBMITTED documents can be deleted; this ${noun.toLowerCase()} is ${from}.`);
  if (to === 'VOIDED')
    invalid(`Only AUTHORISED documents can be voided; this ${noun.toLowerCase()} is ${from}.`);
  if (to === 'PAID')
    invalid('The PAID status is set by Xero when payments cover the total; it cannot be set.');
  invalid(`${noun} not of valid status for modification: cannot change from ${from} to ${to}.`);
}

/** The last locked day, if any (transactions dated on or before it cannot be posted or changed). */
export function lockDate(org: OrganisationRec): string | undefined {
  const dates = [org.PeriodLockDate, org.EndOfYearLockDate].filter((d): d is string => !!d).sort();
  return dates[dates.length - 1];
}

export function assertNotLocked(org: OrganisationRec, date: string): void {
  const lock = lockDate(org);
  if (lock && date <= lock) {
    invalid(`The document date cannot be on or before the lock date (${lock}) for this organisation.`);
  }
}
