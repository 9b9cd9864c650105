// Journal posting as NAV does it: lines grouped by document, each document balanced, customer and
// vendor lines writing ledger entries, and payments applied to the open invoices they name (apply.ts).
import { Decimal, ZERO, sum } from '../decimal.js';
import { errors, NavError } from '../errors.js';
import {
  tracked,
  type GLSourceType,
  type GLEntry,
  type JnlAccountType,
  type JournalLine,
  type JournalTemplate,
  type NavState,
  type PartyLedgerEntry,
} from '../state.js';
import { writeGL, type GLDraft } from './gl.js';
import { applyPayment, realise, type Application } from './apply.js';
import { factorOf, toLcy } from '../currency-factor.js';

function sideAccount(
  state: NavState,
  type: JnlAccountType,
  no: string,
): { glNo: string; source: GLSourceType } {
  switch (type) {
    case 'G/L Account':
      return { glNo: no, source: '' };
    case 'Bank Account':
      // Bank accounts are the company's bank G/L accounts in this sandbox (no Bank Account table).
      return { glNo: no, source: 'Bank Account' };
    case 'Customer':
      if (!state.customer(no)) throw errors.recordNotFound('Customer', `No.='${no}'`);
      return { glNo: state.postingSetup.receivablesAccountNo, source: 'Customer' };
    case 'Vendor':
      if (!state.vendor(no)) throw errors.recordNotFound('Vendor', `No.='${no}'`);
      return { glNo: state.postingSetup.payablesAccountNo, source: 'Vendor' };
  }
}

const ledgerOf = (accountType: JnlAccountType): 'customer' | 'vendor' =>
  accountType === 'Customer' ? 'customer' : 'vendor';

export interface JournalPostResult {
  glEntries: GLEntry[];
  lines: number;
}

