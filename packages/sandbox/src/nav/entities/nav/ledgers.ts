// NAV read-only ledgers: GLEntry (page 20), CustLedgerEntries (page 25) and VendorLedgerEntries
// (page 29). Entries come from posting; customer and vendor ledgers publish the same fields.
import type { NavContext } from '../../context.js';
import { defineEntity, field, type AnyEntityDef } from '../../odata/edm.js';
import type { GLEntry, LedgerDocType, PartyLedgerEntry } from '../../state.js';
import { creditOf, debitOf, optionField } from '../fields.js';
import { lineDimension } from '../lines.js';
import { JOURNAL_DOCUMENT_TYPE } from '../options.js';
import { date } from '../wire.js';

/** The document types ledger entries of this sandbox carry. */
export const DOC_TYPES: readonly LedgerDocType[] = ['', 'Payment', 'Invoice', 'Credit Memo', 'Refund'];

export const navGLEntry = defineEntity<GLEntry>({
  typeName: 'GLEntry',
  setName: 'GLEntry',
  caption: 'G/L Entry',
  keys: ['Entry_No'],
  fields: [
    field('Entry_No', 'Edm.Int32', (r) => r.entryNo),
    field('Posting_Date', 'Edm.Date', (r) => date(r.postingDate)),
    optionField<GLEntry>('Document_Type', JOURNAL_DOCUMENT_TYPE, (r) => r.documentType),
    field('Document_No', 'Edm.String', (r) => r.documentNo),
    field('G_L_Account_No', 'Edm.String', (r) => r.accountNo),
    field('G_L_Account_Name', 'Edm.String', (r, ctx) => ctx.state.account(r.accountNo)?.name ?? ''),
    field('Description', 'Edm.String', (r) => r.description),
    field('Amount', 'Edm.Decimal', (r) => r.amount),
    field('Debit_Amount', 'Edm.Decimal', (r) => debitOf(r.amount)),
    field('Credit_Amount', 'Edm.Decimal', (r) => creditOf(r.amount)),
    field('VAT_Amount', 'Edm.Decimal', (r) => r.vatAmount),
    optionField<GLEntry>(
      'Source_Type',
      ['', 'Customer', 'Vendor', 'Bank Account', 'Fixed Asset', 'Employee'],
      (r) => r.sourceType,
    ),
    field('Source_No', 'Edm.String', (r) => r.sourceNo),
    field('Transaction_No', 'Edm.Int32', (r) => r.transactionNo),
    field('Global_Dimension_1_Code', 'Edm.String', (r, ctx) => lineDimension(ctx, r, 0)),
    field('Global_Dimension_2_Code', 'Edm.String', (r, ctx) => lineDimension(ctx, r, 1)),
  ],
  list: (ctx) => ctx.state.glEntries,
  identity: (r) => r,
});

function partyLedger(
  setName: string,
  caption: string,
  partyNoField: string,
  list: (ctx: NavContext) => PartyLedgerEntry[],
): AnyEntityDef {
  return defineEntity<PartyLedgerEntry>({
    typeName: setName,
    setName,
    caption,
    keys: ['Entry_No'],
    fields: [
      field('Entry_No', 'Edm.Int32', (r) => r.entryNo),
      field('Posting_Date', 'Edm.Date', (r) => date(r.postingDate)),
      optionField<PartyLedgerEntry>('Document_Type', JOURNAL_DOCUMENT_TYPE, (r) => r.documentType),
      field('Document_No', 'Edm.String', (r) => r.documentNo),
      field('External_Document_No', 'Edm.String', (r) => r.externalDocumentNo),
      field(partyNoField, 'Edm.String', (r) => r.partyNo),
      field('Description', 'Edm.String', (r) => r.description),
      field('Currency_Code', 'Edm.String', (r) => r.currency),
      field('Amount', 'Edm.Decimal', (r) => r.amount),
      field('Amount_LCY', 'Edm.Decimal', (r) => r.amountLcy),
      field('Remaining_Amount', 'Edm.Decimal', (r) => r.remaining),
      field('Remaining_Amt_LCY', 'Edm.Decimal', (r) => r.remainingLcy),
      field('Due_Date', 'Edm.Date', (r) => date(r.dueDate)),
      field('Open', 'Edm.Boolean', (r) => r.open),
      field('Closed_by_Entry_No', 'Edm.Int32', (r) => r.closedByEntryNo),
    ],
    list,
    identity: (r) => r,
  });
}

export const navCustLedgerEntries = partyLedger(
  'CustLedgerEntries',
  'Cust. Ledger Entry',
  'Customer_No',
  (ctx) => ctx.state.custLedgerEntries,
);

/**
 * Vendor Ledger Entries (page 29). Amounts as NAV stores them: an invoice is negative (we owe the
 * vendor), a payment positive. `Closed_by_Entry_No` is not on the standard page; a partner adds it
 * as on Customer Ledger Entries.
 */
export const navVendorLedgerEntries = partyLedger(
  'VendorLedgerEntries',
  'Vendor Ledger Entry',
  'Vendor_No',
  (ctx) => ctx.state.vendLedgerEntries,
);
