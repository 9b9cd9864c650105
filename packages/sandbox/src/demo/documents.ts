// Sales invoices, purchase invoices and open sales orders. Posted documents dated before the last
// sync are in both systems; those posted since, and every open document, are still only in NAV.
import type { SeededRandom } from '../common/random.js';
import { endOfMonth, formatDay, londonInstant } from './calendar.js';
import type { ItemInfo } from './items.js';
import {
  carriageLine,
  goodsLine,
  overheadLine,
  purchaseItemLine,
  salesChargeLine,
  salesItemLine,
} from './lines.js';
import type {
  DemoCustomer,
  DemoDocument,
  DemoItem,
  DemoLine,
  DemoPaymentTerms,
  DemoSalesOrder,
  DemoVendor,
} from './model.js';
import type { CustomerInfo, VendorInfo } from './parties.js';
import { officeSecond, pickSkewed, pickWeighted, seriesNo } from './sampling.js';
import type { Timeline } from './timeline.js';

export interface Masters {
  customers: readonly DemoCustomer[];
  customerInfo: readonly CustomerInfo[];
  vendors: readonly DemoVendor[];
  vendorInfo: readonly VendorInfo[];
  items: readonly DemoItem[];
  itemInfo: readonly ItemInfo[];
  paymentTerms: readonly DemoPaymentTerms[];
}

/** Index lists of what each kind of document may reference. */
interface Pools {
  /** In both systems (blocked or archived ones too: their history stays). */
  synced: number[];
  /** In NAV and usable for a new document today. */
  active: number[];
}

