import { describe, expect, it } from 'vitest';
import { checkIfMatch, makeEtag } from '../../../src/nav/etag.js';
import { NavError } from '../../../src/nav/errors.js';
import { incStr, NumberSeries } from '../../../src/nav/number-series.js';
import { decodeOption, encodeOption } from '../../../src/nav/odata/edm.js';

function thrown(fn: () => void): NavError {
  try {
    fn();
  } catch (e) {
    return e as NavError;
  }
  throw new Error('did not throw');
}

describe('etags', () => {
  it("are weak and shaped like BC's ('<len>;<number>;00;' in base64)", () => {
    const tag = makeEtag('34f03eee-2a32-f011-9a4a-7ced8d0ee6e7', 1);
    const inner = Buffer.from(/^W\/"(.+)"$/.exec(tag)![1]!, 'base64').toString();
    const m = /^'(\d+);(\d+);00;'$/.exec(inner)!;
    expect(Number(m[1])).toBe(m[2]!.length);
    expect(makeEtag('34f03eee-2a32-f011-9a4a-7ced8d0ee6e7', 1)).toBe(tag);
    expect(makeEtag('34f03eee-2a32-f011-9a4a-7ced8d0ee6e7', 2)).not.toBe(tag);
  });

  it('checks If-Match: required, stale, wildcard, strong form', () => {
    const tag = makeEtag('a', 1);
    expect(thrown(() => checkIfMatch(undefined, tag, true))).toMatchObject({
      status: 400,
      code: 'BadRequest_InvalidToken',
    });
    expect(() => checkIfMatch(undefined, tag, false)).not.toThrow();
    expect(thrown(() => checkIfMatch(makeEtag('a', 2), tag, true))).toMatchObject({
      status: 409,
      code: 'Request_EntityChanged',
    });
    expect(thrown(() => checkIfMatch('garbage', tag, true))).toMatchObject({
      status: 400,
      code: 'BadRequest_InvalidToken',
    });
    expect(() => checkIfMatch('*', tag, true)).not.toThrow();
    expect(() => checkIfMatch(tag.slice(2), tag, true)).not.toThrow();
  });
});

describe('number series and option names', () => {
  it("increments like NAV's INCSTR and continues after seeded numbers", () => {
    expect(incStr('C00010', 10)).toBe('C00020');
    expect(incStr('103999')).toBe('104000');
    expect(incStr('G00099')).toBe('G00100');
    const s = new NumberSeries({ code: 'S-INV+', startingNo: '103001', incrementBy: 1 });
    s.observe('103007');
    s.observe('103002');
    s.observe('X-1');
    expect(s.next()).toBe('103008');
  });

  it('encodes option members as NAV/BC put them on the wire', () => {
    expect(encodeOption('')).toBe('_x0020_');
    expect(encodeOption('G/L Account')).toBe('G_x002F_L_x0020_Account');
    expect(encodeOption('Non-Inventory')).toBe('Non_x002D_Inventory');
    expect(decodeOption('_x0020_')).toBe('');
    expect(decodeOption('In_x0020_Review')).toBe('In Review');
  });
});
