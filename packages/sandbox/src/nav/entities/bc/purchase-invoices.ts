// BC API v2.0 purchaseInvoices (+purchaseInvoiceLines, post): drafts and posted invoices in ONE
// set, with the vendor block (buy-from, pay-to; ship-to is the company itself).
import type { NavContext } from '../../context.js';
import { errors } from '../../errors.js';
import { defineEntity, field, type FieldDef } from '../../odata/edm.js';
import { postPurchaseInvoice } from '../../posting/invoices.js';
import type { PostedInvoice, PurchaseHeader } from '../../state.js';
import { documentLines, type LineRef } from '../lines.js';
import {
  deletePurchaseHeader,
  insertPurchaseHeader,
  newPurchaseHeader,
  setPurchaseVendor,
  touch,
} from '../ops.js';
import { bool, date, dateIn, EMPTY_GUID, str } from '../wire.js';
import {
  addressFields,
  currencyCode,
  currencyId,
  enumField,
  idField,
  modifiedField,
  setCurrency,
} from './common.js';
import {
  dims,
  draftOnly,
  invoiceStatus,
  isPosted,
  postedGuard,
  totals,
  type AnyDoc,
} from './document-fields.js';
import { lineDef } from './document-lines.js';

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
  modified: touch,
  remove: (r, ctx) => {
    if (isPosted(r)) throw errors.dialog(`You cannot delete the posted invoice ${r.no}.`);
    deletePurchaseHeader(ctx, r);
  },
  navigations: [documentLines('purchaseInvoiceLines', purchaseLines)],
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
