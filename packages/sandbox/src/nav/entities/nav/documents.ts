// NAV document pages: SalesOrder (42) and SalesInvoice (43) with their "SalesLines" subpages
// published as contained navigation (SalesOrderSalesLines…), PurchaseInvoice (51), and the posted
// documents PostedSalesInvoices (143/132) / PostedPurchaseInvoices (146/138). Bound action NAV.Post
// is what a partner publishes as a [ServiceEnabled] page function (see docs/sandbox-nav.md).
import { documentTotals, lineAmountsIn } from '../../amounts.js';
import type { NavContext } from '../../context.js';
import { errors } from '../../errors.js';
import { defineEntity, field, type AnyEntityDef, type FieldDef } from '../../odata/edm.js';
import { postPurchaseInvoice, postSalesDocument, remainingOf } from '../../posting.js';
import type { DocHeader, PostedInvoice, PurchaseHeader, SalesHeader } from '../../state.js';
import { globalDimension, lineDimension, linesOf, type LineRef } from '../lines.js';
import {
  deleteLine,
  deletePurchaseHeader,
  deleteSalesHeader,
  insertLine,
  insertPurchaseHeader,
  insertSalesHeader,
  modifyLine,
  newLine,
  newPurchaseHeader,
  newSalesHeader,
  setLineNo,
  setPurchaseVendor,
  setSalesCustomer,
} from '../ops.js';
import { bool, date, dateIn, num, str } from '../wire.js';
import { option } from './master.js';

const LINE_TYPES = ['', 'G/L Account', 'Item'] as const;

function setDim(ctx: NavContext, dims: Record<string, string>, index: 0 | 1, value: string): void {
  const code = globalDimension(ctx, index);
  if (!code) throw errors.fieldValidation(`Global Dimension ${index + 1} is not set up.`);
  if (value === '') {
    delete dims[code];
    return;
  }
  if (!ctx.state.dimensionValues.some((v) => v.dimensionCode === code && v.code === value)) {
    throw errors.recordNotFound('Dimension Value', `Dimension Code='${code}',Code='${value}'`);
  }
  dims[code] = value;
}

function lineFields<H extends DocHeader>(
  side: 'sales' | 'purchase',
  docType: ((h: H) => string) | undefined,
): FieldDef<LineRef<H>>[] {
  type L = LineRef<H>;
  const keyFields: FieldDef<L>[] = [];
  if (docType) keyFields.push(field<L>('Document_Type', 'Edm.String', (r) => docType(r.header)));
  return [
    ...keyFields,
    field<L>('Document_No', 'Edm.String', (r) => r.header.no),
    field<L>(
      'Line_No',
      'Edm.Int32',
      (r) => r.line.lineNo,
      (r, v) => (r.line.lineNo = Number(v)),
    ),
    option<L>(
      'Type',
      LINE_TYPES,
      (r) => r.line.type,
      (r, v) => (r.line.type = v as L['line']['type']),
    ),
    field<L>(
      'No',
      'Edm.String',
      (r) => r.line.no,
      (r, v, ctx) => setLineNo(ctx, r.line, str(v), side),
      { maxLength: 20 },
    ),
    field<L>(
      'Description',
      'Edm.String',
      (r) => r.line.description,
      (r, v) => (r.line.description = str(v)),
      { maxLength: 50 },
    ),
    field<L>(
      'Quantity',
      'Edm.Decimal',
      (r) => r.line.quantity,
      (r, v) => (r.line.quantity = num(v)),
    ),
    field<L>(
      'Unit_of_Measure_Code',
      'Edm.String',
      (r) => r.line.unitOfMeasure,
      (r, v) => (r.line.unitOfMeasure = str(v)),
    ),
    field<L>(
      side === 'sales' ? 'Unit_Price' : 'Direct_Unit_Cost',
      'Edm.Decimal',
      (r) => r.line.unitPrice,
      (r, v) => (r.line.unitPrice = num(v)),
    ),
    field<L>(
      'Line_Discount_Percent',
      'Edm.Decimal',
      (r) => r.line.discountPercent,
      (r, v) => (r.line.discountPercent = num(v)),
    ),
    field<L>(
      'Line_Discount_Amount',
      'Edm.Decimal',
      (r, ctx) => lineAmountsIn(ctx.state, r.header, r.line).discountAmount,
    ),
    field<L>('Line_Amount', 'Edm.Decimal', (r, ctx) => lineAmountsIn(ctx.state, r.header, r.line).lineAmount),
    field<L>(
      'VAT_Prod_Posting_Group',
      'Edm.String',
      (r) => r.line.vatGroup,
      (r, v) => (r.line.vatGroup = str(v)),
    ),
    field<L>(
      'Shortcut_Dimension_1_Code',
      'Edm.String',
      (r, ctx) => lineDimension(ctx, r.line, 0),
      (r, v, ctx) => setDim(ctx, r.line.dimensions, 0, str(v)),
    ),
    field<L>(
      'Shortcut_Dimension_2_Code',
      'Edm.String',
      (r, ctx) => lineDimension(ctx, r.line, 1),
      (r, v, ctx) => setDim(ctx, r.line.dimensions, 1, str(v)),
    ),
  ];
}

