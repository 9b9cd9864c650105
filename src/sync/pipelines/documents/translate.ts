// Documents (sales invoices, purchase bills) between the unified vocabulary (NAV codes) and each
// system's: account codes, tax codes and tracking come from the lookup tables, the customer or
// vendor is referred to by its key in the target system. Plus the hash that echo suppression and
// the "did the content change" test compare: it covers what both books must agree on, not
// what only one side tracks (line numbers, payment state, references).
import type { DocumentDraft, LineDraft, RemoteRef, SourceSystem } from '../../../systems/system.js';
import { UnmappedCodeError, type Lookups } from '../../../mapping/lookups.js';
import type { DocumentKind } from '../../../store/documents.js';
import { contentHash } from '../master-data/translate.js';

export type TaxSide = 'SALES' | 'PURCHASES';
const sideOf = (kind: DocumentKind): TaxSide => (kind === 'invoice' ? 'SALES' : 'PURCHASES');

/** The G/L account an item posts to, per side (NAV lines of type Item carry no account). */
export type ItemAccounts = ReadonlyMap<string, { sales: string | null; purchase: string | null }>;

/** A document from `system`, back in the unified vocabulary. Throws UnmappedCodeError. */
export function documentFromSystem(
  system: SourceSystem,
  kind: DocumentKind,
  draft: DocumentDraft,
  lookups: Lookups | null,
): DocumentDraft {
  const lines = draft.lines.map((line, index): LineDraft => {
    const unified = { ...line, lineNo: line.lineNo || index + 1 };
    if (system !== 'XERO' || !lookups) return unified;
    const dimensions: Record<string, string> = {};
    for (const [category, option] of Object.entries(line.dimensions)) {
      const nav = lookups.dimensionToNav(category, option);
      dimensions[nav.dimension] = nav.value;
    }
    return {
      ...unified,
      // An item line posts to the item's account in NAV: the account is the item's, not the line's.
      accountCode: line.item ? null : line.accountCode ? lookups.accountToNav(line.accountCode) : null,
      taxCode: line.taxCode ? lookups.taxToNav(line.taxCode) : null,
      dimensions,
    };
  });
  return { ...draft, lines };
}

/** A unified document in `system`'s vocabulary, referring to the party by `party`. */
export function documentForSystem(
  system: SourceSystem,
  kind: DocumentKind,
  doc: DocumentDraft,
  party: RemoteRef,
  lookups: Lookups | null,
  itemAccounts: ItemAccounts,
): DocumentDraft {
  if (system !== 'XERO' || !lookups) return { ...doc, party };
  const side = sideOf(kind);
  const lines = doc.lines.map((line, index): LineDraft => {
    const field = (name: string) => `lines.${index}.${name}`;
    const itemAccount = line.item?.number ? itemAccounts.get(line.item.number) : undefined;
    const account =
      line.accountCode ?? (side === 'SALES' ? itemAccount?.sales : itemAccount?.purchase) ?? null;
    // Xero posts an item line to the line's or the item's account; with neither it refuses the
    // document, so it is refused here, saying what to add.
    if (!account && line.item?.number)
      throw new ItemWithoutAccountError(field('accountCode'), line.item.number, side);
    const dimensions: Record<string, string> = {};
    for (const [dimension, value] of Object.entries(line.dimensions)) {
      const xero = withField(field('dimensions'), () => lookups.dimensionToXero(dimension, value));
      dimensions[xero.category] = xero.option;
    }
    return {
      ...line,
      accountCode: account ? withField(field('accountCode'), () => lookups.accountToXero(account)) : null,
      taxCode: line.taxCode
        ? withField(field('taxCode'), () => lookups.taxToXero(line.taxCode as string, side))
        : null,
      dimensions,
    };
  });
  return { ...doc, party, lines };
}

/** An unmapped code on a document line, naming the line. */
export class UnmappedLineCodeError extends UnmappedCodeError {
  constructor(
    readonly field: string,
    cause: UnmappedCodeError,
  ) {
    super(cause.kind, cause.code, cause.direction);
    this.message = `${field}: ${cause.message}`;
  }
}

/** An item line with no account to post to in Xero: NAV items carry none. */
export class ItemWithoutAccountError extends UnmappedCodeError {
  constructor(field: string, item: string, side: 'SALES' | 'PURCHASES') {
    super('account', item, 'toXero');
    const which = side === 'SALES' ? 'sales' : 'purchase';
    this.message =
      `${field}: item "${item}" has no ${which} account for Xero. NAV items carry none: list the ` +
      "item's General Product Posting Group under itemAccounts in the lookups file (or give the " +
      'item an account), then replay.';
  }
}

function withField<T>(field: string, map: () => T): T {
  try {
    return map();
  } catch (error) {
    if (error instanceof UnmappedCodeError) throw new UnmappedLineCodeError(field, error);
    throw error;
  }
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
