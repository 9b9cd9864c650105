import { describe, expect, it } from 'vitest';
import { pageWindow } from '../../src/store/pagination.js';
import { fromGlobalId, toGlobalId } from '../../src/graphql/global-id.js';

describe('page window', () => {
  it('defaults to the first 50 and honours last/before', () => {
    expect(pageWindow({}, 500)).toEqual({ take: 50, backward: false });
    expect(pageWindow({ last: 10 }, 500)).toEqual({ take: 10, backward: true });
    expect(pageWindow({ before: 'x' }, 500)).toEqual({ take: 50, backward: true });
  });

  it('rejects sizes outside 0..max', () => {
    expect(() => pageWindow({ first: 501 }, 500)).toThrow(/between 0 and 500/);
    expect(() => pageWindow({ first: 1, last: 1 }, 500)).toThrow(/either/);
  });
});

describe('global ids', () => {
  it('round-trip and reject foreign strings', () => {
    const id = toGlobalId('Invoice', '0b8f7c1e-8a9d-4e5f-9a1b-2c3d4e5f6a7b');
    expect(fromGlobalId(id)).toEqual({ typeName: 'Invoice', id: '0b8f7c1e-8a9d-4e5f-9a1b-2c3d4e5f6a7b' });
    expect(fromGlobalId('Invoice:1')).toBeNull();
    expect(fromGlobalId(toGlobalId('Invoice', 'not-a-uuid'))).toBeNull();
  });
});
