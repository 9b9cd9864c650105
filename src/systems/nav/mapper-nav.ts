// NAV 2017/2018 OData V4 pages ⇄ unified drafts. Pure functions: no I/O, no clock.
import { createHash } from 'node:crypto';
import { Decimal } from 'decimal.js';
import type {
  DimensionDraft,
  DocumentDraft,
  ItemDraft,
  LedgerEntryDraft,
  LineDraft,
  PartyDraft,
  PaymentDraft,
  RemoteRecord,
  RemoteRef,
} from '../system.js';
import {
  addressOf,
  blankToNull,
  currencyOf,
  dateOrNull,
  dayInstant,
  decodeOption,
  encodeOption,
  isBlankOption,
  navCurrency,
  ZERO,
} from './mapper-common.js';
import type {
  RawNavCustLedgerEntry,
  RawNavVendLedgerEntry,
  RawNavDocument,
  RawNavGLEntry,
  RawNavItem,
  RawNavLine,
  RawNavDimension,
  RawNavDimensionValue,
  RawNavParty,
} from './raw.js';

export interface NavMapContext {
  /** The company's local currency (NAV shows it as blank). */
  localCurrency: string;
  /** Dimension codes of Global Dimension 1 and 2 (General Ledger Setup). */
  globalDimensions: readonly [string | null, string | null];
}

/** Fields each mapper reads; the start-up check requires them on the published page. */
export const navFields = {
  party: [
    'No',
    'Name',
    'Address',
    'Address_2',
    'City',
    'County',
    'Post_Code',
    'Country_Region_Code',
    'Phone_No',
    'E_Mail',
    'VAT_Registration_No',
    'Currency_Code',
    'Payment_Terms_Code',
    'Blocked',
    'Last_Date_Modified',
  ],
  customerExtra: ['Credit_Limit_LCY'],
  item: [
    'No',
    'Description',
    'Type',
    'Base_Unit_of_Measure',
    'Unit_Price',
    'Unit_Cost',
    'VAT_Prod_Posting_Group',
    'Gen_Prod_Posting_Group',
    'Blocked',
    'Last_Date_Modified',
  ],
  dimension: ['Code', 'Name', 'Blocked'],
  dimensionValue: ['Dimension_Code', 'Code', 'Name', 'Blocked', 'Dimension_Value_Type'],
  salesDraft: [
    'No',
    'Sell_to_Customer_No',
    'Posting_Date',
    'Document_Date',
    'Due_Date',
    'External_Document_No',
    'Currency_Code',
    'Prices_Including_VAT',
    'Amount',
    'Amount_Including_VAT',
  ],
  salesOrder: [
    'No',
    'Sell_to_Customer_No',
    'Posting_Date',
    'Order_Date',
    'Document_Date',
    'Due_Date',
    'External_Document_No',
    'Currency_Code',
    'Prices_Including_VAT',
    'Status',
    'Amount',
    'Amount_Including_VAT',
  ],
  salesPosted: [
    'No',
    'Sell_to_Customer_No',
    'Posting_Date',
    'Document_Date',
    'Due_Date',
    'External_Document_No',
    'Currency_Code',
    'Amount',
    'Amount_Including_VAT',
    'Remaining_Amount',
    'Closed',
    'Cancelled',
    'Pre_Assigned_No',
  ],
  purchaseDraft: [
    'No',
    'Buy_from_Vendor_No',
    'Vendor_Invoice_No',
    'Posting_Date',
    'Document_Date',
    'Due_Date',
    'Currency_Code',
    'Prices_Including_VAT',
    'Amount',
    'Amount_Including_VAT',
  ],
  purchasePosted: [
    'No',
    'Buy_from_Vendor_No',
    'Vendor_Invoice_No',
    'Posting_Date',
    'Document_Date',
    'Due_Date',
    'Currency_Code',
    'Amount',
    'Amount_Including_VAT',
    'Remaining_Amount',
    'Closed',
    'Cancelled',
    'Pre_Assigned_No',
  ],
  salesLine: [
    'Line_No',
    'Type',
    'No',
    'Description',
    'Quantity',
    'Unit_of_Measure_Code',
    'Unit_Price',
    'Line_Discount_Percent',
    'Line_Amount',
    'VAT_Prod_Posting_Group',
    'Shortcut_Dimension_1_Code',
    'Shortcut_Dimension_2_Code',
  ],
  purchaseLine: [
    'Line_No',
    'Type',
    'No',
    'Description',
    'Quantity',
    'Unit_of_Measure_Code',
    'Direct_Unit_Cost',
    'Line_Discount_Percent',
    'Line_Amount',
    'VAT_Prod_Posting_Group',
    'Shortcut_Dimension_1_Code',
    'Shortcut_Dimension_2_Code',
  ],
  glEntry: [
    'Entry_No',
    'Posting_Date',
    'Document_Type',
    'Document_No',
    'G_L_Account_No',
    'G_L_Account_Name',
    'Description',
    'Debit_Amount',
    'Credit_Amount',
    'Global_Dimension_1_Code',
    'Global_Dimension_2_Code',
  ],
  journal: [
    'Journal_Template_Name',
    'Journal_Batch_Name',
    'Line_No',
    'Posting_Date',
    'Document_Type',
    'Document_No',
    'External_Document_No',
    'Account_Type',
    'Account_No',
    'Amount',
    'Applies_to_Doc_Type',
    'Applies_to_Doc_No',
  ],
  /** Journal fields written besides those read (a payment's description and balancing account). */
  journalWrite: ['Description', 'Bal_Account_Type', 'Bal_Account_No'],
  custLedgerEntry: [
    'Entry_No',
    'Posting_Date',
    'Document_Type',
    'Document_No',
    'External_Document_No',
    'Customer_No',
    'Description',
    'Currency_Code',
    'Amount',
    'Open',
    'Closed_by_Entry_No',
  ],
  vendLedgerEntry: [
    'Entry_No',
    'Posting_Date',
    'Document_Type',
    'Document_No',
    'External_Document_No',
    'Vendor_No',
    'Description',
    'Currency_Code',
    'Amount',
    'Open',
    'Closed_by_Entry_No',
  ],
} as const;

