// Xero payments ⇄ payment drafts. A payment belongs to one invoice or bill, which gives it its
// direction, currency and party; Xero creates payments and otherwise only deletes them.
import type { PaymentDraft, RemoteRecord } from '../system.js';
import {
  accountingDate,
  blank,
  decimalFromWire,
  instant,
  MappingError,
  moneyToWire,
  versionOf,
} from './mapper-common.js';
import type { RawPayment } from './raw.js';

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
    // Foreign per 1 base, the rate Xero applied (its XE.com day rate when none was sent).
    currencyRate:
      p.currencyRate === null || p.currencyRate === undefined ? null : decimalFromWire(p.currencyRate),
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

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export interface WirePayment {
  /** The invoice or bill paid: by InvoiceID, or (sales invoices) by InvoiceNumber. */
  invoice: { invoiceID: string } | { invoiceNumber: string };
  /** The bank account (or an account with payments enabled), by code. */
  account: { code: string };
  date: string;
  amount: number;
  /** Foreign per 1 base unit; only for a foreign-currency document (Xero: max [18].[6]). */
  currencyRate?: number;
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
  if (p.currencyRate) out.currencyRate = moneyToWire(p.currencyRate, 'currencyRate', 6);
  return out;
}
