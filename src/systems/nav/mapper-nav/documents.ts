// NAV sales and purchase documents (unposted and posted invoices, sales orders) and their lines ⇄
// document drafts, with the version that tells a changed line. Pure functions.
import { createHash } from 'node:crypto';
import type { DocumentDraft, LineDraft, RemoteRecord } from '../../system.js';
import {
  blankToNull,
  currencyOf,
  factorToWire,
  rateOfFactor,
  dateOrNull,
  decodeOption,
  encodeOption,
  navCurrency,
  ZERO,
} from '../mapper-common.js';
import type { RawNavDocument, RawNavLine } from '../raw.js';
import { orderQuantities } from '../mapper-common.js';
import { dimensionsOf } from './dimensions.js';
import type { NavMapContext } from './fields.js';

export interface NavDocumentShape {
  side: 'sales' | 'purchase';
  posted: boolean;
  /** Prefix of externalId for unposted documents, whose numbers are a separate series. */
  idPrefix: string;
}

export function navLineFromWire(raw: RawNavLine, ctx: NavMapContext): LineDraft {
  const type = decodeOption(raw.Type);
  return {
    lineNo: raw.Line_No,
    item: type === 'Item' && raw.No ? { number: raw.No } : null,
    description: blankToNull(raw.Description),
    quantity: raw.Quantity,
    unitPrice: raw.Unit_Price ?? raw.Direct_Unit_Cost ?? ZERO,
    discountPercent: raw.Line_Discount_Percent ?? ZERO,
    accountCode: type === 'G/L Account' ? blankToNull(raw.No) : null,
    taxCode: blankToNull(raw.VAT_Prod_Posting_Group),
    // NAV's line subpages do not publish the line's VAT amount; the header total carries it.
    taxAmount: ZERO,
    lineAmount: raw.Line_Amount,
    dimensions: dimensionsOf(raw.Shortcut_Dimension_1_Code, raw.Shortcut_Dimension_2_Code, ctx),
    ...orderQuantities(raw.Quantity_Shipped, raw.Quantity_Invoiced, raw.Outstanding_Quantity),
  };
}

export function navDocumentStatus(raw: RawNavDocument, posted: boolean): DocumentDraft['status'] {
  if (!posted) {
    const s = decodeOption(raw.Status ?? '');
    return s === 'Released' ? 'AUTHORISED' : 'DRAFT';
  }
  if (raw.Cancelled) return 'VOIDED';
  if (raw.Closed || (raw.Remaining_Amount && raw.Remaining_Amount.isZero())) return 'PAID';
  return 'POSTED';
}

/**
 * Prices Including VAT: read when the page publishes it; posted-invoice pages often do not, and
 * then the lines tell: their amounts add up to the total including VAT only when prices include it.
 */
export function lineAmountTypeOf(raw: RawNavDocument): DocumentDraft['lineAmountType'] {
  if (raw.Prices_Including_VAT !== undefined) return raw.Prices_Including_VAT ? 'INCLUSIVE' : 'EXCLUSIVE';
  const lines = raw.lines ?? [];
  if (lines.length === 0 || raw.Amount.eq(raw.Amount_Including_VAT)) return 'EXCLUSIVE';
  const sum = lines.reduce((s, l) => s.plus(l.Line_Amount), ZERO);
  return sum.eq(raw.Amount_Including_VAT) ? 'INCLUSIVE' : 'EXCLUSIVE';
}

export function navDocumentFromWire(
  raw: RawNavDocument,
  shape: NavDocumentShape,
  ctx: NavMapContext,
): RemoteRecord<'invoice'> {
  const total = raw.Amount_Including_VAT;
  const due = shape.posted ? (raw.Remaining_Amount ?? total) : total;
  const party = shape.side === 'sales' ? raw.Sell_to_Customer_No : raw.Buy_from_Vendor_No;
  const issue =
    dateOrNull(raw.Document_Date) ?? dateOrNull(raw.Order_Date) ?? dateOrNull(raw.Posting_Date) ?? '';
  const data: DocumentDraft = {
    number: raw.No,
    party: { number: party ?? '' },
    status: navDocumentStatus(raw, shape.posted),
    issueDate: issue,
    dueDate: dateOrNull(raw.Due_Date) ?? issue,
    currency: currencyOf(raw.Currency_Code, ctx.localCurrency),
    currencyRate: rateOfFactor(raw.Currency_Code, raw.Currency_Factor),
    lineAmountType: lineAmountTypeOf(raw),
    reference: null,
    externalDocumentNumber: blankToNull(raw.External_Document_No),
    subTotal: raw.Amount,
    totalTax: total.minus(raw.Amount),
    total,
    amountPaid: total.minus(due),
    amountDue: due,
    lines: (raw.lines ?? []).map((l) => navLineFromWire(l, ctx)),
  };
  if (shape.side === 'purchase') data.vendorInvoiceNumber = blankToNull(raw.Vendor_Invoice_No);
  // Only when it names one: an invoice not posted from an order reads as before.
  if (raw.Order_No) data.orderNumber = raw.Order_No;
  return {
    externalId: `${shape.posted ? '' : shape.idPrefix}${raw.No}`,
    externalNumber: raw.No,
    version: shape.posted ? (raw['@odata.etag'] ?? null) : documentVersion(raw),
    remoteUpdatedAt: null,
    active: data.status !== 'VOIDED',
    data,
  };
}

