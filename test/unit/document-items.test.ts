// Items on NAV documents that the mirror lacks are read from NAV ahead of the documents. A page
// of documents asks the mirror once which items it holds (they share the same few items).
import { describe, expect, it } from 'vitest';
import type { RemoteRef } from '../../src/systems/system.js';
import { pageItems, PartyResolver } from '../../src/sync/pipelines/documents/parties.js';

/** A mirror holding `held` items; NAV has `inNav`, which a read adds to the mirror. */
function setup(held: string[], inNav: string[]) {
  const mirror = new Set(held);
  const calls = { lookups: [] as string[][], reads: [] as string[][] };
  const master = {
    knownItemNumbers: (numbers: readonly string[]) => {
      calls.lookups.push([...numbers]);
      return Promise.resolve(new Set(numbers.filter((n) => mirror.has(n))));
    },
  };
  const puller = {
    refresh: (_system: string, _entity: string, keys: readonly string[]) => {
      calls.reads.push([...keys]);
      for (const key of keys) if (inNav.includes(key)) mirror.add(key);
      return Promise.resolve({ read: 0, applied: 0, unchanged: 0, linked: [], rejected: [] });
    },
  };
  const parties = new PartyResolver({ master, puller } as unknown as ConstructorParameters<
    typeof PartyResolver
  >[0]);
  return { parties, calls };
}

const doc = (...items: string[]) => ({
  data: { lines: items.map((number): { item: RemoteRef } => ({ item: { number } })) },
});

describe('reading the items of NAV documents', () => {
  it('asks the mirror once for a page, and reads an item it lacks once for the page', async () => {
    const { parties, calls } = setup(['A', 'B'], ['C']);
    const docs = [doc('A', 'B'), doc('A', 'C'), doc('C', 'B'), doc('B')];
    const page = pageItems(docs);
    for (const d of docs) await parties.readMissingItems('NAV', d.data.lines, page);
    expect(calls.reads).toEqual([['C']]);
    // The page's look-up, then the check of what the read added.
    expect(calls.lookups).toEqual([['A', 'B', 'C'], ['C']]);
  });

  it('tries again for the next document an item NAV did not have', async () => {
    const { parties, calls } = setup(['A'], []);
    const docs = [doc('A', 'X'), doc('X')];
    const page = pageItems(docs);
    for (const d of docs) await parties.readMissingItems('NAV', d.data.lines, page);
    expect(calls.reads).toEqual([['X'], ['X']]);
  });

  it('asks nothing for a page whose documents need no check, and nothing of Xero documents', async () => {
    const { parties, calls } = setup(['A'], []);
    const page = pageItems([doc('A'), doc()]);
    await parties.readMissingItems('NAV', doc().data.lines, page);
    await parties.readMissingItems('XERO', doc('Z').data.lines, page);
    expect(calls).toEqual({ lookups: [], reads: [] });
  });

  it('asks per document when read one at a time', async () => {
    const { parties, calls } = setup(['A'], []);
    await parties.readMissingItems('NAV', doc('A').data.lines);
    await parties.readMissingItems('NAV', doc('A').data.lines);
    expect(calls.lookups).toEqual([['A'], ['A']]);
  });
});
