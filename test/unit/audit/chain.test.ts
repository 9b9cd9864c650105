// The hash chain: a canonical serialisation that ignores key order, and a walker naming the first
// edited or missing entry.
import { describe, expect, it } from 'vitest';
import {
  ChainWalker,
  canonicalJson,
  entryHash,
  genesisHash,
  type ChainedFields,
} from '../../../src/audit/chain.js';

function chain(n: number): (ChainedFields & { hash: string })[] {
  const out: (ChainedFields & { hash: string })[] = [];
  let prevHash = genesisHash;
  for (let i = 1; i <= n; i++) {
    const fields: ChainedFields = {
      seq: BigInt(i),
      at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
      actorKind: 'key',
      actorId: 'k1',
      actorName: 'ci',
      actorRole: 'accountant',
      operation: 'upsertCustomer',
      arguments: { input: { name: `Customer ${i}`, nested: { b: 1, a: [1, 2] } } },
      outcome: 'ok',
      touched: [`id-${i}`],
      requestId: `r${i}`,
      clientAddress: '127.0.0.1',
      prevHash,
    };
    const hash = entryHash(fields);
    out.push({ ...fields, hash });
    prevHash = hash;
  }
  return out;
}

const walk = (entries: (ChainedFields & { hash: string })[]) => {
  const walker = new ChainWalker();
  for (const e of entries) {
    const broken = walker.next(e);
    if (broken) return broken;
  }
  return walker.count;
};

describe('audit chain', () => {
  it('serialises objects with sorted keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: null }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[2,{"y":null,"z":1}]},"b":1}',
    );
  });

  it('a valid chain walks to the end', () => expect(walk(chain(5))).toBe(5));

  it('an edited entry is named', () => {
    const entries = chain(5);
    entries[2] = { ...entries[2]!, arguments: { input: { name: 'Someone else' } } };
    expect(walk(entries)).toMatchObject({ kind: 'edited', seq: 3n });
  });

  it('an edited entry whose hash was recomputed breaks the next link', () => {
    const entries = chain(5);
    const forged = { ...entries[2]!, outcome: 'FORBIDDEN' };
    entries[2] = { ...forged, hash: entryHash(forged) };
    expect(walk(entries)).toMatchObject({ kind: 'deleted', seq: 4n });
  });

  it('a deleted entry is a gap', () => {
    const entries = chain(5);
    entries.splice(1, 1);
    expect(walk(entries)).toMatchObject({ kind: 'deleted', seq: 2n });
  });

  it('a deleted first entry is a gap', () => {
    expect(walk(chain(3).slice(1))).toMatchObject({ kind: 'deleted', seq: 1n });
  });
});
