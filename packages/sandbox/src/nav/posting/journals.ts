// Posting as NAV does it: a posted document with a number from its series, a customer/vendor ledger
// entry and BALANCED G/L entries (receivables/payables vs revenue/expense vs VAT), all in one
// transaction; journal posting with application of payments to open invoices.
import { lineAmountsIn } from './amounts.js';
import { Decimal, ZERO, sum } from './decimal.js';
import { errors, NavError } from './errors.js';
import {
  tracked,
  type DocLine,
  type GLEntry,
  type GLSourceType,
  type JnlAccountType,
  type JournalLine,
  type JournalTemplate,
  type LedgerDocType,
  type NavState,
  type PartyLedgerEntry,
  type PostedInvoice,
  type PurchaseHeader,
  type SalesHeader,
} from './state.js';

interface GLDraft {
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
function writeGL(
  state: NavState,
  drafts: GLDraft[],
  postingDate: string,
  documentType: LedgerDocType,
  documentNo: string,
): GLEntry[] {
  const total = sum(drafts.map((d) => d.amount));
  if (!total.isZero()) {
    throw errors.dialog(
      `The transaction cannot be completed because it will cause inconsistencies in the G/L Entry table. Document No. ${documentNo} is out of balance by ${total.toFixed(2)}.`,
    );
  }
  for (const d of drafts) requireAccount(state, d.accountNo);
  const transactionNo = ++state.lastTransactionNo;
  const written: GLEntry[] = [];
  for (const d of drafts) {
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

/** Adds to the draft for (account, dimensions), like NAV's invoice posting buffer. */
function addToBuffer(buffer: GLDraft[], draft: GLDraft): void {
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

function checkLines(lines: DocLine[]): void {
  if (!lines.some((l) => l.type !== '' && !l.quantity.isZero()))
    throw errors.dialog('There is nothing to post.');
}

export interface PostOptions {
  /** Posted number to use (seeding keeps the demo numbers); default: next from the posted series. */
  postedNo?: string;
  postingDate?: string;
  /** Keep this SystemId on the posted invoice (BC keeps a posted draft invoice's id). */
  id?: string;
  modifiedAt?: number;
  /** Loading history: the party or item may have been blocked after the document was posted. */
  historical?: boolean;
}

export function postSalesDocument(
  state: NavState,
  header: SalesHeader,
  opts: PostOptions = {},
): PostedInvoice {
  const customer = state.customer(header.partyNo);
  if (!customer) throw errors.recordNotFound('Customer', `No.='${header.partyNo}'`);
  if (!opts.historical && (customer.blocked === 'All' || customer.blocked === 'Invoice')) {
    throw errors.dialog(
      `You cannot post this type of document when Customer ${customer.no} is blocked with type ${customer.blocked}`,
    );
  }
  checkLines(header.lines);
  const postingDate = opts.postingDate ?? (header.postingDate || state.clock.today());
  const postedNo = opts.postedNo ?? state.nextNo('S-INV+');
  if (state.postedInvoice('sales', postedNo)) {
    throw errors.duplicate('Sales Invoice Header', `No.='${postedNo}'`);
  }
  const description = `${header.documentType} ${header.no}`;
  const stock: (() => void)[] = [];
  const buffer: GLDraft[] = [];
  const vatBuffer: GLDraft[] = [];
  let amount = ZERO;
  let amountInclVat = ZERO;
  for (const line of header.lines) {
    if (line.type === '' || line.quantity.isZero()) continue;
    const a = lineAmountsIn(state, header, line);
    amount = amount.plus(a.amount);
    amountInclVat = amountInclVat.plus(a.amountIncludingVat);
    let revenueNo = line.no;
    if (line.type === 'Item') {
      const item = state.item(line.no);
      if (!item) throw errors.recordNotFound('Item', `No.='${line.no}'`);
      if (item.blocked && !opts.historical) {
        throw errors.fieldValidation(
          `Blocked must be equal to 'No'  in Item: No.=${item.no}. Current value is 'Yes'.`,
        );
      }
      revenueNo = item.salesAccountNo;
      if (item.type === 'Inventory') stock.push(() => (item.inventory = item.inventory.minus(line.quantity)));
    }
    addToBuffer(buffer, {
      accountNo: revenueNo,
      amount: a.amount.neg(),
      vatAmount: a.vatAmount.neg(),
      description,
      sourceType: 'Customer',
      sourceNo: customer.no,
      dimensions: line.dimensions,
    });
    addToBuffer(vatBuffer, {
      accountNo: state.postingSetup.salesVatAccountNo,
      amount: a.vatAmount.neg(),
      vatAmount: ZERO,
      description,
      sourceType: 'Customer',
      sourceNo: customer.no,
      dimensions: {},
    });
  }
  const drafts: GLDraft[] = [
    {
      accountNo: state.postingSetup.receivablesAccountNo,
      amount: amountInclVat,
      vatAmount: ZERO,
      description,
      sourceType: 'Customer',
      sourceNo: customer.no,
      dimensions: {},
    },
    ...buffer,
    ...vatBuffer,
  ];
  writeGL(state, drafts, postingDate, 'Invoice', postedNo);
  for (const change of stock) change();
  const posted = recordPosted(state, state.custLedgerEntries, header, {
    partyNo: customer.no,
    postedNo,
    postingDate,
    description,
    amount,
    amountInclVat,
    ledgerExternalNo: header.externalDocumentNo,
    // BC keeps the draft invoice's id but the posted document is a new record: a new revision.
    id: opts.id ?? (header.documentType === 'Invoice' ? header.id : undefined),
    newRevision: header.documentType === 'Invoice' && opts.id === undefined,
    modifiedAt: opts.modifiedAt,
    origin: {
      preAssignedNo: header.documentType === 'Invoice' ? header.no : '',
      orderNo: header.documentType === 'Order' ? header.no : '',
      vendorInvoiceNo: '',
    },
  });
  state.postedSalesInvoices.push(posted);
  // Searched from the end: seeding posts the header it has just added.
  const idx = state.salesHeaders.lastIndexOf(header);
  if (idx >= 0) state.salesHeaders.splice(idx, 1);
  if (header.documentType === 'Order') {
    state.emit('salesOrders', header.id, 'deleted');
    state.emit('salesInvoices', posted.id, 'created');
  } else state.emit('salesInvoices', posted.id, 'updated');
  return posted;
}

export function postPurchaseInvoice(
  state: NavState,
  header: PurchaseHeader,
  opts: PostOptions = {},
): PostedInvoice {
  const vendor = state.vendor(header.partyNo);
  if (!vendor) throw errors.recordNotFound('Vendor', `No.='${header.partyNo}'`);
  if (!opts.historical && vendor.blocked === 'All') {
    throw errors.dialog(
      `You cannot post this type of document when Vendor ${vendor.no} is blocked with type All`,
    );
  }
  if (!header.vendorInvoiceNo) {
    throw errors.fieldValidation(
      `You need to enter the document number of the document from the vendor in the Vendor Invoice No. field, so that this document stays linked to the original.`,
    );
  }
  checkLines(header.lines);
  const postingDate = opts.postingDate ?? (header.postingDate || state.clock.today());
  const postedNo = opts.postedNo ?? state.nextNo('P-INV+');
  const description = `Invoice ${header.no}`;
  const stock: (() => void)[] = [];
  const buffer: GLDraft[] = [];
  const vatBuffer: GLDraft[] = [];
  let amount = ZERO;
  let amountInclVat = ZERO;
  for (const line of header.lines) {
    if (line.type === '' || line.quantity.isZero()) continue;
    const a = lineAmountsIn(state, header, line);
    amount = amount.plus(a.amount);
    amountInclVat = amountInclVat.plus(a.amountIncludingVat);
    let expenseNo = line.no;
    if (line.type === 'Item') {
      const item = state.item(line.no);
      if (!item) throw errors.recordNotFound('Item', `No.='${line.no}'`);
      expenseNo = item.purchaseAccountNo;
      if (item.type === 'Inventory') stock.push(() => (item.inventory = item.inventory.plus(line.quantity)));
    }
    addToBuffer(buffer, {
      accountNo: expenseNo,
      amount: a.amount,
      vatAmount: a.vatAmount,
      description,
      sourceType: 'Vendor',
      sourceNo: vendor.no,
      dimensions: line.dimensions,
    });
    addToBuffer(vatBuffer, {
      accountNo: state.postingSetup.purchaseVatAccountNo,
      amount: a.vatAmount,
      vatAmount: ZERO,
      description,
      sourceType: 'Vendor',
      sourceNo: vendor.no,
      dimensions: {},
    });
  }
  writeGL(
    state,
    [
      {
        accountNo: state.postingSetup.payablesAccountNo,
        amount: amountInclVat.neg(),
        vatAmount: ZERO,
        description,
        sourceType: 'Vendor',
        sourceNo: vendor.no,
        dimensions: {},
      },
      ...buffer,
      ...vatBuffer,
    ],
    postingDate,
    'Invoice',
    postedNo,
  );
  for (const change of stock) change();
  const posted = recordPosted(state, state.vendLedgerEntries, header, {
    partyNo: vendor.no,
    postedNo,
    postingDate,
    description,
    amount,
    amountInclVat,
    // A vendor's ledger holds what we owe as negative amounts, under the vendor's invoice number.
    ledgerSign: -1,
    ledgerExternalNo: header.vendorInvoiceNo,
    id: opts.id ?? header.id,
    newRevision: opts.id === undefined,
    modifiedAt: opts.modifiedAt,
    origin: { preAssignedNo: header.no, orderNo: '', vendorInvoiceNo: header.vendorInvoiceNo },
  });
  state.postedPurchaseInvoices.push(posted);
  const idx = state.purchaseHeaders.lastIndexOf(header);
  if (idx >= 0) state.purchaseHeaders.splice(idx, 1);
  state.emit('purchaseInvoices', posted.id, 'updated');
  return posted;
}

/** How one posting is recorded, sales or purchase: what differs between the two sides. */
interface Posted {
  partyNo: string;
  postedNo: string;
  postingDate: string;
  description: string;
  amount: Decimal;
  amountInclVat: Decimal;
  /** -1: the party's ledger holds the amount negated (vendors). */
  ledgerSign?: 1 | -1;
  ledgerExternalNo: string;
  id: string | undefined;
  newRevision: boolean;
  modifiedAt: PostOptions['modifiedAt'];
  origin: Pick<PostedInvoice, 'preAssignedNo' | 'orderNo' | 'vendorInvoiceNo'>;
}

/** The party's ledger entry and the posted document (its lines copied from the header). */
function recordPosted(
  state: NavState,
  ledger: PartyLedgerEntry[],
  header: SalesHeader | PurchaseHeader,
  p: Posted,
): PostedInvoice {
  const open = p.ledgerSign === -1 ? p.amountInclVat.neg() : p.amountInclVat;
  const entry: PartyLedgerEntry = tracked(state.track(undefined, p.modifiedAt), {
    entryNo: state.nextEntryNo(ledger),
    partyNo: p.partyNo,
    postingDate: p.postingDate,
    documentType: 'Invoice',
    documentNo: p.postedNo,
    externalDocumentNo: p.ledgerExternalNo,
    description: p.description,
    currency: header.currency,
    amount: open,
    remaining: open,
    dueDate: header.dueDate || p.postingDate,
    open: !p.amountInclVat.isZero(),
    closedByEntryNo: 0,
  });
  ledger.push(entry);
  const posted: PostedInvoice = tracked(state.track(p.id, p.modifiedAt), {
    no: p.postedNo,
    partyNo: p.partyNo,
    postingDate: p.postingDate,
    documentDate: header.documentDate || p.postingDate,
    dueDate: header.dueDate || p.postingDate,
    externalDocumentNo: header.externalDocumentNo,
    currency: header.currency,
    pricesIncludeVat: header.pricesIncludeVat,
    lines: header.lines.map((l) => ({ ...l })),
    preAssignedNo: p.origin.preAssignedNo,
    orderNo: p.origin.orderNo,
    vendorInvoiceNo: p.origin.vendorInvoiceNo,
    amount: p.amount,
    amountIncludingVat: p.amountInclVat,
    ledgerEntryNo: entry.entryNo,
    cancelled: false,
  });
  if (p.newRevision) posted.rev = header.rev + 1;
  return posted;
}

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

/** Applies a new payment entry to the open invoice entry it names (Applies-to Doc. No.). */
function apply(
  /** The party's ledger entries, the payment among them. */
  entries: readonly PartyLedgerEntry[],
  payment: PartyLedgerEntry,
  docType: LedgerDocType,
  docNo: string,
  table: string,
): void {
  const target = entries.find((e) => e.documentType === docType && e.documentNo === docNo && e.open);
  if (!target) {
    throw new NavError(
      400,
      'Internal_dataNotFoundFilter',
      `There is no ${table} within the filter. Filters: Document Type: ${docType}, Document No.: ${docNo}, Open: Yes`,
    );
  }
  // Amounts have opposite signs; apply the smaller absolute value.
  const applied = Decimal.min(target.remaining.abs(), payment.remaining.abs());
  const sign = target.remaining.isPositive() ? 1 : -1;
  target.remaining = target.remaining.minus(applied.times(sign));
  payment.remaining = payment.remaining.plus(applied.times(sign));
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
}

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
    const newEntries: { line: JournalLine; entry: PartyLedgerEntry; kind: 'Customer' | 'Vendor' }[] = [];
    for (const l of docLines) {
      const sides: [JnlAccountType, string, Decimal][] = [[l.accountType, l.accountNo, l.amount]];
      if (l.balAccountNo) sides.push([l.balAccountType, l.balAccountNo, l.amount.neg()]);
      for (const [type, no, amount] of sides) {
        const side = sideAccount(state, type, no);
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
            dueDate: l.postingDate,
            open: !amount.isZero(),
            closedByEntryNo: 0,
          });
          newEntries.push({ line: l, entry, kind: type });
        }
      }
    }
    written.push(...writeGL(state, drafts, first.postingDate, first.documentType, first.documentNo));
    for (const { line, entry, kind } of newEntries) {
      const entries = kind === 'Customer' ? state.custLedgerEntries : state.vendLedgerEntries;
      entries.push(entry);
      if (line.appliesToDocNo) {
        apply(
          state.ledgerEntriesOf(ledgerOf(kind), entry.partyNo),
          entry,
          line.appliesToDocType || 'Invoice',
          line.appliesToDocNo,
          kind === 'Customer' ? 'Cust. Ledger Entry' : 'Vendor Ledger Entry',
        );
      }
    }
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

/** Remaining amount of a posted invoice (from its ledger entry). */
export function remainingOf(state: NavState, posted: PostedInvoice, kind: 'sales' | 'purchase'): Decimal {
  const e = state.ledgerEntry(kind === 'sales' ? 'customer' : 'vendor', posted.ledgerEntryNo);
  return e ? e.remaining.abs() : ZERO;
}

/** The currency of the entry a journal line applies to ('' = local currency, as in NAV). */
function appliedCurrency(partyEntries: readonly PartyLedgerEntry[], l: JournalLine): string {
  if (!l.appliesToDocNo) return '';
  const docType = l.appliesToDocType || 'Invoice';
  return (
    partyEntries.find((e) => e.documentType === docType && e.documentNo === l.appliesToDocNo)?.currency ?? ''
  );
}
