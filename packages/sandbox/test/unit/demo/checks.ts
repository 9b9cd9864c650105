// Invariants of a generated demo company, shared by the default-size and medium-size tests. Each
// check collects every violation and asserts once, so a medium company checks in well under a second.
import { expect } from 'vitest';
import { documentCents } from '../../../src/demo/cents.js';
import {
  computeDocumentTotals,
  taxRatesByGroup,
  type DemoCompany,
  type DemoLine,
} from '../../../src/demo/index.js';

const cents = (amount: string) => Math.round(Number(amount) * 100);

class Problems {
  readonly list: string[] = [];
  check(ok: boolean, message: string): void {
    if (!ok && this.list.length < 20) this.list.push(message);
  }
  unique(values: readonly string[], what: string): void {
    this.check(new Set(values).size === values.length, `${what} are not unique`);
  }
  assertNone(): void {
    expect(this.list).toEqual([]);
  }
}

export function checkReferentialIntegrity(c: DemoCompany): void {
  const p = new Problems();
  const inNav = c.accounts.filter((a) => a.presence?.nav ?? true);
  const inXero = c.accounts.filter((a) => a.presence?.xero ?? true);
  p.unique(
    inNav.map((a) => a.navNo),
    'NAV account numbers',
  );
  p.unique(
    inXero.map((a) => a.xeroCode),
    'Xero account codes',
  );
  const xeroCodes = new Set(inXero.map((a) => a.xeroCode));
  for (const a of c.accounts)
    p.check(xeroCodes.has(a.xeroCode), `account ${a.navNo} maps to missing ${a.xeroCode}`);
  p.check(
    c.accounts.some((a) => a.isBank),
    'no bank account',
  );
  const navAccounts = new Set(inNav.map((a) => a.navNo));

  const vatGroups = new Set(c.taxRates.map((r) => r.navVatGroup));
  const terms = new Set(c.paymentTerms.map((t) => t.code));
  const dims = new Map(c.dimensions.map((d) => [d.code, new Set(d.values.map((v) => v.code))]));
  p.check(c.dimensions.length <= 2, 'more than two dimensions');
  const customers = new Map(c.customers.map((x) => [x.no, x]));
  const vendors = new Map(c.vendors.map((x) => [x.no, x]));
  const items = new Set(c.items.map((i) => i.no));

  p.unique(
    [...c.customers, ...c.vendors].map((x) => x.no),
    'party numbers',
  );
  p.unique(
    [...c.customers, ...c.vendors].map((x) => x.name),
    'contact names',
  );
  p.unique(
    c.items.map((i) => i.no),
    'item numbers',
  );
  p.unique(
    [
      c.id,
      ...c.customers.map((x) => x.id),
      ...c.vendors.map((x) => x.id),
      ...c.items.map((i) => i.id),
      ...c.salesInvoices.map((d) => d.id),
      ...c.purchaseInvoices.map((d) => d.id),
      ...c.salesOrders.map((o) => o.id),
      ...c.payments.map((x) => x.id),
    ],
    'ids',
  );
  p.unique(
    c.salesInvoices.map((d) => d.no),
    'sales invoice numbers',
  );
  p.unique(
    c.purchaseInvoices.map((d) => d.no),
    'purchase invoice numbers',
  );
  p.unique(
    c.salesOrders.map((o) => o.no),
    'sales order numbers',
  );

  for (const party of [...c.customers, ...c.vendors]) {
    p.check(terms.has(party.paymentTermsCode), `${party.no} terms ${party.paymentTermsCode}`);
    p.check(c.currencies.includes(party.currency), `${party.no} currency ${party.currency}`);
  }
  for (const item of c.items) {
    p.check(
      navAccounts.has(item.salesAccountNo) && navAccounts.has(item.purchaseAccountNo),
      `${item.no} accounts`,
    );
    p.check(vatGroups.has(item.vatGroup), `${item.no} VAT group`);
  }

  const checkLines = (lines: readonly DemoLine[], where: string) => {
    p.check(lines.length > 0, `${where} has no lines`);
    lines.forEach((line, i) => {
      p.check(line.lineNo === (i + 1) * 10_000, `${where} line number ${line.lineNo}`);
      if (line.type === 'Item') p.check(items.has(line.no), `${where} item ${line.no}`);
      else p.check(navAccounts.has(line.no), `${where} account ${line.no}`);
      p.check(vatGroups.has(line.vatGroup), `${where} VAT group ${line.vatGroup}`);
      const entries = Object.entries(line.dimensions);
      p.check(entries.length <= 2, `${where} has more than two dimensions`);
      for (const [dim, value] of entries)
        p.check(dims.get(dim)?.has(value) === true, `${where} ${dim}=${value}`);
    });
  };
  for (const doc of c.salesInvoices) {
    p.check(customers.get(doc.partyNo)?.currency === doc.currency, `${doc.no} customer ${doc.partyNo}`);
    checkLines(doc.lines, doc.no);
  }
  for (const doc of c.purchaseInvoices) {
    p.check(vendors.get(doc.partyNo)?.currency === doc.currency, `${doc.no} vendor ${doc.partyNo}`);
    p.check(!!doc.vendorInvoiceNo, `${doc.no} has no vendor invoice no.`);
    checkLines(doc.lines, doc.no);
  }
  for (const order of c.salesOrders) {
    p.check(customers.get(order.customerNo)?.currency === order.currency, `${order.no} customer`);
    checkLines(order.lines, order.no);
  }
  const docs = new Map([
    ...c.salesInvoices.map((d) => [`RECEIVED ${d.no}`, d] as const),
    ...c.purchaseInvoices.map((d) => [`MADE ${d.no}`, d] as const),
  ]);
  const bank = new Set(c.accounts.filter((a) => a.isBank).map((a) => a.navNo));
  for (const payment of c.payments) {
    const doc = docs.get(`${payment.direction} ${payment.documentNo}`);
    p.check(doc !== undefined, `payment ${payment.id} for missing ${payment.documentNo}`);
    p.check(
      payment.partyNo === doc?.partyNo && payment.currency === doc.currency,
      `payment ${payment.id} party`,
    );
    p.check(bank.has(payment.bankAccountNo), `payment ${payment.id} bank ${payment.bankAccountNo}`);
  }
  p.assertNone();
}

