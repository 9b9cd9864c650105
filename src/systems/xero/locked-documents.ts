// Xero's rule for documents money has been applied to: a PAID invoice or bill, or an AUTHORISED
// one with a payment or credit note allocated, takes no change to its contact, date, lines,
// currency or status ("cannot change from PAID to AUTHORISED", "has a payment or credit note
// allocated"). Its due date and reference stay editable. An update to such a document sends only
// those, or nothing; what differs beyond them is handed back as withheld, never sent to be refused.
import type { DocumentDraft, RemoteRecord, WriteRequest, Withheld } from '../system.js';
import { documentDifferences, isFreeField, type Difference } from '../differences.js';

/** An update to a document Xero holds with money applied: what may still be sent, and what is withheld. */
export interface LockedUpdate {
  /** The editable fields that differ, as Xero's wire (null: nothing to send). */
  patch: WireInvoicePatch | null;
  withheld: Withheld | null;
}

/** The part of an invoice Xero still accepts once money is applied. */
export interface WireInvoicePatch {
  type: 'ACCREC' | 'ACCPAY';
  invoiceID: string;
  dueDate?: string;
  reference?: string;
}

/** Paid, or part-paid or credited while AUTHORISED. */
export function moneyApplied(held: DocumentDraft): boolean {
  return held.status === 'PAID' || (held.status === 'AUTHORISED' && held.amountDue.lt(held.total));
}

/**
 * What an update may send to `held` (a document with money applied). A stale version (they
 * changed it since we last read it) sends nothing: its editable fields may be their change.
 */
export function lockedUpdate(
  kind: 'invoice' | 'bill',
  request: WriteRequest<'invoice'>,
  held: RemoteRecord<'invoice'>,
): LockedUpdate {
  // A bill's Reference carries its number (compared as the document's identity, not here).
  const bill = kind === 'bill';
  const differences = documentDifferences(
    bill ? { ...request.data, reference: null } : request.data,
    bill ? { ...held.data, reference: null } : held.data,
  );
  const current = !request.version || request.version === held.version;
  const free = current ? differences.filter((d) => isFreeField(d.field)) : [];
  const locked = differences.filter((d) => !free.includes(d));
  const why =
    held.data.status === 'PAID'
      ? `it is PAID in Xero`
      : `it has ${held.data.amountPaid.gt(0) ? 'a payment' : 'a credit note'} allocated in Xero`;
  return {
    patch: free.length ? patchOf(kind, held.externalId, free) : null,
    withheld: locked.length
      ? {
          reason: `${kind} ${held.externalNumber ?? held.externalId} was not rewritten: ${why}, which locks its ${names(locked)}`,
          differences: locked,
        }
      : null,
  };
}

function patchOf(kind: 'invoice' | 'bill', invoiceID: string, free: Difference[]): WireInvoicePatch {
  const patch: WireInvoicePatch = { type: kind === 'bill' ? 'ACCPAY' : 'ACCREC', invoiceID };
  for (const d of free) {
    if (d.field === 'dueDate' && typeof d.local === 'string') patch.dueDate = d.local;
    // Xero clears a reference sent empty.
    if (d.field === 'reference') patch.reference = typeof d.local === 'string' ? d.local : '';
  }
  return patch;
}

const names = (ds: Difference[]) => [...new Set(ds.map((d) => d.field.replace(/\[\d+\].*$/, '')))].join(', ');