/** externalId prefix of a vendor payment (a vendor ledger entry), so it never equals a customer entry's No. */
export const VENDOR_PAYMENT_PREFIX = 'vendor:';

// ---------- parties ----------

/** Blocked (Ship/Invoice/Payment/All) ⇄ party status. NAV has no "archived": it is written as All. */
export function navPartyStatus(blocked: string): PartyDraft['status'] {
  return isBlankOption(blocked) ? 'ACTIVE' : 'BLOCKED';
}

export function navPartyFromWire(
  raw: RawNavParty,
  ctx: NavMapContext,
  withCreditLimit: boolean,
): RemoteRecord<'customer'> {
  const data: PartyDraft = {
    number: raw.No,
    name: raw.Name,
    email: blankToNull(raw.E_Mail),
    phone: blankToNull(raw.Phone_No),
    taxNumber: blankToNull(raw.VAT_Registration_No),
    currency: currencyOf(raw.Currency_Code, ctx.localCurrency),
    status: navPartyStatus(raw.Blocked),
    paymentTerms: blankToNull(raw.Payment_Terms_Code),
    address: addressOf({
      line1: raw.Address,
      line2: raw.Address_2,
      city: raw.City,
      region: raw.County,
      postalCode: raw.Post_Code,
      country: raw.Country_Region_Code,
    }),
  };
  if (withCreditLimit) data.creditLimit = raw.Credit_Limit_LCY ?? null;
  return {
    externalId: raw.No,
    externalNumber: raw.No,
    version: raw['@odata.etag'] ?? null,
    remoteUpdatedAt: dayInstant(raw.Last_Date_Modified),
    active: true,
    data,
  };
}

/**
 * Writable page fields for a party. `current` (the record as read before a PATCH) keeps a finer
 * NAV Blocked value (Ship/Invoice/Payment) when the unified status did not change.
 */
export function navPartyToWire(
  draft: PartyDraft,
  ctx: NavMapContext,
  options: { withCreditLimit: boolean; blockedValue: string; current?: RawNavParty | undefined },
): Record<string, unknown> {
  const a = draft.address ?? {};
  const out: Record<string, unknown> = {
    Name: draft.name,
    Address: a.line1 ?? '',
    Address_2: a.line2 ?? '',
    City: a.city ?? '',
    County: a.region ?? '',
    Post_Code: a.postalCode ?? '',
    Country_Region_Code: a.country ?? '',
    Phone_No: draft.phone ?? '',
    E_Mail: draft.email ?? '',
    VAT_Registration_No: draft.taxNumber ?? '',
    Currency_Code: navCurrency(draft.currency, ctx.localCurrency),
    Payment_Terms_Code: draft.paymentTerms ?? '',
  };
  const keep = options.current && navPartyStatus(options.current.Blocked) === statusClass(draft.status);
  out.Blocked = keep
    ? encodeOption(decodeOption(options.current!.Blocked).trim())
    : draft.status === 'ACTIVE'
      ? encodeOption('')
      : options.blockedValue;
  if (options.withCreditLimit && draft.creditLimit !== undefined)
    out.Credit_Limit_LCY = draft.creditLimit ?? ZERO;
  return out;
}

