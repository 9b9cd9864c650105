// G/L entries as NAV writes them: one transaction's entries, refused unless they balance to the
// cent, on open (unblocked) accounts; a posting buffer summing drafts per account and dimensions.
import { round2, sum, type Decimal } from '../decimal.js';
import { errors } from '../errors.js';
import { tracked, type GLEntry, type GLSourceType, type LedgerDocType, type NavState } from '../state.js';

export interface GLDraft {
  accountNo: string;
  amount: Decimal;
  vatAmount: Decimal;
  description: string;
  sourceType: GLSourceType;
  sourceNo: string;
  dimensions: Record<string, string>;
}

function requireAccount(state: NavState, no: string): void {
  const acc = state.account(no);
  if (!acc) throw errors.recordNotFound('G/L Account', `No.='${no}'`);
  if (acc.blocked)
    throw errors.fieldValidation(
      `Blocked must be equal to 'No'  in G/L Account: No.=${no}. Current value is 'Yes'.`,
    );
}

/** Writes G/L entries of one transaction, refusing anything that does not balance to the cent. */
export function writeGL(
  state: NavState,
  drafts: GLDraft[],
  postingDate: string,
  documentType: LedgerDocType,
  documentNo: string,
  factor?: Decimal,
  /** Adjusts the drafts once in LCY (a payment's realised exchange difference). */
  inLcy: (lcy: GLDraft[]) => GLDraft[] = (lcy) => lcy,
): GLEntry[] {
  const unbalanced = (total: Decimal) =>
    errors.dialog(
      `The transaction cannot be completed because it will cause inconsistencies in the G/L Entry table. Document No. ${documentNo} is out of balance by ${total.toFixed(2)}.`,
    );
  const total = sum(drafts.map((d) => d.amount));
  if (!total.isZero()) throw unbalanced(total);
  const lcy = inLcy(inLocalCurrency(drafts, factor));
  const lcyTotal = sum(lcy.map((d) => d.amount));
  if (!lcyTotal.isZero()) throw unbalanced(lcyTotal);
  for (const d of lcy) requireAccount(state, d.accountNo);
  const transactionNo = ++state.lastTransactionNo;
  const written: GLEntry[] = [];
  for (const d of lcy) {
    if (d.amount.isZero() && d.vatAmount.isZero()) continue;
    const entry: GLEntry = tracked(state.track(), {
      entryNo: state.nextEntryNo(state.glEntries),
      postingDate,
      documentType,
      documentNo,
      accountNo: d.accountNo,
      description: d.description,
      amount: d.amount,
      vatAmount: d.vatAmount,
      sourceType: d.sourceType,
      sourceNo: d.sourceNo,
      transactionNo,
      dimensions: d.dimensions,
    });
    state.glEntries.push(entry);
    written.push(entry);
  }
  return written;
}

/**
 * The G/L is kept in LCY: a foreign transaction's amounts are divided by its Currency Factor and
 * rounded to the cent, the first draft (the receivable, payable or party side) being the total
 * converted on its own, and the largest other line takes the rounding so the transaction balances.
 * A payment applied to a foreign invoice is then cleared at the invoice's factor, the difference
 * realised (posting/apply.ts).
 */
function inLocalCurrency(drafts: GLDraft[], factor: Decimal | undefined): GLDraft[] {
  if (!factor || factor.isZero() || factor.eq(1)) return drafts;
  const out = drafts.map((d) => ({
    ...d,
    amount: round2(d.amount.div(factor)),
    vatAmount: round2(d.vatAmount.div(factor)),
  }));
  const residual = sum(out.map((d) => d.amount));
  // The party side stays the total converted on its own; the largest other line takes the cent.
  const largest = out
    .slice(1)
    .reduce<GLDraft | undefined>((m, d) => (!m || d.amount.abs().gt(m.amount.abs()) ? d : m), undefined);
  const taker = largest ?? out[0];
  if (taker && !residual.isZero()) taker.amount = taker.amount.minus(residual);
  return out;
}

/** Adds to the draft for (account, dimensions), like NAV's invoice posting buffer. */
export function addToBuffer(buffer: GLDraft[], draft: GLDraft): void {
  const key = JSON.stringify(draft.dimensions);
  const hit = buffer.find(
    (b) =>
      b.accountNo === draft.accountNo &&
      JSON.stringify(b.dimensions) === key &&
      b.sourceNo === draft.sourceNo,
  );
  if (hit) {
    hit.amount = hit.amount.plus(draft.amount);
    hit.vatAmount = hit.vatAmount.plus(draft.vatAmount);
  } else buffer.push({ ...draft });
}
