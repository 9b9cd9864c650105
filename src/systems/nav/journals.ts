// Payment journals, where a payment is written before it is posted. NAV: a cash receipt / payment
// journal line, posted with the bound action and then found as a customer / vendor ledger entry.
// BC: a customerPayments / vendorPayments line, which API v2.0 cannot post (a BC user does).
import type { PaymentDraft } from '../system.js';
import { ConnectorError } from '../errors.js';
import type { NavContext } from './context.js';
import { bcPaymentToWire } from './mapper-bc.js';
import { str } from './mapper-common.js';
import { navPaymentToJournalLine } from './mapper-nav.js';
import { keyPredicate, queryString, segment } from './odata.js';
import type { PaymentDirection } from './options.js';
import { PAYMENT_ENTRY_SELECT, PAYMENT_SIDES } from './payment-sides.js';
import { RawNavApplication, RawNavJournalLine } from './raw.js';
import { toConnectorError } from './write-errors.js';

/**
 * A posted payment (NAV customer or vendor ledger entry) or a payment journal line awaiting
 * posting (BC, or NAV with posting disabled).
 */
export interface PaymentResult {
  posted: boolean;
  created: boolean;
  externalId: string;
  documentNumber: string | null;
}

/** NAV: the posted payment (customer / vendor ledger entry of type Payment) carrying our key. */
export async function findPostedPayment(
  cx: NavContext,
  direction: PaymentDirection,
  extDoc: string,
): Promise<PaymentResult | null> {
  const side = PAYMENT_SIDES[direction];
  const rows = await cx.http.all(
    `${cx.root()}${segment(cx.serviceName(side.ledger))}${queryString({
      filter: { External_Document_No: extDoc, Document_Type: 'Payment' },
      select: PAYMENT_ENTRY_SELECT,
    })}`,
  );
  const entry = rows[0] ? RawNavApplication.parse(rows[0]) : null;
  return entry
    ? {
        posted: true,
        created: false,
        externalId: `${side.idPrefix}${entry.Entry_No}`,
        documentNumber: entry.Document_No,
      }
    : null;
}

function journalUrl(cx: NavContext, direction: PaymentDirection): string {
  return `${cx.root()}${segment(cx.serviceName(PAYMENT_SIDES[direction].journal))}`;
}

/** NAV: our line still waiting in the cash receipt / payment journal, found by its key. */
export async function findJournalLine(
  cx: NavContext,
  direction: PaymentDirection,
  extDoc: string,
): Promise<RawNavJournalLine | null> {
  const rows = await cx.http.all(
    `${journalUrl(cx, direction)}${queryString({ filter: { External_Document_No: extDoc } })}`,
  );
  return rows[0] ? RawNavJournalLine.parse(rows[0]) : null;
}

function journalLineUrl(cx: NavContext, direction: PaymentDirection, line: RawNavJournalLine): string {
  return `${journalUrl(cx, direction)}${keyPredicate([
    ['Journal_Template_Name', line.Journal_Template_Name],
    ['Journal_Batch_Name', line.Journal_Batch_Name],
    ['Line_No', line.Line_No],
  ])}`;
}

/** Removes our journal line (best effort): posting posts the whole batch, a refused line blocks it. */
export async function deleteJournalLine(
  cx: NavContext,
  direction: PaymentDirection,
  line: RawNavJournalLine,
): Promise<void> {
  await cx.http
    .request('DELETE', journalLineUrl(cx, direction, line), { ifMatch: line['@odata.etag'] ?? '*' })
    .catch(() => undefined);
}

/**
 * NAV: writes the payment's journal line (unless `line`, ours from an earlier attempt, is there)
 * and posts it. After an unknown outcome the line or the posted entry is looked up by our key.
 * If NAV refuses to post, our line is removed, so it does not block the batch for later payments.
 */
