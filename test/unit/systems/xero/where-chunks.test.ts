// `where` clauses split to fit a request line: by term count and by URL-encoded length.
import { describe, expect, it } from 'vitest';
import { chunkClauses, MAX_WHERE_CHARS } from '../../../../src/systems/xero/write-support.js';

const encodedWhere = (terms: string[], prefix = '') =>
  encodeURIComponent(`${prefix}${terms.join(' OR ')}`).length;

describe('chunkClauses', () => {
  const term = (n: string) => `ContactNumber=="${n}"`;

  it('keeps short terms together up to the term limit, in order', () => {
    const keys = Array.from({ length: 12 }, (_, i) => `C${i}`);
    const parts = chunkClauses(keys, term, 5);
    expect(parts.map((p) => p.length)).toEqual([5, 5, 2]);
    expect(parts.flat()).toEqual(keys);
  });

  it('splits long terms so no encoded clause exceeds the limit, and uses each group to the full', () => {
    const keys = Array.from({ length: 50 }, (_, i) => `${'X'.repeat(60)}-${i}`);
    const parts = chunkClauses(keys, term, 50);
    expect(parts.flat()).toEqual(keys);
    for (const [i, part] of parts.entries()) {
      expect(encodedWhere(part.map(term))).toBeLessThanOrEqual(MAX_WHERE_CHARS);
      const next = parts[i + 1]?.[0];
      // The next group's first term would not have fitted into this one.
      if (next) expect(encodedWhere([...part, next].map(term))).toBeGreaterThan(MAX_WHERE_CHARS);
    }
  });

  it('counts what the rest of the clause reserves, and sends an oversized term alone', () => {
    const prefix = 'Type=="ACCPAY" AND Status!="DELETED" AND ()';
    const reserved = encodeURIComponent(prefix).length;
    const keys = ['a'.repeat(100), 'b'.repeat(100), 'c'.repeat(100)];
    const parts = chunkClauses(keys, term, 50, { reserved, maxChars: reserved + 270 });
    expect(parts.map((p) => p.length)).toEqual([2, 1]);
    for (const part of parts)
      expect(encodedWhere(part.map(term), prefix)).toBeLessThanOrEqual(reserved + 270);
    expect(chunkClauses(['z'.repeat(500)], term, 50, { maxChars: 100 })).toEqual([['z'.repeat(500)]]);
  });
});
