// BC API v2.0 journals: journals(+journalLines, bound action post) over the GENERAL template,
// customerPaymentJournals(+customerPayments) over the cash receipt template and
// vendorPaymentJournals(+vendorPayments) over the payment template (no post action in API v2.0 for
// either: those are posted by a user, simulated with POST /__sandbox/post-journal).
import type { NavContext } from '../../context.js';
import { errors } from '../../errors.js';
import { defineEntity, field, type AnyEntityDef } from '../../odata/edm.js';
import { postJournalBatch } from '../../posting.js';
import type { JnlAccountType, JournalBatch, JournalLine, JournalTemplate } from '../../state.js';
import {
  deleteJournalLine,
  insertJournalLine,
  journalLinesOf,
  newJournalLine,
  setJournalAccount,
} from '../ops.js';
import { date, dateIn, EMPTY_GUID, int, num, str } from '../wire.js';
import { enumField, idField, modifiedField } from './common.js';

const batchOf = (ctx: NavContext, l: JournalLine) => ctx.state.batch(l.template, l.batch);

function accountIdOf(ctx: NavContext, type: JnlAccountType, no: string): string {
  const s = ctx.state;
  if (!no) return EMPTY_GUID;
  if (type === 'Customer') return s.customer(no)?.id ?? EMPTY_GUID;
  if (type === 'Vendor') return s.vendor(no)?.id ?? EMPTY_GUID;
  return s.account(no)?.id ?? EMPTY_GUID;
}

function setByAccountId(ctx: NavContext, l: JournalLine, id: string): void {
  const s = ctx.state;
  const no =
    l.accountType === 'Customer'
      ? s.customers.find((c) => c.id === id)?.no
      : l.accountType === 'Vendor'
        ? s.vendors.find((v) => v.id === id)?.no
        : s.accounts.find((a) => a.id === id)?.no;
  if (!no) throw errors.recordNotFound(l.accountType, `Id='${id}'`);
  setJournalAccount(ctx, l, no);
}

function accountType(v: string): JnlAccountType {
  if (v === 'G/L Account' || v === 'Customer' || v === 'Vendor' || v === 'Bank Account') return v;
  throw errors.notImplemented(`Account type '${v}' is not supported by the sandbox.`);
}

type J = JournalLine;
const journalLine = defineEntity<J>({
  typeName: 'journalLine',
  setName: 'journalLines',
  caption: 'Gen. Journal Line',
  keys: ['id'],
  fields: [
    idField<J>(),
    field<J>('journalId', 'Edm.Guid', (r, ctx) => batchOf(ctx, r)?.id ?? EMPTY_GUID),
    field<J>('journalDisplayName', 'Edm.String', (r) => r.batch),
    field<J>(
      'lineNumber',
      'Edm.Int32',
      (r) => r.lineNo,
      (r, v) => (r.lineNo = int(v)),
    ),
    enumField<J>(
      'accountType',
      'genJournalAccountType',
      (r) => r.accountType,
      (r, v) => (r.accountType = accountType(v)),
    ),
    field<J>(
      'accountId',
      'Edm.Guid',
      (r, ctx) => accountIdOf(ctx, r.accountType, r.accountNo),
      (r, v, ctx) => setByAccountId(ctx, r, str(v)),
    ),
    field<J>(
      'accountNumber',
      'Edm.String',
      (r) => r.accountNo,
      (r, v, ctx) => setJournalAccount(ctx, r, str(v)),
    ),
    field<J>(
      'postingDate',
      'Edm.Date',
      (r) => date(r.postingDate),
      (r, v) => (r.postingDate = dateIn(v)),
    ),
    field<J>(
      'documentNumber',
      'Edm.String',
      (r) => r.documentNo,
      (r, v) => (r.documentNo = str(v)),
      { maxLength: 20 },
    ),
    field<J>(
      'externalDocumentNumber',
      'Edm.String',
      (r) => r.externalDocumentNo,
      (r, v) => (r.externalDocumentNo = str(v)),
      { maxLength: 35 },
    ),
    field<J>(
      'amount',
      'Edm.Decimal',
      (r) => r.amount,
      (r, v) => (r.amount = num(v)),
    ),
    field<J>(
      'description',
      'Edm.String',
      (r) => r.description,
      (r, v) => (r.description = str(v)),
      { maxLength: 100 },
    ),
    field<J>(
      'comment',
      'Edm.String',
      (r) => r.comment,
      (r, v) => (r.comment = str(v)),
    ),
    field<J>('taxCode', 'Edm.String', () => ''),
    enumField<J>(
      'balanceAccountType',
      'genJournalAccountType',
      (r) => r.balAccountType,
      (r, v) => (r.balAccountType = accountType(v)),
    ),
    field<J>(
      'balancingAccountId',
      'Edm.Guid',
      (r, ctx) => accountIdOf(ctx, r.balAccountType, r.balAccountNo),
      (r, v, ctx) => {
        const acc = ctx.state.accounts.find((a) => a.id === str(v));
        if (!acc) throw errors.recordNotFound('G/L Account', `Id='${str(v)}'`);
        r.balAccountNo = acc.no;
      },
    ),
    field<J>(
      'balancingAccountNumber',
      'Edm.String',
      (r) => r.balAccountNo,
      (r, v) => (r.balAccountNo = str(v)),
    ),
    modifiedField<J>(),
  ],
  identity: (r) => r,
  insert: (r, ctx) => insertJournalLine(ctx, r),
  modified: (r, ctx) => ctx.state.touch(r),
  remove: (r, ctx) => deleteJournalLine(ctx, r),
});

