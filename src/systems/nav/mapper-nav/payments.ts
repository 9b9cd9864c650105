// NAV payments: posted ones read from the customer / vendor ledger entries, new ones written as
// cash receipt / payment journal lines. Pure functions.
import { Decimal } from 'decimal.js';
import type { PaymentDraft, RemoteRecord, RemoteRef } from '../../system.js';
import {
  blankToNull,
  currencyOf,
  dateOrNull,
  encodeOption,
  factorToWire,
  navCurrency,
} from '../mapper-common.js';
import type { RawNavCustLedgerEntry, RawNavVendLedgerEntry } from '../raw.js';
import type { NavMapContext } from './fields.js';

/** externalId prefix of a vendor payment (a vendor ledger entry), so it never equals a customer entry's No. */
export const VENDOR_PAYMENT_PREFIX = 'vendor:';

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
  localCurrency?: string,
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
  // A foreign payment with its own rate: the line's currency (as applying it would copy) and factor.
  if (localCurrency && payment.currency !== localCurrency && payment.currencyRate) {
    out.Currency_Code = navCurrency(payment.currency, localCurrency);
    Object.assign(out, factorToWire(payment, localCurrency));
  }
  if (payment.reference) out.Description = payment.reference.slice(0, 50);
  if (payment.accountCode) {
    out.Bal_Account_Type = encodeOption('G/L Account');
    out.Bal_Account_No = payment.accountCode;
  }
  return out;
}
