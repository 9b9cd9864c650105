// NAV read-only ledgers: GLEntry (page 20), CustLedgerEntries (page 25) and VendorLedgerEntries
// (page 29); journals: GeneralJournal (page 39), CashReceiptJournal (page 255) and PaymentJournal
// (page 256) lines with the NAV.Post bound action; dimensions: Dimensions (536), DimensionValues
// (537), DefaultDimensions (540).
import type { NavContext } from '../../context.js';
import { ZERO } from '../../decimal.js';
import { errors } from '../../errors.js';
import { defineEntity, field, type AnyEntityDef, type FieldDef } from '../../odata/edm.js';
import { postJournalBatch } from '../../posting.js';
import type {
  DefaultDimension,
  Dimension,
  DimensionValue,
  GLEntry,
  JnlAccountType,
  JournalLine,
  JournalTemplate,
  LedgerDocType,
  PartyLedgerEntry,
  ValuePosting,
} from '../../state.js';
import { lineDimension } from '../lines.js';
import {
  deleteJournalLine,
  insertDefaultDimension,
  insertDimension,
  insertDimensionValue,
  insertJournalLine,
  newJournalLine,
  removeFrom,
  setJournalAccount,
} from '../ops.js';
import { bool, date, dateIn, int, num, str } from '../wire.js';
import { option } from './master.js';

export const DOC_TYPES: readonly LedgerDocType[] = ['', 'Payment', 'Invoice', 'Credit Memo', 'Refund'];
const NAV_DOC_TYPES = [
  '',
  'Payment',
  'Invoice',
  'Credit Memo',
  'Finance Charge Memo',
  'Reminder',
  'Refund',
] as const;
const ACCOUNT_TYPES = [
  'G/L Account',
  'Customer',
  'Vendor',
  'Bank Account',
  'Fixed Asset',
  'IC Partner',
  'Employee',
] as const;

