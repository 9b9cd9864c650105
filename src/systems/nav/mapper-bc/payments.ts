// BC payments: a customerPayments / vendorPayments journal line, the only payment API v2.0 can
// write. Pure functions.
import type { PaymentDraft } from '../../system.js';

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
