import { describe, expect, it } from 'vitest';
import {
  demoDefaults,
  generateDemoCompany,
  type DemoCompany,
  type DemoDocument,
  type DemoLine,
} from '../../../src/demo/index.js';
import {
  checkDates,
  checkFullPaymentsAgainstTotals,
  checkPayments,
  checkPresence,
  checkReferentialIntegrity,
} from './checks.js';

const company = generateDemoCompany();

const presenceCounts = (records: readonly { presence: { nav: boolean; xero: boolean } }[]) => {
  const counts = { both: 0, navOnly: 0, xeroOnly: 0 };
  for (const { presence } of records) {
    if (presence.nav && presence.xero) counts.both++;
    else if (presence.nav) counts.navOnly++;
    else counts.xeroOnly++;
  }
  return counts;
};

describe('generateDemoCompany: determinism', () => {
  it('the same seed gives a deep-equal company', () => {
    expect(generateDemoCompany()).toEqual(company);
    expect(generateDemoCompany({ seed: 99 })).toEqual(generateDemoCompany({ seed: 99 }));
  });

  it('a different seed gives a different company with the same shape', () => {
    const other = generateDemoCompany({ seed: 2027 });
    expect(other).not.toEqual(company);
    expect(other.customers.map((c) => c.name)).not.toEqual(company.customers.map((c) => c.name));
    expect(other.customers.length).toBe(company.customers.length);
    expect(other.accounts).toEqual(company.accounts);
  });

  it('sections draw from their own streams: more invoices leave master data unchanged', () => {
    const more = generateDemoCompany({ salesInvoices: 300, purchaseInvoices: 5 });
    expect(more.customers).toEqual(company.customers);
    expect(more.vendors).toEqual(company.vendors);
    expect(more.items).toEqual(company.items);
  });

  it('output does not depend on the clock', () => {
    // Same options, generated again later: nothing reads Date.now().
    const json = JSON.stringify(company);
    expect(JSON.stringify(generateDemoCompany({ ...demoDefaults }))).toBe(json);
  });

  it('pins a few values of the default company, so an accidental change shows', () => {
    expect(company.name).toBe('CRONUS International Ltd.');
    expect(company.customers[0]?.no).toBe('C00010');
    expect(company.vendors[0]?.no).toBe('V00010');
    expect(company.items[0]?.no).toBe('1000');
    expect(company.salesInvoices[0]?.no).toBe('103001');
    expect(company.purchaseInvoices[0]?.no).toBe('108001');
    expect(company.salesOrders[0]?.no).toBe('101001');
    expect(company.salesInvoices.find((d) => !d.posted)?.no).toBe('102001');
    expect(company.purchaseInvoices.find((d) => !d.posted)?.no).toBe('107001');
  });
});

