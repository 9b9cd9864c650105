// Deterministic mirror contents for read-API tests and benchmarks: customers, vendors, items,
// dimensions, invoices with lines and payments, and their links to Xero and NAV.
import { SeededRandom } from '@ledgerbridge/sandbox/common/random.js';
import { Decimal } from '../../src/domain/money.js';
import { documentTotals, lineTotals } from '../../src/domain/totals.js';
import type { MirrorInsert, MirrorWriter } from '../../src/store/mirror-writer.js';

export interface FixtureOptions {
  seed?: number;
  customers: number;
  invoices: number;
  items?: number;
  /** Share of invoices with a payment (0..1). */
  paidShare?: number;
}

export interface MirrorFixture {
  customers: MirrorInsert['customer'][];
  items: MirrorInsert['item'][];
  dimensions: MirrorInsert['dimension'][];
  dimensionValues: MirrorInsert['dimensionValue'][];
  invoices: MirrorInsert['invoice'][];
  invoiceLines: MirrorInsert['invoiceLine'][];
  invoiceLineDimensions: MirrorInsert['invoiceLineDimension'][];
  payments: MirrorInsert['payment'][];
  externalLinks: MirrorInsert['externalLink'][];
}

export const navCompany = 'CRONUS International Ltd.';
export const xeroTenant = '6f3b1c2e-8a9d-4e5f-9a1b-2c3d4e5f6a7b';

const names = [
  'Adatum',
  'Trey Research',
  'Fabrikam',
  'Contoso',
  'Litware',
  'Northwind',
  'Proseware',
  'Woodgrove',
];
const suffixes = ['Ltd', 'plc', 'Group', 'Trading', 'Partners'];
const base = Date.UTC(2026, 0, 1);

const day = (offset: number) => new Date(base + offset * 86_400_000);
const priceOf = (pence: number): string => new Decimal(pence).dividedBy(100).toFixed(2);

