// BC API v2.0 salesOrders (+salesOrderLines): open orders; the bound action shipAndInvoice posts
// one into a sales invoice.
import { defineEntity, field } from '../../odata/edm.js';
import { postSalesDocument } from '../../posting/invoices.js';
import { invoicedOf, shippedOf, toShipOf } from '../../posting/order-quantities.js';
import type { SalesHeader } from '../../state.js';
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
import { customerFields, dims, totals } from './document-fields.js';
import { lineDef } from './document-lines.js';

const orderLines = lineDef<SalesHeader>('salesOrderLine', 'salesOrderLines', 'sales', [
  field<LineRef<SalesHeader>>('shipmentDate', 'Edm.Date', (r) =>
    date(r.header.requestedDeliveryDate || r.header.orderDate),
  ),
  field<LineRef<SalesHeader>>('shippedQuantity', 'Edm.Decimal', (r) => shippedOf(r.line)),
  field<LineRef<SalesHeader>>('invoicedQuantity', 'Edm.Decimal', (r) => invoicedOf(r.line)),
  field<LineRef<SalesHeader>>('invoiceQuantity', 'Edm.Decimal', (r) => toShipOf(r.line)),
  field<LineRef<SalesHeader>>('shipQuantity', 'Edm.Decimal', (r) => toShipOf(r.line)),
]);

type SH = SalesHeader;
export const bcSalesOrder = defineEntity<SH>({
  typeName: 'salesOrder',
  setName: 'salesOrders',
  caption: 'Sales Header',
  keys: ['id'],
  fields: [
    idField<SH>(),
    field<SH>('number', 'Edm.String', (r) => r.no),
    field<SH>(
      'externalDocumentNumber',
      'Edm.String',
      (r) => r.externalDocumentNo,
      (r, v) => (r.externalDocumentNo = str(v)),
      { maxLength: 35 },
    ),
    field<SH>(
      'orderDate',
      'Edm.Date',
      (r) => date(r.orderDate),
      (r, v) => (r.orderDate = r.documentDate = dateIn(v)),
    ),
    field<SH>(
      'postingDate',
      'Edm.Date',
      (r) => date(r.postingDate),
      (r, v) => (r.postingDate = dateIn(v)),
    ),
    ...customerFields<SH>(true),
    ...dims<SH>(),
    field<SH>('currencyId', 'Edm.Guid', (r) => currencyId(r.currency)),
    field<SH>(
      'currencyCode',
      'Edm.String',
      (r, ctx) => currencyCode(ctx, r.currency),
      (r, v, ctx) => setCurrency(ctx, r, str(v)),
    ),
    field<SH>(
      'pricesIncludeTax',
      'Edm.Boolean',
      (r) => r.pricesIncludeVat,
      (r, v) => (r.pricesIncludeVat = bool(v)),
    ),
    field<SH>('paymentTermsId', 'Edm.Guid', (r, ctx) =>
      termsId(ctx.state.customer(r.partyNo)?.paymentTermsCode ?? ''),
    ),
    field<SH>('shipmentMethodId', 'Edm.Guid', () => EMPTY_GUID),
    field<SH>('salesperson', 'Edm.String', () => ''),
    field<SH>('partialShipping', 'Edm.Boolean', () => true),
    field<SH>(
      'requestedDeliveryDate',
      'Edm.Date',
      (r) => date(r.requestedDeliveryDate),
      (r, v) => (r.requestedDeliveryDate = dateIn(v)),
    ),
    ...totals<SH>(),
    field<SH>('fullyShipped', 'Edm.Boolean', () => false),
    // BC's order status: NAV Open = "Draft", Released = "Open".
    enumField<SH>('status', 'salesOrderEntityBufferStatus', (r) =>
      r.status === 'Released' ? 'Open' : 'Draft',
    ),
    modifiedField<SH>(),
    field<SH>('phoneNumber', 'Edm.String', (r, ctx) => ctx.state.customer(r.partyNo)?.phone ?? ''),
    field<SH>('email', 'Edm.String', (r, ctx) => ctx.state.customer(r.partyNo)?.email ?? ''),
  ],
  list: (ctx) => ctx.state.salesHeaders.filter((h) => h.documentType === 'Order'),
  identity: (r) => r,
  create: (ctx) => newSalesHeader(ctx, 'Order'),
  insert: (r, ctx) => insertSalesHeader(ctx, r),
  modified: touch,
  remove: (r, ctx) => deleteSalesHeader(ctx, r),
  navigations: [documentLines('salesOrderLines', orderLines)],
  actions: [{ name: 'shipAndInvoice', run: (r, ctx) => void postSalesDocument(ctx.state, r) }],
  webhookSet: 'salesOrders',
});
