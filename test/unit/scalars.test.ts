import { Kind } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DateScalar, DateTimeScalar, DecimalScalar } from '../../src/graphql/scalars.js';
import { Decimal } from '../../src/domain/money.js';

describe('Decimal scalar', () => {
  it('serialises exactly, as a string', () => {
    expect(DecimalScalar.serialize(new Decimal('0.1').plus('0.2'))).toBe('0.3');
    expect(DecimalScalar.serialize(new Decimal('1234567890123.4567'))).toBe('1234567890123.4567');
  });

  it('parses strings and numeric literals, rejecting anything else', () => {
    expect(DecimalScalar.parseValue('12.50')).toEqual(new Decimal('12.5'));
    expect(DecimalScalar.parseLiteral({ kind: Kind.FLOAT, value: '0.10' }, {})).toEqual(new Decimal('0.1'));
    for (const bad of ['12,50', '1e3', 'NaN', '', '£5']) {
      expect(() => DecimalScalar.parseValue(bad)).toThrow(/not a decimal/);
    }
  });
});

describe('Date scalar', () => {
  it('accepts real calendar dates only', () => {
    expect(DateScalar.parseValue('2024-02-29')).toBe('2024-02-29');
    for (const bad of ['2026-02-29', '2026-13-01', '26-01-01', '2026-01-01T00:00:00Z']) {
      expect(() => DateScalar.parseValue(bad)).toThrow(/calendar date/);
    }
  });

  it('serialises DATE columns (UTC midnight) to the same calendar day', () => {
    expect(DateScalar.serialize(new Date('2026-03-31T00:00:00.000Z'))).toBe('2026-03-31');
  });
});

describe('DateTime scalar', () => {
  it('requires an offset and normalises to UTC', () => {
    expect(DateTimeScalar.parseValue('2026-03-31T09:30:00+02:00')).toEqual(new Date('2026-03-31T07:30:00Z'));
    expect(() => DateTimeScalar.parseValue('2026-03-31T09:30:00')).toThrow(/with an offset/);
    expect(DateTimeScalar.serialize(new Date('2026-03-31T07:30:00Z'))).toBe('2026-03-31T07:30:00.000Z');
  });
});
