// The general ledger Xero keeps behind documents: every posting (approval, payment, void, manual
// journal) appends an immutable journal, read through GET /Journals. Debits are positive.
import { randomUUID } from 'node:crypto';
import { Decimal } from 'decimal.js';
import type {
  AccountRec,
  CreditNoteRec,
  InvoiceRec,
  JournalLineRec,
  LineTrackingRec,
  ManualJournalRec,
  PaymentRec,
  TenantState,
} from './state.js';

interface Posting {
  account: AccountRec | undefined;
  net: Decimal;
  tax: Decimal;
  taxType?: string | undefined;
  description: string;
  tracking?: LineTrackingRec[];
}

function systemAccount(t: TenantState, kind: string): AccountRec | undefined {
  for (const a of t.accounts.values()) if (a.SystemAccount === kind) return a;
  return undefined;
}

function appendJournal(
  t: TenantState,
  now: number,
  date: string,
  sourceId: string,
  sourceType: string,
  postings: Posting[],
  reference?: string,
): void {
  const lines: JournalLineRec[] = [];
  for (const p of postings) {
    if (!p.account || (p.net.isZero() && p.tax.isZero())) continue;
    const rate = p.taxType ? t.taxRates.get(p.taxType) : undefined;
    const line: JournalLineRec = {
      JournalLineID: randomUUID(),
      AccountID: p.account.AccountID,
      AccountCode: p.account.Code,
      AccountType: p.account.Type,
      AccountName: p.account.Name,
      Description: p.description,
      NetAmount: p.net,
      GrossAmount: p.net.plus(p.tax),
      TaxAmount: p.tax,
      TrackingCategories: p.tracking ?? [],
    };
    if (p.taxType) line.TaxType = p.taxType;
    if (rate) line.TaxName = rate.Name;
    lines.push(line);
  }
  if (lines.length === 0) return;
  t.counters.journalNumber += 1;
  const journal = {
    JournalID: randomUUID(),
    JournalNumber: t.counters.journalNumber,
    JournalDate: date,
    CreatedDateUTC: now,
    SourceID: sourceId,
    SourceType: sourceType,
    JournalLines: lines,
    ...(reference ? { Reference: reference } : {}),
  };
  t.journals.set(journal.JournalID, journal);
}

type Doc = (InvoiceRec | CreditNoteRec) & { Type: InvoiceRec['Type'] | CreditNoteRec['Type'] };

/** Document-currency amount in base currency: amount / rate (units of foreign per 1 base), to the cent. */
function toBase(amount: Decimal, rate: Decimal | undefined): Decimal {
  const r = rate && rate.gt(0) ? rate : new Decimal(1);
  return amount.div(r).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/**
 * Posts (sign 1) or reverses (sign -1) an approved invoice or credit note. Journals are kept in base
 * currency, as Xero's are: the total and each line are converted at the document's rate, and the
 * largest line takes the rounding, so a converted journal still sums to zero.
 */
export function postDocument(t: TenantState, doc: Doc, now: number, sign: 1 | -1): void {
  const receivable = doc.Type === 'ACCREC' || doc.Type === 'ACCRECCREDIT';
  // ACCREC debits receivables; a credit note or a bill flips it.
  const flip = (doc.Type === 'ACCREC' || doc.Type === 'ACCPAYCREDIT' ? 1 : -1) * sign;
  const control = systemAccount(t, receivable ? 'DEBTORS' : 'CREDITORS');
  const taxAccount = systemAccount(t, 'GST');
  const lines: Posting[] = [];
  let tax = new Decimal(0);
  for (const l of doc.LineItems) {
    const net = doc.LineAmountTypes === 'Inclusive' ? l.LineAmount.minus(l.TaxAmount) : l.LineAmount;
    const lineTax = toBase(l.TaxAmount, doc.CurrencyRate);
    tax = tax.plus(lineTax);
    lines.push({
      account: l.AccountID ? t.accounts.get(l.AccountID) : undefined,
      net: toBase(net, doc.CurrencyRate).times(-flip),
      tax: lineTax.times(-flip),
      taxType: l.TaxType,
      description: l.Description ?? '',
      tracking: l.Tracking,
    });
  }
  lines.push({ account: taxAccount, net: tax.times(-flip), tax: new Decimal(0), description: '' });
  // Receivables or payables carry the total converted on its own; the largest line takes the cent.
  const total = toBase(doc.Total, doc.CurrencyRate).times(flip);
  const residual = lines.reduce((sum, p) => sum.plus(p.net), total);
  const largest = lines.reduce<Posting | undefined>(
    (m, p) => (!m || p.net.abs().gt(m.net.abs()) ? p : m),
    undefined,
  );
  if (largest && !residual.isZero()) largest.net = largest.net.minus(residual);
  const postings: Posting[] = [
    { account: control, net: total, tax: new Decimal(0), description: '' },
    ...lines,
  ];
  const id = 'InvoiceID' in doc ? doc.InvoiceID : doc.CreditNoteID;
  appendJournal(t, now, doc.Date, id, doc.Type, postings, doc.Reference);
}

/**
 * Posts (sign 1) or reverses (sign -1) a payment, in base currency: the bank at the payment's rate,
 * receivables or payables at the document's (what it was posted at), and the difference to
 * realised currency gains, as Xero does.
 */
export function postPayment(
  t: TenantState,
  p: PaymentRec,
  now: number,
  sign: 1 | -1,
  documentRate?: Decimal,
): void {
  const receivable = p.PaymentType === 'ACCRECPAYMENT' || p.PaymentType === 'ARCREDITPAYMENT';
  const moneyIn = (p.PaymentType === 'ACCRECPAYMENT' || p.PaymentType === 'APCREDITPAYMENT' ? 1 : -1) * sign;
  const bank = toBase(p.Amount, p.CurrencyRate).times(moneyIn);
  const cleared = toBase(p.Amount, documentRate ?? p.CurrencyRate).times(-moneyIn);
  appendJournal(
    t,
    now,
    p.Date,
    p.PaymentID,
    p.PaymentType,
    [
      {
        account: t.accounts.get(p.AccountID),
        net: bank,
        tax: new Decimal(0),
        description: p.Reference ?? '',
      },
      {
        account: systemAccount(t, receivable ? 'DEBTORS' : 'CREDITORS'),
        net: cleared,
        tax: new Decimal(0),
        description: '',
      },
      {
        account: systemAccount(t, 'REALISEDCURRENCYGAIN'),
        net: bank.plus(cleared).negated(),
        tax: new Decimal(0),
        description: 'Realised currency gain',
      },
    ],
    p.Reference,
  );
}

/** Posts (sign 1) or reverses (sign -1) a manual journal. */
export function postManualJournal(t: TenantState, m: ManualJournalRec, now: number, sign: 1 | -1): void {
  appendJournal(
    t,
    now,
    m.Date,
    m.ManualJournalID,
    'MANJOURNAL',
    m.JournalLines.map((l) => ({
      account: t.accounts.get(l.AccountID),
      net: (m.LineAmountTypes === 'Inclusive' ? l.LineAmount.minus(l.TaxAmount) : l.LineAmount).times(sign),
      tax: l.TaxAmount.times(sign),
      taxType: l.TaxType,
      description: l.Description ?? '',
      tracking: l.Tracking,
    })),
    m.Narration,
  );
}
