// NAV document pages: SalesOrder (42) and SalesInvoice (43) with their "SalesLines" subpages
// published as contained navigation (SalesOrderSalesLines…), and PurchaseInvoice (51). Bound action
// NAV.Post is what a partner publishes as a [ServiceEnabled] page function (see docs/sandbox-nav.md).
import { documentTotals } from '../../amounts.js';
import { defineEntity, field, type AnyEntityDef, type FieldDef } from '../../odata/edm.js';
import { postPurchaseInvoice, postSalesDocument } from '../../posting/invoices.js';
import type { DocHeader, PurchaseHeader, SalesHeader } from '../../state.js';
import { currencyFactorField, setCurrencyCode } from '../../currency-factor.js';
import { optionField } from '../fields.js';
import { documentLines } from '../lines.js';
import {
  deletePurchaseHeader,
  deleteSalesHeader,
  insertPurchaseHeader,
  insertSalesHeader,
  newPurchaseHeader,
  newSalesHeader,
  setPurchaseVendor,
  setSalesCustomer,
  touch,
} from '../ops.js';
import { bool, date, dateIn, str } from '../wire.js';
import { lineDef } from './document-lines.js';

const salesDocType = (h: SalesHeader): string => h.documentType;
const invoiceType = (): string => 'Invoice';

function headerTotals<H extends DocHeader>(): FieldDef<H>[] {
  return [
    field<H>('Amount', 'Edm.Decimal', (r, ctx) => documentTotals(ctx.state, r).amount),
    field<H>(
      'Amount_Including_VAT',
      'Edm.Decimal',
      (r, ctx) => documentTotals(ctx.state, r).amountIncludingVat,
    ),
  ];
}

function salesDoc(type: 'Order' | 'Invoice', setName: string): AnyEntityDef {
  const lines = lineDef<SalesHeader>(
    `${setName}SalesLines`,
    'Sales Line',
    'sales',
    salesDocType,
    true,
    type === 'Order',
  );
  type H = SalesHeader;
  const fields: FieldDef<H>[] = [
    field<H>('Document_Type', 'Edm.String', (r) => r.documentType),
    field<H>(
      'No',
      'Edm.String',
      (r) => r.no,
      (r, v) => (r.no = str(v)),
      { maxLength: 20 },
    ),
    field<H>(
      'Sell_to_Customer_No',
      'Edm.String',
      (r) => r.partyNo,
      (r, v, ctx) => setSalesCustomer(ctx, r, str(v)),
      { maxLength: 20 },
    ),
    field<H>('Sell_to_Customer_Name', 'Edm.String', (r, ctx) => ctx.state.customer(r.partyNo)?.name ?? ''),
    field<H>(
      'Posting_Date',
      'Edm.Date',
      (r) => date(r.postingDate),
      (r, v) => (r.postingDate = dateIn(v)),
    ),
    ...(type === 'Order'
      ? [
          field<H>(
            'Order_Date',
            'Edm.Date',
            (r) => date(r.orderDate),
            (r, v) => (r.orderDate = dateIn(v)),
          ),
        ]
      : []),
    field<H>(
      'Document_Date',
      'Edm.Date',
      (r) => date(r.documentDate),
      (r, v) => (r.documentDate = dateIn(v)),
    ),
    field<H>(
      'Due_Date',
      'Edm.Date',
      (r) => date(r.dueDate),
      (r, v) => (r.dueDate = dateIn(v)),
    ),
    ...(type === 'Order'
      ? [
          field<H>(
            'Requested_Delivery_Date',
            'Edm.Date',
            (r) => date(r.requestedDeliveryDate),
            (r, v) => (r.requestedDeliveryDate = dateIn(v)),
          ),
        ]
      : []),
    field<H>(
      'External_Document_No',
      'Edm.String',
      (r) => r.externalDocumentNo,
      (r, v) => (r.externalDocumentNo = str(v)),
      { maxLength: 35 },
    ),
    field<H>(
      'Currency_Code',
      'Edm.String',
      (r) => r.currency,
      (r, v) => setCurrencyCode(r, str(v)),
    ),
    currencyFactorField<H>(),
    field<H>(
      'Prices_Including_VAT',
      'Edm.Boolean',
      (r) => r.pricesIncludeVat,
      (r, v) => (r.pricesIncludeVat = bool(v)),
    ),
    optionField<H>('Status', ['Open', 'Released', 'Pending Approval', 'Pending Prepayment'], (r) => r.status),
    ...headerTotals<H>(),
  ];
  return defineEntity<H>({
    typeName: setName,
    setName,
    caption: 'Sales Header',
    keys: ['Document_Type', 'No'],
    fields,
    list: (ctx) => ctx.state.salesHeaders.filter((h) => h.documentType === type),
    identity: (r) => r,
    create: (ctx) => newSalesHeader(ctx, type),
    insert: (r, ctx) => insertSalesHeader(ctx, r),
    modified: touch,
    remove: (r, ctx) => deleteSalesHeader(ctx, r),
    navigations: [documentLines(`${setName}SalesLines`, lines)],
    actions: [{ name: 'Post', run: (r, ctx) => void postSalesDocument(ctx.state, r) }],
    webhookSet: type === 'Order' ? 'salesOrders' : 'salesInvoices',
  });
}

