// Payments: writeMany('payment') and recordPayment. A customer payment is applied to a posted sales
// invoice, a vendor payment to a posted bill (checked against it first); our idempotency key is the
// External Document No., so a repeat finds the earlier payment instead of paying twice.
import type { PaymentDraft, RemoteRecord, WriteRequest } from '../system.js';
import { ConnectorError } from '../errors.js';
import type { NavContext } from './context.js';
import {
  bcJournalPayment,
  deleteJournalLine,
  findJournalLine,
  findPostedPayment,
  navJournalPayment,
  type PaymentResult,
} from './journals.js';
import { assertBcBillUnpaid, assertBcInvoiceUnpaid, billPaid, payable } from './payment-checks.js';
import { getMany } from './reads.js';

export interface RecordPaymentOptions {
  /**
   * An earlier attempt may have reached the system. NAV always looks the payment up; BC cannot
   * find a posted payment, so it then refuses to create one unless the invoice or bill proves it
   * unpaid.
   */
  outcomeUnknown?: boolean;
}

/**
 * writeMany('payment'): a new payment goes through `recordPayment` (the request's idempotency
 * key is its External Document No., so a repeat finds the earlier payment); a linked payment is
 * immutable once posted, so an update that changes it is a conflict.
 */
export async function writePayment(
  cx: NavContext,
  req: WriteRequest<'payment'>,
): Promise<{ created: boolean; record: RemoteRecord }> {
  if (req.externalId) return paymentUnchanged(cx, req);
  const uncertain = req.outcomeUnknown === true || cx.uncertain.has(req.idempotencyKey);
  let recorded: { result: PaymentResult; payment: PaymentDraft };
  try {
    recorded = await recordPayment(cx, req.data, req.idempotencyKey, { outcomeUnknown: uncertain });
  } catch (err) {
    if (err instanceof ConnectorError && err.kind === 'unknown-outcome') cx.uncertain.add(req.idempotencyKey);
    throw err;
  }
  cx.uncertain.delete(req.idempotencyKey);
  const { result, payment } = recorded;
  if (cx.nav && result.posted) {
    const record = (await getMany(cx, 'payment', [result.externalId])).get(result.externalId);
    if (!record)
      throw new ConnectorError(
        'unknown-outcome',
        `payment entry ${result.externalId} could not be read back`,
        {
          system: 'NAV',
        },
      );
    return { created: result.created, record };
  }
  // Awaiting posting (BC journal line, or NAV with posting disabled): the line is the record.
  return {
    created: result.created,
    record: {
      externalId: result.externalId,
      externalNumber: result.documentNumber,
      version: null,
      remoteUpdatedAt: null,
      active: true,
      data: { ...payment, status: 'AUTHORISED' },
    },
  };
}

/** The payment's customer, from the invoice it pays when the draft does not name it. */
async function withPaymentParty(cx: NavContext, payment: PaymentDraft): Promise<PaymentDraft> {
  const party = payment.party;
  if (party?.number || (!cx.nav && party?.externalId)) return payment;
  const invoiceId = payment.document.externalId ?? payment.document.number;
  if (!invoiceId || payment.direction !== 'RECEIVED') return payment;
  const invoice = (await getMany(cx, 'invoice', [invoiceId])).get(invoiceId);
  const customer = invoice?.data.party;
  return customer ? { ...payment, party: customer } : payment;
}

async function paymentUnchanged(
  cx: NavContext,
  req: WriteRequest<'payment'>,
): Promise<{ created: boolean; record: RemoteRecord }> {
  const id = req.externalId!;
  const draft = req.data;
  const current = cx.nav ? (await getMany(cx, 'payment', [id])).get(id) : undefined;
  const same =
    current !== undefined &&
    draft.status !== 'DELETED' &&
    current.data.direction === draft.direction &&
    current.data.amount.eq(draft.amount) &&
    current.data.paymentDate === draft.paymentDate &&
    (!draft.document.number ||
      !current.data.document.number ||
      draft.document.number === current.data.document.number);
  if (same) return { created: false, record: current };
  throw new ConnectorError(
    'conflict',
    current || !cx.nav
      ? `payment ${id} is posted and can no longer be changed (reverse it in NAV/BC and record a new one)`
      : `payment ${id} was not found among posted payments`,
    { system: 'NAV', code: 'NotEditable', ...(current ? { upstream: current } : {}) },
  );
}

/** Records a payment (see NavConnector.recordPayment), also giving it as written (with the party taken from its document). */
export async function recordPayment(
  cx: NavContext,
  draft: PaymentDraft,
  idempotencyKey: string,
  options: RecordPaymentOptions,
): Promise<{ result: PaymentResult; payment: PaymentDraft }> {
  if (!cx.payments.includes(draft.direction)) {
    const kind = draft.direction === 'MADE' ? 'vendor payments (MADE)' : 'customer payments (RECEIVED)';
    throw new ConnectorError('validation', `${kind} are not enabled for this NAV/BC connection`, {
      system: 'NAV',
      code: 'PaymentKindDisabled',
      fieldErrors: [{ field: 'direction', message: `${kind} are left out by the payments option` }],
    });
  }
  const extDoc = idempotencyKey.slice(0, 35);
  const uncertain = options.outcomeUnknown === true;
  if (draft.direction === 'RECEIVED') {
    const payment = await withPaymentParty(cx, draft);
    const result = cx.nav
      ? ((await findPostedPayment(cx, 'RECEIVED', extDoc)) ??
        (await navJournalPayment(cx, payment, extDoc, null)))
      : await bcJournalPayment(cx, payment, extDoc, async () => {
          if (uncertain) await assertBcInvoiceUnpaid(cx, payment, extDoc);
        });
    return { result, payment };
  }
  if (cx.nav) {
    // Look first, whatever the caller says: NAV can search its vendor ledger, so a retry never pays twice.
    const posted = await findPostedPayment(cx, 'MADE', extDoc);
    if (posted) return { result: posted, payment: draft };
    const line = await findJournalLine(cx, 'MADE', extDoc);
    let payment: PaymentDraft;
    try {
      payment = payable(cx, draft, await billPaid(cx, draft));
    } catch (err) {
      // Our line from an earlier attempt would only block the batch: it will not be posted now.
      if (line && err instanceof ConnectorError && err.kind === 'validation')
        await deleteJournalLine(cx, 'MADE', line);
      throw err;
    }
    return { result: await navJournalPayment(cx, payment, extDoc, line), payment };
  }
  let payment = draft;
  const result = await bcJournalPayment(cx, draft, extDoc, async () => {
    const bill = await billPaid(cx, draft);
    // Unverifiable first: a Paid bill may be our own payment, posted by a BC user meanwhile.
    if (uncertain) assertBcBillUnpaid(draft, bill, extDoc);
    payment = payable(cx, draft, bill);
    return payment;
  });
  return { result, payment };
}
