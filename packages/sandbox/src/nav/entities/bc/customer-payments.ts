// BC API v2.0 customerPaymentJournals (+customerPayments) over the cash receipt template: the
// amount received is shown positive, and a payment names the posted invoice it pays. API v2.0 has no
// post action here: a user posts them, simulated with POST /__sandbox/post-journal.
import { errors } from '../../errors.js';
import { defineEntity, field } from '../../odata/edm.js';
import type { JournalLine } from '../../state.js';
import { setJournalAccount } from '../ops.js';
import { date, dateIn, EMPTY_GUID, num, str } from '../wire.js';
import { modifiedField } from './common.js';
import {
  accountIdOf,
  batchEntity,
  journalLineKeys,
  journalLineWrites,
  setByAccountId,
} from './journal-batches.js';

type P = JournalLine;
const customerPayment = defineEntity<P>({
  typeName: 'customerPayment',
  setName: 'customerPayments',
  caption: 'Gen. Journal Line',
  keys: ['id'],
  fields: [
    ...journalLineKeys<P>(),
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
  ...journalLineWrites,
});

export const bcCustomerPaymentJournal = batchEntity(
  'CASHRCPT',
  'customerPaymentJournal',
  'customerPaymentJournals',
  customerPayment,
  'customerPayments',
  false,
);
