// Business Central API v2.0 entities ⇄ unified drafts. Pure functions: no I/O, no clock.
import type {
  DimensionDraft,
  DocumentDraft,
  ItemDraft,
  LedgerEntryDraft,
  LineDraft,
  PartyDraft,
  PaymentDraft,
  RemoteRecord,
} from '../system.js';
import {
  addressOf,
  blankToNull,
  currencyOf,
  dateOrNull,
  decodeOption,
  encodeOption,
  instantOrNull,
  isBlankOption,
  ZERO,
} from './mapper-common.js';
import { itemTypeFromWire, itemTypeToWire } from './mapper-nav.js';
import type { RawBcDimension, RawBcDocument, RawBcGLEntry, RawBcItem, RawBcLine, RawBcParty } from './raw.js';

export interface BcMapContext {
  localCurrency: string;
}

export const bcFields = {
  party: [
    'id',
    'number',
    'displayName',
    'addressLine1',
    'addressLine2',
    'city',
    'state',
    'country',
    'postalCode',
    'phoneNumber',
    'email',
    'taxRegistrationNumber',
    'currencyCode',
    'blocked',
    'lastModifiedDateTime',
  ],
  customerExtra: ['creditLimit'],
  item: [
    'id',
    'number',
    'displayName',
    'type',
    'baseUnitOfMeasureCode',
    'unitPrice',
    'unitCost',
    'generalProductPostingGroupCode',
    'blocked',
    'lastModifiedDateTime',
  ],
  dimension: ['id', 'code', 'displayName', 'lastModifiedDateTime'],
  dimensionValue: ['id', 'code', 'displayName', 'lastModifiedDateTime'],
  salesInvoice: [
    'id',
    'number',
    'externalDocumentNumber',
    'invoiceDate',
    'postingDate',
    'dueDate',
    'customerId',
    'customerNumber',
    'currencyCode',
    'pricesIncludeTax',
    'totalAmountExcludingTax',
    'totalTaxAmount',
    'totalAmountIncludingTax',
    'remainingAmount',
    'status',
    'lastModifiedDateTime',
  ],
  salesOrder: [
    'id',
    'number',
    'externalDocumentNumber',
    'orderDate',
    'postingDate',
    'customerId',
    'customerNumber',
    'currencyCode',
    'pricesIncludeTax',
    'totalAmountExcludingTax',
    'totalTaxAmount',
    'totalAmountIncludingTax',
    'status',
    'lastModifiedDateTime',
  ],
  purchaseInvoice: [
    'id',
    'number',
    'vendorInvoiceNumber',
    'invoiceDate',
    'postingDate',
    'dueDate',
    'vendorId',
    'vendorNumber',
    'currencyCode',
    'pricesIncludeTax',
    'totalAmountExcludingTax',
    'totalTaxAmount',
    'totalAmountIncludingTax',
    'status',
    'lastModifiedDateTime',
  ],
  salesLine: [
    'id',
    'sequence',
    'lineType',
    'lineObjectNumber',
    'description',
    'unitOfMeasureCode',
    'quantity',
    'unitPrice',
    'discountPercent',
    'amountExcludingTax',
    'totalTaxAmount',
    'amountIncludingTax',
    'taxCode',
  ],
  purchaseLine: [
    'id',
    'sequence',
    'lineType',
    'lineObjectNumber',
    'description',
    'unitOfMeasureCode',
    'quantity',
    'unitCost',
    'discountPercent',
    'amountExcludingTax',
    'totalTaxAmount',
    'amountIncludingTax',
    'taxCode',
  ],
  glEntry: [
    'id',
    'entryNumber',
    'postingDate',
    'documentNumber',
    'documentType',
    'accountNumber',
    'description',
    'debitAmount',
    'creditAmount',
    'lastModifiedDateTime',
  ],
  customerPayment: [
    'id',
    'journalId',
    'lineNumber',
    'customerNumber',
    'postingDate',
    'documentNumber',
    'externalDocumentNumber',
    'amount',
    'appliesToInvoiceNumber',
    'lastModifiedDateTime',
  ],
  vendorPayment: [
    'id',
    'journalId',
    'lineNumber',
    'vendorNumber',
    'postingDate',
    'documentNumber',
    'externalDocumentNumber',
    'amount',
    'appliesToInvoiceNumber',
    'lastModifiedDateTime',
  ],
} as const;

export function bcPartyFromWire(
  raw: RawBcParty,
  ctx: BcMapContext,
  withCreditLimit: boolean,
): RemoteRecord<'customer'> {
  const data: PartyDraft = {
    number: blankToNull(raw.number),
    name: raw.displayName,
    email: blankToNull(raw.email),
    phone: blankToNull(raw.phoneNumber),
    taxNumber: blankToNull(raw.taxRegistrationNumber),
    currency: currencyOf(raw.currencyCode, ctx.localCurrency),
    status: isBlankOption(raw.blocked) ? 'ACTIVE' : 'BLOCKED',
    // BC v2.0 exposes payment terms by id only (paymentTermsId); resolving it needs paymentTerms.
    paymentTerms: null,
    address: addressOf({
      line1: raw.addressLine1,
      line2: raw.addressLine2,
      city: raw.city,
      region: raw.state,
      postalCode: raw.postalCode,
      country: raw.country,
    }),
  };
  if (withCreditLimit) data.creditLimit = raw.creditLimit ?? null;
  return {
    externalId: raw.id,
    externalNumber: blankToNull(raw.number),
    version: raw['@odata.etag'] ?? null,
    remoteUpdatedAt: instantOrNull(raw.lastModifiedDateTime),
    active: true,
    data,
  };
}

