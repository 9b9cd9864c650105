// The one in-memory NAV company both dialects serve. Records use NAV's own field meanings (the
// tables behind the pages); each dialect's entity definitions map them to its wire names.
import type { SandboxClock } from '../common/clock.js';
import { SeededRandom } from '../common/random.js';
import type { Decimal } from './decimal.js';
import { AppendOnlyIndex, KeyIndex } from './indexes.js';
import { NumberSeries, defaultSeries } from './number-series.js';

export interface Tracked {
  /** SystemId: the BC API `id`. */
  id: string;
  /** Revision, bumped on every modification (drives the ETag). */
  rev: number;
  /** Epoch ms of the last modification (BC lastModifiedDateTime, NAV Last Date Modified). */
  modifiedAt: number;
}

export type CustomerBlocked = '' | 'Ship' | 'Invoice' | 'All';
export type VendorBlocked = '' | 'Payment' | 'All';

export interface Party extends Tracked {
  no: string;
  name: string;
  address: string;
  address2: string;
  city: string;
  postCode: string;
  county: string;
  country: string;
  phone: string;
  email: string;
  website: string;
  vatRegNo: string;
  /** '' = the local currency (LCY), as NAV stores it. */
  currency: string;
  paymentTermsCode: string;
  taxLiable: boolean;
  /** Values of fields a partner added to the table (see NavSandboxOptions.extensionFields). */
  extension?: Record<string, string>;
}

export interface Customer extends Party {
  creditLimit: Decimal;
  blocked: CustomerBlocked;
}

export interface Vendor extends Party {
  blocked: VendorBlocked;
}

export type ItemType = 'Inventory' | 'Service' | 'Non-Inventory';

export interface Item extends Tracked {
  no: string;
  description: string;
  type: ItemType;
  baseUnitOfMeasure: string;
  unitPrice: Decimal;
  unitCost: Decimal;
  salesAccountNo: string;
  purchaseAccountNo: string;
  vatGroup: string;
  inventory: Decimal;
  blocked: boolean;
  /** Values of fields a partner added to the table (see NavSandboxOptions.extensionFields). */
  extension?: Record<string, string>;
}

export type AccountClass = 'ASSET' | 'LIABILITY' | 'EQUITY' | 'REVENUE' | 'EXPENSE';

export interface GLAccount extends Tracked {
  no: string;
  name: string;
  accountClass: AccountClass;
  isBank: boolean;
  blocked: boolean;
  directPosting: boolean;
}

export interface TaxRate {
  vatGroup: string;
  name: string;
  rate: Decimal;
}

export type LineType = 'Item' | 'G/L Account' | '';

export interface DocLine extends Tracked {
  lineNo: number;
  type: LineType;
  no: string;
  description: string;
  quantity: Decimal;
  /** Sales: Unit Price; purchases: Direct Unit Cost. Excl. or incl. VAT per the header. */
  unitPrice: Decimal;
  discountPercent: Decimal;
  vatGroup: string;
  unitOfMeasure: string;
  dimensions: Record<string, string>;
  /** Order lines only: what earlier postings shipped and invoiced (NAV ships and invoices together here). */
  quantityShipped?: Decimal;
  quantityInvoiced?: Decimal;
  /** Order lines only: Qty. to Ship for the next posting; unset = all that is outstanding. */
  qtyToShip?: Decimal;
}

export type SalesDocType = 'Order' | 'Invoice';

export interface DocHeader extends Tracked {
  no: string;
  /** Customer No. (sales) or vendor No. (purchases). */
  partyNo: string;
  postingDate: string;
  documentDate: string;
  dueDate: string;
  externalDocumentNo: string;
  currency: string;
  /** Foreign per 1 LCY as set; unset = the exchange rate of the day (see currency-factor.ts). */
  currencyFactor?: Decimal;
  pricesIncludeVat: boolean;
  lines: DocLine[];
}

