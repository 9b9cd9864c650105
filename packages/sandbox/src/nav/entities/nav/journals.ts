// NAV journals: GeneralJournal (page 39), CashReceiptJournal (page 255) and PaymentJournal
// (page 256) lines, each page over its template, with the NAV.Post bound action.
import type { NavContext } from '../../context.js';
import { errors } from '../../errors.js';
import { defineEntity, field, type AnyEntityDef, type FieldDef } from '../../odata/edm.js';
import { postJournalBatch } from '../../posting/journals.js';
import type { JnlAccountType, JournalLine, JournalTemplate, LedgerDocType } from '../../state.js';
import { currencyFactorField, setCurrencyCode } from '../../currency-factor.js';
import { creditOf, debitOf, optionField } from '../fields.js';
import {
  deleteJournalLine,
  insertJournalLine,
  journalAccountType,
  newJournalLine,
  setJournalAccount,
  touch,
} from '../ops.js';
import { JOURNAL_ACCOUNT_TYPE, JOURNAL_DOCUMENT_TYPE } from '../options.js';
import { date, dateIn, int, num, str } from '../wire.js';

const checkAccountType = (v: string): JnlAccountType => journalAccountType(v, 'Account Type');

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
    optionField<J>(
      'Document_Type',
      JOURNAL_DOCUMENT_TYPE,
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
    optionField<J>(
      'Account_Type',
      JOURNAL_ACCOUNT_TYPE,
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
    field<J>(
      'Currency_Code',
      'Edm.String',
      (r) => r.currency ?? '',
      (r, v) => setCurrencyCode(r, str(v)),
    ),
    currencyFactorField<J>(),
    field<J>('Debit_Amount', 'Edm.Decimal', (r) => debitOf(r.amount)),
    field<J>('Credit_Amount', 'Edm.Decimal', (r) => creditOf(r.amount)),
    optionField<J>(
      'Bal_Account_Type',
      JOURNAL_ACCOUNT_TYPE,
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
    optionField<J>(
      'Applies_to_Doc_Type',
      JOURNAL_DOCUMENT_TYPE,
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
    modified: touch,
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