describe('generateDemoCompany: shape of the default company', () => {
  it('has the default counts and the CRONUS reference data', () => {
    expect(demoDefaults).toMatchObject({ seed: 2026, asOf: '2026-11-01', paidShare: 0.5 });
    expect(company.customers).toHaveLength(demoDefaults.customers);
    expect(company.vendors).toHaveLength(demoDefaults.vendors);
    expect(company.items).toHaveLength(demoDefaults.items);
    expect(company.salesInvoices).toHaveLength(demoDefaults.salesInvoices);
    expect(company.purchaseInvoices).toHaveLength(demoDefaults.purchaseInvoices);
    expect(company.salesOrders).toHaveLength(demoDefaults.salesOrders);
    expect(company.baseCurrency).toBe('GBP');
    expect(company.currencies).toEqual(['GBP', 'EUR', 'USD']);
    const pair = (navNo: string) => company.accounts.find((a) => a.navNo === navNo)?.xeroCode;
    expect([
      pair('6110'),
      pair('7110'),
      pair('2910'),
      pair('2310'),
      pair('5410'),
      pair('5610'),
      pair('5630'),
    ]).toEqual(['200', '300', '090', '610', '800', '820', '820']);
    expect(company.taxRates.map((r) => `${r.xeroTaxType}=${r.navVatGroup}@${r.ratePercent}`)).toEqual([
      'OUTPUT2=VAT20@20',
      'INPUT2=VAT20@20',
      'RROUTPUT=VAT5@5',
      'RRINPUT=VAT5@5',
      'ZERORATEDOUTPUT=ZERO@0',
      'ZERORATEDINPUT=ZERO@0',
      'NONE=NO VAT@0',
    ]);
    expect(company.dimensions.map((d) => d.code)).toEqual(['DEPARTMENT', 'AREA']);
  });

  it('uses foreign currencies, blocked and archived parties, every item type and VAT group', () => {
    expect(new Set(company.customers.map((c) => c.currency))).toEqual(new Set(['GBP', 'EUR', 'USD']));
    expect(company.customers.filter((c) => c.blocked !== '').length).toBeGreaterThanOrEqual(2);
    expect(company.customers.filter((c) => c.archived).length).toBeGreaterThanOrEqual(2);
    expect(new Set(company.items.map((i) => i.type))).toEqual(
      new Set(['Inventory', 'Service', 'Non-Inventory']),
    );
    const used = new Set(
      [...company.salesInvoices, ...company.purchaseInvoices].flatMap((d) => d.lines.map((l) => l.vatGroup)),
    );
    expect(used).toEqual(new Set(['VAT20', 'VAT5', 'ZERO', 'NO VAT']));
    const docs = [...company.salesInvoices, ...company.purchaseInvoices];
    expect(docs.some((d) => d.pricesIncludeVat)).toBe(true);
    expect(docs.some((d) => d.lines.some((l) => l.discountPercent !== '0'))).toBe(true);
    expect(docs.some((d) => d.lines.some((l) => l.type === 'G/L Account'))).toBe(true);
  });

  it('keeps every reference resolvable', () => checkReferentialIntegrity(company));
  it('follows the presence rules', () => checkPresence(company));
  it('pays no document more than its total and sets xeroStatus from Xero payments', () =>
    checkPayments(company));
  it('pays fully paid documents exactly the totals.ts total', () => checkFullPaymentsAgainstTotals(company));
  it('has valid dates and instants before asOf', () => checkDates(company, demoDefaults.asOf));
});

describe('generateDemoCompany: realistic overlap between the two systems', () => {
  it('most master data is in both systems, a few records only in NAV or only in Xero', () => {
    for (const records of [company.customers, company.vendors, company.items]) {
      const counts = presenceCounts(records);
      expect(counts.both).toBeGreaterThanOrEqual(records.length * 0.75);
      expect(counts.navOnly).toBeGreaterThanOrEqual(1);
      expect(counts.xeroOnly).toBeGreaterThanOrEqual(1);
    }
  });

  it('most posted invoices are in both; a few recent ones and all drafts only in NAV', () => {
    for (const docs of [company.salesInvoices, company.purchaseInvoices]) {
      const posted = docs.filter((d) => d.posted);
      const counts = presenceCounts(posted);
      expect(counts.both).toBeGreaterThan(posted.length * 0.9);
      expect(counts.navOnly).toBeGreaterThanOrEqual(1);
      expect(counts.xeroOnly).toBe(0);
      const newestSynced = posted
        .filter((d) => d.presence.xero)
        .reduce((max, d) => (d.postingDate > max ? d.postingDate : max), '');
      for (const d of posted.filter((x) => !x.presence.xero))
        expect(d.postingDate >= newestSynced).toBe(true);
      expect(docs.filter((d) => !d.posted).length).toBeGreaterThanOrEqual(1);
    }
  });

  it('payments are mostly in Xero, some also in NAV; some invoices are part-paid', () => {
    const counts = presenceCounts(company.payments);
    expect(counts.xeroOnly + counts.both).toBeGreaterThan(company.payments.length * 0.8);
    expect(counts.both).toBeGreaterThanOrEqual(1);
    expect(new Set(company.payments.map((p) => p.direction))).toEqual(new Set(['RECEIVED', 'MADE']));
    const paidDocs = new Set(company.payments.map((p) => `${p.direction} ${p.documentNo}`));
    const partPaid = [...company.salesInvoices, ...company.purchaseInvoices].filter(
      (d) =>
        d.xeroStatus === 'AUTHORISED' && (paidDocs.has(`RECEIVED ${d.no}`) || paidDocs.has(`MADE ${d.no}`)),
    );
    expect(partPaid.length).toBeGreaterThanOrEqual(1);
  });

  it('paidShare decides how many posted invoices have a payment', () => {
    const share = (c: DemoCompany) => {
      const posted = c.salesInvoices.filter((d) => d.posted).length;
      const paid = new Set(c.payments.filter((p) => p.direction === 'RECEIVED').map((p) => p.documentNo))
        .size;
      return paid / posted;
    };
    expect(share(company)).toBeCloseTo(0.5, 1);
    expect(generateDemoCompany({ paidShare: 0 }).payments).toEqual([]);
    expect(share(generateDemoCompany({ paidShare: 0.8 }))).toBeCloseTo(0.8, 1);
  });
});