export const navSalesOrder = salesDoc('Order', 'SalesOrder');
export const navSalesInvoice = salesDoc('Invoice', 'SalesInvoice');

const purchaseLines = lineDef<PurchaseHeader>(
  'PurchaseInvoicePurchLines',
  'Purchase Line',
  'purchase',
  invoiceType,
  true,
);

export const navPurchaseInvoice = defineEntity<PurchaseHeader>({
  typeName: 'PurchaseInvoice',
  setName: 'PurchaseInvoice',
  caption: 'Purchase Header',
  keys: ['Document_Type', 'No'],
  fields: [
    field('Document_Type', 'Edm.String', (r) => r.documentType),
    field(
      'No',
      'Edm.String',
      (r) => r.no,
      (r, v) => (r.no = str(v)),
      { maxLength: 20 },
    ),
    field(
      'Buy_from_Vendor_No',
      'Edm.String',
      (r) => r.partyNo,
      (r, v, ctx) => setPurchaseVendor(ctx, r, str(v)),
      { maxLength: 20 },
    ),
    field('Buy_from_Vendor_Name', 'Edm.String', (r, ctx) => ctx.state.vendor(r.partyNo)?.name ?? ''),
    field(
      'Vendor_Invoice_No',
      'Edm.String',
      (r) => r.vendorInvoiceNo,
      (r, v) => (r.vendorInvoiceNo = str(v)),
      { maxLength: 35 },
    ),
    field(
      'Posting_Date',
      'Edm.Date',
      (r) => date(r.postingDate),
      (r, v) => (r.postingDate = dateIn(v)),
    ),
    field(
      'Document_Date',
      'Edm.Date',
      (r) => date(r.documentDate),
      (r, v) => (r.documentDate = dateIn(v)),
    ),
    field(
      'Due_Date',
      'Edm.Date',
      (r) => date(r.dueDate),
      (r, v) => (r.dueDate = dateIn(v)),
    ),
    field(
      'Currency_Code',
      'Edm.String',
      (r) => r.currency,
      (r, v) => setCurrencyCode(r, str(v)),
    ),
    currencyFactorField(),
    field(
      'Prices_Including_VAT',
      'Edm.Boolean',
      (r) => r.pricesIncludeVat,
      (r, v) => (r.pricesIncludeVat = bool(v)),
    ),
    ...headerTotals<PurchaseHeader>(),
  ],
  list: (ctx) => ctx.state.purchaseHeaders,
  identity: (r) => r,
  create: (ctx) => newPurchaseHeader(ctx),
  insert: (r, ctx) => insertPurchaseHeader(ctx, r),
  modified: touch,
  remove: (r, ctx) => deletePurchaseHeader(ctx, r),
  navigations: [documentLines('PurchaseInvoicePurchLines', purchaseLines)],
  actions: [{ name: 'Post', run: (r, ctx) => void postPurchaseInvoice(ctx.state, r) }],
  webhookSet: 'purchaseInvoices',
});
