// NAV posted documents: PostedSalesInvoices (143/132) and PostedPurchaseInvoices (146/138),
// read-only, with their lines and what remains to be paid.
import { currencyFactorField } from '../../currency-factor.js';
import { defineEntity, field, type AnyEntityDef, type FieldDef } from '../../odata/edm.js';
import { remainingOf } from '../../posting/invoices.js';
import type { PostedInvoice } from '../../state.js';
import { documentLines } from '../lines.js';
import { date } from '../wire.js';
import { lineDef } from './document-lines.js';

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
      currencyFactorField<H>(false),
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
    navigations: [documentLines(linesName, lines, true)],
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
