// Xero wire (as the SDK models it: camelCase, Date objects, JS numbers) ⇄ the unified drafts.
// Pure functions. Money becomes decimal.js at once and goes back only as exactly-representable
// numbers; accounting dates are "YYYY-MM-DD" (Xero sends them as UTC midnight).
//
// Xero conventions kept here:
// - a contact's ContactNumber holds the NAV No.;
// - ACCREC invoices: InvoiceNumber is the document number;
// - ACCPAY bills: Reference holds our (NAV) document number, InvoiceNumber the vendor's number;
// - tracking category name → option name are the dimensions (code → value code).
import { Decimal } from '../../domain/money.js';
import type { Address } from '../../domain/common.js';
import type {
  DimensionDraft,
  DocumentDraft,
  ItemDraft,
  LineDraft,
  PartyDraft,
  PaymentDraft,
  RemoteRecord,
} from '../system.js';
import type { RawContact, RawInvoice, RawItem, RawLineItem, RawPayment, RawTrackingCategory } from './raw.js';

export interface MapContext {
  /** The organisation's base currency (contacts without a default currency use it). */
  baseCurrency: string;
}

export class MappingError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'MappingError';
  }
}

// ---------- scalars ----------

const ZERO = new Decimal(0);

export function decimalFromWire(value: number | null | undefined): Decimal {
  if (value === null || value === undefined) return ZERO;
  if (!Number.isFinite(value)) throw new MappingError('', `not a finite amount: ${String(value)}`);
  // String(n) is the shortest text that parses back to n: the decimal Xero sent (≤ 15 digits).
  return new Decimal(String(value));
}

/** A decimal as the SDK's number, refusing one a double cannot carry exactly. */
export function decimalToWire(value: Decimal, field: string): number {
  const n = value.toNumber();
  if (!Number.isFinite(n) || !new Decimal(String(n)).eq(value))
    throw new MappingError(field, `${value.toString()} cannot be sent to Xero without losing precision`);
  return n;
}