function pools<T extends { presence: { nav: boolean; xero: boolean } }>(
  records: readonly T[],
  usable: (record: T) => boolean,
  accept: (record: T) => boolean = () => true,
): Pools {
  const synced: number[] = [];
  const active: number[] = [];
  records.forEach((record, i) => {
    if (!accept(record)) return;
    if (record.presence.nav && record.presence.xero) synced.push(i);
    if (record.presence.nav && usable(record)) active.push(i);
  });
  // A tiny company may have nothing left for new documents; fall back to its synced records.
  return { synced, active: active.length > 0 ? active : synced };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function monthLabel(day: number): string {
  const date = formatDay(day);
  return `${MONTHS[Number(date.slice(5, 7)) - 1] ?? ''} ${date.slice(0, 4)}`;
}

function dueDay(day: number, terms: DemoPaymentTerms | undefined): number {
  if (terms?.dueDateCalculation === 'CM') return endOfMonth(day);
  return day + (terms?.days ?? 30);
}

function sortedDays(rng: SeededRandom, count: number, from: number, to: number): number[] {
  const days = Array.from({ length: count }, () => rng.int(from, to));
  return days.sort((a, b) => a - b);
}

type Stage = 'synced' | 'unsynced' | 'draft';

/** Posting dates and the stage of each posted and draft document, posted ones first. */
function schedule(rng: SeededRandom, t: Timeline, count: number): { day: number; stage: Stage }[] {
  const drafts = count >= 10 ? Math.max(2, Math.round(count * 0.04)) : 0;
  const posted = count - drafts;
  const unsynced = count >= 10 ? Math.max(2, Math.round(posted * 0.03)) : 0;
  const synced = posted - unsynced;
  return [
    ...sortedDays(rng, synced, t.startDay, t.lastSyncDay - 1).map((day) => ({
      day,
      stage: 'synced' as const,
    })),
    ...sortedDays(rng, unsynced, t.lastSyncDay, t.asOfDay - 1).map((day) => ({
      day,
      stage: 'unsynced' as const,
    })),
    ...sortedDays(rng, drafts, t.asOfDay - 14, t.asOfDay - 1).map((day) => ({
      day,
      stage: 'draft' as const,
    })),
  ];
}

function lineCount(rng: SeededRandom): number {
  return pickWeighted(rng, [
    [30, 1],
    [30, 2],
    [20, 3],
    [12, 4],
    [8, 5],
  ] as const);
}

function termsMap(terms: readonly DemoPaymentTerms[]): Map<string, DemoPaymentTerms> {
  return new Map(terms.map((term) => [term.code, term]));
}

interface Series {
  posted: string;
  draft: string;
}

function documentShell(
  rng: SeededRandom,
  no: string,
  partyNo: string,
  day: number,
  stage: Stage,
  terms: DemoPaymentTerms | undefined,
  currency: string,
  pricesIncludeVat: boolean,
  lines: DemoLine[],
): DemoDocument {
  return {
    no,
    id: rng.uuid(),
    partyNo,
    postingDate: formatDay(day),
    dueDate: formatDay(dueDay(day, terms)),
    currency,
    pricesIncludeVat,
    posted: stage !== 'draft',
    xeroStatus: stage === 'draft' ? 'DRAFT' : 'AUTHORISED',
    lines,
    lastModified: londonInstant(day, officeSecond(rng)),
    presence: { nav: true, xero: stage === 'synced' },
  };
}

function numberDocuments(
  plan: readonly { day: number; stage: Stage }[],
  series: Series,
): (stage: Stage, index: number) => string {
  const draftCount = plan.filter((p) => p.stage === 'draft').length;
  const postedCount = plan.length - draftCount;
  return (stage, index) =>
    stage === 'draft'
      ? seriesNo(series.draft, index - postedCount, draftCount)
      : seriesNo(series.posted, index, postedCount);
}

export function generateSalesInvoices(
  rng: SeededRandom,
  t: Timeline,
  count: number,
  m: Masters,
): DemoDocument[] {
  if (count === 0) return [];
  if (m.customers.length === 0) throw new RangeError('sales invoices need at least one customer');
  const customers = pools(m.customers, (c) => c.blocked === '' && !c.archived);
  const items = pools(m.items, (i) => !i.blocked);
  const terms = termsMap(m.paymentTerms);
  const plan = schedule(rng, t, count);
  const numberOf = numberDocuments(plan, { posted: '103', draft: '102' });
  return plan.map(({ day, stage }, index) => {
    const customerIndex = pickSkewed(rng, stage === 'synced' ? customers.synced : customers.active);
    const customer = m.customers[customerIndex];
    const area = m.customerInfo[customerIndex]?.area;
    if (!customer || area === undefined) throw new Error('customer pool out of range');
    const itemPool = stage === 'synced' ? items.synced : items.active;
    const lines: DemoLine[] = [];
    const n = lineCount(rng);
    for (let i = 0; i < n; i++) {
      if (itemPool.length > 0 && rng.chance(0.85)) {
        const itemIndex = pickSkewed(rng, itemPool);
        const item = m.items[itemIndex];
        const info = m.itemInfo[itemIndex];
        if (!item || !info) throw new Error('item pool out of range');
        lines.push(salesItemLine(rng, i, item, info, customer.currency, area));
      } else {
        lines.push(salesChargeLine(rng, i, customer.currency, area));
      }
    }
    // Shop-counter customers see prices with VAT; business customers without.
    const inclusive = customer.currency === 'GBP' && rng.chance(0.1);
    const doc = documentShell(
      rng,
      numberOf(stage, index),
      customer.no,
      day,
      stage,
      terms.get(customer.paymentTermsCode),
      customer.currency,
      inclusive,
      lines,
    );
    if (rng.chance(0.4)) doc.externalDocumentNo = `PO-${rng.int(10_000, 99_999)}`;
    return doc;
  });
}

/** Each vendor numbers its own invoices in its own style. */
class VendorInvoiceNumbers {
  private readonly next = new Map<number, { format: number; prefix: string; n: number }>();

  constructor(private readonly rng: SeededRandom) {}

  take(vendorIndex: number, vendorName: string): string {
    let state = this.next.get(vendorIndex);
    if (!state) {
      const initials = vendorName
        .split(/\s+/)
        .map((word) => word.replace(/[^A-Za-z]/g, '').charAt(0))
        .join('')
        .toUpperCase()
        .slice(0, 3);
      state = { format: this.rng.int(0, 2), prefix: initials || 'INV', n: this.rng.int(1_000, 90_000) };
      this.next.set(vendorIndex, state);
    }
    state.n += this.rng.int(1, 25);
    return state.format === 0
      ? `INV-${state.n}`
      : state.format === 1
        ? `${state.prefix}${state.n}`
        : String(state.n);
  }
}

export function generatePurchaseInvoices(
  rng: SeededRandom,
  t: Timeline,
  count: number,
  m: Masters,
): DemoDocument[] {
  if (count === 0) return [];
  if (m.vendors.length === 0) throw new RangeError('purchase invoices need at least one vendor');
  const vendors = pools(m.vendors, (v) => v.blocked === '' && !v.archived);
  const goods = pools(
    m.items,
    (i) => !i.blocked,
    (i) => i.type !== 'Service',
  );
  const terms = termsMap(m.paymentTerms);
  const invoiceNos = new VendorInvoiceNumbers(rng);
  const plan = schedule(rng, t, count);
  const numberOf = numberDocuments(plan, { posted: '108', draft: '107' });
  return plan.map(({ day, stage }, index) => {
    const vendorIndex = pickSkewed(rng, stage === 'synced' ? vendors.synced : vendors.active);
    const vendor = m.vendors[vendorIndex];
    const info = m.vendorInfo[vendorIndex];
    if (!vendor || !info) throw new Error('vendor pool out of range');
    const lines: DemoLine[] = [];
    let inclusive = false;
    if (info.overhead) {
      const n = rng.chance(0.8) ? 1 : 2;
      for (let i = 0; i < n; i++) lines.push(overheadLine(rng, i, info.overhead, monthLabel(day)));
      // Utility and phone bills often state gross amounts.
      inclusive = rng.chance(0.15);
    } else {
      const itemPool = stage === 'synced' ? goods.synced : goods.active;
      const n = lineCount(rng);
      for (let i = 0; i < n; i++) {
        if (itemPool.length === 0) {
          lines.push(goodsLine(rng, i, vendor.currency));
          continue;
        }
        const itemIndex = pickSkewed(rng, itemPool);
        const item = m.items[itemIndex];
        const itemInfo = m.itemInfo[itemIndex];
        if (!item || !itemInfo) throw new Error('item pool out of range');
        lines.push(purchaseItemLine(rng, i, item, itemInfo, vendor.currency));
      }
      if (rng.chance(0.2)) lines.push(carriageLine(rng, lines.length, vendor.currency));
    }
    const doc = documentShell(
      rng,
      numberOf(stage, index),
      vendor.no,
      day,
      stage,
      terms.get(vendor.paymentTermsCode),
      vendor.currency,
      inclusive,
      lines,
    );
    doc.vendorInvoiceNo = invoiceNos.take(vendorIndex, vendor.name);
    return doc;
  });
}

export function generateSalesOrders(
  rng: SeededRandom,
  t: Timeline,
  count: number,
  m: Masters,
): DemoSalesOrder[] {
  if (count === 0) return [];
  if (m.customers.length === 0) throw new RangeError('sales orders need at least one customer');
  const customers = pools(m.customers, (c) => c.blocked === '' && !c.archived);
  const items = pools(m.items, (i) => !i.blocked);
  const days = sortedDays(rng, count, t.asOfDay - 30, t.asOfDay - 1);
  return days.map((day, index) => {
    const customerIndex = pickSkewed(rng, customers.active);
    const customer = m.customers[customerIndex];
    const area = m.customerInfo[customerIndex]?.area;
    if (!customer || area === undefined) throw new Error('customer pool out of range');
    const lines: DemoLine[] = [];
    const n = rng.int(1, 4);
    for (let i = 0; i < n; i++) {
      if (items.active.length === 0) {
        lines.push(salesChargeLine(rng, i, customer.currency, area));
        continue;
      }
      const itemIndex = pickSkewed(rng, items.active);
      const item = m.items[itemIndex];
      const info = m.itemInfo[itemIndex];
      if (!item || !info) throw new Error('item pool out of range');
      lines.push(salesItemLine(rng, i, item, info, customer.currency, area));
    }
    const order: DemoSalesOrder = {
      no: seriesNo('101', index, count),
      id: rng.uuid(),
      customerNo: customer.no,
      orderDate: formatDay(day),
      currency: customer.currency,
      status: rng.chance(0.4) ? 'Released' : 'Open',
      lines,
      lastModified: londonInstant(day, officeSecond(rng)),
    };
    if (rng.chance(0.7)) order.requestedDeliveryDate = formatDay(day + rng.int(7, 28));
    return order;
  });
}