export function buildMirrorFixture(options: FixtureOptions): MirrorFixture {
  const rng = new SeededRandom(options.seed ?? 7);
  const itemCount = options.items ?? 20;
  const f: MirrorFixture = {
    customers: [],
    items: [],
    dimensions: [],
    dimensionValues: [],
    invoices: [],
    invoiceLines: [],
    invoiceLineDimensions: [],
    payments: [],
    externalLinks: [],
  };
  const link = (
    entityType: MirrorInsert['externalLink']['entityType'],
    entityId: string,
    system: 'NAV' | 'XERO',
    externalId: string,
    externalNumber: string | null,
  ) =>
    f.externalLinks.push({
      entityType,
      entityId,
      system,
      tenant: system === 'NAV' ? navCompany : xeroTenant,
      externalId,
      externalNumber,
      version: system === 'NAV' ? `W/"JzQ0OzEyMzQ1Njc4OTAxMjM0NTY3ODkwMTsxMjM0NTY3ODkwOzAwOyc="` : null,
      remoteUpdatedAt: day(rng.int(0, 300)),
      lastSyncedAt: day(300),
    });

  for (let i = 0; i < options.customers; i++) {
    const id = rng.uuid();
    const number = `C${String((i + 1) * 10).padStart(5, '0')}`;
    const name = `${rng.pick(names)} ${rng.pick(suffixes)} ${i + 1}`;
    f.customers.push({
      id,
      number,
      name,
      email: `accounts${i + 1}@example.com`,
      currency: i % 10 === 9 ? 'EUR' : 'GBP',
      status: i % 17 === 16 ? 'BLOCKED' : 'ACTIVE',
      creditLimit: new Decimal(rng.int(10, 500) * 100).toFixed(2),
      address: { line1: `${i + 1} High Street`, city: 'London', postalCode: 'EC1A 1BB', country: 'GB' },
      syncStatus: 'SYNCED',
      lastSyncedAt: day(300),
    });
    link('CUSTOMER', id, 'NAV', number, number);
    link('CUSTOMER', id, 'XERO', rng.uuid(), number);
  }

  for (let i = 0; i < itemCount; i++) {
    const id = rng.uuid();
    f.items.push({
      id,
      number: String(1000 + i),
      name: `Item ${1000 + i}`,
      type: i % 4 === 0 ? 'SERVICE' : 'INVENTORY',
      unitPrice: priceOf(rng.int(100, 50_000)),
      salesAccountCode: '200',
      taxCode: 'OUTPUT2',
    });
  }

  const dimensionId = rng.uuid();
  f.dimensions.push({ id: dimensionId, code: 'DEPARTMENT', name: 'Department' });
  for (const code of ['ADM', 'PROD', 'SALES']) {
    f.dimensionValues.push({ id: rng.uuid(), dimensionId, code, name: code });
  }

  for (let i = 0; i < options.invoices; i++) {
    const id = rng.uuid();
    const customer = f.customers[i % f.customers.length];
    if (!customer?.id) throw new Error('fixtures need at least one customer');
    const number = String(103001 + i);
    const issue = rng.int(0, 300);
    const lineCount = rng.int(1, 3);
    const lines = Array.from({ length: lineCount }, (_, n) => {
      const item = rng.pick(f.items);
      const input = {
        quantity: new Decimal(rng.int(1, 20)),
        unitPrice: new Decimal(item.unitPrice as string),
        discountPercent: new Decimal(n === 1 ? 5 : 0),
        taxRatePercent: new Decimal(20),
      };
      const t = lineTotals(input, 'EXCLUSIVE');
      const lineId = rng.uuid();
      f.invoiceLines.push({
        id: lineId,
        invoiceId: id,
        lineNo: (n + 1) * 10000,
        itemId: item.id ?? null,
        description: item.name,
        quantity: input.quantity.toFixed(),
        unitPrice: input.unitPrice.toFixed(),
        discountPercent: input.discountPercent.toFixed(),
        accountCode: '200',
        taxCode: 'OUTPUT2',
        taxAmount: t.taxAmount.toFixed(2),
        lineAmount: t.lineAmount.toFixed(2),
      });
      const value = rng.pick(f.dimensionValues);
      if (value.id) f.invoiceLineDimensions.push({ lineId, dimensionValueId: value.id });
      return input;
    });
    const totals = documentTotals(lines, 'EXCLUSIVE');
    const paid = rng.chance(options.paidShare ?? 0.5);
    f.invoices.push({
      id,
      number,
      customerId: customer.id,
      status: paid ? 'PAID' : 'AUTHORISED',
      issueDate: day(issue),
      dueDate: day(issue + 30),
      currency: customer.currency,
      subTotal: totals.subTotal.toFixed(2),
      totalTax: totals.totalTax.toFixed(2),
      total: totals.total.toFixed(2),
      amountPaid: paid ? totals.total.toFixed(2) : '0',
      amountDue: paid ? '0' : totals.total.toFixed(2),
      syncStatus: 'SYNCED',
      lastSyncedAt: day(300),
    });
    link('INVOICE', id, 'NAV', number, number);
    link('INVOICE', id, 'XERO', rng.uuid(), number);
    if (paid) {
      const paymentId = rng.uuid();
      f.payments.push({
        id: paymentId,
        direction: 'RECEIVED',
        paymentDate: day(issue + rng.int(1, 40)),
        amount: totals.total.toFixed(2),
        currency: customer.currency,
        accountCode: '090',
        customerId: customer.id,
        invoiceId: id,
      });
      link('PAYMENT', paymentId, 'XERO', rng.uuid(), null);
    }
  }
  return f;
}

/** Writes a fixture into the mirror, parents first. */
export async function loadMirrorFixture(writer: MirrorWriter, f: MirrorFixture): Promise<void> {
  await writer.insert('customer', f.customers);
  await writer.insert('item', f.items);
  await writer.insert('dimension', f.dimensions);
  await writer.insert('dimensionValue', f.dimensionValues);
  await writer.insert('invoice', f.invoices);
  await writer.insert('invoiceLine', f.invoiceLines);
  await writer.insert('invoiceLineDimension', f.invoiceLineDimensions);
  await writer.insert('payment', f.payments);
  await writer.insert('externalLink', f.externalLinks);
}