/** Presence rules: a record in a system references only records that system holds. */
export function checkPresence(c: DemoCompany): void {
  const p = new Problems();
  const parties = new Map([...c.customers, ...c.vendors].map((x) => [x.no, x]));
  const items = new Map(c.items.map((i) => [i.no, i]));
  for (const r of [...c.customers, ...c.vendors, ...c.items])
    p.check(r.presence.nav || r.presence.xero, `${r.no} nowhere`);
  for (const party of [...c.customers, ...c.vendors]) {
    if (party.archived) p.check(party.presence.xero, `${party.no} archived but not in Xero`);
  }
  for (const doc of [...c.salesInvoices, ...c.purchaseInvoices]) {
    // Documents start in NAV; Xero holds only posted ones that have been synced.
    p.check(doc.presence.nav, `${doc.no} not in NAV`);
    if (!doc.posted) p.check(!doc.presence.xero && doc.xeroStatus === 'DRAFT', `${doc.no} draft`);
    else p.check(doc.xeroStatus === 'AUTHORISED' || doc.xeroStatus === 'PAID', `${doc.no} ${doc.xeroStatus}`);
    const party = parties.get(doc.partyNo);
    p.check(party?.presence.nav === true, `${doc.no} party not in NAV`);
    if (doc.presence.xero) p.check(party?.presence.xero === true, `${doc.no} party not in Xero`);
    for (const line of doc.lines) {
      if (line.type !== 'Item') continue;
      const item = items.get(line.no);
      p.check(item?.presence.nav === true, `${doc.no} item ${line.no} not in NAV`);
      if (doc.presence.xero) p.check(item?.presence.xero === true, `${doc.no} item ${line.no} not in Xero`);
    }
  }
  for (const order of c.salesOrders) {
    p.check(parties.get(order.customerNo)?.presence.nav === true, `${order.no} customer not in NAV`);
    for (const line of order.lines) {
      if (line.type === 'Item') p.check(items.get(line.no)?.presence.nav === true, `${order.no} ${line.no}`);
    }
  }
  p.assertNone();
}

/** Payments never exceed the total; xeroStatus is PAID exactly when Xero's payments settle it. */
export function checkPayments(c: DemoCompany): void {
  const p = new Problems();
  const rates = taxRatesByGroup(c.taxRates);
  const byDoc = new Map<string, DemoCompany['payments']>();
  for (const x of c.payments) {
    const key = `${x.direction} ${x.documentNo}`;
    const list = byDoc.get(key);
    if (list) list.push(x);
    else byDoc.set(key, [x]);
  }
  const docs = [
    ...c.salesInvoices.map((d) => ['RECEIVED', d] as const),
    ...c.purchaseInvoices.map((d) => ['MADE', d] as const),
  ];
  for (const [direction, doc] of docs) {
    const payments = byDoc.get(`${direction} ${doc.no}`) ?? [];
    const total = documentCents(doc.lines, rates, doc.pricesIncludeVat).total;
    const all = payments.reduce((sum, x) => sum + cents(x.amount), 0);
    const inXero = payments.filter((x) => x.presence.xero).reduce((sum, x) => sum + cents(x.amount), 0);
    p.check(all <= total, `${doc.no} paid ${all} of ${total}`);
    for (const x of payments) {
      p.check(cents(x.amount) > 0, `${doc.no} payment ${x.amount}`);
      p.check(x.presence.nav || x.presence.xero, `${doc.no} payment nowhere`);
      p.check(!x.presence.xero || doc.presence.xero, `${doc.no} payment in Xero, document not`);
      p.check(!x.presence.nav || doc.presence.nav, `${doc.no} payment in NAV, document not`);
    }
    if (payments.length > 0) p.check(doc.posted, `${doc.no} unposted but paid`);
    p.check(
      (doc.xeroStatus === 'PAID') === (payments.length > 0 && inXero === total),
      `${doc.no} ${doc.xeroStatus}`,
    );
  }
  p.assertNone();
}

