// Xero invoices ⇄ invoice and bill drafts, with their lines. ACCREC invoices: InvoiceNumber is the
// document number; ACCPAY bills: Reference holds our (NAV) document number, InvoiceNumber the
// vendor's number. A line's tracking (category name → option name) is its dimensions (code → value
// code). Totals are read, never sent: Xero computes them.
import type { DocumentDraft, LineDraft, RemoteRecord } from '../system.js';
import {
  accountingDate,
  blank,
  decimalFromWire,
  decimalToWire,
  instant,
  MappingError,
  versionOf,
} from './mapper-common.js';
import type { RawInvoice, RawLineItem } from './raw.js';

// ---------- line amount types and statuses ----------

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
