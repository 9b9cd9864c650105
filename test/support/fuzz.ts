// Seeded randomness and hostile values for the fuzz suite: the same seed gives the same cases, so
// a failure names a case that can be replayed.

/** mulberry32: a tiny seeded PRNG, good enough to pick test cases. */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (max: number) => Math.floor(next() * max),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  };
}
export type Random = ReturnType<typeof seededRandom>;

const uuid = '5f0c1d2e-3a4b-4c5d-8e6f-7a8b9c0d1e2f';
const globalId = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64url');

/** Values that are wrong for most fields: other types, edge numbers, huge or odd strings. */
export const wrongValues: readonly unknown[] = [
  123,
  -1,
  1.5,
  true,
  false,
  {},
  { nested: { deeper: 'x' } },
  [],
  ['a', 'b'],
  '',
  ' ',
  'x'.repeat(5_000),
  'x'.repeat(10_001),
  '\u0000',
  '😀'.repeat(300),
  "'; DROP TABLE customer; --",
  '%_%',
];

export const badDecimals: readonly unknown[] = [
  '-1',
  '-0.01',
  '0',
  '1e400',
  '99999999999999999999999',
  '0.000001',
  '12.345',
  'NaN',
  'Infinity',
  '1,5',
  '12.50 GBP',
  '',
  1e308,
  -5,
  '0x10',
];

export const badDates: readonly unknown[] = [
  '2026-02-30',
  '2026-13-01',
  'yesterday',
  '',
  '20261120',
  '2026-11-20T25:00:00Z',
  '0000-00-00',
  '9999-99-99',
  20261120,
  '1900-01-01',
];

export const badIds: readonly unknown[] = [
  'nope',
  '',
  globalId('Invoice', uuid),
  globalId('Customer', uuid),
  globalId('Item', uuid),
  globalId('Invoice', 'not-a-uuid'),
  uuid,
  'x'.repeat(2_000),
  42,
];