type B = JournalBatch;
function batchEntity(
  template: JournalTemplate,
  typeName: string,
  setName: string,
  lines: AnyEntityDef,
  navName: string,
  withPost: boolean,
): AnyEntityDef {
  return defineEntity<B>({
    typeName,
    setName,
    caption: 'Gen. Journal Batch',
    keys: ['id'],
    fields: [
      idField<B>(),
      field<B>(
        'code',
        'Edm.String',
        (r) => r.name,
        (r, v) => (r.name = str(v).toUpperCase()),
        { nullable: false, maxLength: 10 },
      ),
      field<B>(
        'displayName',
        'Edm.String',
        (r) => r.description,
        (r, v) => (r.description = str(v)),
        { maxLength: 100 },
      ),
      ...(template === 'GENERAL'
        ? [field<B>('templateDisplayName', 'Edm.String', (r) => r.template, undefined, { nullable: false })]
        : []),
      modifiedField<B>(),
      field<B>(
        'balancingAccountId',
        'Edm.Guid',
        (r, ctx) => ctx.state.account(r.balAccountNo)?.id ?? EMPTY_GUID,
      ),
      field<B>(
        'balancingAccountNumber',
        'Edm.String',
        (r) => r.balAccountNo,
        (r, v, ctx) => {
          if (str(v) && !ctx.state.account(str(v)))
            throw errors.recordNotFound('G/L Account', `No.='${str(v)}'`);
          r.balAccountNo = str(v);
        },
      ),
    ],
    list: (ctx) => ctx.state.journalBatches.filter((b) => b.template === template),
    identity: (r) => r,
    create: (ctx) => ({
      ...ctx.state.track(),
      template,
      name: '',
      description: '',
      balAccountType: 'G/L Account',
      balAccountNo: '',
    }),
    insert: (r, ctx) => {
      if (!r.name)
        throw errors.fieldValidation(
          'Name must have a value in Gen. Journal Batch. It cannot be zero or empty.',
        );
      if (ctx.state.batch(template, r.name))
        throw errors.duplicate('Gen. Journal Batch', `Journal Template Name='${template}',Name='${r.name}'`);
      ctx.state.journalBatches.push(r);
    },
    modified: (r, ctx) => ctx.state.touch(r),
    navigations: [
      {
        name: navName,
        target: lines,
        list: (b, ctx) => journalLinesOf(ctx, b),
        create: (b, ctx) => newJournalLine(ctx, b),
      },
    ],
    ...(withPost
      ? {
          actions: [
            {
              name: 'post',
              run: (r: B, ctx: NavContext) => void postJournalBatch(ctx.state, r.template, r.name),
            },
          ],
        }
      : {}),
  });
}

export const bcJournal = batchEntity('GENERAL', 'journal', 'journals', journalLine, 'journalLines', true);

