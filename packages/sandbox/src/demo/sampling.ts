// Sampling helpers over SeededRandom. Only integer and exact float operations (no Math.pow or
// Math.log), so the output is bit-identical on every machine.
import { SeededRandom } from '../common/random.js';

/** An independent stream per section, so growing one section does not reshuffle the others. */
export function streamFor(seed: number, section: number): SeededRandom {
  let h = Math.imul((seed >>> 0) ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(section + 1, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16), 0x27d4eb2f);
  return new SeededRandom((h ^ (h >>> 15)) >>> 0);
}

/** `count` distinct indices chosen from `candidates` (partial Fisher–Yates). */
export function chooseSome(rng: SeededRandom, candidates: readonly number[], count: number): Set<number> {
  const pool = candidates.slice();
  const chosen = new Set<number>();
  const k = Math.min(count, pool.length);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(rng.next() * (pool.length - i));
    const picked = pool[j] as number;
    pool[j] = pool[i] as number;
    chosen.add(picked);
  }
  return chosen;
}

/** Picks with a mild skew to the front of the list: a few customers buy much more than most. */
export function pickSkewed<T>(rng: SeededRandom, items: readonly T[]): T {
  const r = rng.next();
  const item = items[Math.floor(((r + r * r) / 2) * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

/** Picks by integer weights, e.g. [[30, '30 DAYS'], [10, 'CM']]. */
export function pickWeighted<T>(rng: SeededRandom, weighted: readonly (readonly [number, T])[]): T {
  let total = 0;
  for (const [w] of weighted) total += w;
  let r = rng.next() * total;
  for (const [w, value] of weighted) {
    if (r < w) return value;
    r -= w;
  }
  const last = weighted[weighted.length - 1];
  if (!last) throw new Error('pick from an empty list');
  return last[1];
}

/** Random seconds since local midnight within office hours (08:00–18:59). */
export function officeSecond(rng: SeededRandom): number {
  return rng.int(8 * 3600, 19 * 3600 - 1);
}

/** "C00010"-style number: prefix and the 1-based position times ten, zero-padded. */
export function tenStepNo(prefix: string, index: number): string {
  return `${prefix}${String((index + 1) * 10).padStart(5, '0')}`;
}

/** NAV number series: "103001"… widening when the count needs more digits, so series never overlap. */
export function seriesNo(prefix: string, index: number, count: number): string {
  const width = Math.max(3, String(count).length);
  return `${prefix}${String(index + 1).padStart(width, '0')}`;
}

/** Rounds a·b/c (non-negative integers) half up. */
export function mulDivRound(a: number, b: number, c: number): number {
  const p = a * b;
  const rem = p % c;
  return (p - rem) / c + (rem * 2 >= c ? 1 : 0);
}