const statusClass = (s: PartyDraft['status']): PartyDraft['status'] =>
  s === 'ACTIVE' ? 'ACTIVE' : 'BLOCKED';

// ---------- items ----------

const ITEM_TYPES: Record<string, ItemDraft['type']> = {
  Inventory: 'INVENTORY',
  Service: 'SERVICE',
  'Non-Inventory': 'NON_INVENTORY',
};
const ITEM_TYPES_OUT: Record<ItemDraft['type'], string> = {
  INVENTORY: 'Inventory',
  SERVICE: 'Service',
  NON_INVENTORY: 'Non-Inventory',
};

export function itemTypeFromWire(value: string): ItemDraft['type'] {
  return ITEM_TYPES[decodeOption(value)] ?? 'INVENTORY';
}
export const itemTypeToWire = (t: ItemDraft['type']): string => encodeOption(ITEM_TYPES_OUT[t]);

export function navItemFromWire(raw: RawNavItem): RemoteRecord<'item'> {
  return {
    externalId: raw.No,
    externalNumber: raw.No,
    version: raw['@odata.etag'] ?? null,
    remoteUpdatedAt: dayInstant(raw.Last_Date_Modified),
    active: true,
    data: {
      number: raw.No,
      name: raw.Description,
      description: null,
      type: itemTypeFromWire(raw.Type),
      unitOfMeasure: blankToNull(raw.Base_Unit_of_Measure),
      unitPrice: raw.Unit_Price ?? null,
      unitCost: raw.Unit_Cost ?? null,
      salesAccountCode: null,
      purchaseAccountCode: null,
      taxCode: blankToNull(raw.VAT_Prod_Posting_Group),
      blocked: raw.Blocked,
      postingGroup: blankToNull(raw.Gen_Prod_Posting_Group),
    },
  };
}

export function navItemToWire(draft: ItemDraft): Record<string, unknown> {
  const out: Record<string, unknown> = {
    Description: draft.name,
    Type: itemTypeToWire(draft.type),
    Blocked: draft.blocked,
  };
  if (draft.unitOfMeasure !== null) out.Base_Unit_of_Measure = draft.unitOfMeasure;
  if (draft.unitPrice !== null) out.Unit_Price = draft.unitPrice;
  if (draft.unitCost !== null) out.Unit_Cost = draft.unitCost;
  if (draft.taxCode !== null) out.VAT_Prod_Posting_Group = draft.taxCode;
  return out;
}

// ---------- dimensions ----------

/** A dimension value's key as NAV writes it: Dimension_Code='AREA',Code='NORTH'. */
export function navDimensionValueId(dimension: string, code: string): string {
  const quoted = (v: string) => `'${v.replace(/'/g, "''")}'`;
  return `Dimension_Code=${quoted(dimension)},Code=${quoted(code)}`;
}

/**
 * A dimension's values. Only Standard values: headings and totals cannot be posted to, so there is
 * nothing to track under them.
 */
export function navDimensionValuesFromWire(
  values: readonly RawNavDimensionValue[],
): DimensionDraft['values'] {
  return values
    .filter((v) => {
      const type = decodeOption(v.Dimension_Value_Type ?? '');
      return type === '' || type === 'Standard';
    })
    .map((v) => ({
      code: v.Code,
      name: v.Name,
      blocked: v.Blocked,
      externalId: navDimensionValueId(v.Dimension_Code, v.Code),
    }));
}

/**
 * A dimension (Dimensions, page 536) with its values (DimensionValues, page 537: the connector
 * reads them beside the dimensions). Its externalId is its Code. NAV's dimension pages carry no
 * modification date.
 */
export function navDimensionFromWire(
  raw: RawNavDimension,
  values: readonly RawNavDimensionValue[] = [],
): RemoteRecord<'dimension'> {
  return {
    externalId: raw.Code,
    externalNumber: raw.Code,
    version: raw['@odata.etag'] ?? null,
    remoteUpdatedAt: null,
    active: !raw.Blocked,
    data: {
      code: raw.Code,
      name: raw.Name,
      blocked: raw.Blocked,
      values: navDimensionValuesFromWire(values),
    },
  };
}

// ---------- documents ----------

export interface NavDocumentShape {
  side: 'sales' | 'purchase';
  posted: boolean;
  /** Prefix of externalId for unposted documents, whose numbers are a separate series. */
  idPrefix: string;
}

