// BC API v2.0 documents: salesOrders(+salesOrderLines, shipAndInvoice), salesInvoices(+lines, post;
// drafts and posted invoices in ONE set, posting keeps the id), purchaseInvoices(+lines, post).
import { documentTotals, lineAmountsIn } from '../../amounts.js';
import type { NavContext } from '../../context.js';
import { ZERO } from '../../decimal.js';
import { errors } from '../../errors.js';
import { codeGuid } from '../../ids.js';
import { defineEntity, field, type AnyEntityDef, type FieldDef } from '../../odata/edm.js';
import { postPurchaseInvoice, postSalesDocument, remainingOf } from '../../posting.js';
import type { DocHeader, LineType, PostedInvoice, PurchaseHeader, SalesHeader } from '../../state.js';
import { lineDimension, linesOf, type LineRef } from '../lines.js';
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
import { bool, date, dateIn, EMPTY_GUID, num, str } from '../wire.js';
import {
  addressFields,
  currencyCode,
  currencyId,
  enumField,
  idField,
  modifiedField,
  setCurrency,
  termsId,
} from './common.js';

type AnyDoc = DocHeader & { status?: string; documentType?: string };

const isPosted = (h: DocHeader): h is PostedInvoice => 'ledgerEntryNo' in h;

function postedGuard(h: DocHeader): void {
  if (isPosted(h)) throw errors.dialog(`You cannot modify the posted document ${h.no}.`);
}

const LINE_TYPE_IN: Record<string, LineType> = { Comment: '', Account: 'G/L Account', Item: 'Item' };
const lineTypeOut = (t: LineType) => (t === '' ? 'Comment' : t === 'G/L Account' ? 'Account' : 'Item');