type P = JournalLine;
const customerPayment = defineEntity<P>({
  typeName: 'customerPayment',
  setName: 'customerPayments',
  caption: 'Gen. Journal Line',
  keys: ['id'],
  fields: [
    idField<P>(),
    field<P>('journalId', 'Edm.Guid', (r, ctx) => batchOf(ctx, r)?.id ?? EMPTY_GUID),
    field<P>('journalDisplayName', 'Edm.String', (r) => r.batch),
    field<P>(
      'lineNumber',
      'Edm.Int32',
      (r) => r.lineNo,
      (r, v) => (r.lineNo = int(v)),
    ),
    field<P>(
      'customerId',
      'Edm.Guid',
      (r, ctx) => accountIdOf(ctx, 'Customer', r.accountNo),
      (r, v, ctx) => {
        r.accountType = 'Customer';
        setByAccountId(ctx, r, str(v));
      },
    ),
    field<P>(
      'customerNumber',
      'Edm.String',
      (r) => r.accountNo,
      (r, v, ctx) => {
        r.accountType = 'Customer';
        setJournalAccount(ctx, r, str(v));
      },
    ),
    field<P>(
      'postingDate',
      'Edm.Date',
      (r) => date(r.postingDate),
      (r, v) => (r.postingDate = dateIn(v)),
    ),
    field<P>(
      'documentNumber',
      'Edm.String',
      (r) => r.documentNo,
      (r, v) => (r.documentNo = str(v)),
    ),
    field<P>(
      'externalDocumentNumber',
      'Edm.String',
      (r) => r.externalDocumentNo,
      (r, v) => (r.externalDocumentNo = str(v)),
    ),
    // The API shows the amount received as positive; the journal line credits the customer.
    field<P>(
      'amount',
      'Edm.Decimal',
      (r) => r.amount.neg(),
      (r, v) => (r.amount = num(v).neg()),
    ),
    field<P>(
      'appliesToInvoiceId',
      'Edm.Guid',
      (r, ctx) => ctx.state.postedSalesInvoices.find((p) => p.no === r.appliesToDocNo)?.id ?? EMPTY_GUID,
      (r, v, ctx) => {
        const inv = ctx.state.postedSalesInvoices.find((p) => p.id === str(v));
        if (!inv) throw errors.recordNotFound('Sales Invoice Header', `Id='${str(v)}'`);
        r.appliesToDocType = 'Invoice';
        r.appliesToDocNo = inv.no;
        if (!r.accountNo) setJournalAccount(ctx, r, inv.partyNo);
      },
    ),
    field<P>(
      'appliesToInvoiceNumber',
      'Edm.String',
      (r) => r.appliesToDocNo,
      (r, v) => {
        r.appliesToDocType = str(v) ? 'Invoice' : '';
        r.appliesToDocNo = str(v);
      },
    ),
    field<P>(
      'description',
      'Edm.String',
      (r) => r.description,
      (r, v) => (r.description = str(v)),
    ),
    field<P>(
      'comment',
      'Edm.String',
      (r) => r.comment,
      (r, v) => (r.comment = str(v)),
    ),
    modifiedField<P>(),
  ],
  identity: (r) => r,
  insert: (r, ctx) => insertJournalLine(ctx, r),
  modified: (r, ctx) => ctx.state.touch(r),
  remove: (r, ctx) => deleteJournalLine(ctx, r),
});

export const bcCustomerPaymentJournal = batchEntity(
  'CASHRCPT',
  'customerPaymentJournal',
  'customerPaymentJournals',
  customerPayment,
  'customerPayments',
  false,
);

// BC's vendor payments page (APIV2 - Vendor Payments) over the payment journal template: a line
// starts as a Payment to a Vendor applied to an Invoice, and the amount is the journal line's own
// (positive: paying the vendor debits it). Field order is the page's, so values validate in it.
type V = JournalLine;
const VENDOR_ID_UNKNOWN = 'The "vendorId" does not match to a Vendor.';
const VENDOR_NUMBER_UNKNOWN = 'The "vendorNumber" does not match to a Vendor.';
const INVOICE_ID_UNKNOWN =
  'The "appliesToInvoiceId" should be the ID of an Open, Paid, Corrective, or Canceled Invoice.';

/** Sets the vendor from the invoice paid when the line names none yet. */
function vendorFromInvoice(ctx: NavContext, r: V, partyNo: string): void {
  if (!r.accountNo && partyNo) setJournalAccount(ctx, r, partyNo);
}

