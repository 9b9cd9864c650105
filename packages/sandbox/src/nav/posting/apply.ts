// Applying a payment to the open invoice it names, as NAV does in a foreign currency: the payment
// is posted at its own Currency Factor, the invoice is cleared at the factor it was posted at, and
// the difference in LCY is a realised gain (a credit) or loss (a debit) on the accounts the
// Currency table names. A customer paying more LCY than was booked is a gain; a vendor paid more is
// a loss — the sign of the difference says which, on either side.
import { Decimal } from '../decimal.js';
import { errors, NavError } from '../errors.js';
import { toLcy } from '../currency-factor.js';
import type { LedgerDocType, NavState, PartyLedgerEntry } from '../state.js';
import type { GLDraft } from './gl.js';

export interface Application {
  target: PartyLedgerEntry;
  payment: PartyLedgerEntry;
  /** Index of the payment's party draft in the transaction's G/L drafts. */
  draftIndex: number;
  /** The part of the payment the invoice took, signed as the payment. */
  applied: Decimal;
  /** What clearing it takes off the invoice's Remaining Amt. (LCY), signed as the payment. */
  clearedLcy: Decimal;
  /** Puts the invoice entry back as it was, if the transaction fails. */
  undo: () => void;
}

type Saved = Pick<
  PartyLedgerEntry,
  'remaining' | 'remainingLcy' | 'open' | 'closedByEntryNo' | 'rev' | 'modifiedAt'
>;

function saved(t: PartyLedgerEntry): () => void {
  const before: Saved = {
    remaining: t.remaining,
    remainingLcy: t.remainingLcy,
    open: t.open,
    closedByEntryNo: t.closedByEntryNo,
    rev: t.rev,
    modifiedAt: t.modifiedAt,
  };
  return () => Object.assign(t, before);
}

/** Applies a new payment entry to the open invoice entry it names (Applies-to Doc. No.). */
export function applyPayment(
  entries: readonly PartyLedgerEntry[],
  payment: PartyLedgerEntry,
  draftIndex: number,
  docType: LedgerDocType,
  docNo: string,
  table: string,
): Application {
  const target = entries.find((e) => e.documentType === docType && e.documentNo === docNo && e.open);
  if (!target) {
    throw new NavError(
      400,
      'Internal_dataNotFoundFilter',
      `There is no ${table} within the filter. Filters: Document Type: ${docType}, Document No.: ${docNo}, Open: Yes`,
    );
  }
  // Amounts have opposite signs; apply the smaller absolute value.
  const amount = Decimal.min(target.remaining.abs(), payment.remaining.abs());
  const sign = target.remaining.isPositive() ? 1 : -1;
  const closes = amount.eq(target.remaining.abs());
  // Closing the invoice clears all its LCY left; a part of it, at the invoice's own factor.
  const clearedLcy = closes ? target.remainingLcy : toLcy(amount, target.currencyFactor).times(sign);
  const undo = saved(target);
  target.remaining = target.remaining.minus(amount.times(sign));
  target.remainingLcy = closes ? new Decimal(0) : target.remainingLcy.minus(clearedLcy);
  payment.remaining = payment.remaining.plus(amount.times(sign));
  payment.remainingLcy = toLcy(payment.remaining, payment.currencyFactor);
  if (target.remaining.isZero()) {
    target.open = false;
    target.closedByEntryNo = payment.entryNo;
  }
  if (payment.remaining.isZero()) {
    payment.open = false;
    payment.closedByEntryNo = target.entryNo;
  }
  target.rev += 1;
  target.modifiedAt = payment.modifiedAt;
  return { target, payment, draftIndex, applied: amount.times(-sign), clearedLcy: clearedLcy.neg(), undo };
}

/**
 * The transaction's drafts in LCY with each application's party side at the invoice's factor (the
 * part it did not take stays at the payment's) and the difference on the currency's realised gains
 * or losses account.
 */
export function realise(state: NavState, lcy: GLDraft[], apps: readonly Application[]): GLDraft[] {
  const out = lcy.map((d) => ({ ...d }));
  for (const app of apps) {
    const party = out[app.draftIndex];
    if (!party) continue;
    const rest = app.payment.amount.minus(app.applied);
    const atInvoice = app.clearedLcy.plus(toLcy(rest, app.payment.currencyFactor));
    const difference = party.amount.minus(atInvoice);
    if (difference.isZero()) continue;
    party.amount = atInvoice;
    const gain = difference.isNegative();
    out.push({
      ...party,
      accountNo: realisedAccount(state, app.target.currency, gain),
      amount: difference,
      vatAmount: new Decimal(0),
      description: gain ? 'Realized gain' : 'Realized loss',
    });
  }
  return out;
}

function realisedAccount(state: NavState, code: string, gain: boolean): string {
  const currency = state.currency(code);
  const field = gain ? 'Realized Gains Acc.' : 'Realized Losses Acc.';
  const no = gain ? currency?.realizedGainsAcc : currency?.realizedLossesAcc;
  if (!currency) throw errors.recordNotFound('Currency', `Code='${code}'`);
  if (!no)
    throw errors.fieldValidation(
      `${field} must have a value in Currency: Code=${code}. It cannot be zero or empty.`,
    );
  return no;
}