function lineDef<H extends AnyDoc>(
  typeName: string,
  setName: string,
  side: 'sales' | 'purchase',
  extra: FieldDef<LineRef<H>>[],
): AnyEntityDef {
  type L = LineRef<H>;
  const amounts = (r: L, ctx: NavContext) => lineAmountsIn(ctx.state, r.header, r.line);
  return defineEntity<L>({
    typeName,
    setName,
    caption: side === 'sales' ? 'Sales Line' : 'Purchase Line',
    keys: ['id'],
    fields: [
      field<L>('id', 'Edm.Guid', (r) => r.line.id, undefined, { nullable: false }),
      field<L>('documentId', 'Edm.Guid', (r) => r.header.id),
      field<L>(
        'sequence',
        'Edm.Int32',
        (r) => r.line.lineNo,
        (r, v) => (r.line.lineNo = Number(v)),
      ),
      field<L>(
        'itemId',
        'Edm.Guid',
        (r, ctx) => (r.line.type === 'Item' ? (ctx.state.item(r.line.no)?.id ?? EMPTY_GUID) : EMPTY_GUID),
        (r, v, ctx) => {
          const item = ctx.state.items.find((i) => i.id === str(v));
          if (!item) throw errors.recordNotFound('Item', `Id='${str(v)}'`);
          r.line.type = 'Item';
          setLineNo(ctx, r.line, item.no, side);
        },
      ),
      field<L>(
        'accountId',
        'Edm.Guid',
        (r, ctx) =>
          r.line.type === 'G/L Account' ? (ctx.state.account(r.line.no)?.id ?? EMPTY_GUID) : EMPTY_GUID,
        (r, v, ctx) => {
          const acc = ctx.state.accounts.find((a) => a.id === str(v));
          if (!acc) throw errors.recordNotFound('G/L Account', `Id='${str(v)}'`);
          r.line.type = 'G/L Account';
          setLineNo(ctx, r.line, acc.no, side);
        },
      ),
      enumField<L>(
        'lineType',
        'invoiceLineAggLineType',
        (r) => lineTypeOut(r.line.type),
        (r, v) => {
          const t = LINE_TYPE_IN[v];
          if (t === undefined)
            throw errors.notImplemented(`Line type '${v}' is not supported by the sandbox.`);
          r.line.type = t;
        },
      ),
      field<L>(
        'lineObjectNumber',
        'Edm.String',
        (r) => r.line.no,
        (r, v, ctx) => setLineNo(ctx, r.line, str(v), side),
      ),
      field<L>(
        'description',
        'Edm.String',
        (r) => r.line.description,
        (r, v) => (r.line.description = str(v)),
        { maxLength: 100 },
      ),
      field<L>('description2', 'Edm.String', () => ''),
      field<L>('unitOfMeasureId', 'Edm.Guid', (r) =>
        r.line.unitOfMeasure ? codeGuid('unitOfMeasure', r.line.unitOfMeasure) : EMPTY_GUID,
      ),
      field<L>(
        'unitOfMeasureCode',
        'Edm.String',
        (r) => r.line.unitOfMeasure,
        (r, v) => (r.line.unitOfMeasure = str(v)),
      ),
      ...(side === 'purchase'
        ? [
            field<L>(
              'unitCost',
              'Edm.Decimal',
              (r) => r.line.unitPrice,
              (r, v) => (r.line.unitPrice = num(v)),
            ),
          ]
        : []),
      field<L>(
        'quantity',
        'Edm.Decimal',
        (r) => r.line.quantity,
        (r, v) => (r.line.quantity = num(v)),
      ),
      ...(side === 'sales'
        ? [
            field<L>(
              'unitPrice',
              'Edm.Decimal',
              (r) => r.line.unitPrice,
              (r, v) => (r.line.unitPrice = num(v)),
            ),
          ]
        : []),
      field<L>('discountAmount', 'Edm.Decimal', (r, ctx) => amounts(r, ctx).discountAmount),
      field<L>(
        'discountPercent',
        'Edm.Decimal',
        (r) => r.line.discountPercent,
        (r, v) => (r.line.discountPercent = num(v)),
      ),
      field<L>('discountAppliedBeforeTax', 'Edm.Boolean', () => false),
      field<L>('amountExcludingTax', 'Edm.Decimal', (r, ctx) => amounts(r, ctx).amount),
      field<L>(
        'taxCode',
        'Edm.String',
        (r) => r.line.vatGroup,
        (r, v, ctx) => {
          if (str(v) && !ctx.state.taxRate(str(v)))
            throw errors.recordNotFound('VAT Product Posting Group', `Code='${str(v)}'`);
          r.line.vatGroup = str(v);
        },
      ),
      field<L>('taxPercent', 'Edm.Decimal', (r, ctx) => amounts(r, ctx).vatPercent),
      field<L>('totalTaxAmount', 'Edm.Decimal', (r, ctx) => amounts(r, ctx).vatAmount),
      field<L>('amountIncludingTax', 'Edm.Decimal', (r, ctx) => amounts(r, ctx).amountIncludingVat),
      field<L>('invoiceDiscountAllocation', 'Edm.Decimal', () => ZERO),
      field<L>('netAmount', 'Edm.Decimal', (r, ctx) => amounts(r, ctx).amount),
      field<L>('netTaxAmount', 'Edm.Decimal', (r, ctx) => amounts(r, ctx).vatAmount),
      field<L>('netAmountIncludingTax', 'Edm.Decimal', (r, ctx) => amounts(r, ctx).amountIncludingVat),
      ...extra,
      field<L>('itemVariantId', 'Edm.Guid', () => EMPTY_GUID),
      field<L>('locationId', 'Edm.Guid', () => EMPTY_GUID),
    ],
    identity: (r) => r.line,
    snapshot: (r) => {
      const copy = { ...r.line, dimensions: { ...r.line.dimensions } };
      return () => Object.assign(r.line, copy);
    },
    insert: (r, ctx) => {
      postedGuard(r.header);
      insertLine(ctx, r.header, r.line);
    },
    modified: (r, ctx) => {
      postedGuard(r.header);
      modifyLine(ctx, r.header, r.line);
    },
    remove: (r, ctx) => {
      postedGuard(r.header);
      deleteLine(ctx, r.header, r.line);
    },
  });
}

