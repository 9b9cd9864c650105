// Items: CRONUS-style furniture (inventory), services by the hour and a few non-inventory lines.
import type { SeededRandom } from '../common/random.js';
import { ACC, VAT } from './accounts.js';
import { formatCents } from './cents.js';
import type { DemoItem } from './model.js';
import { ITEM_CITIES, ITEM_COLOURS, NON_INVENTORY, PRODUCTS, SERVICES } from './names/products.js';
import { chooseSome } from './sampling.js';
import { masterLayout, masterModified, presenceAt, type Timeline } from './timeline.js';

/** Whole pounds to a shelf price in cents: most end in .00, some in .50, .95 or .99. */
function shelfPrice(rng: SeededRandom, min: number, max: number): number {
  return rng.int(min, max) * 100 + rng.pick([0, 0, 0, 50, 95, 99]);
}

function uniqueDescription(taken: Set<string>, base: string, no: string): string {
  const description = taken.has(base) ? `${base} - ${no}` : base;
  taken.add(description);
  return description;
}

/** Item prices in cents, kept beside the model so documents need not parse strings. */
export interface ItemInfo {
  priceCents: number;
  costCents: number;
}

export function generateItems(
  rng: SeededRandom,
  t: Timeline,
  count: number,
): { items: DemoItem[]; info: ItemInfo[] } {
  const layout = masterLayout(count);
  const all = Array.from({ length: count }, (_, i) => i);
  const services = chooseSome(rng, all, Math.round(count * 0.2));
  const nonInventory = chooseSome(
    rng,
    all.filter((i) => !services.has(i)),
    Math.round(count * 0.07),
  );
  const synced = Array.from({ length: layout.both }, (_, i) => i);
  const blocked =
    count >= 10 ? chooseSome(rng, synced, Math.max(1, Math.round(count * 0.03))) : new Set<number>();
  const taken = new Set<string>();
  const items: DemoItem[] = [];
  const info: ItemInfo[] = [];
  for (let i = 0; i < count; i++) {
    const no = String(1000 + i);
    const presence = presenceAt(layout, i);
    let type: DemoItem['type'];
    let base: string;
    let price: number;
    let vatGroup: string;
    if (services.has(i)) {
      const s = rng.pick(SERVICES);
      type = 'Service';
      base = s.name;
      price = rng.int(s.min, s.max) * 100;
      vatGroup = s.vatGroup;
    } else if (nonInventory.has(i)) {
      const s = rng.pick(NON_INVENTORY);
      type = 'Non-Inventory';
      base = s.name;
      price = shelfPrice(rng, s.min, s.max);
      vatGroup = s.vatGroup;
    } else {
      const product = rng.pick(PRODUCTS);
      type = 'Inventory';
      base = `${rng.pick(ITEM_CITIES)} ${product.name}${product.coloured ? `, ${rng.pick(ITEM_COLOURS)}` : ''}`;
      price = shelfPrice(rng, product.min, product.max);
      vatGroup = VAT.standard;
    }
    // Cost is 50–75 % of the price: a furniture reseller's margin.
    const cost = Math.floor((price * rng.int(50, 75)) / 100);
    items.push({
      no,
      id: rng.uuid(),
      description: uniqueDescription(taken, base, no),
      type,
      baseUnitOfMeasure: type === 'Service' ? 'HOUR' : 'PCS',
      unitPrice: formatCents(price),
      unitCost: formatCents(cost),
      salesAccountNo: type === 'Service' ? ACC.salesServices : ACC.salesGoods,
      purchaseAccountNo: type === 'Service' ? ACC.consultants : ACC.purchasesGoods,
      vatGroup,
      blocked: blocked.has(i),
      lastModified: masterModified(rng, t, presence),
      presence,
    });
    info.push({ priceCents: price, costCents: cost });
  }
  return { items, info };
}
