// BC sales invoices, purchase invoices (bills) and sales orders with their lines ⇄ document drafts;
// a create sends the lines in the same deep insert. Pure functions.
import type { DocumentDraft, LineDraft, RemoteRecord } from '../../system.js';
import {
  blankToNull,
  currencyOf,
  dateOrNull,
  decodeOption,
  instantOrNull,
  orderQuantities,
  ZERO,
} from '../mapper-common.js';
import type { RawBcDocument, RawBcLine } from '../raw.js';
import type { BcMapContext } from './fields.js';

export function bcLineFromWire(raw: RawBcLine): LineDraft {
  const type = decodeOption(raw.lineType);
  return {
    lineNo: raw.sequence,
    item: type === 'Item' && raw.lineObjectNumber ? { number: raw.lineObjectNumber } : null,
    description: blankToNull(raw.description),
    quantity: raw.quantity,
    unitPrice: raw.unitPrice ?? raw.unitCost ?? ZERO,
    discountPercent: raw.discountPercent ?? ZERO,
    accountCode: type === 'Account' ? blankToNull(raw.lineObjectNumber) : null,
    taxCode: blankToNull(raw.taxCode),
    taxAmount: raw.totalTaxAmount ?? ZERO,
    lineAmount: raw.amountExcludingTax,
    // API v2.0 lines carry dimensions in a dimensionSetLines sub-entity, not read here.
    dimensions: {},
    // Order lines: BC publishes no outstanding quantity; NAV's is quantity less shipped.
    ...orderQuantities(
      raw.shippedQuantity,
      raw.invoicedQuantity,
      raw.shippedQuantity && raw.quantity.minus(raw.shippedQuantity),
    ),
  };
}

export function bcDocumentStatus(status: string): DocumentDraft['status'] {
  switch (decodeOption(status)) {
    case 'Draft':
    case 'In Review':
      return 'DRAFT';
    case 'Open':
      return 'POSTED';
    case 'Paid':
      return 'PAID';
    case 'Canceled':
    case 'Corrective':
      return 'VOIDED';
    default:
      return 'DRAFT';
  }
}

export function bcDocumentFromWire(
  raw: RawBcDocument,
  side: 'sales' | 'purchase',
  ctx: BcMapContext,
  order = false,
): RemoteRecord<'invoice'> {
  const total = raw.totalAmountIncludingTax;
  let status = bcDocumentStatus(raw.status);
  // Sales orders: Draft = NAV Open, Open = NAV Released.
  if (order) status = decodeOption(raw.status) === 'Open' ? 'AUTHORISED' : 'DRAFT';
  const due = raw.remainingAmount ?? total;
  const issue = dateOrNull(raw.invoiceDate) ?? dateOrNull(raw.orderDate) ?? dateOrNull(raw.postingDate) ?? '';
  const data: DocumentDraft = {
    number: raw.number,
    party:
      side === 'sales'
        ? { externalId: raw.customerId, number: raw.customerNumber }
        : { externalId: raw.vendorId, number: raw.vendorNumber },
    status,
    issueDate: issue,
    dueDate: dateOrNull(raw.dueDate) ?? issue,
    currency: currencyOf(raw.currencyCode, ctx.localCurrency),
    currencyRate: null,
    lineAmountType: raw.pricesIncludeTax ? 'INCLUSIVE' : 'EXCLUSIVE',
    reference: null,
    externalDocumentNumber: blankToNull(raw.externalDocumentNumber),
    subTotal: raw.totalAmountExcludingTax,
    totalTax: raw.totalTaxAmount,
    total,
    amountPaid: total.minus(due),
    amountDue: due,
    lines: (raw.lines ?? []).map(bcLineFromWire),
  };
  if (side === 'purchase') data.vendorInvoiceNumber = blankToNull(raw.vendorInvoiceNumber);
  if (side === 'sales' && !order && raw.orderNumber) data.orderNumber = raw.orderNumber;
  return {
    externalId: raw.id,
    externalNumber: blankToNull(raw.number),
    version: raw['@odata.etag'] ?? null,
    remoteUpdatedAt: instantOrNull(raw.lastModifiedDateTime),
    active: status !== 'VOIDED',
    data,
  };
}

export function bcSalesInvoiceToWire(
  draft: DocumentDraft,
  externalDocumentNumber: string | null,
  withLines: boolean,
): Record<string, unknown> {
  return bcDocumentToWire('invoice', draft, externalDocumentNumber, withLines);
}

export type BcDocumentKind = 'invoice' | 'bill' | 'salesOrder';

/** Lines navigation of each document entity set (deep insert on create). */
export const bcLinesOf: Record<BcDocumentKind, string> = {
  invoice: 'salesInvoiceLines',
  bill: 'purchaseInvoiceLines',
  salesOrder: 'salesOrderLines',
};

/**
 * Header (and, on create, lines for a deep insert) of a sales invoice, purchase invoice or sales
 * order. `key`: our id (externalDocumentNumber), or for a bill the vendor's invoice number.
 */
export function bcDocumentToWire(
  kind: BcDocumentKind,
  draft: DocumentDraft,
  key: string | null,
  withLines: boolean,
): Record<string, unknown> {
  const out: Record<string, unknown> =
    kind === 'salesOrder'
      ? { orderDate: draft.issueDate, postingDate: draft.issueDate }
      : { invoiceDate: draft.issueDate, postingDate: draft.issueDate, dueDate: draft.dueDate };
  out.currencyCode = draft.currency;
  out.pricesIncludeTax = draft.lineAmountType === 'INCLUSIVE';
  const party = kind === 'bill' ? 'vendor' : 'customer';
  if (draft.party.externalId) out[`${party}Id`] = draft.party.externalId;
  else if (draft.party.number) out[`${party}Number`] = draft.party.number;
  if (key !== null) out[kind === 'bill' ? 'vendorInvoiceNumber' : 'externalDocumentNumber'] = key;
  if (withLines)
    out[bcLinesOf[kind]] = draft.lines.map((l, i) =>
      bcLineToWire(l, i, kind === 'bill' ? 'purchase' : 'sales'),
    );
  return out;
}

export function bcLineToWire(
  line: LineDraft,
  index: number,
  side: 'sales' | 'purchase' = 'sales',
): Record<string, unknown> {
  const type = line.item ? 'Item' : line.accountCode ? 'Account' : 'Comment';
  const out: Record<string, unknown> = {
    sequence: line.lineNo > 0 ? line.lineNo : (index + 1) * 10000,
    lineType: type,
  };
  // Without a description BC keeps the item's or account's own (a comment line is its text).
  if (line.description !== null || type === 'Comment') out.description = line.description ?? '';
  if (type === 'Item') {
    if (line.item?.externalId) out.itemId = line.item.externalId;
    else out.lineObjectNumber = line.item?.number ?? '';
  }
  if (type === 'Account') out.lineObjectNumber = line.accountCode;
  if (type !== 'Comment') {
    out.quantity = line.quantity;
    // Purchase lines carry the vendor's price as unitCost (they have no unitPrice).
    out[side === 'purchase' ? 'unitCost' : 'unitPrice'] = line.unitPrice;
    out.discountPercent = line.discountPercent;
    if (line.taxCode) out.taxCode = line.taxCode;
  }
  return out;
}