export const navGLEntry = defineEntity<GLEntry>({
  typeName: 'GLEntry',
  setName: 'GLEntry',
  caption: 'G/L Entry',
  keys: ['Entry_No'],
  fields: [
    field('Entry_No', 'Edm.Int32', (r) => r.entryNo),
    field('Posting_Date', 'Edm.Date', (r) => date(r.postingDate)),
    option<GLEntry>('Document_Type', NAV_DOC_TYPES, (r) => r.documentType),
    field('Document_No', 'Edm.String', (r) => r.documentNo),
    field('G_L_Account_No', 'Edm.String', (r) => r.accountNo),
    field('G_L_Account_Name', 'Edm.String', (r, ctx) => ctx.state.account(r.accountNo)?.name ?? ''),
    field('Description', 'Edm.String', (r) => r.description),
    field('Amount', 'Edm.Decimal', (r) => r.amount),
    field('Debit_Amount', 'Edm.Decimal', (r) => (r.amount.isPositive() ? r.amount : ZERO)),
    field('Credit_Amount', 'Edm.Decimal', (r) => (r.amount.isNegative() ? r.amount.neg() : ZERO)),
    field('VAT_Amount', 'Edm.Decimal', (r) => r.vatAmount),
    option<GLEntry>(
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

export const navCustLedgerEntries = defineEntity<PartyLedgerEntry>({
  typeName: 'CustLedgerEntries',
  setName: 'CustLedgerEntries',
  caption: 'Cust. Ledger Entry',
  keys: ['Entry_No'],
  fields: [
    field('Entry_No', 'Edm.Int32', (r) => r.entryNo),
    field('Posting_Date', 'Edm.Date', (r) => date(r.postingDate)),
    option<PartyLedgerEntry>('Document_Type', NAV_DOC_TYPES, (r) => r.documentType),
    field('Document_No', 'Edm.String', (r) => r.documentNo),
    field('External_Document_No', 'Edm.String', (r) => r.externalDocumentNo),
    field('Customer_No', 'Edm.String', (r) => r.partyNo),
    field('Description', 'Edm.String', (r) => r.description),
    field('Currency_Code', 'Edm.String', (r) => r.currency),
    field('Amount', 'Edm.Decimal', (r) => r.amount),
    field('Amount_LCY', 'Edm.Decimal', (r) => r.amount),
    field('Remaining_Amount', 'Edm.Decimal', (r) => r.remaining),
    field('Remaining_Amt_LCY', 'Edm.Decimal', (r) => r.remaining),
    field('Due_Date', 'Edm.Date', (r) => date(r.dueDate)),
    field('Open', 'Edm.Boolean', (r) => r.open),
    field('Closed_by_Entry_No', 'Edm.Int32', (r) => r.closedByEntryNo),
  ],
  list: (ctx) => ctx.state.custLedgerEntries,
  identity: (r) => r,
});

/**
 * Vendor Ledger Entries (page 29). Amounts as NAV stores them: an invoice is negative (we owe the
 * vendor), a payment positive. `Closed_by_Entry_No` is not on the standard page; a partner adds it
 * as on Customer Ledger Entries.
 */
export const navVendorLedgerEntries = defineEntity<PartyLedgerEntry>({
  typeName: 'VendorLedgerEntries',
  setName: 'VendorLedgerEntries',
  caption: 'Vendor Ledger Entry',
  keys: ['Entry_No'],
  fields: [
    field('Entry_No', 'Edm.Int32', (r) => r.entryNo),
    field('Posting_Date', 'Edm.Date', (r) => date(r.postingDate)),
    option<PartyLedgerEntry>('Document_Type', NAV_DOC_TYPES, (r) => r.documentType),
    field('Document_No', 'Edm.String', (r) => r.documentNo),
    field('External_Document_No', 'Edm.String', (r) => r.externalDocumentNo),
    field('Vendor_No', 'Edm.String', (r) => r.partyNo),
    field('Description', 'Edm.String', (r) => r.description),
    field('Currency_Code', 'Edm.String', (r) => r.currency),
    field('Amount', 'Edm.Decimal', (r) => r.amount),
    field('Amount_LCY', 'Edm.Decimal', (r) => r.amount),
    field('Remaining_Amount', 'Edm.Decimal', (r) => r.remaining),
    field('Remaining_Amt_LCY', 'Edm.Decimal', (r) => r.remaining),
    field('Due_Date', 'Edm.Date', (r) => date(r.dueDate)),
    field('Open', 'Edm.Boolean', (r) => r.open),
    field('Closed_by_Entry_No', 'Edm.Int32', (r) => r.closedByEntryNo),
  ],
  list: (ctx) => ctx.state.vendLedgerEntries,
  identity: (r) => r,
});

function journalLineFields(): FieldDef<JournalLine>[] {
  type J = JournalLine;
  return [
    field<J>('Journal_Template_Name', 'Edm.String', (r) => r.template),
    field<J>('Journal_Batch_Name', 'Edm.String', (r) => r.batch),
    field<J>(
      'Line_No',
      'Edm.Int32',
      (r) => r.lineNo,
      (r, v) => (r.lineNo = int(v)),
    ),
    field<J>(
      'Posting_Date',
      'Edm.Date',
      (r) => date(r.postingDate),
      (r, v) => (r.postingDate = dateIn(v)),
    ),
    option<J>(
      'Document_Type',
      NAV_DOC_TYPES,
      (r) => r.documentType,
      (r, v) => (r.documentType = v as LedgerDocType),
    ),
    field<J>(
      'Document_No',
      'Edm.String',
      (r) => r.documentNo,
      (r, v) => (r.documentNo = str(v)),
      { maxLength: 20 },
    ),
    field<J>(
      'External_Document_No',
      'Edm.String',
      (r) => r.externalDocumentNo,
      (r, v) => (r.externalDocumentNo = str(v)),
      { maxLength: 35 },
    ),
    option<J>(
      'Account_Type',
      ACCOUNT_TYPES,
      (r) => r.accountType,
      (r, v) => (r.accountType = checkAccountType(v)),
    ),
    field<J>(
      'Account_No',
      'Edm.String',
      (r) => r.accountNo,
      (r, v, ctx) => setJournalAccount(ctx, r, str(v)),
      { maxLength: 20 },
    ),
    field<J>(
      'Description',
      'Edm.String',
      (r) => r.description,
      (r, v) => (r.description = str(v)),
      { maxLength: 50 },
    ),
    field<J>(
      'Amount',
      'Edm.Decimal',
      (r) => r.amount,
      (r, v) => (r.amount = num(v)),
    ),
    field<J>('Debit_Amount', 'Edm.Decimal', (r) => (r.amount.isPositive() ? r.amount : ZERO)),
    field<J>('Credit_Amount', 'Edm.Decimal', (r) => (r.amount.isNegative() ? r.amount.neg() : ZERO)),
    option<J>(
      'Bal_Account_Type',
      ACCOUNT_TYPES,
      (r) => r.balAccountType,
      (r, v) => (r.balAccountType = checkAccountType(v)),
    ),
    field<J>(
      'Bal_Account_No',
      'Edm.String',
      (r) => r.balAccountNo,
      (r, v) => (r.balAccountNo = str(v)),
      { maxLength: 20 },
    ),
    option<J>(
      'Applies_to_Doc_Type',
      NAV_DOC_TYPES,
      (r) => r.appliesToDocType,
      (r, v) => (r.appliesToDocType = v as LedgerDocType),
    ),
    field<J>(
      'Applies_to_Doc_No',
      'Edm.String',
      (r) => r.appliesToDocNo,
      (r, v) => (r.appliesToDocNo = str(v)),
      { maxLength: 20 },
    ),
    field<J>(
      'Comment',
      'Edm.String',
      (r) => r.comment,
      (r, v) => (r.comment = str(v)),
    ),
  ];
}

function checkAccountType(v: string): JnlAccountType {
  if (v === 'G/L Account' || v === 'Customer' || v === 'Vendor' || v === 'Bank Account') return v;
  throw errors.notImplemented(`Account Type '${v}' is not supported by the sandbox.`);
}

function journal(setName: string, template: JournalTemplate): AnyEntityDef {
  return defineEntity<JournalLine>({
    typeName: setName,
    setName,
    caption: 'Gen. Journal Line',
    keys: ['Journal_Template_Name', 'Journal_Batch_Name', 'Line_No'],
    fields: journalLineFields(),
    list: (ctx) =>
      ctx.state.journalLines.filter((l) => l.template === template).sort((a, b) => a.lineNo - b.lineNo),
    identity: (r) => r,
    create: (ctx) => {
      // The page opens on the template's default batch (GENERAL for cash receipts and payments,
      // DEFAULT for the general journal).
      const batch = ctx.state.journalBatches.find((b) => b.template === template);
      if (!batch) throw errors.recordNotFound('Gen. Journal Batch', `Journal Template Name='${template}'`);
      return newJournalLine(ctx, batch);
    },
    insert: (r, ctx) => insertJournalLine(ctx, r),
    modified: (r, ctx) => ctx.state.touch(r),
    remove: (r, ctx) => deleteJournalLine(ctx, r),
    actions: [
      {
        name: 'Post',
        run: (r: JournalLine, ctx: NavContext) => void postJournalBatch(ctx.state, r.template, r.batch),
      },
    ],
  });
}

export const navGeneralJournal = journal('GeneralJournal', 'GENERAL');
export const navCashReceiptJournal = journal('CashReceiptJournal', 'CASHRCPT');
export const navPaymentJournal = journal('PaymentJournal', 'PAYMENT');

export const navDimensions = defineEntity<Dimension>({
  typeName: 'Dimensions',
  setName: 'Dimensions',
  caption: 'Dimension',
  keys: ['Code'],
  fields: [
    field(
      'Code',
      'Edm.String',
      (r) => r.code,
      (r, v) => (r.code = str(v).toUpperCase()),
      { maxLength: 20 },
    ),
    field(
      'Name',
      'Edm.String',
      (r) => r.name,
      (r, v) => (r.name = str(v)),
      { maxLength: 30 },
    ),
    field('Code_Caption', 'Edm.String', (r) => r.name),
    field(
      'Blocked',
      'Edm.Boolean',
      (r) => r.blocked,
      (r, v) => (r.blocked = bool(v)),
    ),
  ],
  list: (ctx) => ctx.state.dimensions,
  identity: (r) => r,
  create: (ctx) => ({ ...ctx.state.track(), code: '', name: '', blocked: false }),
  insert: (r, ctx) => insertDimension(ctx, r),
  modified: (r, ctx) => ctx.state.touch(r),
  remove: (r, ctx) => {
    if (ctx.state.dimensionValues.some((v) => v.dimensionCode === r.code)) {
      throw errors.dialog(`You cannot delete Dimension ${r.code} because it has dimension values.`);
    }
    removeFrom(ctx.state.dimensions, r);
  },
  webhookSet: 'dimensions',
});

export const navDimensionValues = defineEntity<DimensionValue>({
  typeName: 'DimensionValues',
  setName: 'DimensionValues',
  caption: 'Dimension Value',
  keys: ['Dimension_Code', 'Code'],
  fields: [
    field(
      'Dimension_Code',
      'Edm.String',
      (r) => r.dimensionCode,
      (r, v) => (r.dimensionCode = str(v).toUpperCase()),
    ),
    field(
      'Code',
      'Edm.String',
      (r) => r.code,
      (r, v) => (r.code = str(v).toUpperCase()),
      { maxLength: 20 },
    ),
    field(
      'Name',
      'Edm.String',
      (r) => r.name,
      (r, v) => (r.name = str(v)),
      { maxLength: 50 },
    ),
    option<DimensionValue>(
      'Dimension_Value_Type',
      ['Standard', 'Heading', 'Total', 'Begin-Total', 'End-Total'],
      () => 'Standard',
    ),
    field(
      'Blocked',
      'Edm.Boolean',
      (r) => r.blocked,
      (r, v) => (r.blocked = bool(v)),
    ),
  ],
  list: (ctx) => ctx.state.dimensionValues,
  identity: (r) => r,
  create: (ctx) => ({ ...ctx.state.track(), dimensionCode: '', code: '', name: '', blocked: false }),
  insert: (r, ctx) => insertDimensionValue(ctx, r),
  modified: (r, ctx) => ctx.state.touch(r),
  remove: (r, ctx) => removeFrom(ctx.state.dimensionValues, r),
  webhookSet: 'dimensionValues',
});

const VALUE_POSTING: readonly ValuePosting[] = ['', 'Code Mandatory', 'Same Code', 'No Code'];

export const navDefaultDimensions = defineEntity<DefaultDimension>({
  typeName: 'DefaultDimensions',
  setName: 'DefaultDimensions',
  caption: 'Default Dimension',
  keys: ['Table_ID', 'No', 'Dimension_Code'],
  fields: [
    field(
      'Table_ID',
      'Edm.Int32',
      (r) => r.tableId,
      (r, v) => {
        const t = int(v);
        if (t !== 15 && t !== 18 && t !== 23 && t !== 27)
          throw errors.notImplemented(`Default dimensions for table ${t} are not supported by the sandbox.`);
        r.tableId = t;
      },
    ),
    field(
      'No',
      'Edm.String',
      (r) => r.no,
      (r, v) => (r.no = str(v)),
    ),
    field(
      'Dimension_Code',
      'Edm.String',
      (r) => r.dimensionCode,
      (r, v) => (r.dimensionCode = str(v).toUpperCase()),
    ),
    field(
      'Dimension_Value_Code',
      'Edm.String',
      (r) => r.valueCode,
      (r, v) => (r.valueCode = str(v).toUpperCase()),
    ),
    option<DefaultDimension>(
      'Value_Posting',
      VALUE_POSTING,
      (r) => r.valuePosting,
      (r, v) => (r.valuePosting = v as ValuePosting),
    ),
  ],
  list: (ctx) => ctx.state.defaultDimensions,
  identity: (r) => r,
  create: (ctx) => ({
    ...ctx.state.track(),
    tableId: 18,
    no: '',
    dimensionCode: '',
    valueCode: '',
    valuePosting: '',
  }),
  insert: (r, ctx) => insertDefaultDimension(ctx, r),
  modified: (r, ctx) => ctx.state.touch(r),
  remove: (r, ctx) => removeFrom(ctx.state.defaultDimensions, r),
  webhookSet: 'defaultDimensions',
});