function totals<H extends DocHeader>(): FieldDef<H>[] {
  return [
    field<H>('discountAmount', 'Edm.Decimal', () => ZERO),
    field<H>('discountAppliedBeforeTax', 'Edm.Boolean', () => false),
    field<H>('totalAmountExcludingTax', 'Edm.Decimal', (r, ctx) => documentTotals(ctx.state, r).amount),
    field<H>('totalTaxAmount', 'Edm.Decimal', (r, ctx) => documentTotals(ctx.state, r).vatAmount),
    field<H>(
      'totalAmountIncludingTax',
      'Edm.Decimal',
      (r, ctx) => documentTotals(ctx.state, r).amountIncludingVat,
    ),
  ];
}

function customerFields<H extends DocHeader>(writable: boolean): FieldDef<H>[] {
  const cust = (r: H, ctx: NavContext) => ctx.state.customer(r.partyNo);
  const setNo = writable
    ? (r: H, no: string, ctx: NavContext) => {
        postedGuard(r);
        setSalesCustomer(ctx, r as unknown as SalesHeader, no);
      }
    : undefined;
  const byId = (r: H, id: string, ctx: NavContext) => {
    const c = ctx.state.customers.find((x) => x.id === id);
    if (!c) throw errors.recordNotFound('Customer', `Id='${id}'`);
    setNo?.(r, c.no, ctx);
  };
  return [
    field<H>(
      'customerId',
      'Edm.Guid',
      (r, ctx) => cust(r, ctx)?.id ?? EMPTY_GUID,
      setNo ? (r, v, ctx) => byId(r, str(v), ctx) : undefined,
    ),
    field<H>(
      'customerNumber',
      'Edm.String',
      (r) => r.partyNo,
      setNo ? (r, v, ctx) => setNo(r, str(v), ctx) : undefined,
      { nullable: false },
    ),
    field<H>('customerName', 'Edm.String', (r, ctx) => cust(r, ctx)?.name ?? ''),
    field<H>('billToName', 'Edm.String', (r, ctx) => cust(r, ctx)?.name ?? ''),
    field<H>('billToCustomerId', 'Edm.Guid', (r, ctx) => cust(r, ctx)?.id ?? EMPTY_GUID),
    field<H>('billToCustomerNumber', 'Edm.String', (r) => r.partyNo, undefined, { nullable: false }),
    field<H>('shipToName', 'Edm.String', (r, ctx) => cust(r, ctx)?.name ?? ''),
    field<H>('shipToContact', 'Edm.String', () => ''),
    ...addressFields<H>('sellTo', cust),
    ...addressFields<H>('billTo', cust),
    ...addressFields<H>('shipTo', cust),
  ];
}

function dims<H extends DocHeader>(): FieldDef<H>[] {
  // Header dimensions: the first line's global dimension values (the demo model keeps dimensions on lines).
  return [
    field<H>('shortcutDimension1Code', 'Edm.String', (r, ctx) =>
      r.lines[0] ? lineDimension(ctx, r.lines[0], 0) : '',
    ),
    field<H>('shortcutDimension2Code', 'Edm.String', (r, ctx) =>
      r.lines[0] ? lineDimension(ctx, r.lines[0], 1) : '',
    ),
  ];
}

