// Loads a neutral DemoCompany into the NAV state: only records present in NAV (presence.nav);
// posted documents are POSTED here (posted invoice + ledger entries + G/L entries), open ones stay
// unposted, and NAV-side payments become applied customer/vendor ledger entries.
import type { SandboxClock } from '../common/clock.js';
import type {
  DemoAccount,
  DemoCompany,
  DemoDocument,
  DemoLine,
  DemoParty,
  DemoPayment,
} from '../demo/model.js';
import { dec, ZERO } from './decimal.js';
import { postPurchaseInvoice, postSalesDocument } from './posting/invoices.js';
import { postJournalLines } from './posting/journals.js';
import {
  NavState,
  extend,
  tracked,
  type AccountClass,
  type Customer,
  type DocLine,
  type GLAccount,
  type JournalLine,
  type Party,
  type PurchaseHeader,
  type SalesHeader,
  type Vendor,
} from './state.js';

function modifiedAt(iso: string | undefined, fallback: number): number {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(t) ? fallback : t;
}

function party(state: NavState, p: DemoParty, baseCurrency: string): Party {
  return tracked(state.track(p.id, modifiedAt(p.lastModified, state.clock.now())), {
    no: p.no,
    name: p.name,
    address: p.address.line1,
    address2: p.address.line2 ?? '',
    city: p.address.city,
    postCode: p.address.postalCode,
    county: p.address.region ?? '',
    country: p.address.country,
    phone: p.phone ?? '',
    email: p.email ?? '',
    website: '',
    vatRegNo: p.taxNumber ?? '',
    currency: p.currency === baseCurrency ? '' : p.currency,
    paymentTermsCode: p.paymentTermsCode,
    taxLiable: false,
  });
}

function line(state: NavState, l: DemoLine, at: number): DocLine {
  const item = l.type === 'Item' ? state.item(l.no) : undefined;
  return tracked(state.track(undefined, at), {
    lineNo: l.lineNo,
    type: l.type,
    no: l.no,
    description: l.description,
    quantity: dec(l.quantity),
    unitPrice: dec(l.unitPrice),
    discountPercent: dec(l.discountPercent),
    vatGroup: l.vatGroup,
    unitOfMeasure: item?.baseUnitOfMeasure ?? '',
    dimensions: { ...l.dimensions },
  });
}

function findAccount(accounts: DemoAccount[], cls: AccountClass[], pattern: RegExp): DemoAccount | undefined {
  return accounts.find((a) => cls.includes(a.accountClass) && pattern.test(a.name));
}

/** The chart's account if it has one, else a CRONUS-numbered one added to it. */
function ensureAccount(
  state: NavState,
  found: DemoAccount | undefined,
  no: string,
  name: string,
  cls: AccountClass,
): string {
  if (found) return found.navNo;
  if (!state.account(no)) {
    state.accounts.push(
      tracked(state.track(undefined, state.clock.now()), {
        no,
        name,
        accountClass: cls,
        isBank: false,
        blocked: false,
        directPosting: false,
      }),
    );
  }
  return no;
}

/**
 * The Currency table: each foreign currency of the company with the accounts a payment's realised
 * exchange difference posts to (the chart's "Realized FX Gains/Losses", else CRONUS-numbered ones:
 * NAV keeps gains and losses apart where Xero has its one system account 499).
 */
function seedCurrencies(state: NavState, company: DemoCompany): void {
  const gains = ensureAccount(
    state,
    findAccount(company.accounts, ['REVENUE'], /reali[sz]ed.*gain/i),
    '9430',
    'Realized FX Gains',
    'REVENUE',
  );
  const losses = ensureAccount(
    state,
    findAccount(company.accounts, ['EXPENSE'], /reali[sz]ed.*loss/i),
    '9440',
    'Realized FX Losses',
    'EXPENSE',
  );
  for (const code of company.currencies.filter((c) => c !== company.baseCurrency))
    state.currencies.push({ code, description: code, realizedGainsAcc: gains, realizedLossesAcc: losses });
}

