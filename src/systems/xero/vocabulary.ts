// Xero's codes against the unified vocabulary (NAV's codes): account codes, tax types, payment
// terms ("30 DAYS", "OFCURRENTMONTH:31") and tracking categories come from the lookup tables.
import type { Lookups } from '../../mapping/lookups.js';
import { ItemWithoutAccountError, withField } from '../../mapping/line-errors.js';
import type { Vocabulary } from '../module.js';
import type { LineDraft } from '../system.js';

/** Xero payment terms as the Xero connector writes them: "30 DAYS" or "OFCURRENTMONTH:31". */
function termsCode(terms: { day: number; type: string }): string {
  return terms.type === 'DAYSAFTERBILLDATE' ? `${terms.day} DAYS` : `${terms.type}:${terms.day}`;
}

function termsOf(code: string): { day: number; type: string } | null {
  const days = /^(\d+) DAYS$/.exec(code);
  if (days?.[1]) return { day: Number(days[1]), type: 'DAYSAFTERBILLDATE' };
  const typed = /^([A-Z]+):(\d+)$/.exec(code);
  return typed?.[1] && typed[2] ? { day: Number(typed[2]), type: typed[1] } : null;
}

const accountOut = (code: string | null, lookups: Lookups | null) =>
  code && lookups ? lookups.accountToXero(code) : code;

export const xeroVocabulary: Vocabulary = {
  translatesCodes: true,

  partyOut(draft, lookups) {
    // Xero has no "blocked": a blocked party is archived there (unless the lookups say ACTIVE), so
    // no one invoices it in Xero either, and an edit made there never reads as "unblocked".
    const status =
      draft.status === 'BLOCKED' && (lookups?.blockedContactStatus() ?? 'ARCHIVED') === 'ARCHIVED'
        ? 'ARCHIVED'
        : draft.status;
    const paymentTerms =
      draft.paymentTerms && lookups
        ? termsCode(lookups.paymentTermsToXero(draft.paymentTerms))
        : draft.paymentTerms;
    return { ...draft, status, paymentTerms };
  },

  partyIn(draft, lookups) {
    if (!draft.paymentTerms || !lookups) return draft;
    const terms = termsOf(draft.paymentTerms);
    return { ...draft, paymentTerms: terms ? lookups.paymentTermsToNav(terms) : null };
  },

  itemOut: (draft, lookups) => ({
    ...draft,
    salesAccountCode: accountOut(draft.salesAccountCode, lookups),
    purchaseAccountCode: accountOut(draft.purchaseAccountCode, lookups),
    taxCode: draft.taxCode && lookups ? lookups.taxToXero(draft.taxCode, 'SALES') : draft.taxCode,
  }),

  itemIn(draft, lookups) {
    if (!lookups) return draft;
    const account = (code: string | null) => (code ? lookups.accountToNav(code) : null);
    return {
      ...draft,
      salesAccountCode: account(draft.salesAccountCode),
      purchaseAccountCode: account(draft.purchaseAccountCode),
      taxCode: draft.taxCode ? lookups.taxToNav(draft.taxCode) : null,
    };
  },

  documentOut(kind, doc, party, { lookups, itemAccounts }) {
    if (!lookups) return { ...doc, party };
    const side = kind === 'invoice' ? 'SALES' : 'PURCHASES';
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
  },

  documentIn(_kind, draft, lookups) {
    if (!lookups) return draft;
    const lines = draft.lines.map((line): LineDraft => {
      const dimensions: Record<string, string> = {};
      for (const [category, option] of Object.entries(line.dimensions)) {
        const nav = lookups.dimensionToNav(category, option);
        dimensions[nav.dimension] = nav.value;
      }
      return {
        ...line,
        // An item line posts to the item's account in NAV: the account is the item's, not the line's.
        accountCode: line.item ? null : line.accountCode ? lookups.accountToNav(line.accountCode) : null,
        taxCode: line.taxCode ? lookups.taxToNav(line.taxCode) : null,
        dimensions,
      };
    });
    return { ...draft, lines };
  },

  paymentAccountOut: (code, lookups) => (lookups ? lookups.accountToXero(code) : code),
  paymentAccountIn: (code, lookups) => (lookups ? lookups.accountToNav(code) : code),
};