const orderLines = lineDef<SalesHeader>('salesOrderLine', 'salesOrderLines', 'sales', [
  field<LineRef<SalesHeader>>('shipmentDate', 'Edm.Date', (r) =>
    date(r.header.requestedDeliveryDate || r.header.orderDate),
  ),
  field<LineRef<SalesHeader>>('shippedQuantity', 'Edm.Decimal', () => ZERO),
  field<LineRef<SalesHeader>>('invoicedQuantity', 'Edm.Decimal', () => ZERO),
  field<LineRef<SalesHeader>>('invoiceQuantity', 'Edm.Decimal', (r) => r.line.quantity),
  field<LineRef<SalesHeader>>('shipQuantity', 'Edm.Decimal', (r) => r.line.quantity),
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
  modified: (r, ctx) => ctx.state.touch(r),
  remove: (r, ctx) => deleteSalesHeader(ctx, r),
  navigations: [
    {
      name: 'salesOrderLines',
      target: orderLines,
      list: (h) => linesOf(h),
      create: (h, ctx) => ({ header: h, line: newLine(ctx, h) }),
    },
  ],
  actions: [{ name: 'shipAndInvoice', run: (r, ctx) => void postSalesDocument(ctx.state, r) }],
  webhookSet: 'salesOrders',
});

type SI = SalesHeader | PostedInvoice;
const invoiceLines = lineDef<SI & AnyDoc>('salesInvoiceLine', 'salesInvoiceLines', 'sales', [
  field<LineRef<SI & AnyDoc>>('shipmentDate', 'Edm.Date', (r) => date(r.header.postingDate)),
]);

function invoiceStatus(ctx: NavContext, r: DocHeader, kind: 'sales' | 'purchase'): string {
  if (!isPosted(r)) return 'Draft';
  if (r.cancelled) return 'Canceled';
  return remainingOf(ctx.state, r, kind).isZero() ? 'Paid' : 'Open';
}

const draftOnly =
  <H, V>(set: (r: H, v: V, ctx: NavContext) => void) =>
  (r: H, v: V, ctx: NavContext) => {
    postedGuard(r as unknown as DocHeader);
    set(r, v, ctx);
  };

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
  modified: (r, ctx) => ctx.state.touch(r),
  remove: (r, ctx) => {
    if (isPosted(r)) throw errors.dialog(`You cannot delete the posted invoice ${r.no}.`);
    deleteSalesHeader(ctx, r);
  },
  navigations: [
    {
      name: 'salesInvoiceLines',
      target: invoiceLines,
      list: (h) => linesOf(h),
      create: (h, ctx) => ({ header: h, line: newLine(ctx, h) }),
    },
  ],
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

type PI = PurchaseHeader | PostedInvoice;
const purchaseLines = lineDef<PI & AnyDoc>('purchaseInvoiceLine', 'purchaseInvoiceLines', 'purchase', [
  field<LineRef<PI & AnyDoc>>('expectedReceiptDate', 'Edm.Date', (r) => date(r.header.postingDate)),
]);

function vendorFields(): FieldDef<PI>[] {
  const vend = (r: PI, ctx: NavContext) => ctx.state.vendor(r.partyNo);
  const setNo = (r: PI, no: string, ctx: NavContext) => {
    postedGuard(r);
    setPurchaseVendor(ctx, r as PurchaseHeader, no);
  };
  return [
    field<PI>(
      'vendorId',
      'Edm.Guid',
      (r, ctx) => vend(r, ctx)?.id ?? EMPTY_GUID,
      (r, v, ctx) => {
        const x = ctx.state.vendors.find((y) => y.id === str(v));
        if (!x) throw errors.recordNotFound('Vendor', `Id='${str(v)}'`);
        setNo(r, x.no, ctx);
      },
    ),
    field<PI>(
      'vendorNumber',
      'Edm.String',
      (r) => r.partyNo,
      (r, v, ctx) => setNo(r, str(v), ctx),
      { nullable: false },
    ),
    field<PI>('vendorName', 'Edm.String', (r, ctx) => vend(r, ctx)?.name ?? ''),
    field<PI>('payToName', 'Edm.String', (r, ctx) => vend(r, ctx)?.name ?? ''),
    field<PI>('payToContact', 'Edm.String', () => ''),
    field<PI>('payToVendorId', 'Edm.Guid', (r, ctx) => vend(r, ctx)?.id ?? EMPTY_GUID),
    field<PI>('payToVendorNumber', 'Edm.String', (r) => r.partyNo, undefined, { nullable: false }),
    field<PI>('shipToName', 'Edm.String', (r, ctx) => ctx.state.companyName),
    field<PI>('shipToContact', 'Edm.String', () => ''),
    ...addressFields<PI>('buyFrom', vend),
    ...addressFields<PI>('shipTo', () => undefined),
    ...addressFields<PI>('payTo', vend),
  ];
}

