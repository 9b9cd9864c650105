// Invoice posting as NAV does it: a posted document numbered from its series, the customer's or
// vendor's ledger entry and BALANCED G/L entries (receivables/payables vs revenue/expense vs VAT),
// all in one transaction. Sales and purchases differ only in what InvoiceSide says.
import { lineAmountsIn } from '../amounts.js';
import { ZERO, type Decimal } from '../decimal.js';
import { errors } from '../errors.js';
import {
  tracked,
  type DocHeader,
  type DocLine,
  type Item,
  type NavState,
  type PartyLedgerEntry,
  type PostedInvoice,
  type PurchaseHeader,
  type SalesHeader,
} from '../state.js';
import { factorOf, toLcy } from '../currency-factor.js';
import { addToBuffer, writeGL, type GLDraft } from './gl.js';
import { fullyInvoiced, linesToPost, recordShipped } from './order-quantities.js';

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

function checkLines(lines: DocLine[]): void {
  if (!lines.some((l) => l.type !== '' && !l.quantity.isZero()))
    throw errors.dialog('There is nothing to post.');
}

/** What differs between posting a sales and a purchase invoice's lines. */
interface InvoiceSide {
  /** -1: revenue and VAT are credited and stock leaves (sales); 1: expense and VAT debited, stock comes in. */
  sign: 1 | -1;
  source: 'Customer' | 'Vendor';
  partyNo: string;
  description: string;
  /** Receivables or payables: balances the document's lines. */
  controlAccountNo: string;
  vatAccountNo: string;
  /** The account an item line posts to. */
  itemAccountNo(item: Item): string;
  /** Refuse lines with a blocked item (sales, unless loading history). */
  refuseBlockedItems: boolean;
}

interface InvoiceDrafts {
  drafts: GLDraft[];
  amount: Decimal;
  amountInclVat: Decimal;
  /** Inventory changes, applied once the G/L entries are written. */
  stock: (() => void)[];
}

/** The G/L drafts of a document's lines: the control account, then lines per account, then VAT. */
function invoiceDrafts(state: NavState, header: DocHeader, side: InvoiceSide): InvoiceDrafts {
  const signed = (d: Decimal) => (side.sign === -1 ? d.neg() : d);
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
    let accountNo = line.no;
    if (line.type === 'Item') {
      const item = state.item(line.no);
      if (!item) throw errors.recordNotFound('Item', `No.='${line.no}'`);
      if (item.blocked && side.refuseBlockedItems) {
        throw errors.fieldValidation(
          `Blocked must be equal to 'No'  in Item: No.=${item.no}. Current value is 'Yes'.`,
        );
      }
      accountNo = side.itemAccountNo(item);
      if (item.type === 'Inventory') {
        stock.push(
          () =>
            (item.inventory =
              side.sign === -1 ? item.inventory.minus(line.quantity) : item.inventory.plus(line.quantity)),
        );
      }
    }
    const draft = { description: side.description, sourceType: side.source, sourceNo: side.partyNo };
    addToBuffer(buffer, {
      ...draft,
      accountNo,
      amount: signed(a.amount),
      vatAmount: signed(a.vatAmount),
      dimensions: line.dimensions,
    });
    addToBuffer(vatBuffer, {
      ...draft,
      accountNo: side.vatAccountNo,
      amount: signed(a.vatAmount),
      vatAmount: ZERO,
      dimensions: {},
    });
  }
  const control: GLDraft = {
    accountNo: side.controlAccountNo,
    amount: side.sign === -1 ? amountInclVat : amountInclVat.neg(),
    vatAmount: ZERO,
    description: side.description,
    sourceType: side.source,
    sourceNo: side.partyNo,
    dimensions: {},
  };
  return { drafts: [control, ...buffer, ...vatBuffer], amount, amountInclVat, stock };
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
  const order = header.documentType === 'Order';
  // An order posts what each line has to ship now (all that is outstanding unless set).
  const posting: SalesHeader = order ? { ...header, lines: linesToPost(header.lines) } : header;
  checkLines(posting.lines);
  const postingDate = opts.postingDate ?? (header.postingDate || state.clock.today());
  const postedNo = opts.postedNo ?? state.nextNo('S-INV+');
  if (state.postedInvoice('sales', postedNo)) {
    throw errors.duplicate('Sales Invoice Header', `No.='${postedNo}'`);
  }
  const description = `${header.documentType} ${header.no}`;
  const { drafts, amount, amountInclVat, stock } = invoiceDrafts(state, posting, {
    sign: -1,
    source: 'Customer',
    partyNo: customer.no,
    description,
    controlAccountNo: state.postingSetup.receivablesAccountNo,
    vatAccountNo: state.postingSetup.salesVatAccountNo,
    itemAccountNo: (item) => item.salesAccountNo,
    refuseBlockedItems: !opts.historical,
  });
  writeGL(state, drafts, postingDate, 'Invoice', postedNo, factorOf(state, header));
  for (const change of stock) change();
  const posted = recordPosted(state, state.custLedgerEntries, posting, {
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
  if (order) recordShipped(header.lines);
  if (order && !fullyInvoiced(header.lines)) {
    // Partly posted: the order stays, with what it shipped and invoiced so far.
    state.touch(header);
    state.emit('salesOrders', header.id, 'updated');
    state.emit('salesInvoices', posted.id, 'created');
    return posted;
  }
  // Searched from the end: seeding posts the header it has just added.
  const idx = state.salesHeaders.lastIndexOf(header);
  if (idx >= 0) state.salesHeaders.splice(idx, 1);
  if (order) {
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
  const { drafts, amount, amountInclVat, stock } = invoiceDrafts(state, header, {
    sign: 1,
    source: 'Vendor',
    partyNo: vendor.no,
    description,
    controlAccountNo: state.postingSetup.payablesAccountNo,
    vatAccountNo: state.postingSetup.purchaseVatAccountNo,
    itemAccountNo: (item) => item.purchaseAccountNo,
    refuseBlockedItems: false,
  });
  writeGL(state, drafts, postingDate, 'Invoice', postedNo, factorOf(state, header));
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
  const factor = factorOf(state, header);
  const openLcy = toLcy(open, factor);
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
    currencyFactor: factor,
    amountLcy: openLcy,
    remainingLcy: openLcy,
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
    currencyFactor: factor,
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

/** Remaining amount of a posted invoice (from its ledger entry). */
export function remainingOf(state: NavState, posted: PostedInvoice, kind: 'sales' | 'purchase'): Decimal {
  const e = state.ledgerEntry(kind === 'sales' ? 'customer' : 'vendor', posted.ledgerEntryNo);
  return e ? e.remaining.abs() : ZERO;
}