export function bcPartyToWire(
  draft: PartyDraft,
  options: { withCreditLimit: boolean; blockedValue: string; current?: RawBcParty | undefined },
): Record<string, unknown> {
  const a = draft.address ?? {};
  const out: Record<string, unknown> = {
    displayName: draft.name,
    addressLine1: a.line1 ?? '',
    addressLine2: a.line2 ?? '',
    city: a.city ?? '',
    state: a.region ?? '',
    country: a.country ?? '',
    postalCode: a.postalCode ?? '',
    phoneNumber: draft.phone ?? '',
    email: draft.email ?? '',
    taxRegistrationNumber: draft.taxNumber ?? '',
    currencyCode: draft.currency,
  };
  if (draft.number && !options.current) out.number = draft.number;
  const currentActive = options.current ? isBlankOption(options.current.blocked) : undefined;
  const wantActive = draft.status === 'ACTIVE';
  out.blocked =
    currentActive !== undefined && currentActive === wantActive
      ? encodeOption(decodeOption(options.current!.blocked).trim())
      : wantActive
        ? encodeOption('')
        : options.blockedValue;
  if (options.withCreditLimit && draft.creditLimit !== undefined) out.creditLimit = draft.creditLimit ?? ZERO;
  return out;
}

export function bcItemFromWire(raw: RawBcItem): RemoteRecord<'item'> {
  return {
    externalId: raw.id,
    externalNumber: blankToNull(raw.number),
    version: raw['@odata.etag'] ?? null,
    remoteUpdatedAt: instantOrNull(raw.lastModifiedDateTime),
    active: true,
    data: {
      number: raw.number,
      name: raw.displayName,
      description: null,
      type: itemTypeFromWire(raw.type),
      unitOfMeasure: blankToNull(raw.baseUnitOfMeasureCode),
      unitPrice: raw.unitPrice ?? null,
      unitCost: raw.unitCost ?? null,
      salesAccountCode: null,
      purchaseAccountCode: null,
      taxCode: null,
      blocked: raw.blocked,
      postingGroup: blankToNull(raw.generalProductPostingGroupCode),
    },
  };
}

export function bcItemToWire(draft: ItemDraft, creating: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {
    displayName: draft.name,
    type: itemTypeToWire(draft.type),
    blocked: draft.blocked,
  };
  if (creating) out.number = draft.number;
  if (draft.unitOfMeasure !== null) out.baseUnitOfMeasureCode = draft.unitOfMeasure;
  if (draft.unitPrice !== null) out.unitPrice = draft.unitPrice;
  if (draft.unitCost !== null) out.unitCost = draft.unitCost;
  return out;
}

/**
 * A dimension with its values (dimensionValues expanded). BC's API v2.0 publishes no Blocked flag
 * on either, so they read as not blocked. Changed when the dimension or any value last changed.
 */
export function bcDimensionFromWire(raw: RawBcDimension): RemoteRecord<'dimension'> {
  const values = raw.lines ?? [];
  const changed = [raw.lastModifiedDateTime, ...values.map((v) => v.lastModifiedDateTime)]
    .map((t) => instantOrNull(t))
    .filter((t): t is Date => t !== null)
    .sort((a, b) => b.getTime() - a.getTime())[0];
  const data: DimensionDraft = {
    code: raw.code,
    name: raw.displayName,
    blocked: false,
    values: values.map((v) => ({ code: v.code, name: v.displayName, blocked: false, externalId: v.id })),
  };
  return {
    externalId: raw.id,
    externalNumber: raw.code,
    version: raw['@odata.etag'] ?? null,
    remoteUpdatedAt: changed ?? null,
    active: true,
    data,
  };
}

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

export function bcGLEntryFromWire(raw: RawBcGLEntry, ctx: BcMapContext): RemoteRecord<'ledgerEntry'> {
  const data: LedgerEntryDraft = {
    entryNo: raw.entryNumber,
    postingDate: dateOrNull(raw.postingDate) ?? '',
    documentType: isBlankOption(raw.documentType) ? null : decodeOption(raw.documentType),
    documentNumber: raw.documentNumber,
    accountCode: raw.accountNumber,
    accountName: null,
    description: blankToNull(raw.description),
    debit: raw.debitAmount,
    credit: raw.creditAmount,
    currency: ctx.localCurrency,
    dimensions: {},
  };
  return {
    externalId: raw.id,
    externalNumber: raw.documentNumber,
    version: raw['@odata.etag'] ?? null,
    remoteUpdatedAt: instantOrNull(raw.lastModifiedDateTime),
    active: true,
    data,
  };
}

/**
 * A customerPayments line (RECEIVED: amount positive) or a vendorPayments line (MADE: the journal
 * line's own amount, positive pays the vendor), applied to the posted invoice / bill.
 */
export function bcPaymentToWire(
  payment: PaymentDraft,
  externalDocumentNumber: string,
): Record<string, unknown> {
  const party = payment.direction === 'RECEIVED' ? 'customer' : 'vendor';
  const out: Record<string, unknown> = {
    postingDate: payment.paymentDate,
    externalDocumentNumber,
    amount: payment.amount,
  };
  if (payment.party?.externalId) out[`${party}Id`] = payment.party.externalId;
  else if (payment.party?.number) out[`${party}Number`] = payment.party.number;
  if (payment.document.externalId) out.appliesToInvoiceId = payment.document.externalId;
  else if (payment.document.number) out.appliesToInvoiceNumber = payment.document.number;
  if (payment.reference) out.description = payment.reference.slice(0, 100);
  return out;
}