export interface SalesHeader extends DocHeader {
  documentType: SalesDocType;
  orderDate: string;
  requestedDeliveryDate: string;
  status: 'Open' | 'Released';
}

export interface PurchaseHeader extends DocHeader {
  documentType: 'Invoice';
  vendorInvoiceNo: string;
}

export interface PostedInvoice extends DocHeader {
  /** No. of the unposted document it came from. */
  preAssignedNo: string;
  orderNo: string;
  /** Vendor's invoice No. (purchase) — empty for sales. */
  vendorInvoiceNo: string;
  amount: Decimal;
  amountIncludingVat: Decimal;
  ledgerEntryNo: number;
  cancelled: boolean;
}

export type LedgerDocType = '' | 'Payment' | 'Invoice' | 'Credit Memo' | 'Refund';

export interface PartyLedgerEntry extends Tracked {
  entryNo: number;
  partyNo: string;
  postingDate: string;
  documentType: LedgerDocType;
  documentNo: string;
  externalDocumentNo: string;
  description: string;
  currency: string;
  /** Customer: positive = the customer owes us. Vendor: negative = we owe the vendor. */
  amount: Decimal;
  remaining: Decimal;
  /** The Currency Factor it was posted at (0 = LCY): an invoice is cleared at this factor. */
  currencyFactor: Decimal;
  /** Amount (LCY) as posted, and what of it applications have not cleared yet. */
  amountLcy: Decimal;
  remainingLcy: Decimal;
  dueDate: string;
  open: boolean;
  closedByEntryNo: number;
}

/** Currency (table 4): the accounts a payment's realised exchange difference posts to. */
export interface Currency {
  code: string;
  description: string;
  realizedGainsAcc: string;
  realizedLossesAcc: string;
}

export type GLSourceType = '' | 'Customer' | 'Vendor' | 'Bank Account';

export interface GLEntry extends Tracked {
  entryNo: number;
  postingDate: string;
  documentType: LedgerDocType;
  documentNo: string;
  accountNo: string;
  description: string;
  /** Debit positive, credit negative, as NAV stores G/L Entry.Amount. */
  amount: Decimal;
  vatAmount: Decimal;
  sourceType: GLSourceType;
  sourceNo: string;
  transactionNo: number;
  dimensions: Record<string, string>;
}

/** General journal, cash receipt journal (customer payments), payment journal (vendor payments). */
export type JournalTemplate = 'GENERAL' | 'CASHRCPT' | 'PAYMENT';
export type JnlAccountType = 'G/L Account' | 'Customer' | 'Vendor' | 'Bank Account';

export interface JournalBatch extends Tracked {
  template: JournalTemplate;
  name: string;
  description: string;
  balAccountType: JnlAccountType;
  balAccountNo: string;
}

export interface JournalLine extends Tracked {
  template: JournalTemplate;
  batch: string;
  lineNo: number;
  postingDate: string;
  documentType: LedgerDocType;
  documentNo: string;
  externalDocumentNo: string;
  accountType: JnlAccountType;
  accountNo: string;
  description: string;
  amount: Decimal;
  /** The line's currency ('' = LCY) and factor as set; unset = from the entry applied to. */
  currency?: string;
  currencyFactor?: Decimal;
  balAccountType: JnlAccountType;
  balAccountNo: string;
  appliesToDocType: LedgerDocType;
  appliesToDocNo: string;
  comment: string;
}

export interface Dimension extends Tracked {
  code: string;
  name: string;
  blocked: boolean;
}

export interface DimensionValue extends Tracked {
  dimensionCode: string;
  code: string;
  name: string;
  blocked: boolean;
}

/** NAV table numbers of the master data a default dimension hangs on. */
export type DefaultDimTable = 15 | 18 | 23 | 27;
export type ValuePosting = '' | 'Code Mandatory' | 'Same Code' | 'No Code';

export interface DefaultDimension extends Tracked {
  tableId: DefaultDimTable;
  no: string;
  dimensionCode: string;
  valueCode: string;
  valuePosting: ValuePosting;
}