/** Chooses the receivables/payables/VAT/bank accounts, adding CRONUS-numbered ones when missing. */
function resolvePostingSetup(state: NavState, company: DemoCompany): void {
  const ensure = (found: DemoAccount | undefined, no: string, name: string, cls: AccountClass): string =>
    ensureAccount(state, found, no, name, cls);
  const acc = company.accounts;
  state.postingSetup = {
    receivablesAccountNo: ensure(
      findAccount(acc, ['ASSET'], /receivable|debtors|customers/i),
      '2310',
      'Customers, Domestic',
      'ASSET',
    ),
    payablesAccountNo: ensure(
      findAccount(acc, ['LIABILITY'], /payable|creditors|vendors/i),
      '5410',
      'Vendors, Domestic',
      'LIABILITY',
    ),
    salesVatAccountNo: ensure(
      findAccount(
        acc,
        ['LIABILITY'],
        /(sales|output).*(vat|tax|gst)|(vat|tax|gst).*(sales|output|payable)/i,
      ) ?? findAccount(acc, ['LIABILITY'], /vat|tax|gst/i),
      '5610',
      'Sales VAT 25 %',
      'LIABILITY',
    ),
    purchaseVatAccountNo: ensure(
      findAccount(
        acc,
        ['ASSET', 'LIABILITY'],
        /(purchase|input).*(vat|tax|gst)|(vat|tax|gst).*(purchase|input|receivable)/i,
      ),
      '5630',
      'Purchase VAT 25 %',
      'LIABILITY',
    ),
    bankAccountNo: ensure(
      acc.find((a) => a.isBank),
      '2910',
      'Cash',
      'ASSET',
    ),
  };
  const bank = state.account(state.postingSetup.bankAccountNo);
  if (bank) bank.isBank = true;
}

export function seedCompany(company: DemoCompany, clock: SandboxClock): NavState {
  const state = new NavState(company.id, company.name, clock);
  const now = clock.now();
  state.baseCurrency = company.baseCurrency;
  const base = company.baseCurrency;

  for (const a of company.accounts) {
    const acc: GLAccount = tracked(state.track(undefined, now), {
      no: a.navNo,
      name: a.name,
      accountClass: a.accountClass,
      isBank: a.isBank,
      blocked: false,
      directPosting: true,
    });
    state.accounts.push(acc);
  }
  resolvePostingSetup(state, company);
  seedCurrencies(state, company);
  state.accounts.sort((x, y) => (x.no < y.no ? -1 : x.no > y.no ? 1 : 0));
  for (const t of company.taxRates) {
    if (!state.taxRate(t.navVatGroup))
      state.taxRates.push({ vatGroup: t.navVatGroup, name: t.name, rate: dec(t.ratePercent) });
  }
  for (const p of company.paymentTerms) state.paymentTerms.set(p.code, p.days);

  for (const d of company.dimensions) {
    state.dimensions.push(
      tracked(state.track(undefined, now), { code: d.code, name: d.name, blocked: false }),
    );
    for (const v of d.values) {
      state.dimensionValues.push(
        tracked(state.track(undefined, now), {
          dimensionCode: d.code,
          code: v.code,
          name: v.name,
          blocked: false,
        }),
      );
    }
  }

  for (const c of company.customers.filter((x) => x.presence.nav)) {
    state.customers.push(
      extend<Party, Customer>(party(state, c, base), {
        creditLimit: dec(c.creditLimit),
        blocked: c.blocked === 'Payment' ? '' : c.blocked,
      }),
    );
    state.observeNo('CUST', c.no);
  }
  for (const v of company.vendors.filter((x) => x.presence.nav)) {
    state.vendors.push(
      extend<Party, Vendor>(party(state, v, base), {
        blocked: v.blocked === 'Ship' || v.blocked === 'Invoice' ? '' : v.blocked,
      }),
    );
    state.observeNo('VEND', v.no);
  }
  for (const i of company.items.filter((x) => x.presence.nav)) {
    state.items.push(
      tracked(state.track(i.id, modifiedAt(i.lastModified, now)), {
        no: i.no,
        description: i.description,
        type: i.type,
        baseUnitOfMeasure: i.baseUnitOfMeasure,
        unitPrice: dec(i.unitPrice),
        unitCost: dec(i.unitCost),
        salesAccountNo: i.salesAccountNo,
        purchaseAccountNo: i.purchaseAccountNo,
        vatGroup: i.vatGroup,
        inventory: ZERO,
        blocked: i.blocked,
      }),
    );
    state.observeNo('ITEM', i.no);
  }

  for (const o of company.salesOrders) {
    if (!state.customer(o.customerNo)) continue;
    const at = modifiedAt(o.lastModified, now);
    const header: SalesHeader = tracked(state.track(o.id, at), {
      documentType: 'Order',
      no: o.no,
      partyNo: o.customerNo,
      orderDate: o.orderDate,
      postingDate: o.orderDate,
      documentDate: o.orderDate,
      dueDate: dueDate(state, o.orderDate, state.customer(o.customerNo)?.paymentTermsCode),
      requestedDeliveryDate: o.requestedDeliveryDate ?? '',
      externalDocumentNo: '',
      currency: o.currency === base ? '' : o.currency,
      pricesIncludeVat: false,
      status: o.status,
      lines: o.lines.map((l) => line(state, l, at)),
    });
    state.salesHeaders.push(header);
    state.observeNo('S-ORD', o.no);
  }

  const sorted = (docs: DemoDocument[]) =>
    docs
      .filter((d) => d.presence.nav)
      .sort((a, b) => (a.postingDate < b.postingDate ? -1 : a.postingDate > b.postingDate ? 1 : 0));

  for (const d of sorted(company.salesInvoices)) {
    if (!state.customer(d.partyNo)) continue;
    const at = modifiedAt(d.lastModified, now);
    const header: SalesHeader = tracked(state.track(d.id, at), {
      documentType: 'Invoice',
      no: d.no,
      partyNo: d.partyNo,
      orderDate: d.postingDate,
      postingDate: d.postingDate,
      documentDate: d.postingDate,
      dueDate: d.dueDate,
      requestedDeliveryDate: '',
      externalDocumentNo: d.externalDocumentNo ?? '',
      currency: d.currency === base ? '' : d.currency,
      pricesIncludeVat: d.pricesIncludeVat,
      status: 'Open',
      lines: d.lines.map((l) => line(state, l, at)),
    });
    if (d.posted) {
      state.salesHeaders.push(header);
      postSalesDocument(state, header, {
        postedNo: d.no,
        postingDate: d.postingDate,
        id: d.id,
        modifiedAt: at,
        historical: true,
      });
      state.observeNo('S-INV+', d.no);
    } else {
      state.salesHeaders.push(header);
      state.observeNo('S-INV', d.no);
    }
  }
  for (const d of sorted(company.purchaseInvoices)) {
    if (!state.vendor(d.partyNo)) continue;
    const at = modifiedAt(d.lastModified, now);
    const header: PurchaseHeader = tracked(state.track(d.id, at), {
      documentType: 'Invoice',
      no: d.no,
      partyNo: d.partyNo,
      postingDate: d.postingDate,
      documentDate: d.postingDate,
      dueDate: d.dueDate,
      externalDocumentNo: d.externalDocumentNo ?? '',
      vendorInvoiceNo: d.vendorInvoiceNo ?? d.no,
      currency: d.currency === base ? '' : d.currency,
      pricesIncludeVat: d.pricesIncludeVat,
      lines: d.lines.map((l) => line(state, l, at)),
    });
    state.purchaseHeaders.push(header);
    if (d.posted) {
      postPurchaseInvoice(state, header, {
        postedNo: d.no,
        postingDate: d.postingDate,
        id: d.id,
        modifiedAt: at,
        historical: true,
      });
      state.observeNo('P-INV+', d.no);
    } else state.observeNo('P-INV', d.no);
  }
  // Drop the event noise of seeding: nobody is subscribed yet, but keep state clean anyway.

  const payments = company.payments
    .filter((p) => p.presence.nav)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  for (const p of payments) seedPayment(state, p);

  state.journalBatches.push(
    tracked(state.track(undefined, now), {
      template: 'GENERAL',
      name: 'DEFAULT',
      description: 'Default Journal',
      balAccountType: 'G/L Account',
      balAccountNo: '',
    }),
    tracked(state.track(undefined, now), {
      template: 'CASHRCPT',
      name: 'GENERAL',
      description: 'Cash receipts',
      balAccountType: 'G/L Account',
      balAccountNo: state.postingSetup.bankAccountNo,
    }),
    tracked(state.track(undefined, now), {
      template: 'PAYMENT',
      name: 'GENERAL',
      description: 'Payments',
      balAccountType: 'G/L Account',
      balAccountNo: state.postingSetup.bankAccountNo,
    }),
  );
  return state;
}