export const bcPurchaseInvoice = defineEntity<PI>({
  typeName: 'purchaseInvoice',
  setName: 'purchaseInvoices',
  caption: 'Purch. Inv. Header',
  keys: ['id'],
  fields: [
    idField<PI>(),
    field<PI>('number', 'Edm.String', (r) => r.no),
    field<PI>(
      'postingDate',
      'Edm.Date',
      (r) => date(r.postingDate),
      draftOnly((r, v) => (r.postingDate = dateIn(v))),
    ),
    field<PI>(
      'invoiceDate',
      'Edm.Date',
      (r) => date(r.documentDate),
      draftOnly((r, v) => (r.documentDate = dateIn(v))),
    ),
    field<PI>(
      'dueDate',
      'Edm.Date',
      (r) => date(r.dueDate),
      draftOnly((r, v) => (r.dueDate = dateIn(v))),
    ),
    field<PI>(
      'vendorInvoiceNumber',
      'Edm.String',
      (r) => (isPosted(r) ? r.vendorInvoiceNo : r.vendorInvoiceNo),
      draftOnly((r, v) => ((r as PurchaseHeader).vendorInvoiceNo = str(v))),
      { maxLength: 35 },
    ),
    ...vendorFields(),
    ...dims<PI>(),
    field<PI>('currencyId', 'Edm.Guid', (r) => currencyId(r.currency)),
    field<PI>(
      'currencyCode',
      'Edm.String',
      (r, ctx) => currencyCode(ctx, r.currency),
      draftOnly((r, v, ctx) => setCurrency(ctx, r, str(v))),
    ),
    field<PI>('orderId', 'Edm.Guid', () => EMPTY_GUID),
    field<PI>('orderNumber', 'Edm.String', () => ''),
    field<PI>('purchaser', 'Edm.String', () => ''),
    field<PI>(
      'pricesIncludeTax',
      'Edm.Boolean',
      (r) => r.pricesIncludeVat,
      draftOnly((r, v) => (r.pricesIncludeVat = bool(v))),
    ),
    ...totals<PI>(),
    enumField<PI>('status', 'invoiceEntityAggregateStatus', (r, ctx) => invoiceStatus(ctx, r, 'purchase')),
    modifiedField<PI>(),
  ],
  list: (ctx) => [...ctx.state.purchaseHeaders, ...ctx.state.postedPurchaseInvoices],
  identity: (r) => r,
  create: (ctx) => newPurchaseHeader(ctx),
  insert: (r, ctx) => insertPurchaseHeader(ctx, r as PurchaseHeader),
  modified: (r, ctx) => ctx.state.touch(r),
  remove: (r, ctx) => {
    if (isPosted(r)) throw errors.dialog(`You cannot delete the posted invoice ${r.no}.`);
    deletePurchaseHeader(ctx, r);
  },
  navigations: [
    {
      name: 'purchaseInvoiceLines',
      target: purchaseLines,
      list: (h) => linesOf(h),
      create: (h, ctx) => ({ header: h, line: newLine(ctx, h) }),
    },
  ],
  actions: [
    {
      name: 'post',
      run: (r, ctx) => {
        if (isPosted(r)) throw errors.dialog(`The invoice ${r.no} has already been posted.`);
        postPurchaseInvoice(ctx.state, r);
      },
    },
  ],
  webhookSet: 'purchaseInvoices',
});