/** Full payments equal computeDocumentTotals of totals.ts to the cent. */
export function checkFullPaymentsAgainstTotals(c: DemoCompany, sample = Infinity): void {
  const p = new Problems();
  const rates = taxRatesByGroup(c.taxRates);
  const sums = new Map<string, number>();
  for (const x of c.payments) {
    const key = `${x.direction} ${x.documentNo}`;
    sums.set(key, (sums.get(key) ?? 0) + cents(x.amount));
  }
  let checked = 0;
  const docs = [
    ...c.salesInvoices.map((d) => [`RECEIVED ${d.no}`, d] as const),
    ...c.purchaseInvoices.map((d) => [`MADE ${d.no}`, d] as const),
  ];
  for (const [key, doc] of docs) {
    if (doc.xeroStatus !== 'PAID' || checked >= sample) continue;
    checked++;
    const exact = computeDocumentTotals(doc.lines, rates, doc.pricesIncludeVat);
    p.check(sums.get(key) === cents(exact.total), `${key} paid ${sums.get(key)}, total ${exact.total}`);
  }
  p.check(checked > 0, 'no paid document');
  p.assertNone();
}

/** Accounting dates are real days before asOf; instants carry an offset and precede asOf. */
export function checkDates(c: DemoCompany, asOf: string): void {
  const p = new Problems();
  const dayPattern = /^\d{4}-\d{2}-\d{2}$/;
  const instant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;
  const asOfMs = Date.parse(`${asOf}T00:00:00Z`);
  const sixMonthsBefore = new Date(asOfMs - 184 * 86_400_000).toISOString().slice(0, 10);
  const validDay = (d: string) =>
    dayPattern.test(d) && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d;
  const modified = (m: string, what: string) => {
    p.check(
      instant.test(m) && !Number.isNaN(Date.parse(m)) && m.slice(0, 10) < asOf,
      `${what} modified ${m}`,
    );
    // UK local time: BST (+01:00) in July, GMT (+00:00) in January and after the last Sunday of October.
    if (m.slice(5, 7) === '07') p.check(m.endsWith('+01:00'), `${what} ${m} should be BST`);
    if (m.slice(5, 7) === '01' || m.startsWith('2026-10-3'))
      p.check(m.endsWith('+00:00'), `${what} ${m} should be GMT`);
  };
  for (const r of [...c.customers, ...c.vendors, ...c.items]) modified(r.lastModified, r.no);
  for (const d of [...c.salesInvoices, ...c.purchaseInvoices]) {
    p.check(validDay(d.postingDate) && validDay(d.dueDate), `${d.no} dates`);
    p.check(d.postingDate >= sixMonthsBefore && d.postingDate < asOf, `${d.no} posting ${d.postingDate}`);
    p.check(d.dueDate >= d.postingDate, `${d.no} due ${d.dueDate}`);
    modified(d.lastModified, d.no);
    p.check(d.lastModified.slice(0, 10) >= d.postingDate, `${d.no} modified before posting`);
  }
  for (const o of c.salesOrders) {
    p.check(validDay(o.orderDate) && o.orderDate < asOf, `${o.no} order date`);
    if (o.requestedDeliveryDate !== undefined)
      p.check(o.requestedDeliveryDate > o.orderDate, `${o.no} delivery`);
    modified(o.lastModified, o.no);
  }
  const postings = new Map([
    ...c.salesInvoices.map((d) => [`RECEIVED ${d.no}`, d.postingDate] as const),
    ...c.purchaseInvoices.map((d) => [`MADE ${d.no}`, d.postingDate] as const),
  ]);
  for (const x of c.payments) {
    p.check(validDay(x.date) && x.date < asOf, `payment ${x.id} date ${x.date}`);
    p.check(
      x.date >= (postings.get(`${x.direction} ${x.documentNo}`) ?? '9999'),
      `payment ${x.id} before posting`,
    );
  }
  p.assertNone();
}
