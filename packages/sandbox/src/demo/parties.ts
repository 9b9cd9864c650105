// Customers and vendors. Names are unique across both lists because Xero keeps them in one
// contact list with unique names.
import type { SeededRandom } from '../common/random.js';
import type { DemoAddress, DemoCustomer, DemoParty, DemoVendor } from './model.js';
import {
  COMPANY_FIRST,
  CUSTOMER_SECOND,
  SUFFIX_BY_COUNTRY,
  SUPPLIER_SECOND,
  UK_SUFFIXES,
} from './names/companies.js';
import { OVERHEAD_SUPPLIERS, type OverheadKind } from './names/overheads.js';
import {
  ADDRESS_LINE2,
  EMAIL_TLD,
  EU_CITIES,
  STREETS,
  UK_CITIES,
  US_CITIES,
  type City,
} from './names/places.js';
import { chooseSome, pickWeighted, tenStepNo } from './sampling.js';
import { masterLayout, masterModified, presenceAt, type MasterLayout, type Timeline } from './timeline.js';

/** What documents need to know about a customer beyond the model. */
export interface CustomerInfo {
  /** AREA dimension value. */
  area: string;
}

/** Overhead vendors post to one expense account; goods vendors sell us items. */
export interface VendorInfo {
  overhead: OverheadKind | null;
}

const LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

function fillPattern(rng: SeededRandom, pattern: string): string {
  let out = '';
  for (const ch of pattern) {
    if (ch === '#') out += String(rng.int(0, 9));
    else if (ch === '@') out += LETTERS[rng.int(0, LETTERS.length - 1)] ?? 'A';
    else out += ch;
  }
  return out;
}

function postcode(rng: SeededRandom, city: City): string {
  const outward = rng.pick(city.postcodes);
  return city.country === 'GB'
    ? `${outward} ${rng.int(1, 9)}${fillPattern(rng, '@@')}`
    : fillPattern(rng, outward);
}

function address(rng: SeededRandom, city: City): DemoAddress {
  const streets = STREETS[city.country] ?? STREETS.GB ?? [];
  const street = rng.pick(streets);
  const number = rng.int(1, 240);
  const line1 =
    city.country === 'GB' || city.country === 'US' || city.country === 'IE' || city.country === 'FR'
      ? `${number} ${street}`
      : `${street} ${number}`;
  const result: DemoAddress = {
    line1,
    city: city.city,
    postalCode: postcode(rng, city),
    country: city.country,
  };
  if (rng.chance(0.3)) result.line2 = rng.pick(ADDRESS_LINE2);
  if (city.region !== undefined) result.region = city.region;
  return result;
}

function phone(rng: SeededRandom, city: City): string {
  return `${city.phone}${String(rng.int(0, city.country === 'US' ? 99 : 999)).padStart(city.country === 'US' ? 2 : 3, '0')}`;
}

function taxNumber(rng: SeededRandom, country: string): string | undefined {
  if (country === 'US' || !rng.chance(0.75)) return undefined;
  const digits = (n: number): string => Array.from({ length: n }, () => String(rng.int(0, 9))).join('');
  return country === 'GB' ? `GB${digits(9)}` : `${country}${digits(9)}`;
}

/** Unique contact names: word pairs first, then the city, then a number. */
export class NameRegistry {
  private readonly taken = new Set<string>();

  claim(base: string, city: string): string {
    for (const candidate of [base, `${base} (${city})`]) {
      if (!this.taken.has(candidate)) {
        this.taken.add(candidate);
        return candidate;
      }
    }
    for (let n = 2; ; n++) {
      const candidate = `${base} (${city} ${n})`;
      if (!this.taken.has(candidate)) {
        this.taken.add(candidate);
        return candidate;
      }
    }
  }
}

function companyName(rng: SeededRandom, second: readonly string[], country: string): string {
  const suffix = rng.pick(SUFFIX_BY_COUNTRY[country] ?? UK_SUFFIXES);
  return `${rng.pick(COMPANY_FIRST)} ${rng.pick(second)} ${suffix}`;
}

function email(rng: SeededRandom, name: string, country: string): string | undefined {
  if (!rng.chance(0.9)) return undefined;
  const slug = name
    .replace(/\b(Ltd\.?|Limited|plc|LLP|GmbH|AG|KG|SARL|SAS?|B\.V\.|N\.V\.|BV|NV|Inc\.|LLC|Corp\.)/g, '')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]/g, '');
  return `${rng.pick(['accounts', 'finance', 'info', 'purchasing'])}@${slug}.${EMAIL_TLD[country] ?? 'com'}`;
}

type Currency = 'GBP' | 'EUR' | 'USD';

/** Exact numbers of EUR and USD parties, drawn from those in both systems so they appear on documents. */
function currencies(
  rng: SeededRandom,
  layout: MasterLayout,
  eurShare: number,
  usdShare: number,
  exclude: ReadonlySet<number> = new Set(),
): Currency[] {
  const result: Currency[] = Array.from({ length: layout.count }, () => 'GBP');
  if (layout.count < 10) return result;
  const candidates = Array.from({ length: layout.both }, (_, i) => i).filter((i) => !exclude.has(i));
  const eur = Math.max(1, Math.round(layout.count * eurShare));
  const usd = Math.max(1, Math.round(layout.count * usdShare));
  const chosen = [...chooseSome(rng, candidates, eur + usd)];
  chosen.forEach((index, k) => (result[index] = k < eur ? 'EUR' : 'USD'));
  return result;
}

