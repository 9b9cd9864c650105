// Documents (sales invoices, purchase bills) between the unified vocabulary (NAV codes) and each
// system's (its module's vocabulary translates account codes, tax codes and tracking through the
// lookup tables); the customer or vendor is referred to by its key in the target system. Plus the hash that echo suppression and
// the "did the content change" test compare: it covers what both books must agree on, not
// what only one side tracks (line numbers, payment state, references).
import type { DocumentDraft, LineDraft, RemoteRef, SourceSystem } from '../../../systems/system.js';
import type { Lookups } from '../../../mapping/lookups.js';
import { systemModule } from '../../../systems/modules.js';
import type { DocumentKind } from '../../../store/documents.js';
import { contentHash } from '../master-data/translate.js';

export type TaxSide = 'SALES' | 'PURCHASES';
export const sideOf = (kind: DocumentKind): TaxSide => (kind === 'invoice' ? 'SALES' : 'PURCHASES');

import type { ItemAccounts } from '../../../systems/module.js';

export type { ItemAccounts };

/** A document from `system`, back in the unified vocabulary. Throws UnmappedCodeError. */
export function documentFromSystem(
  system: SourceSystem,
  kind: DocumentKind,
  draft: DocumentDraft,
  lookups: Lookups | null,
): DocumentDraft {
  const lines = draft.lines.map((line, index): LineDraft => ({ ...line, lineNo: line.lineNo || index + 1 }));
  return systemModule(system).vocabulary.documentIn(kind, { ...draft, lines }, lookups);
}

/**
 * A unified document in `system`'s vocabulary, referring to the party by `party`. Throws
 * UnmappedLineCodeError (naming the line) when a code has no mapping there.
 */
export function documentForSystem(
  system: SourceSystem,
  kind: DocumentKind,
  doc: DocumentDraft,
  party: RemoteRef,
  lookups: Lookups | null,
  itemAccounts: ItemAccounts,
): DocumentDraft {
  return systemModule(system).vocabulary.documentOut(kind, doc, party, { lookups, itemAccounts });
}

/** Open, settled or gone: what "status" means in both books (NAV POSTED = Xero AUTHORISED). */
function statusClass(status: DocumentDraft['status']): string {
  if (status === 'POSTED' || status === 'PAID' || status === 'AUTHORISED') return 'POSTED';
  return status;
}

/**
 * What both books must agree on, in the unified vocabulary: the party's number, dates, currency,
 * totals, status meaning and the lines in order. Left out: the document number (NAV numbers what
 * it posts from its own series; our number then lives in its External Document No.), line
 * numbering, line tax (NAV's pages do not publish it) and payment state (payments sync as payments).
 */
export function documentHash(doc: DocumentDraft, partyNumber: string | null): string {
  return contentHash({
    party: partyNumber,
    status: statusClass(doc.status),
    issueDate: doc.issueDate,
    dueDate: doc.dueDate,
    currency: doc.currency,
    lineAmountType: doc.lineAmountType,
    subTotal: doc.subTotal,
    totalTax: doc.totalTax,
    total: doc.total,
    lines: doc.lines.map((l) => ({
      item: l.item?.number ?? null,
      description: l.description,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      discountPercent: l.discountPercent,
      accountCode: l.item ? null : l.accountCode,
      taxCode: l.taxCode,
      lineAmount: l.lineAmount,
      dimensions: l.dimensions,
    })),
  });
}