function lineDef<H extends DocHeader & { status?: string }>(
  typeName: string,
  caption: string,
  side: 'sales' | 'purchase',
  docType: ((h: H) => string) | undefined,
  writable: boolean,
): AnyEntityDef {
  type L = LineRef<H>;
  const keys = docType ? ['Document_Type', 'Document_No', 'Line_No'] : ['Document_No', 'Line_No'];
  return defineEntity<L>({
    typeName,
    setName: typeName,
    caption,
    keys,
    fields: lineFields<H>(side, docType),
    identity: (r) => r.line,
    snapshot: (r) => {
      const copy = { ...r.line, dimensions: { ...r.line.dimensions } };
      return () => Object.assign(r.line, copy);
    },
    ...(writable
      ? {
          insert: (r: L, ctx: NavContext) => insertLine(ctx, r.header, r.line),
          modified: (r: L, ctx: NavContext) => modifyLine(ctx, r.header, r.line),
          remove: (r: L, ctx: NavContext) => deleteLine(ctx, r.header, r.line),
        }
      : {}),
  });
}

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
  const lines = lineDef<SalesHeader>(`${setName}SalesLines`, 'Sales Line', 'sales', salesDocType, true);
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
      (r, v) => (r.currency = str(v)),
    ),
    field<H>(
      'Prices_Including_VAT',
      'Edm.Boolean',
      (r) => r.pricesIncludeVat,
      (r, v) => (r.pricesIncludeVat = bool(v)),
    ),
    option<H>('Status', ['Open', 'Released', 'Pending Approval', 'Pending Prepayment'], (r) => r.status),
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
    modified: (r, ctx) => ctx.state.touch(r),
    remove: (r, ctx) => deleteSalesHeader(ctx, r),
    navigations: [
      {
        name: `${setName}SalesLines`,
        target: lines,
        list: (h) => linesOf(h),
        create: (h, ctx) => ({ header: h, line: newLine(ctx, h) }),
      },
    ],
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
      (r, v) => (r.currency = str(v)),
    ),
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
  modified: (r, ctx) => ctx.state.touch(r),
  remove: (r, ctx) => deletePurchaseHeader(ctx, r),
  navigations: [
    {
      name: 'PurchaseInvoicePurchLines',
      target: purchaseLines,
      list: (h) => linesOf(h),
      create: (h, ctx) => ({ header: h, line: newLine(ctx, h) }),
    },
  ],
  actions: [{ name: 'Post', run: (r, ctx) => void postPurchaseInvoice(ctx.state, r) }],
  webhookSet: 'purchaseInvoices',
});

function postedDoc(setName: string, linesName: string, kind: 'sales' | 'purchase'): AnyEntityDef {
  const lines = lineDef<PostedInvoice>(
    linesName,
    kind === 'sales' ? 'Sales Invoice Line' : 'Purch. Inv. Line',
    kind,
    undefined,
    false,
  );
  type H = PostedInvoice;
  const party: FieldDef<H>[] =
    kind === 'sales'
      ? [
          field<H>('Sell_to_Customer_No', 'Edm.String', (r) => r.partyNo),
          field<H>(
            'Sell_to_Customer_Name',
            'Edm.String',
            (r, ctx) => ctx.state.customer(r.partyNo)?.name ?? '',
          ),
        ]
      : [
          field<H>('Buy_from_Vendor_No', 'Edm.String', (r) => r.partyNo),
          field<H>('Buy_from_Vendor_Name', 'Edm.String', (r, ctx) => ctx.state.vendor(r.partyNo)?.name ?? ''),
          field<H>('Vendor_Invoice_No', 'Edm.String', (r) => r.vendorInvoiceNo),
        ];
  return defineEntity<H>({
    typeName: setName,
    setName,
    caption: kind === 'sales' ? 'Sales Invoice Header' : 'Purch. Inv. Header',
    keys: ['No'],
    fields: [
      field<H>('No', 'Edm.String', (r) => r.no),
      ...party,
      field<H>('Posting_Date', 'Edm.Date', (r) => date(r.postingDate)),
      field<H>('Document_Date', 'Edm.Date', (r) => date(r.documentDate)),
      field<H>('Due_Date', 'Edm.Date', (r) => date(r.dueDate)),
      field<H>('Currency_Code', 'Edm.String', (r) => r.currency),
      field<H>('External_Document_No', 'Edm.String', (r) => r.externalDocumentNo),
      field<H>('Order_No', 'Edm.String', (r) => r.orderNo),
      field<H>('Pre_Assigned_No', 'Edm.String', (r) => r.preAssignedNo),
      field<H>('Amount', 'Edm.Decimal', (r) => r.amount),
      field<H>('Amount_Including_VAT', 'Edm.Decimal', (r) => r.amountIncludingVat),
      field<H>('Remaining_Amount', 'Edm.Decimal', (r, ctx) => remainingOf(ctx.state, r, kind)),
      field<H>('Closed', 'Edm.Boolean', (r, ctx) => remainingOf(ctx.state, r, kind).isZero()),
      field<H>('Cancelled', 'Edm.Boolean', (r) => r.cancelled),
    ],
    list: (ctx) => (kind === 'sales' ? ctx.state.postedSalesInvoices : ctx.state.postedPurchaseInvoices),
    identity: (r) => r,
    navigations: [{ name: linesName, target: lines, list: (h) => linesOf(h) }],
  });
}

export const navPostedSalesInvoices = postedDoc(
  'PostedSalesInvoices',
  'PostedSalesInvoicesSalesInvLines',
  'sales',
);
export const navPostedPurchaseInvoices = postedDoc(
  'PostedPurchaseInvoices',
  'PostedPurchaseInvoicesPurchInvLines',
  'purchase',
);