describe('the invariant checks themselves', () => {
  const broken = (mutate: (c: DemoCompany) => void) => {
    const c = structuredClone(company);
    mutate(c);
    return c;
  };
  const firstPaid = (c: DemoCompany) => {
    const doc = c.salesInvoices.find((d) => d.xeroStatus === 'PAID');
    if (!doc) throw new Error('no paid invoice');
    return doc;
  };

  it('notice a dangling reference, a third dimension and a bad presence', () => {
    expect(() =>
      checkReferentialIntegrity(broken((c) => ((c.salesInvoices[0] as DemoDocument).partyNo = 'C99999'))),
    ).toThrow();
    expect(() =>
      checkReferentialIntegrity(
        broken((c) => (((c.salesInvoices[0] as DemoDocument).lines[0] as DemoLine).dimensions.PROJECT = 'X')),
      ),
    ).toThrow();
    expect(() =>
      checkPresence(broken((c) => ((c.salesInvoices.at(-1) as DemoDocument).presence.xero = true))),
    ).toThrow();
  });

  it('notice an overpayment and a wrong status', () => {
    expect(() =>
      checkPayments(
        broken((c) => {
          const doc = firstPaid(c);
          const payment = c.payments.find((p) => p.documentNo === doc.no && p.direction === 'RECEIVED');
          if (payment) payment.amount = `${Number(payment.amount) + 1}.00`;
        }),
      ),
    ).toThrow();
    expect(() => checkPayments(broken((c) => (firstPaid(c).xeroStatus = 'AUTHORISED')))).toThrow();
  });
});

describe('generateDemoCompany: options', () => {
  it('honours counts, including zero and tiny companies', () => {
    const empty = generateDemoCompany({
      customers: 0,
      vendors: 0,
      items: 0,
      salesInvoices: 0,
      purchaseInvoices: 0,
      salesOrders: 0,
    });
    expect([empty.customers, empty.salesInvoices, empty.payments].map((x) => x.length)).toEqual([0, 0, 0]);
    const tiny = generateDemoCompany({
      customers: 1,
      vendors: 1,
      items: 0,
      salesInvoices: 3,
      purchaseInvoices: 2,
      salesOrders: 1,
    });
    checkReferentialIntegrity(tiny);
    checkPresence(tiny);
    checkPayments(tiny);
  });

  it('shifts every date with asOf', () => {
    const shifted = generateDemoCompany({ asOf: '2025-03-15' });
    checkDates(shifted, '2025-03-15');
  });

  it('rejects invalid options', () => {
    expect(() => generateDemoCompany({ customers: -1 })).toThrow(RangeError);
    expect(() => generateDemoCompany({ items: 1.5 })).toThrow(RangeError);
    expect(() => generateDemoCompany({ paidShare: 2 })).toThrow(RangeError);
    expect(() => generateDemoCompany({ asOf: '2026-02-30' })).toThrow(RangeError);
    expect(() => generateDemoCompany({ customers: 0, salesInvoices: 1 })).toThrow(/customer/);
  });
});
