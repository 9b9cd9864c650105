// What a payment is checked against before anything is written: the posted invoice or bill it
// pays (found by id, else by number), the amount the bill still owes and its vendor; and, in BC,
// whether an earlier attempt's payment can be proved never posted.
import { Decimal } from 'decimal.js';
import type { DocumentDraft, PaymentDraft, RemoteRecord, RemoteRef } from '../system.js';
import { ConnectorError } from '../errors.js';
import { writeSource, type NavContext } from './context.js';
import { findBy, getMany, getOne } from './reads.js';

/** The posted invoice or bill a payment names (by id, else by number), or null. */
async function paidDocument(
  cx: NavContext,
  kind: 'invoice' | 'bill',
  ref: RemoteRef,
): Promise<RemoteRecord | null> {
  if (cx.nav) {
    for (const id of new Set([ref.externalId, ref.number])) {
      if (!id) continue;
      const hit = (await getMany(cx, kind, [id])).get(id);
      if (hit) return hit;
    }
    return null;
  }
  const s = writeSource(cx, kind);
  if (ref.externalId) {
    const hit = (await getOne(cx, s, ref.externalId))?.record ?? null;
    if (hit) return hit;
  }
  return ref.number ? findBy(cx, s, { number: ref.number }) : null;
}

/** The bill a vendor payment names; `validation` (PaymentDocumentNotFound) when there is none. */
export async function billPaid(cx: NavContext, draft: PaymentDraft): Promise<RemoteRecord> {
  const ref = draft.document;
  const name = ref.number ?? ref.externalId ?? '';
  const bill = name ? await paidDocument(cx, 'bill', ref) : null;
  if (bill) return bill;
  throw paymentRefused(
    'PaymentDocumentNotFound',
    'document',
    `bill ${name || '(none named)'} was not found in NAV/BC`,
  );
}

/**
 * A vendor payment checked against its bill before anything is written: the amount must be
 * positive, the bill posted and not cancelled, owed to the payment's vendor (taken from the bill
 * when the draft names none) and still owe at least the amount. BC does not publish a bill's
 * remaining amount: there the amount may not exceed the bill's total, and a bill BC reports Paid
 * owes nothing. Returns the payment applied to the posted bill (NAV: its No.; BC: its id).
 */
export function payable(cx: NavContext, draft: PaymentDraft, bill: RemoteRecord): PaymentDraft {
  const doc = bill.data as DocumentDraft;
  if (draft.amount.lte(0))
    throw paymentRefused(
      'PaymentAmountInvalid',
      'amount',
      `a payment amount must be positive (got ${draft.amount.toFixed()})`,
    );
  if (doc.status === 'DRAFT' || doc.status === 'VOIDED')
    throw paymentRefused(
      'PaymentDocumentNotPosted',
      'document',
      `bill ${doc.number} is ${doc.status === 'DRAFT' ? 'not posted' : 'cancelled'}: only a posted bill can be paid`,
    );
  const vendor = doc.party;
  const party = draft.party;
  const otherVendor =
    (party?.number && vendor.number && party.number !== vendor.number) ||
    (!cx.nav && party?.externalId && vendor.externalId && party.externalId !== vendor.externalId);
  if (otherVendor)
    throw paymentRefused(
      'PaymentPartyMismatch',
      'party',
      `bill ${doc.number} is owed to vendor ${vendor.number ?? vendor.externalId ?? '?'}, not ${party?.number ?? party?.externalId ?? '?'}`,
    );
  const due = doc.status === 'PAID' ? new Decimal(0) : doc.amountDue;
  if (draft.amount.gt(due))
    throw paymentRefused(
      'PaymentExceedsAmountDue',
      'amount',
      `a payment of ${draft.amount.toFixed(2)} exceeds the ${due.toFixed(2)} still owed on bill ${doc.number}`,
    );
  return {
    ...draft,
    party: party?.number || party?.externalId ? party : vendor,
    document: { number: bill.externalNumber ?? doc.number, externalId: bill.externalId },
  };
}

/**
 * BC: a payment line applied to an invoice reduces the invoice's remaining amount when posted.
 * An invoice still owing its full total has had no payment posted against it, ours included;
 * anything else cannot be told apart from our own payment having been posted already.
 */
export async function assertBcInvoiceUnpaid(
  cx: NavContext,
  payment: PaymentDraft,
  extDoc: string,
): Promise<void> {
  const invoice = await paidDocument(cx, 'invoice', payment.document);
  const doc = invoice?.data as DocumentDraft | undefined;
  if (doc && doc.status !== 'DRAFT' && doc.amountDue.eq(doc.total) && !doc.total.isZero()) return;
  throw unverifiable(extDoc, 'customer');
}

/**
 * BC: API v2.0 shows a bill's status (Open / Paid) but not its remaining amount. A payment of the
 * bill's whole total would have made it Paid once posted, so an Open bill proves such a payment
 * was never posted; a part payment cannot be told apart from ours posted already.
 */
export function assertBcBillUnpaid(payment: PaymentDraft, bill: RemoteRecord, extDoc: string): void {
  const doc = bill.data as DocumentDraft;
  if (doc.status === 'POSTED' && payment.amount.gte(doc.total) && !doc.total.isZero()) return;
  throw unverifiable(extDoc, 'vendor');
}

function paymentRefused(code: string, field: string, message: string): ConnectorError {
  return new ConnectorError('validation', message, {
    system: 'NAV',
    code,
    fieldErrors: [{ field, message }],
  });
}

function unverifiable(extDoc: string, party: 'customer' | 'vendor'): ConnectorError {
  return new ConnectorError(
    'validation',
    `cannot tell whether payment ${extDoc} already reached Business Central: it is not in the payment ` +
      `journal, and API v2.0 cannot search posted payments. Check the ${party} ledger entries for ` +
      `External Document No. ${extDoc}; record the payment in BC by hand if it is missing.`,
    {
      system: 'NAV',
      code: 'PaymentOutcomeUnverifiable',
      fieldErrors: [{ field: '', message: 'outcome of an earlier attempt cannot be verified' }],
    },
  );
}