export interface PostingSetup {
  receivablesAccountNo: string;
  payablesAccountNo: string;
  salesVatAccountNo: string;
  purchaseVatAccountNo: string;
  bankAccountNo: string;
}

export type ChangeType = 'created' | 'updated' | 'deleted';

export interface ChangeEvent {
  /** Entity kind, the BC entity set name (customers, salesInvoices…). */
  set: string;
  id: string;
  changeType: ChangeType;
  at: number;
}

/**
 * `base` with `fields` added, as the record they make. Records are built this way, not by spreading
 * into a literal (`{ ...state.track(), no }`): V8 gives every object made by a spread followed by
 * more properties a hidden class of its own, which made a table of such records heavy in memory
 * and each of its field reads a slow look-up. `base` is evaluated first, as a spread would be.
 */
export function extend<B extends object, T extends B>(base: B, fields: Omit<T, keyof B>): T {
  return Object.assign(base, fields) as unknown as T;
}

/** A tracked record from its header (NavState.track) and its own fields. */
export function tracked<T extends Tracked>(header: Tracked, fields: Omit<T, keyof Tracked>): T {
  return extend<Tracked, T>(header, fields);
}

export class NavState {
  readonly customers: Customer[] = [];
  readonly vendors: Vendor[] = [];
  readonly items: Item[] = [];
  readonly accounts: GLAccount[] = [];
  readonly taxRates: TaxRate[] = [];
  readonly currencies: Currency[] = [];
  readonly paymentTerms = new Map<string, number>();
  readonly salesHeaders: SalesHeader[] = [];
  readonly purchaseHeaders: PurchaseHeader[] = [];
  readonly postedSalesInvoices: PostedInvoice[] = [];
  readonly postedPurchaseInvoices: PostedInvoice[] = [];
  readonly custLedgerEntries: PartyLedgerEntry[] = [];
  readonly vendLedgerEntries: PartyLedgerEntry[] = [];
  readonly glEntries: GLEntry[] = [];
  readonly journalBatches: JournalBatch[] = [];
  readonly journalLines: JournalLine[] = [];
  readonly dimensions: Dimension[] = [];
  readonly dimensionValues: DimensionValue[] = [];
  readonly defaultDimensions: DefaultDimension[] = [];
  readonly series = new Map<string, NumberSeries>();
  postingSetup: PostingSetup = {
    receivablesAccountNo: '',
    payablesAccountNo: '',
    salesVatAccountNo: '',
    purchaseVatAccountNo: '',
    bankAccountNo: '',
  };
  baseCurrency = 'GBP';
  lastTransactionNo = 0;
  private readonly random: SeededRandom;
  private readonly listeners: ((e: ChangeEvent) => void)[] = [];
  // Look-ups by key: master data by No.; the append-only ledgers and posted documents by their
  // keys, the ledgers with running totals (FlowFields such as Balance (LCY) and Net Change).
  private readonly customersByNo = new KeyIndex(this.customers, (c) => c.no);
  private readonly vendorsByNo = new KeyIndex(this.vendors, (v) => v.no);
  private readonly itemsByNo = new KeyIndex(this.items, (i) => i.no);
  private readonly accountsByNo = new KeyIndex(this.accounts, (a) => a.no);
  private readonly postedSalesByNo = new AppendOnlyIndex(this.postedSalesInvoices, (p) => p.no);
  private readonly postedPurchasesByNo = new AppendOnlyIndex(this.postedPurchaseInvoices, (p) => p.no);
  private readonly custEntriesByParty = new AppendOnlyIndex(
    this.custLedgerEntries,
    (e) => e.partyNo,
    (e) => e.amount,
  );
  private readonly vendEntriesByParty = new AppendOnlyIndex(
    this.vendLedgerEntries,
    (e) => e.partyNo,
    (e) => e.amount,
  );
  private readonly custEntriesByNo = new AppendOnlyIndex(this.custLedgerEntries, (e) => e.entryNo);
  private readonly vendEntriesByNo = new AppendOnlyIndex(this.vendLedgerEntries, (e) => e.entryNo);
  private readonly glEntriesByAccount = new AppendOnlyIndex(
    this.glEntries,
    (e) => e.accountNo,
    (e) => e.amount,
  );

