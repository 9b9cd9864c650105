// BC API v2.0 vendorPaymentJournals (+vendorPayments) over the payment template (APIV2 - Vendor
// Payments): a line starts as a Payment to a Vendor applied to an Invoice, and the amount is the
// journal line's own (positive: paying the vendor debits it). Field order is the page's, so values
// validate in it. Posted by a user, simulated with POST /__sandbox/post-journal.
import type { NavContext } from '../../context.js';
import { errors } from '../../errors.js';
import { defineEntity, field } from '../../odata/edm.js';
import type { JournalLine } from '../../state.js';
import { insertJournalLine, setJournalAccount } from '../ops.js';
import { date, dateIn, EMPTY_GUID, num, str } from '../wire.js';
import { modifiedField } from './common.js';
import { accountIdOf, batchEntity, journalLineKeys, journalLineWrites } from './journal-batches.js';

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
    ...journalLineKeys<V>(),
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
  modified: journalLineWrites.modified,
  remove: journalLineWrites.remove,
});

export const bcVendorPaymentJournal = batchEntity(
  'PAYMENT',
  'vendorPaymentJournal',
  'vendorPaymentJournals',
  vendorPayment,
  'vendorPayments',
  false,
);