function cityFor(rng: SeededRandom, currency: Currency): City {
  return rng.pick(currency === 'EUR' ? EU_CITIES : currency === 'USD' ? US_CITIES : UK_CITIES);
}

function baseParty(
  rng: SeededRandom,
  t: Timeline,
  layout: MasterLayout,
  index: number,
  prefix: string,
  name: string,
  city: City,
  currency: Currency,
  termsCode: string,
): DemoParty {
  const presence = presenceAt(layout, index);
  const party: DemoParty = {
    no: tenStepNo(prefix, index),
    id: rng.uuid(),
    name,
    address: address(rng, city),
    currency,
    paymentTermsCode: termsCode,
    blocked: '',
    archived: false,
    lastModified: masterModified(rng, t, presence),
    presence,
  };
  const mail = email(rng, name, city.country);
  if (mail !== undefined) party.email = mail;
  if (rng.chance(0.85)) party.phone = phone(rng, city);
  const vat = taxNumber(rng, city.country);
  if (vat !== undefined) party.taxNumber = vat;
  return party;
}

function blockedAndArchived(
  rng: SeededRandom,
  layout: MasterLayout,
): { blocked: Set<number>; archived: Set<number> } {
  if (layout.count < 10) return { blocked: new Set(), archived: new Set() };
  const synced = Array.from({ length: layout.both }, (_, i) => i);
  return {
    blocked: chooseSome(rng, synced, Math.max(2, Math.round(layout.count * 0.03))),
    archived: chooseSome(rng, synced, Math.max(2, Math.round(layout.count * 0.015))),
  };
}

export function generateCustomers(
  rng: SeededRandom,
  t: Timeline,
  count: number,
  names: NameRegistry,
): { customers: DemoCustomer[]; info: CustomerInfo[] } {
  const layout = masterLayout(count);
  const currencyOf = currencies(rng, layout, 0.1, 0.05);
  const { blocked, archived } = blockedAndArchived(rng, layout);
  const customers: DemoCustomer[] = [];
  const info: CustomerInfo[] = [];
  for (let i = 0; i < count; i++) {
    const currency = currencyOf[i] ?? 'GBP';
    const city = cityFor(rng, currency);
    const name = names.claim(companyName(rng, CUSTOMER_SECOND, city.country), city.city);
    const terms =
      currency === 'GBP'
        ? pickWeighted(rng, [
            [50, '30 DAYS'],
            [20, '14 DAYS'],
            [15, 'CM'],
            [10, '7 DAYS'],
            [5, 'COD'],
          ] as const)
        : pickWeighted(rng, [
            [60, '30 DAYS'],
            [40, '60 DAYS'],
          ] as const);
    const party = baseParty(rng, t, layout, i, 'C', name, city, currency, terms);
    const creditLimit = rng.pick([0, 5_000, 10_000, 10_000, 15_000, 25_000, 50_000]);
    const customer: DemoCustomer = { ...party, creditLimit: `${creditLimit}.00` };
    if (blocked.has(i)) customer.blocked = rng.pick(['Ship', 'Invoice', 'All'] as const);
    if (archived.has(i)) customer.archived = true;
    customers.push(customer);
    info.push({ area: city.area });
  }
  return { customers, info };
}

export function generateVendors(
  rng: SeededRandom,
  t: Timeline,
  count: number,
  names: NameRegistry,
): { vendors: DemoVendor[]; info: VendorInfo[] } {
  const layout = masterLayout(count);
  // Overhead suppliers bill in pounds; a share of goods suppliers are abroad.
  const overheadCount = Math.round(count * 0.45);
  const overhead = chooseSome(
    rng,
    Array.from({ length: count }, (_, i) => i),
    overheadCount,
  );
  const currencyOf = currencies(rng, layout, 0.12, 0.06, overhead);
  const { blocked, archived } = blockedAndArchived(rng, layout);
  const vendors: DemoVendor[] = [];
  const info: VendorInfo[] = [];
  let overheadSeen = 0;
  for (let i = 0; i < count; i++) {
    let kind: OverheadKind | null = null;
    const currency = currencyOf[i] ?? 'GBP';
    let base: string;
    let city: City;
    if (overhead.has(i)) {
      // The first overhead suppliers are the well-known ones; later ones are generated of the same kinds.
      kind = OVERHEAD_SUPPLIERS[overheadSeen % OVERHEAD_SUPPLIERS.length] ?? null;
      city = cityFor(rng, currency);
      base =
        overheadSeen < OVERHEAD_SUPPLIERS.length || kind === null
          ? (kind?.name ?? 'Overheads Ltd')
          : `${rng.pick(COMPANY_FIRST)} ${kind.category} ${rng.pick(UK_SUFFIXES)}`;
      overheadSeen++;
    } else {
      city = cityFor(rng, currency);
      base = companyName(rng, SUPPLIER_SECOND, city.country);
    }
    const name = names.claim(base, city.city);
    const terms = pickWeighted(rng, [
      [50, '30 DAYS'],
      [25, '14 DAYS'],
      [15, 'CM'],
      [10, '60 DAYS'],
    ] as const);
    const vendor = baseParty(rng, t, layout, i, 'V', name, city, currency, terms);
    if (blocked.has(i)) vendor.blocked = rng.pick(['Payment', 'All'] as const);
    if (archived.has(i)) vendor.archived = true;
    vendors.push(vendor);
    info.push({ overhead: kind });
  }
  return { vendors, info };
}
