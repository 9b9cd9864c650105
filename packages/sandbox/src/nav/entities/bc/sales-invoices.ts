// BC API v2.0 salesInvoices (+salesInvoiceLines, post): drafts and posted invoices in ONE set;
// posting keeps the draft's id.
import { documentTotals } from '../../amounts.js';
import { errors } from '../../errors.js';
import { defineEntity, field } from '../../odata/edm.js';
import { postSalesDocument, remainingOf } from '../../posting/invoices.js';
import type { PostedInvoice, SalesHeader } from '../../state.js';
import { documentLines, type LineRef } from '../lines.js';
import { deleteSalesHeader, insertSalesHeader, newSalesHeader, touch } from '../ops.js';
import { bool, date, dateIn, EMPTY_GUID, str } from '../wire.js';
import {
  currencyCode,
  currencyId,
  enumField,
  idField,
  modifiedField,
  setCurrency,
  termsId,
} from './common.js';
import {
  customerFields,
  dims,
  draftOnly,
  invoiceStatus,
  isPosted,
  totals,
  type AnyDoc,
} from './document-fields.js';
import { lineDef } from './document-lines.js';

type SI = SalesHeader | PostedInvoice;
const invoiceLines = lineDef<SI & AnyDoc>('salesInvoiceLine', 'salesInvoiceLines', 'sales', [
  field<LineRef<SI & AnyDoc>>('shipmentDate', 'Edm.Date', (r) => date(r.header.postingDate)),
]);

export const bcSalesInvoice = defineEntity<SI>({
  typeName: 'salesInvoice',
  setName: 'salesInvoices',
  caption: 'Sales Invoice Header',
  keys: ['id'],
  fields: [
    idField<SI>(),
    field<SI>('number', 'Edm.String', (r) => r.no),
    field<SI>(
      'externalDocumentNumber',
      'Edm.String',
      (r) => r.externalDocumentNo,
      draftOnly((r, v) => (r.externalDocumentNo = str(v))),
      { maxLength: 35 },
    ),
    field<SI>(
      'invoiceDate',
      'Edm.Date',
      (r) => date(r.documentDate),
      draftOnly((r, v) => (r.documentDate = dateIn(v))),
    ),
    field<SI>(
      'postingDate',
      'Edm.Date',
      (r) => date(r.postingDate),
      draftOnly((r, v) => (r.postingDate = dateIn(v))),
    ),
    field<SI>(
      'dueDate',
      'Edm.Date',
      (r) => date(r.dueDate),
      draftOnly((r, v) => (r.dueDate = dateIn(v))),
    ),
    field<SI>('promisedPayDate', 'Edm.Date', () => date('')),
    field<SI>('customerPurchaseOrderReference', 'Edm.String', () => ''),
    ...customerFields<SI>(true),
    field<SI>('currencyId', 'Edm.Guid', (r) => currencyId(r.currency)),
    ...dims<SI>(),
    field<SI>(
      'currencyCode',
      'Edm.String',
      (r, ctx) => currencyCode(ctx, r.currency),
      draftOnly((r, v, ctx) => setCurrency(ctx, r, str(v))),
    ),
    field<SI>('orderId', 'Edm.Guid', () => EMPTY_GUID),
    field<SI>('orderNumber', 'Edm.String', (r) => (isPosted(r) ? r.orderNo : '')),
    field<SI>('paymentTermsId', 'Edm.Guid', (r, ctx) =>
      termsId(ctx.state.customer(r.partyNo)?.paymentTermsCode ?? ''),
    ),
    field<SI>('shipmentMethodId', 'Edm.Guid', () => EMPTY_GUID),
    field<SI>('salesperson', 'Edm.String', () => ''),
    field<SI>('disputeStatusId', 'Edm.Guid', () => EMPTY_GUID),
    field<SI>('disputeStatus', 'Edm.String', () => ''),
    field<SI>(
      'pricesIncludeTax',
      'Edm.Boolean',
      (r) => r.pricesIncludeVat,
      draftOnly((r, v) => (r.pricesIncludeVat = bool(v))),
    ),
    field<SI>('remainingAmount', 'Edm.Decimal', (r, ctx) =>
      isPosted(r) ? remainingOf(ctx.state, r, 'sales') : documentTotals(ctx.state, r).amountIncludingVat,
    ),
    ...totals<SI>(),
    enumField<SI>('status', 'invoiceEntityAggregateStatus', (r, ctx) => invoiceStatus(ctx, r, 'sales')),
    modifiedField<SI>(),
    field<SI>('phoneNumber', 'Edm.String', (r, ctx) => ctx.state.customer(r.partyNo)?.phone ?? ''),
    field<SI>('email', 'Edm.String', (r, ctx) => ctx.state.customer(r.partyNo)?.email ?? ''),
  ],
  list: (ctx) => [
    ...ctx.state.salesHeaders.filter((h) => h.documentType === 'Invoice'),
    ...ctx.state.postedSalesInvoices,
  ],
  identity: (r) => r,
  create: (ctx) => newSalesHeader(ctx, 'Invoice'),
  insert: (r, ctx) => insertSalesHeader(ctx, r as SalesHeader),
  modified: touch,
  remove: (r, ctx) => {
    if (isPosted(r)) throw errors.dialog(`You cannot delete the posted invoice ${r.no}.`);
    deleteSalesHeader(ctx, r);
  },
  navigations: [documentLines('salesInvoiceLines', invoiceLines)],
  actions: [
    {
      name: 'post',
      run: (r, ctx) => {
        if (isPosted(r)) throw errors.dialog(`The invoice ${r.no} has already been posted.`);
        postSalesDocument(ctx.state, r);
      },
    },
  ],
  webhookSet: 'salesInvoices',
});