/** "YYYY-MM-DD" from the SDK's Date (UTC midnight) or from Xero's date text. */
export function accountingDate(value: Date | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  const ms = /^\/Date\((-?\d+)/.exec(value);
  if (ms?.[1]) return new Date(Number(ms[1])).toISOString().slice(0, 10);
  const day = /^(\d{4}-\d{2}-\d{2})/.exec(value);
  return day?.[1] ?? null;
}

export function instant(value: Date | string | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  const ms = /^\/Date\((-?\d+)/.exec(value);
  if (ms?.[1]) return new Date(Number(ms[1]));
  const parsed = Date.parse(/[zZ]|[+-]\d{2}:?\d{2}$/.test(value) ? value : `${value}Z`);
  return Number.isNaN(parsed) ? null : new Date(parsed);
}

/** The record version we hand back on update: UpdatedDateUTC in ms, as text. */
export function versionOf(updated: Date | null): string | null {
  return updated ? String(updated.getTime()) : null;
}

const blank = (v: string | null | undefined): string | null =>
  v === undefined || v === null || v.trim() === '' ? null : v;

// ---------- enums ----------

export type XeroLineAmountTypes = 'Exclusive' | 'Inclusive' | 'NoTax';

export function lineAmountTypeFromWire(v: string | null | undefined): DocumentDraft['lineAmountType'] {
  switch (v) {
    case 'Inclusive':
      return 'INCLUSIVE';
    case 'NoTax':
      return 'NO_TAX';
    default:
      return 'EXCLUSIVE';
  }
}

export function lineAmountTypeToWire(v: DocumentDraft['lineAmountType']): XeroLineAmountTypes {
  return v === 'INCLUSIVE' ? 'Inclusive' : v === 'NO_TAX' ? 'NoTax' : 'Exclusive';
}

/** Xero has no "blocked" contact: BLOCKED stays ACTIVE in Xero (read back as ACTIVE). */
export function partyStatusFromWire(v: string | null | undefined): PartyDraft['status'] {
  return v === 'ARCHIVED' || v === 'GDPRREQUEST' ? 'ARCHIVED' : 'ACTIVE';
}

export function partyStatusToWire(v: PartyDraft['status']): 'ACTIVE' | 'ARCHIVED' {
  return v === 'ARCHIVED' ? 'ARCHIVED' : 'ACTIVE';
}

const DOC_STATUSES = ['DRAFT', 'SUBMITTED', 'AUTHORISED', 'PAID', 'VOIDED', 'DELETED'] as const;
type XeroDocStatus = (typeof DOC_STATUSES)[number];

export function documentStatusFromWire(v: string | null | undefined): DocumentDraft['status'] {
  return (DOC_STATUSES as readonly string[]).includes(v ?? '') ? (v as XeroDocStatus) : 'DRAFT';
}

/** POSTED (NAV's word) is AUTHORISED in Xero; PAID is set by Xero itself and is sent as AUTHORISED. */
export function documentStatusToWire(v: DocumentDraft['status']): Exclude<XeroDocStatus, 'PAID'> {
  if (v === 'POSTED' || v === 'PAID') return 'AUTHORISED';
  return v;
}

// ---------- payment terms, address, phone ----------

export function paymentTermsFromWire(
  term: { day?: number | null | undefined; type?: string | null | undefined } | null | undefined,
): string | null {
  if (!term || term.day === null || term.day === undefined) return null;
  if (!term.type || term.type === 'DAYSAFTERBILLDATE') return `${term.day} DAYS`;
  return `${term.type}:${term.day}`;
}

export function paymentTermsToWire(code: string | null): { day: number; type: string } | undefined {
  if (!code) return undefined;
  const days = /^(\d+) DAYS$/.exec(code);
  if (days?.[1]) return { day: Number(days[1]), type: 'DAYSAFTERBILLDATE' };
  const typed = /^([A-Z]+):(\d+)$/.exec(code);
  if (typed?.[1] && typed[2]) return { day: Number(typed[2]), type: typed[1] };
  return undefined;
}

export function addressFromWire(addresses: RawContact['addresses']): Address | null {
  const has = (a: NonNullable<RawContact['addresses']>[number]) =>
    [a.addressLine1, a.addressLine2, a.city, a.region, a.postalCode, a.country].some((v) => blank(v));
  const list = addresses ?? [];
  const a = list.find((x) => x.addressType === 'STREET' && has(x)) ?? list.find((x) => has(x));
  if (!a) return null;
  const out: Address = {};
  if (blank(a.addressLine1)) out.line1 = a.addressLine1 as string;
  if (blank(a.addressLine2)) out.line2 = a.addressLine2 as string;
  if (blank(a.city)) out.city = a.city as string;
  if (blank(a.region)) out.region = a.region as string;
  if (blank(a.postalCode)) out.postalCode = a.postalCode as string;
  // Xero keeps the country as free text; only an ISO code crosses into the domain.
  const country = a.country?.trim().toUpperCase();
  if (country && /^[A-Z]{2}$/.test(country)) out.country = country;
  return out;
}

export interface WireAddress {
  addressType: 'STREET';
  addressLine1?: string;
  addressLine2?: string;
  city?: string;
  region?: string;
  postalCode?: string;
  country?: string;
}

export function addressToWire(a: Address | null): WireAddress[] | undefined {
  if (!a) return undefined;
  const out: WireAddress = { addressType: 'STREET' };
  if (a.line1 !== undefined) out.addressLine1 = a.line1;
  if (a.line2 !== undefined) out.addressLine2 = a.line2;
  if (a.city !== undefined) out.city = a.city;
  if (a.region !== undefined) out.region = a.region;
  if (a.postalCode !== undefined) out.postalCode = a.postalCode;
  if (a.country !== undefined) out.country = a.country;
  return [out];
}

function phoneFromWire(phones: RawContact['phones']): string | null {
  const p =
    (phones ?? []).find((x) => x.phoneType === 'DEFAULT' && blank(x.phoneNumber)) ??
    (phones ?? []).find((x) => blank(x.phoneNumber));
  if (!p) return null;
  return [p.phoneCountryCode, p.phoneAreaCode, p.phoneNumber].map(blank).filter(Boolean).join(' ') || null;
}

// ---------- contacts ----------

export function partyFromWire(
  c: RawContact,
  side: 'customer' | 'vendor',
  ctx: MapContext,
): RemoteRecord<'customer'> {
  if (!c.contactID) throw new MappingError('externalId', 'contact without ContactID');
  const updated = instant(c.updatedDateUTC);
  const status = partyStatusFromWire(c.contactStatus);
  const data: PartyDraft = {
    number: blank(c.contactNumber),
    name: c.name ?? '',
    email: blank(c.emailAddress),
    phone: phoneFromWire(c.phones),
    taxNumber: blank(c.taxNumber),
    currency: blank(c.defaultCurrency) ?? ctx.baseCurrency,
    status,
    paymentTerms: paymentTermsFromWire(side === 'customer' ? c.paymentTerms?.sales : c.paymentTerms?.bills),
    address: addressFromWire(c.addresses),
  };
  return {
    externalId: c.contactID,
    externalNumber: data.number,
    version: versionOf(updated),
    remoteUpdatedAt: updated,
    active: status !== 'ARCHIVED',
    data,
  };
}

export interface WireContact {
  contactID?: string;
  contactNumber?: string;
  name: string;
  emailAddress?: string;
  taxNumber?: string;
  defaultCurrency?: string;
  contactStatus: 'ACTIVE' | 'ARCHIVED';
  addresses?: WireAddress[];
  phones?: { phoneType: 'DEFAULT'; phoneNumber: string }[];
  paymentTerms?: { sales?: { day: number; type: string }; bills?: { day: number; type: string } };
}

export function partyToWire(p: PartyDraft, side: 'customer' | 'vendor', externalId?: string): WireContact {
  const out: WireContact = { name: p.name, contactStatus: partyStatusToWire(p.status) };
  if (externalId) out.contactID = externalId;
  if (p.number) out.contactNumber = p.number;
  if (p.email) out.emailAddress = p.email;
  if (p.taxNumber) out.taxNumber = p.taxNumber;
  if (p.currency) out.defaultCurrency = p.currency;
  const addresses = addressToWire(p.address);
  if (addresses) out.addresses = addresses;
  if (p.phone) out.phones = [{ phoneType: 'DEFAULT', phoneNumber: p.phone }];
  const terms = paymentTermsToWire(p.paymentTerms);
  if (terms) out.paymentTerms = side === 'customer' ? { sales: terms } : { bills: terms };
  return out;
}

// ---------- invoices and bills ----------

export function lineFromWire(l: RawLineItem, index: number): LineDraft {
  const dimensions: Record<string, string> = {};
  for (const t of l.tracking ?? []) if (t.name && t.option) dimensions[t.name] = t.option;
  return {
    lineNo: index + 1,
    item: blank(l.itemCode) ? { number: l.itemCode as string } : null,
    description: blank(l.description),
    quantity: decimalFromWire(l.quantity ?? 1),
    unitPrice: decimalFromWire(l.unitAmount),
    discountPercent: decimalFromWire(l.discountRate),
    accountCode: blank(l.accountCode),
    taxCode: blank(l.taxType),
    taxAmount: decimalFromWire(l.taxAmount),
    lineAmount: decimalFromWire(l.lineAmount),
    dimensions,
  };
}

export function documentFromWire(inv: RawInvoice): RemoteRecord<'invoice'> {
  if (!inv.invoiceID) throw new MappingError('externalId', 'invoice without InvoiceID');
  const bill = inv.type === 'ACCPAY';
  const updated = instant(inv.updatedDateUTC);
  const issueDate = accountingDate(inv.date);
  if (!issueDate) throw new MappingError('issueDate', `invoice ${inv.invoiceID} has no date`);
  const number = (bill ? blank(inv.reference) : blank(inv.invoiceNumber)) ?? '';
  const status = documentStatusFromWire(inv.status);
  const data: DocumentDraft = {
    number,
    party: {
      externalId: inv.contact?.contactID ?? undefined,
      number: blank(inv.contact?.contactNumber) ?? undefined,
    },
    status,
    issueDate,
    dueDate: accountingDate(inv.dueDate) ?? issueDate,
    currency: inv.currencyCode ?? '',
    currencyRate:
      inv.currencyRate === null || inv.currencyRate === undefined ? null : decimalFromWire(inv.currencyRate),
    lineAmountType: lineAmountTypeFromWire(inv.lineAmountTypes),
    reference: bill ? null : blank(inv.reference),
    externalDocumentNumber: null,
    subTotal: decimalFromWire(inv.subTotal),
    totalTax: decimalFromWire(inv.totalTax),
    total: decimalFromWire(inv.total),
    amountPaid: decimalFromWire(inv.amountPaid),
    amountDue: decimalFromWire(inv.amountDue),
    lines: (inv.lineItems ?? []).map(lineFromWire),
  };
  if (bill) data.vendorInvoiceNumber = blank(inv.invoiceNumber);
  return {
    externalId: inv.invoiceID,
    externalNumber: number || null,
    version: versionOf(updated),
    remoteUpdatedAt: updated,
    active: status !== 'VOIDED' && status !== 'DELETED',
    data,
  };
}

export interface WireLineItem {
  description?: string;
  quantity: number;
  unitAmount: number;
  itemCode?: string;
  accountCode?: string;
  taxType?: string;
  discountRate?: number;
  tracking?: { name: string; option: string }[];
}

export interface WireInvoice {
  type: 'ACCREC' | 'ACCPAY';
  invoiceID?: string;
  invoiceNumber?: string;
  reference?: string;
  contact: { contactID?: string; contactNumber?: string };
  date: string;
  dueDate: string;
  status: Exclude<XeroDocStatus, 'PAID'>;
  lineAmountTypes: XeroLineAmountTypes;
  currencyCode?: string;
  currencyRate?: number;
  lineItems: WireLineItem[];
}

export function lineToWire(l: LineDraft, index: number): WireLineItem {
  const at = `lines.${index}`;
  const out: WireLineItem = {
    quantity: decimalToWire(l.quantity, `${at}.quantity`),
    unitAmount: decimalToWire(l.unitPrice, `${at}.unitPrice`),
  };
  if (l.description) out.description = l.description;
  if (l.item?.number) out.itemCode = l.item.number;
  if (l.accountCode) out.accountCode = l.accountCode;
  if (l.taxCode) out.taxType = l.taxCode;
  if (!l.discountPercent.isZero())
    out.discountRate = decimalToWire(l.discountPercent, `${at}.discountPercent`);
  const tracking = Object.entries(l.dimensions).map(([name, option]) => ({ name, option }));
  if (tracking.length > 2)
    throw new MappingError(`${at}.dimensions`, 'Xero allows at most two tracking categories per line');
  if (tracking.length) out.tracking = tracking;
  return out;
}

/**
 * A draft as Xero's invoice. Totals are not sent: Xero computes them per line (the sync engine
 * compares them after the write).
 */
export function documentToWire(d: DocumentDraft, kind: 'invoice' | 'bill', externalId?: string): WireInvoice {
  if (!d.party.externalId && !d.party.number)
    throw new MappingError('party', 'the document needs its contact');
  const out: WireInvoice = {
    type: kind === 'bill' ? 'ACCPAY' : 'ACCREC',
    contact: d.party.externalId
      ? { contactID: d.party.externalId }
      : { contactNumber: d.party.number as string },
    date: d.issueDate,
    dueDate: d.dueDate,
    status: documentStatusToWire(d.status),
    lineAmountTypes: lineAmountTypeToWire(d.lineAmountType),
    lineItems: d.lines.map(lineToWire),
  };
  if (externalId) out.invoiceID = externalId;
  if (kind === 'bill') {
    if (d.number) out.reference = d.number;
    if (d.vendorInvoiceNumber) out.invoiceNumber = d.vendorInvoiceNumber;
  } else {
    if (d.number) out.invoiceNumber = d.number;
    if (d.reference) out.reference = d.reference;
  }
  if (d.currency) out.currencyCode = d.currency;
  if (d.currencyRate) out.currencyRate = decimalToWire(d.currencyRate, 'currencyRate');
  return out;
}

/** The natural key Xero can find the document by: InvoiceNumber (ACCREC) or Reference (ACCPAY). */
export function naturalKeyOf(d: DocumentDraft): string | null {
  return d.number || null;
}

// ---------- items, payments, tracking ----------

export function itemFromWire(i: RawItem): RemoteRecord<'item'> {
  if (!i.itemID || !i.code) throw new MappingError('externalId', 'item without ItemID or Code');
  const updated = instant(i.updatedDateUTC);
  const data: ItemDraft = {
    number: i.code,
    name: i.name ?? i.code,
    description: blank(i.description),
    type: i.isTrackedAsInventory ? 'INVENTORY' : 'NON_INVENTORY',
    unitOfMeasure: null,
    unitPrice:
      i.salesDetails?.unitPrice === null || i.salesDetails?.unitPrice === undefined
        ? null
        : decimalFromWire(i.salesDetails.unitPrice),
    unitCost:
      i.purchaseDetails?.unitPrice === null || i.purchaseDetails?.unitPrice === undefined
        ? null
        : decimalFromWire(i.purchaseDetails.unitPrice),
    salesAccountCode: blank(i.salesDetails?.accountCode),
    purchaseAccountCode: blank(i.purchaseDetails?.accountCode),
    taxCode: blank(i.salesDetails?.taxType),
    blocked: false,
  };
  return {
    externalId: i.itemID,
    externalNumber: i.code,
    version: versionOf(updated),
    remoteUpdatedAt: updated,
    active: true,
    data,
  };
}

export function paymentFromWire(p: RawPayment): RemoteRecord<'payment'> {
  if (!p.paymentID) throw new MappingError('externalId', 'payment without PaymentID');
  const updated = instant(p.updatedDateUTC);
  const bill = p.invoice?.type === 'ACCPAY' || p.paymentType === 'ACCPAYPAYMENT';
  const data: PaymentDraft = {
    direction: bill ? 'MADE' : 'RECEIVED',
    status: p.status === 'DELETED' ? 'DELETED' : 'AUTHORISED',
    paymentDate: accountingDate(p.date) ?? '',
    amount: decimalFromWire(p.amount),
    currency: p.invoice?.currencyCode ?? '',
    reference: blank(p.reference),
    accountCode: blank(p.account?.code),
    party: p.invoice?.contact?.contactID
      ? {
          externalId: p.invoice.contact.contactID,
          number: blank(p.invoice.contact.contactNumber) ?? undefined,
        }
      : null,
    document: {
      externalId: p.invoice?.invoiceID ?? undefined,
      number: (bill ? blank(p.invoice?.reference) : blank(p.invoice?.invoiceNumber)) ?? undefined,
    },
  };
  return {
    externalId: p.paymentID,
    externalNumber: null,
    version: versionOf(updated),
    remoteUpdatedAt: updated,
    active: data.status !== 'DELETED',
    data,
  };
}

export function dimensionFromWire(t: RawTrackingCategory): RemoteRecord<'dimension'> {
  if (!t.trackingCategoryID || !t.name)
    throw new MappingError('externalId', 'tracking category without id or name');
  const data: DimensionDraft = {
    code: t.name,
    name: t.name,
    blocked: t.status !== 'ACTIVE',
    values: (t.options ?? [])
      .filter((o) => o.name)
      .map((o) => ({
        code: o.name as string,
        name: o.name as string,
        blocked: o.status !== 'ACTIVE',
        ...(o.trackingOptionID ? { externalId: o.trackingOptionID } : {}),
      })),
  };
  return {
    externalId: t.trackingCategoryID,
    externalNumber: t.name,
    version: null,
    remoteUpdatedAt: null,
    active: t.status === 'ACTIVE',
    data,
  };
}

// ---------- writes: payments, items, tracking ----------

/** Xero's field limits (Accounting API spec: Item.Code/Name, TrackingCategory/TrackingOption.Name). */
export const XERO_ITEM_CODE_MAX = 30;
export const XERO_ITEM_NAME_MAX = 50;
export const XERO_ITEM_DESCRIPTION_MAX = 4000;
export const XERO_TRACKING_NAME_MAX = 100;

/** A decimal with at most `places` decimal places, as the SDK's number; more is refused, never rounded. */
export function moneyToWire(value: Decimal, field: string, places: number): number {
  if (value.decimalPlaces() > places)
    throw new MappingError(
      field,
      `${value.toString()} has more than ${places} decimal places, which Xero would round`,
    );
  return decimalToWire(value, field);
}

function limited(value: string, field: string, max: number, what: string): string {
  if (value.length > max)
    throw new MappingError(
      field,
      `${what} "${value}" is ${value.length} characters long; Xero allows at most ${max}`,
    );
  return value;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export interface WirePayment {
  /** The invoice or bill paid: by InvoiceID, or (sales invoices) by InvoiceNumber. */
  invoice: { invoiceID: string } | { invoiceNumber: string };
  /** The bank account (or an account with payments enabled), by code. */
  account: { code: string };
  date: string;
  amount: number;
  reference?: string;
}

/**
 * A new payment as Xero's. The document is the invoice's InvoiceID when known (`invoiceId` overrides
 * the draft's, e.g. after the connector resolved a bill by its Reference), else a sales invoice's
 * InvoiceNumber; a bill has no unique number in Xero (InvoiceNumber is the vendor's), so a bill
 * payment needs the id. Currency and direction are not sent: Xero takes both from the document.
 */
export function paymentToWire(p: PaymentDraft, invoiceId?: string): WirePayment {
  if (p.status !== 'AUTHORISED')
    throw new MappingError('status', 'only an AUTHORISED payment can be created in Xero');
  const id = invoiceId ?? p.document.externalId;
  let invoice: WirePayment['invoice'];
  if (id) invoice = { invoiceID: id };
  else if (p.direction === 'RECEIVED' && p.document.number) invoice = { invoiceNumber: p.document.number };
  else
    throw new MappingError(
      'document',
      p.direction === 'MADE'
        ? 'a bill payment needs the bill (InvoiceID or our number)'
        : 'the payment needs its invoice',
    );
  if (!p.accountCode)
    throw new MappingError(
      'accountCode',
      'a payment needs the code of the bank account it was paid from or to',
    );
  if (!DAY.test(p.paymentDate))
    throw new MappingError('paymentDate', `"${p.paymentDate}" is not a YYYY-MM-DD date`);
  if (!p.amount.gt(0)) throw new MappingError('amount', 'a payment amount must be greater than zero');
  const out: WirePayment = {
    invoice,
    account: { code: p.accountCode },
    date: p.paymentDate,
    amount: moneyToWire(p.amount, 'amount', 2),
  };
  if (blank(p.reference)) out.reference = p.reference as string;
  return out;
}

export interface WireItemDetails {
  unitPrice?: number;
  accountCode?: string;
  taxType?: string;
}

export interface WireItem {
  itemID?: string;
  code: string;
  name?: string;
  description?: string;
  salesDetails?: WireItemDetails;
  purchaseDetails?: WireItemDetails;
}

/**
 * An item as Xero's (POST /Items, unitdp=4). Code is the NAV No. and the natural key. Xero has no
 * unit of measure, no blocked state and no service/non-inventory distinction, and tracks inventory
 * only with inventory and COGS accounts the draft does not carry: those are not sent (an item reads
 * back as NON_INVENTORY, not blocked). The one tax code is the sales tax type. A null leaves Xero's
 * value as it is. Over-long Code/Name/Description and prices with more than 4 decimals are refused.
 */
export function itemToWire(d: ItemDraft, externalId?: string): WireItem {
  const code = d.number.trim();
  if (!code) throw new MappingError('number', 'an item needs its number (Xero Code)');
  const out: WireItem = { code: limited(code, 'number', XERO_ITEM_CODE_MAX, 'Item code') };
  if (externalId) out.itemID = externalId;
  if (blank(d.name)) out.name = limited(d.name, 'name', XERO_ITEM_NAME_MAX, 'Item name');
  if (blank(d.description))
    out.description = limited(
      d.description as string,
      'description',
      XERO_ITEM_DESCRIPTION_MAX,
      'Item description',
    );
  const sales: WireItemDetails = {};
  if (d.unitPrice) sales.unitPrice = moneyToWire(d.unitPrice, 'unitPrice', 4);
  if (d.salesAccountCode) sales.accountCode = d.salesAccountCode;
  if (d.taxCode) sales.taxType = d.taxCode;
  if (Object.keys(sales).length) out.salesDetails = sales;
  const purchase: WireItemDetails = {};
  if (d.unitCost) purchase.unitPrice = moneyToWire(d.unitCost, 'unitCost', 4);
  if (d.purchaseAccountCode) purchase.accountCode = d.purchaseAccountCode;
  if (Object.keys(purchase).length) out.purchaseDetails = purchase;
  return out;
}

export type XeroTrackingStatus = 'ACTIVE' | 'ARCHIVED';

export interface WireTrackingCategory {
  name?: string;
  status?: XeroTrackingStatus;
}

export interface WireTrackingOption {
  name?: string;
  status?: XeroTrackingStatus;
}

export interface WireDimension {
  category: { name: string; status: XeroTrackingStatus };
  options: { name: string; status: XeroTrackingStatus; externalId?: string }[];
}

/**
 * A dimension as Xero's tracking category and options. Xero keeps names only: the dimension's code
 * is the category's Name and each value's code an option's Name (the lookup tables translate NAV's
 * codes to these names, as they do for invoice lines). Blocked means ARCHIVED. Names longer than
 * 100 characters and two values with one name (Xero compares names ignoring case) are refused.
 */
export function dimensionToWire(d: DimensionDraft): WireDimension {
  const name = limited(d.code.trim(), 'code', XERO_TRACKING_NAME_MAX, 'Tracking category name');
  if (!name) throw new MappingError('code', 'a dimension needs its code (the Xero tracking category name)');
  const seen = new Set<string>();
  const options = d.values.map((v, i) => {
    const option = limited(v.code.trim(), `values.${i}.code`, XERO_TRACKING_NAME_MAX, 'Tracking option name');
    if (!option)
      throw new MappingError(`values.${i}.code`, 'a dimension value needs its code (the option name)');
    if (seen.has(option.toLowerCase()))
      throw new MappingError(`values.${i}.code`, `two values are named "${option}" (Xero ignores case)`);
    seen.add(option.toLowerCase());
    return {
      name: option,
      status: v.blocked ? ('ARCHIVED' as const) : ('ACTIVE' as const),
      ...(v.externalId ? { externalId: v.externalId } : {}),
    };
  });
  return { category: { name, status: d.blocked ? 'ARCHIVED' : 'ACTIVE' }, options };
}