const vendorPayment = defineEntity<V>({
  typeName: 'vendorPayment',
  setName: 'vendorPayments',
  caption: 'Gen. Journal Line',
  keys: ['id'],
  fields: [
    idField<V>(),
    field<V>('journalId', 'Edm.Guid', (r, ctx) => batchOf(ctx, r)?.id ?? EMPTY_GUID),
    field<V>('journalDisplayName', 'Edm.String', (r) => r.batch),
    field<V>(
      'lineNumber',
      'Edm.Int32',
      (r) => r.lineNo,
      (r, v) => (r.lineNo = int(v)),
    ),
    field<V>(
      'vendorId',
      'Edm.Guid',
      (r, ctx) => accountIdOf(ctx, 'Vendor', r.accountNo),
      (r, v, ctx) => {
        r.accountType = 'Vendor';
        if (str(v) === EMPTY_GUID) {
          r.accountNo = '';
          return;
        }
        const vendor = ctx.state.vendors.find((x) => x.id === str(v));
        if (!vendor) throw errors.dialog(VENDOR_ID_UNKNOWN);
        setJournalAccount(ctx, r, vendor.no);
      },
    ),
    field<V>(
      'vendorNumber',
      'Edm.String',
      (r) => r.accountNo,
      (r, v, ctx) => {
        r.accountType = 'Vendor';
        const no = str(v);
        if (!no) {
          r.accountNo = '';
          return;
        }
        if (!ctx.state.vendor(no)) throw errors.dialog(VENDOR_NUMBER_UNKNOWN);
        setJournalAccount(ctx, r, no);
      },
      { maxLength: 20 },
    ),
    field<V>(
      'postingDate',
      'Edm.Date',
      (r) => date(r.postingDate),
      (r, v) => (r.postingDate = dateIn(v)),
    ),
    field<V>(
      'documentNumber',
      'Edm.String',
      (r) => r.documentNo,
      (r, v) => (r.documentNo = str(v)),
      { maxLength: 20 },
    ),
    field<V>(
      'externalDocumentNumber',
      'Edm.String',
      (r) => r.externalDocumentNo,
      (r, v) => (r.externalDocumentNo = str(v)),
      { maxLength: 35 },
    ),
    field<V>(
      'amount',
      'Edm.Decimal',
      (r) => r.amount,
      (r, v) => (r.amount = num(v)),
    ),
    field<V>(
      'appliesToInvoiceId',
      'Edm.Guid',
      (r, ctx) => ctx.state.postedPurchaseInvoices.find((p) => p.no === r.appliesToDocNo)?.id ?? EMPTY_GUID,
      (r, v, ctx) => {
        if (str(v) === EMPTY_GUID) {
          r.appliesToDocNo = '';
          return;
        }
        const bill = ctx.state.postedPurchaseInvoices.find((p) => p.id === str(v));
        if (!bill) throw errors.dialog(INVOICE_ID_UNKNOWN);
        r.appliesToDocType = 'Invoice';
        r.appliesToDocNo = bill.no;
        vendorFromInvoice(ctx, r, bill.partyNo);
      },
    ),
    field<V>(
      'appliesToInvoiceNumber',
      'Edm.String',
      (r) => r.appliesToDocNo,
      (r, v, ctx) => {
        const no = str(v);
        r.appliesToDocType = 'Invoice';
        r.appliesToDocNo = no;
        // An unknown number is kept: posting refuses a payment applied to no open invoice.
        const bill = ctx.state.postedPurchaseInvoices.find((p) => p.no === no);
        if (bill) vendorFromInvoice(ctx, r, bill.partyNo);
      },
    ),
    field<V>(
      'description',
      'Edm.String',
      (r) => r.description,
      (r, v) => (r.description = str(v)),
      { maxLength: 100 },
    ),
    field<V>(
      'comment',
      'Edm.String',
      (r) => r.comment,
      (r, v) => (r.comment = str(v)),
      { maxLength: 250 },
    ),
    modifiedField<V>(),
  ],
  identity: (r) => r,
  insert: (r, ctx) => {
    r.accountType = 'Vendor';
    r.documentType = 'Payment';
    if (!r.appliesToDocType) r.appliesToDocType = 'Invoice';
    insertJournalLine(ctx, r);
  },
  modified: (r, ctx) => ctx.state.touch(r),
  remove: (r, ctx) => deleteJournalLine(ctx, r),
});

export const bcVendorPaymentJournal = batchEntity(
  'PAYMENT',
  'vendorPaymentJournal',
  'vendorPaymentJournals',
  vendorPayment,
  'vendorPayments',
  false,
);