/** Posts journal lines (one batch, or given lines), checking each document balances. */
export function postJournalLines(
  state: NavState,
  lines: JournalLine[],
  modifiedAt?: number,
): JournalPostResult {
  if (lines.length === 0) throw errors.dialog('There is nothing to post.');
  const byDoc = new Map<string, JournalLine[]>();
  for (const l of lines) {
    if (!l.postingDate)
      throw errors.fieldValidation(
        `Posting Date must have a value in Gen. Journal Line: Journal Template Name=${l.template}, Journal Batch Name=${l.batch}, Line No.=${l.lineNo}. It cannot be zero or empty.`,
      );
    if (!l.documentNo)
      throw errors.fieldValidation(
        `Document No. must have a value in Gen. Journal Line: Journal Template Name=${l.template}, Journal Batch Name=${l.batch}, Line No.=${l.lineNo}. It cannot be zero or empty.`,
      );
    if (!l.accountNo)
      throw errors.fieldValidation(
        `Account No. must have a value in Gen. Journal Line: Journal Template Name=${l.template}, Journal Batch Name=${l.batch}, Line No.=${l.lineNo}. It cannot be zero or empty.`,
      );
    const key = `${l.postingDate}|${l.documentNo}`;
    byDoc.set(key, [...(byDoc.get(key) ?? []), l]);
  }
  for (const [key, docLines] of byDoc) {
    const net = sum(docLines.map((l) => (l.balAccountNo ? ZERO : l.amount)));
    if (!net.isZero()) {
      throw errors.dialog(
        `Document No. ${key.split('|')[1]} is out of balance by ${net.toFixed(2)}. Please check that Posting Date, Document Type, Document No. and Amount are correct for each line.`,
      );
    }
  }
  for (const l of lines) {
    if (!l.appliesToDocNo || (l.accountType !== 'Customer' && l.accountType !== 'Vendor')) continue;
    const entries = state.ledgerEntriesOf(ledgerOf(l.accountType), l.accountNo);
    const docType = l.appliesToDocType || 'Invoice';
    if (!entries.some((e) => e.documentType === docType && e.documentNo === l.appliesToDocNo && e.open)) {
      throw new NavError(
        400,
        'Internal_dataNotFoundFilter',
        `There is no ${l.accountType === 'Customer' ? 'Cust. Ledger Entry' : 'Vendor Ledger Entry'} within the filter. Filters: Document Type: ${docType}, Document No.: ${l.appliesToDocNo}, Open: Yes`,
      );
    }
  }
  const written: GLEntry[] = [];
  for (const docLines of byDoc.values()) {
    const first = docLines[0]!;
    const drafts: GLDraft[] = [];
    const newEntries: {
      line: JournalLine;
      entry: PartyLedgerEntry;
      kind: 'Customer' | 'Vendor';
      draftIndex: number;
    }[] = [];
    for (const l of docLines) {
      const sides: [JnlAccountType, string, Decimal][] = [[l.accountType, l.accountNo, l.amount]];
      if (l.balAccountNo) sides.push([l.balAccountType, l.balAccountNo, l.amount.neg()]);
      for (const [type, no, amount] of sides) {
        const side = sideAccount(state, type, no);
        const draftIndex = drafts.length;
        drafts.push({
          accountNo: side.glNo,
          amount,
          vatAmount: ZERO,
          description: l.description,
          sourceType: side.source,
          sourceNo: side.source ? no : '',
          dimensions: {},
        });
        if (type === 'Customer' || type === 'Vendor') {
          const entries = type === 'Customer' ? state.custLedgerEntries : state.vendLedgerEntries;
          const entry: PartyLedgerEntry = tracked(state.track(undefined, modifiedAt), {
            entryNo: state.nextEntryNo(entries) + newEntries.filter((n) => n.kind === type).length,
            partyNo: no,
            postingDate: l.postingDate,
            documentType: l.documentType,
            documentNo: l.documentNo,
            externalDocumentNo: l.externalDocumentNo,
            description: l.description,
            // NAV copies the applied entry's currency into the journal line (Applies-to Doc. No.).
            currency: appliedCurrency(state.ledgerEntriesOf(ledgerOf(type), no), l),
            amount,
            remaining: amount,
            // Set with the transaction's factor below.
            currencyFactor: ZERO,
            amountLcy: amount,
            remainingLcy: amount,
            dueDate: l.postingDate,
            open: !amount.isZero(),
            closedByEntryNo: 0,
          });
          newEntries.push({ line: l, entry, kind: type, draftIndex });
        }
      }
    }
    // The line's own factor, else the day's rate of the currency it carries or takes from its entry.
    const currency = newEntries[0]?.entry.currency ?? first.currency ?? '';
    const factor = factorOf(state, {
      currency,
      ...(first.currencyFactor ? { currencyFactor: first.currencyFactor } : {}),
    });
    const applications: Application[] = [];
    try {
      for (const { line, entry, kind, draftIndex } of newEntries) {
        entry.currencyFactor = entry.currency ? factor : ZERO;
        entry.amountLcy = entry.remainingLcy = toLcy(entry.amount, entry.currencyFactor);
        if (!line.appliesToDocNo) continue;
        applications.push(
          applyPayment(
            state.ledgerEntriesOf(ledgerOf(kind), entry.partyNo),
            entry,
            draftIndex,
            line.appliesToDocType || 'Invoice',
            line.appliesToDocNo,
            kind === 'Customer' ? 'Cust. Ledger Entry' : 'Vendor Ledger Entry',
          ),
        );
      }
      written.push(
        ...writeGL(state, drafts, first.postingDate, first.documentType, first.documentNo, factor, (lcy) =>
          realise(state, lcy, applications),
        ),
      );
    } catch (err) {
      for (const a of applications.reverse()) a.undo();
      throw err;
    }
    for (const { entry, kind } of newEntries)
      (kind === 'Customer' ? state.custLedgerEntries : state.vendLedgerEntries).push(entry);
  }
  for (const l of lines) {
    const idx = state.journalLines.indexOf(l);
    if (idx >= 0) state.journalLines.splice(idx, 1);
  }
  return { glEntries: written, lines: lines.length };
}

export function postJournalBatch(
  state: NavState,
  template: JournalTemplate,
  batch: string,
): JournalPostResult {
  const lines = state.journalLines
    .filter((l) => l.template === template && l.batch === batch)
    .sort((a, b) => a.lineNo - b.lineNo);
  const result = postJournalLines(state, lines);
  const b = state.batch(template, batch);
  if (b) state.touch(b);
  return result;
}

/** The currency of the entry a journal line applies to ('' = local currency, as in NAV). */
function appliedCurrency(partyEntries: readonly PartyLedgerEntry[], l: JournalLine): string {
  if (!l.appliesToDocNo) return '';
  const docType = l.appliesToDocType || 'Invoice';
  return (
    partyEntries.find((e) => e.documentType === docType && e.documentNo === l.appliesToDocNo)?.currency ?? ''
  );
}
