// NAV/BC speaks the unified vocabulary (its codes are the unified codes): records pass as they
// are, except what NAV leaves implicit — an item's accounts come from its General Product Posting
// Group, and a document sent there keeps our number as its External Document No.
import type { Vocabulary } from '../module.js';

export const navVocabulary: Vocabulary = {
  translatesCodes: false,
  partyOut: (draft) => draft,
  partyIn: (draft) => draft,
  itemOut: (draft) => draft,
  itemIn(read, lookups) {
    // NAV items post where the General Posting Setup says: the lookups give those accounts.
    const posting = lookups?.itemAccountsFor(read.postingGroup ?? null);
    return {
      ...read,
      salesAccountCode: read.salesAccountCode ?? posting?.sales ?? null,
      purchaseAccountCode: read.purchaseAccountCode ?? posting?.purchase ?? null,
    };
  },
  documentOut: (_kind, doc, party) => ({
    ...doc,
    party,
    externalDocumentNumber: doc.externalDocumentNumber ?? doc.number,
  }),
  documentIn: (_kind, draft) => draft,
  paymentAccountOut: (code) => code,
  paymentAccountIn: (code) => code,
};