export async function navJournalPayment(
  cx: NavContext,
  payment: PaymentDraft,
  extDoc: string,
  line: RawNavJournalLine | null,
): Promise<PaymentResult> {
  const direction = payment.direction;
  const journal = journalUrl(cx, direction);
  line ??= await findJournalLine(cx, direction, extDoc);
  const written = !line;
  if (!line) {
    try {
      const res = await cx.http.request('POST', journal, {
        body: navPaymentToJournalLine(payment, extDoc, null, cx.options.localCurrency),
      });
      line = RawNavJournalLine.parse(res.data);
    } catch (err) {
      if (!(err instanceof ConnectorError && err.kind === 'unknown-outcome')) throw err;
      line = await findJournalLine(cx, direction, extDoc);
      if (!line) throw err;
    }
  }
  const action = cx.postAction;
  if (!action)
    return {
      posted: false,
      created: written,
      externalId: `${line.Journal_Batch_Name}/${line.Line_No}`,
      documentNumber: line.Document_No ?? null,
    };
  try {
    await cx.http.request('POST', `${journalLineUrl(cx, direction, line)}/${action}`, {});
  } catch (err) {
    const ce = toConnectorError(err);
    if (ce.kind !== 'unknown-outcome') {
      // Another writer may have posted the batch, ours included (our line is then gone: 404).
      const posted = await findPostedPayment(cx, direction, extDoc);
      if (posted) return { ...posted, created: true };
      if (ce.kind === 'validation') await deleteJournalLine(cx, direction, line);
      throw ce;
    }
  }
  const posted = await findPostedPayment(cx, direction, extDoc);
  if (!posted)
    throw new ConnectorError('unknown-outcome', 'the payment journal line was not found posted', {
      system: 'NAV',
    });
  return { ...posted, created: true };
}

/**
 * BC: finds our line in the customer / vendor payment journal by its key, else creates it
 * (`beforeCreate` first: the checks that must pass before a line is written). An unknown outcome
 * of the create is settled by looking again.
 */
export async function bcJournalPayment(
  cx: NavContext,
  payment: PaymentDraft,
  extDoc: string,
  beforeCreate: () => Promise<PaymentDraft | void>,
): Promise<PaymentResult> {
  const side = PAYMENT_SIDES[payment.direction];
  const code = 'GENERAL';
  const set = cx.serviceName(side.bcJournal);
  const journals = await cx.http.all(
    `${cx.root()}${segment(set)}${queryString({ filter: { code }, select: ['id', 'code'] })}`,
  );
  const journalId = str((journals[0] as { id?: unknown } | undefined)?.id);
  if (!journalId)
    throw new ConnectorError('validation', `${side.party} payment journal ${code} not found`, {
      system: 'NAV',
    });
  const lines = `${cx.root()}${segment(set)}(${journalId})/${side.bcLines}`;
  const find = async () => {
    const rows = await cx.http.all(`${lines}${queryString({ filter: { externalDocumentNumber: extDoc } })}`);
    return rows[0] as { id?: unknown; documentNumber?: unknown } | undefined;
  };
  let row = await find();
  let created = false;
  if (!row) {
    // Once a BC user posts the journal the line is gone, and API v2.0 has no posted payments to
    // look in: after an unknown outcome only the document paid can prove it unpaid.
    const body = bcPaymentToWire((await beforeCreate()) ?? payment, extDoc);
    for (let attempt = 1; ; attempt += 1) {
      try {
        row = (await cx.http.request('POST', lines, { body })).data as typeof row;
        created = true;
        break;
      } catch (err) {
        if (!(err instanceof ConnectorError && err.kind === 'unknown-outcome')) throw err;
        row = await find();
        if (row) {
          created = true;
          break;
        }
        // Just seen absent from the journal (and not posted in that instant): try once more.
        if (attempt >= 2) throw err;
      }
    }
  }
  return {
    posted: false,
    created,
    externalId: str(row?.id),
    documentNumber: str(row?.documentNumber) || null,
  };
}