function seedPayment(state: NavState, p: DemoPayment): void {
  const received = p.direction === 'RECEIVED';
  const posted = state.postedInvoice(received ? 'sales' : 'purchase', p.documentNo);
  if (!posted || posted.partyNo !== p.partyNo) return; // the paid document is not posted in NAV
  const amount = dec(p.amount);
  const at = modifiedAt(undefined, state.clock.now());
  const jl: JournalLine = tracked(state.track(p.id, at), {
    // Customer payments go through the cash receipt journal, vendor payments the payment journal.
    template: received ? 'CASHRCPT' : 'PAYMENT',
    batch: 'GENERAL',
    lineNo: 10000,
    postingDate: p.date,
    documentType: 'Payment',
    documentNo: state.nextNo(received ? 'GJNL-RCPT' : 'GJNL-PMT'),
    externalDocumentNo: p.reference,
    accountType: received ? 'Customer' : 'Vendor',
    accountNo: p.partyNo,
    description: p.reference || `Payment ${p.documentNo}`,
    amount: received ? amount.neg() : amount,
    balAccountType: 'G/L Account',
    balAccountNo: state.account(p.bankAccountNo) ? p.bankAccountNo : state.postingSetup.bankAccountNo,
    appliesToDocType: 'Invoice',
    appliesToDocNo: p.documentNo,
    comment: '',
  });
  postJournalLines(state, [jl], at);
}

export function dueDate(state: NavState, from: string, termsCode: string | undefined): string {
  const days = (termsCode && state.paymentTerms.get(termsCode)) || 0;
  if (!from) return '';
  const d = new Date(`${from}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