  constructor(
    readonly companyId: string,
    readonly companyName: string,
    readonly clock: SandboxClock,
  ) {
    let seed = 0;
    for (const ch of companyId) seed = (Math.imul(seed, 31) + ch.charCodeAt(0)) | 0;
    this.random = new SeededRandom(seed);
    for (const def of defaultSeries) this.series.set(def.code, new NumberSeries(def));
  }

  newId(): string {
    return this.random.uuid();
  }

  nextNo(series: string): string {
    const s = this.series.get(series);
    if (!s) throw new Error(`no number series ${series}`);
    return s.next();
  }

  observeNo(series: string, no: string): void {
    this.series.get(series)?.observe(no);
  }

  /** A fresh tracked record header (id, revision 1, modified now). */
  track(id?: string, modifiedAt?: number): Tracked {
    return { id: id ?? this.newId(), rev: 1, modifiedAt: modifiedAt ?? this.clock.now() };
  }

  touch(record: Tracked): void {
    record.rev += 1;
    record.modifiedAt = this.clock.now();
  }

  onChange(listener: (e: ChangeEvent) => void): void {
    this.listeners.push(listener);
  }

  emit(set: string, id: string, changeType: ChangeType): void {
    const event = { set, id, changeType, at: this.clock.now() };
    for (const l of this.listeners) l(event);
  }

  /** Entries are only ever appended with the next number, so the last one holds the maximum. */
  nextEntryNo(entries: { entryNo: number }[]): number {
    return (entries.at(-1)?.entryNo ?? 0) + 1;
  }

  customer(no: string): Customer | undefined {
    return this.customersByNo.get(no);
  }

  vendor(no: string): Vendor | undefined {
    return this.vendorsByNo.get(no);
  }

  item(no: string): Item | undefined {
    return this.itemsByNo.get(no);
  }

  account(no: string): GLAccount | undefined {
    return this.accountsByNo.get(no);
  }

  postedInvoice(kind: 'sales' | 'purchase', no: string): PostedInvoice | undefined {
    return (kind === 'sales' ? this.postedSalesByNo : this.postedPurchasesByNo).first(no);
  }

  /** A customer's (or vendor's) ledger entries, in entry order. */
  ledgerEntriesOf(kind: 'customer' | 'vendor', partyNo: string): readonly PartyLedgerEntry[] {
    return (kind === 'customer' ? this.custEntriesByParty : this.vendEntriesByParty).rowsOf(partyNo);
  }

  /** Sum of the Amount of a customer's (or vendor's) ledger entries. */
  ledgerAmountOf(kind: 'customer' | 'vendor', partyNo: string): Decimal {
    return (kind === 'customer' ? this.custEntriesByParty : this.vendEntriesByParty).total(partyNo);
  }

  ledgerEntry(kind: 'customer' | 'vendor', entryNo: number): PartyLedgerEntry | undefined {
    return (kind === 'customer' ? this.custEntriesByNo : this.vendEntriesByNo).first(entryNo);
  }

  /** Sum of the Amount of a G/L account's entries (its Net Change, no date filter). */
  glAmountOf(accountNo: string): Decimal {
    return this.glEntriesByAccount.total(accountNo);
  }

  currency(code: string): Currency | undefined {
    return this.currencies.find((c) => c.code === code);
  }

  taxRate(vatGroup: string): TaxRate | undefined {
    return this.taxRates.find((t) => t.vatGroup === vatGroup);
  }

  batch(template: JournalTemplate, name: string): JournalBatch | undefined {
    return this.journalBatches.find((b) => b.template === template && b.name === name);
  }
}