function dimensionsOf(
  v1: string | undefined,
  v2: string | undefined,
  ctx: NavMapContext,
): Record<string, string> {
  const out: Record<string, string> = {};
  const [d1, d2] = ctx.globalDimensions;
  if (d1 && v1) out[d1] = v1;
  if (d2 && v2) out[d2] = v2;
  return out;
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
    currencyRate: null,
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

// ---------- ledger ----------

export function navGLEntryFromWire(raw: RawNavGLEntry, ctx: NavMapContext): RemoteRecord<'ledgerEntry'> {
  const data: LedgerEntryDraft = {
    entryNo: raw.Entry_No,
    postingDate: dateOrNull(raw.Posting_Date) ?? '',
    documentType: isBlankOption(raw.Document_Type) ? null : decodeOption(raw.Document_Type),
    documentNumber: raw.Document_No,
    accountCode: raw.G_L_Account_No,
    accountName: blankToNull(raw.G_L_Account_Name),
    description: blankToNull(raw.Description),
    debit: raw.Debit_Amount,
    credit: raw.Credit_Amount,
    currency: ctx.localCurrency,
    dimensions: dimensionsOf(raw.Global_Dimension_1_Code, raw.Global_Dimension_2_Code, ctx),
  };
  return {
    externalId: String(raw.Entry_No),
    externalNumber: raw.Document_No,
    version: raw['@odata.etag'] ?? null,
    remoteUpdatedAt: null,
    active: true,
    data,
  };
}

// ---------- payments (cash receipt / payment journal lines, customer / vendor ledger entries) ----------

/**
 * A posted customer payment (a customer ledger entry of type Payment). `document` is the invoice
 * it was applied to when that can be told (see the connector), else empty.
 */
export function navPaymentFromWire(
  raw: RawNavCustLedgerEntry,
  ctx: NavMapContext,
  document: RemoteRef = {},
): RemoteRecord<'payment'> {
  return {
    externalId: String(raw.Entry_No),
    externalNumber: blankToNull(raw.Document_No),
    version: raw['@odata.etag'] ?? null,
    remoteUpdatedAt: null,
    active: true,
    data: {
      direction: 'RECEIVED',
      status: 'AUTHORISED',
      paymentDate: dateOrNull(raw.Posting_Date) ?? '',
      // Customer payments credit the customer: NAV shows them negative.
      amount: raw.Amount.abs(),
      currency: currencyOf(raw.Currency_Code, ctx.localCurrency),
      reference: blankToNull(raw.Description),
      accountCode: null,
      party: { number: raw.Customer_No, externalId: raw.Customer_No },
      document,
    },
  };
}

/**
 * A posted vendor payment (a vendor ledger entry of type Payment, positive: it debits the vendor).
 * `document` is the bill (posted purchase invoice) it was applied to, when that can be told.
 */
export function navVendorPaymentFromWire(
  raw: RawNavVendLedgerEntry,
  ctx: NavMapContext,
  document: RemoteRef = {},
): RemoteRecord<'payment'> {
  return {
    externalId: `${VENDOR_PAYMENT_PREFIX}${raw.Entry_No}`,
    externalNumber: blankToNull(raw.Document_No),
    version: raw['@odata.etag'] ?? null,
    remoteUpdatedAt: null,
    active: true,
    data: {
      direction: 'MADE',
      status: 'AUTHORISED',
      paymentDate: dateOrNull(raw.Posting_Date) ?? '',
      amount: raw.Amount.abs(),
      currency: currencyOf(raw.Currency_Code, ctx.localCurrency),
      reference: blankToNull(raw.Description),
      accountCode: null,
      party: { number: raw.Vendor_No, externalId: raw.Vendor_No },
      document,
    },
  };
}

/**
 * A payment as a journal line applied to the document it pays. A customer payment (cash receipt
 * journal) credits the customer: negative. A vendor payment (payment journal) debits the vendor:
 * positive.
 */
export function navPaymentToJournalLine(
  payment: PaymentDraft,
  externalDocumentNo: string,
  documentNo: string | null,
): Record<string, unknown> {
  const received = payment.direction === 'RECEIVED';
  const amount = new Decimal(payment.amount);
  const out: Record<string, unknown> = {
    Posting_Date: payment.paymentDate,
    Document_Type: 'Payment',
    External_Document_No: externalDocumentNo,
    Account_Type: received ? 'Customer' : 'Vendor',
    Account_No: payment.party?.number ?? '',
    Amount: received ? amount.neg() : amount,
    Applies_to_Doc_Type: 'Invoice',
    Applies_to_Doc_No: payment.document.number ?? '',
  };
  // Without a document number NAV draws the next one from the batch's number series.
  if (documentNo) out.Document_No = documentNo;
  if (payment.reference) out.Description = payment.reference.slice(0, 50);
  if (payment.accountCode) {
    out.Bal_Account_Type = encodeOption('G/L Account');
    out.Bal_Account_No = payment.accountCode;
  }
  return out;
}
