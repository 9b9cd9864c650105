// Document lines: item lines priced from the item card, G/L lines for charges and overheads,
// and the dimension values Xero carries as its two tracking categories.
import type { SeededRandom } from '../common/random.js';
import { ACC, AREA, DEPARTMENT, FX_PER_100_GBP, VAT } from './accounts.js';
import { formatCents } from './cents.js';
import type { ItemInfo } from './items.js';
import type { DemoItem, DemoLine } from './model.js';
import type { OverheadKind } from './names/overheads.js';
import { mulDivRound, pickWeighted } from './sampling.js';

export function lineNo(index: number): number {
  return (index + 1) * 10_000;
}

/** GBP cents to the document currency at the demo's fixed rates. */
export function convert(cents: number, currency: string): number {
  return mulDivRound(cents, FX_PER_100_GBP[currency] ?? 100, 100);
}

/** Supplies abroad are zero-rated; supplies outside the scope of VAT stay so. */
function vatFor(vatGroup: string, foreign: boolean): string {
  return foreign && vatGroup !== VAT.none ? VAT.zero : vatGroup;
}

const SALES_DISCOUNTS = [
  [75, '0'],
  [8, '5'],
  [7, '10'],
  [5, '2.5'],
  [5, '15'],
] as const;
const PURCHASE_DISCOUNTS = [
  [85, '0'],
  [10, '2.5'],
  [5, '5'],
] as const;

/** Most lines carry department and area, some only the department, a few none. */
export function salesDimensions(rng: SeededRandom, department: string, area: string): Record<string, string> {
  const r = rng.next();
  if (r < 0.8) return { [DEPARTMENT]: department, [AREA]: area };
  if (r < 0.9) return { [DEPARTMENT]: department };
  return {};
}

export function purchaseDimensions(rng: SeededRandom, department: string): Record<string, string> {
  return rng.chance(0.75) ? { [DEPARTMENT]: department } : {};
}

function quantityFor(rng: SeededRandom, item: DemoItem): string {
  if (item.type === 'Service') return rng.chance(0.25) ? `${rng.int(1, 15)}.5` : String(rng.int(1, 16));
  if (item.type === 'Non-Inventory') return String(rng.int(1, 3));
  return String(rng.chance(0.85) ? rng.int(1, 4) : rng.int(5, 20));
}

export function salesItemLine(
  rng: SeededRandom,
  index: number,
  item: DemoItem,
  info: ItemInfo,
  currency: string,
  area: string,
): DemoLine {
  return {
    lineNo: lineNo(index),
    type: 'Item',
    no: item.no,
    description: item.description,
    quantity: quantityFor(rng, item),
    unitPrice: formatCents(convert(info.priceCents, currency)),
    discountPercent: pickWeighted(rng, SALES_DISCOUNTS),
    vatGroup: vatFor(item.vatGroup, currency !== 'GBP'),
    dimensions: salesDimensions(rng, item.type === 'Service' ? 'PROD' : 'SALES', area),
  };
}

const SALES_CHARGES = [
  { account: ACC.deliveryIncome, description: 'Delivery charge', min: 25, max: 95 },
  { account: ACC.salesServices, description: 'Consultancy fee', min: 150, max: 1500 },
  { account: ACC.salesGoods, description: 'Installation and fitting', min: 80, max: 400 },
] as const;

export function salesChargeLine(rng: SeededRandom, index: number, currency: string, area: string): DemoLine {
  const charge = rng.pick(SALES_CHARGES);
  return {
    lineNo: lineNo(index),
    type: 'G/L Account',
    no: charge.account,
    description: charge.description,
    quantity: '1',
    unitPrice: formatCents(convert(rng.int(charge.min, charge.max) * 100, currency)),
    discountPercent: '0',
    vatGroup: vatFor(VAT.standard, currency !== 'GBP'),
    dimensions: salesDimensions(rng, 'SALES', area),
  };
}

export function purchaseItemLine(
  rng: SeededRandom,
  index: number,
  item: DemoItem,
  info: ItemInfo,
  currency: string,
): DemoLine {
  return {
    lineNo: lineNo(index),
    type: 'Item',
    no: item.no,
    description: item.description,
    quantity: String(rng.chance(0.7) ? rng.int(2, 12) : rng.int(13, 40)),
    unitPrice: formatCents(convert(info.costCents, currency)),
    discountPercent: pickWeighted(rng, PURCHASE_DISCOUNTS),
    vatGroup: vatFor(item.vatGroup, currency !== 'GBP'),
    dimensions: purchaseDimensions(rng, 'PROD'),
  };
}

export function carriageLine(rng: SeededRandom, index: number, currency: string): DemoLine {
  return {
    lineNo: lineNo(index),
    type: 'G/L Account',
    no: ACC.costOfGoodsSold,
    description: 'Carriage inwards',
    quantity: '1',
    unitPrice: formatCents(convert(rng.int(20, 150) * 100, currency)),
    discountPercent: '0',
    vatGroup: vatFor(VAT.standard, currency !== 'GBP'),
    dimensions: purchaseDimensions(rng, 'PROD'),
  };
}

export function overheadLine(rng: SeededRandom, index: number, kind: OverheadKind, month: string): DemoLine {
  return {
    lineNo: lineNo(index),
    type: 'G/L Account',
    no: kind.account,
    description: index === 0 ? `${kind.description}, ${month}` : `${kind.description}, extras`,
    quantity: '1',
    unitPrice: formatCents(rng.int(kind.min, kind.max) * 100 + rng.int(0, 99)),
    discountPercent: '0',
    vatGroup: kind.vatGroup,
    dimensions: purchaseDimensions(rng, 'ADM'),
  };
}

/** For a goods supplier when the company has no items to buy. */
export function goodsLine(rng: SeededRandom, index: number, currency: string): DemoLine {
  return {
    lineNo: lineNo(index),
    type: 'G/L Account',
    no: ACC.purchasesGoods,
    description: 'Goods for resale',
    quantity: String(rng.int(1, 10)),
    unitPrice: formatCents(convert(rng.int(20, 400) * 100, currency)),
    discountPercent: '0',
    vatGroup: vatFor(VAT.standard, currency !== 'GBP'),
    dimensions: purchaseDimensions(rng, 'PROD'),
  };
}