/**
 * Version of an unposted document: its header etag, plus a digest of its lines' etags when the
 * lines were read with it. NAV bumps a header's etag only when the header row is written, so a
 * line changed in NAV must change the version too, or an update would overwrite it unseen.
 */
export function documentVersion(raw: RawNavDocument): string | null {
  const etag = raw['@odata.etag'] ?? null;
  const lines = raw.lines ?? [];
  if (etag === null || lines.length === 0) return etag;
  const digest = createHash('sha256')
    .update(lines.map((l) => `${l.Line_No}=${l['@odata.etag'] ?? ''}`).join(','))
    .digest('base64url')
    .slice(0, 16);
  return `${etag};lines=${digest}`;
}

/** The header etag inside a document version (what If-Match takes). */
export const headerEtagOf = (version: string): string => version.replace(/;lines=[^;]*$/, '');

/** Header fields of an unposted sales invoice/order (lines go separately, see navLineToWire). */
export function navSalesHeaderToWire(
  draft: DocumentDraft,
  ctx: NavMapContext,
  externalDocumentNo: string | null,
  kind: 'invoice' | 'order' = 'invoice',
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    Posting_Date: draft.issueDate,
    Document_Date: draft.issueDate,
    Due_Date: draft.dueDate,
    Currency_Code: navCurrency(draft.currency, ctx.localCurrency),
    Prices_Including_VAT: draft.lineAmountType === 'INCLUSIVE',
    ...factorToWire(draft, ctx.localCurrency),
  };
  if (kind === 'order') out.Order_Date = draft.issueDate;
  if (draft.party.number) out.Sell_to_Customer_No = draft.party.number;
  if (externalDocumentNo !== null) out.External_Document_No = externalDocumentNo;
  return out;
}

/**
 * Header fields of an unposted purchase invoice. NAV refuses to post one without the vendor's
 * invoice number, and it is unique per vendor: it is the bill's natural key.
 */
export function navPurchaseHeaderToWire(
  draft: DocumentDraft,
  ctx: NavMapContext,
  vendorInvoiceNo: string | null,
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    Posting_Date: draft.issueDate,
    Document_Date: draft.issueDate,
    Due_Date: draft.dueDate,
    Currency_Code: navCurrency(draft.currency, ctx.localCurrency),
    Prices_Including_VAT: draft.lineAmountType === 'INCLUSIVE',
    ...factorToWire(draft, ctx.localCurrency),
  };
  if (draft.party.number) out.Buy_from_Vendor_No = draft.party.number;
  if (vendorInvoiceNo !== null) out.Vendor_Invoice_No = vendorInvoiceNo;
  return out;
}

export const lineNoOf = (line: LineDraft, index: number): number =>
  line.lineNo > 0 ? line.lineNo : (index + 1) * 10000;

export function navLineToWire(
  line: LineDraft,
  index: number,
  ctx: NavMapContext,
  side: 'sales' | 'purchase',
): Record<string, unknown> {
  const type = line.item ? 'Item' : line.accountCode ? 'G/L Account' : '';
  const out: Record<string, unknown> = {
    Line_No: lineNoOf(line, index),
    Type: encodeOption(type),
  };
  // Without a description NAV keeps the item's or account's own (a comment line is its text).
  if (line.description !== null || type === '') out.Description = line.description ?? '';
  if (type === 'Item') out.No = line.item?.number ?? '';
  if (type === 'G/L Account') out.No = line.accountCode;
  if (type !== '') {
    out.Quantity = line.quantity;
    out[side === 'sales' ? 'Unit_Price' : 'Direct_Unit_Cost'] = line.unitPrice;
    out.Line_Discount_Percent = line.discountPercent;
    if (line.taxCode) out.VAT_Prod_Posting_Group = line.taxCode;
    const [d1, d2] = ctx.globalDimensions;
    if (d1 && line.dimensions[d1]) out.Shortcut_Dimension_1_Code = line.dimensions[d1];
    if (d2 && line.dimensions[d2]) out.Shortcut_Dimension_2_Code = line.dimensions[d2];
  }
  return out;
}
