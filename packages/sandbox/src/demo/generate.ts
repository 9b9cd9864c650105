// Composes the demo company. Same options ⇒ the same company on every machine: all randomness
// comes from the seed and all dates from asOf.
import {
  BASE_CURRENCY,
  COMPANY_NAME,
  CURRENCIES,
  chartOfAccounts,
  dimensions,
  paymentTerms,
  taxRates,
} from './accounts.js';
import { generatePurchaseInvoices, generateSalesInvoices, generateSalesOrders } from './documents.js';
import { generateItems } from './items.js';
import type { DemoCompany, DemoOptions } from './model.js';
import { NameRegistry, generateCustomers, generateVendors } from './parties.js';
import { generatePayments } from './payments.js';
import { streamFor } from './sampling.js';
import { timelineFor } from './timeline.js';
import { taxRatesByGroup } from './totals.js';

export const demoDefaults: DemoOptions = Object.freeze({
  seed: 2026,
  customers: 40,
  vendors: 15,
  items: 30,
  salesInvoices: 120,
  purchaseInvoices: 40,
  salesOrders: 10,
  paidShare: 0.5,
  asOf: '2026-11-01',
});

const COUNTS = ['customers', 'vendors', 'items', 'salesInvoices', 'purchaseInvoices', 'salesOrders'] as const;

function validate(options: DemoOptions): void {
  if (!Number.isInteger(options.seed)) throw new RangeError(`seed must be an integer, got ${options.seed}`);
  for (const key of COUNTS) {
    const value = options[key];
    if (!Number.isInteger(value) || value < 0)
      throw new RangeError(`${key} must be a whole number ≥ 0, got ${value}`);
  }
  if (!(options.paidShare >= 0 && options.paidShare <= 1)) {
    throw new RangeError(`paidShare must be within 0..1, got ${options.paidShare}`);
  }
}

/** Streams per section: changing one count leaves the other sections' records as they were. */
const SECTION = {
  company: 0,
  customers: 1,
  vendors: 2,
  items: 3,
  sales: 4,
  purchases: 5,
  orders: 6,
  payments: 7,
};

export function generateDemoCompany(options: Partial<DemoOptions> = {}): DemoCompany {
  const o: DemoOptions = { ...demoDefaults, ...options };
  validate(o);
  const t = timelineFor(o.asOf);
  const stream = (section: number) => streamFor(o.seed, section);

  const accounts = chartOfAccounts();
  const rates = taxRates();
  const terms = paymentTerms();
  const names = new NameRegistry();
  const { customers, info: customerInfo } = generateCustomers(
    stream(SECTION.customers),
    t,
    o.customers,
    names,
  );
  const { vendors, info: vendorInfo } = generateVendors(stream(SECTION.vendors), t, o.vendors, names);
  const { items, info: itemInfo } = generateItems(stream(SECTION.items), t, o.items);
  const masters = { customers, customerInfo, vendors, vendorInfo, items, itemInfo, paymentTerms: terms };

  const salesInvoices = generateSalesInvoices(stream(SECTION.sales), t, o.salesInvoices, masters);
  const purchaseInvoices = generatePurchaseInvoices(
    stream(SECTION.purchases),
    t,
    o.purchaseInvoices,
    masters,
  );
  const salesOrders = generateSalesOrders(stream(SECTION.orders), t, o.salesOrders, masters);

  const byGroup = taxRatesByGroup(rates);
  const payRng = stream(SECTION.payments);
  const received = generatePayments(payRng, t, salesInvoices, 'RECEIVED', o.paidShare, byGroup);
  const made = generatePayments(payRng, t, purchaseInvoices, 'MADE', o.paidShare, byGroup);

  return {
    name: COMPANY_NAME,
    id: stream(SECTION.company).uuid(),
    baseCurrency: BASE_CURRENCY,
    currencies: [...CURRENCIES],
    accounts,
    taxRates: rates,
    paymentTerms: terms,
    dimensions: dimensions(),
    customers,
    vendors,
    items,
    salesOrders,
    salesInvoices,
    purchaseInvoices,
    payments: [...received, ...made],
  };
}
