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
} from '../connector.js';
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
