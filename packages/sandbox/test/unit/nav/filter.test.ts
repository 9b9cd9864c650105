// $filter compilation against entity definitions (parsed by @odata/parser).
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../../src/nav/decimal.js';
import { NavError } from '../../../src/nav/errors.js';
import { defineEntity, field } from '../../../src/nav/odata/edm.js';
import { compileFilter, type Row } from '../../../src/nav/odata/filter.js';

interface R {
  no: string;
}

const def = defineEntity<R>({
  typeName: 'T',
  setName: 'T',
  caption: 'T',
  keys: ['No'],
  fields: [
    field<R>('No', 'Edm.String', (r) => r.no),
    field<R>('Name', 'Edm.String', () => ''),
    field<R>('Amount', 'Edm.Decimal', () => null),
    field<R>('Line_No', 'Edm.Int32', () => null),
    field<R>('Posting_Date', 'Edm.Date', () => null),
    field<R>('Modified', 'Edm.DateTimeOffset', () => null),
    field<R>('Id', 'Edm.Guid', () => null),
    field<R>('Open', 'Edm.Boolean', () => null),
    field<R>('Blocked', 'Edm.String', () => null, undefined, { options: ['', 'Ship', 'All'] }),
  ],
  identity: () => ({ id: 'x', rev: 1 }),
});

const row = (v: Record<string, unknown>): Row => new Map(Object.entries(v)) as Row;
const sample = row({
  No: 'C00010',
  Name: 'Adatum Corp',
  Amount: new Decimal('135.72'),
  Line_No: 10000,
  Posting_Date: '2024-03-05',
  Modified: '2024-03-05T09:00:00.000Z',
  Id: '34f03eee-2a32-f011-9a4a-7ced8d0ee6e7',
  Open: true,
  Blocked: '_x0020_',
});
const test = (f: string) => compileFilter(f, def, 'NAV.T')(sample);
const error = (f: string): NavError => {
  try {
    compileFilter(f, def, 'NAV.T');
  } catch (e) {
    return e as NavError;
  }
  throw new Error(`no error for ${f}`);
};

describe('$filter', () => {
  it('compares every EDM type with eq ne gt ge lt le', () => {
    expect(test("No eq 'C00010'")).toBe(true);
    expect(test("No ne 'C00010'")).toBe(false);
    expect(test('Amount gt 135.71 and Amount le 135.72')).toBe(true);
    expect(test('Amount lt 135.72')).toBe(false);
    expect(test('Line_No ge 10000')).toBe(true);
    expect(test('Posting_Date ge 2024-03-05 and Posting_Date lt 2024-03-06')).toBe(true);
    expect(test('Modified gt 2024-03-05T08:59:59Z')).toBe(true);
    expect(test('Id eq 34F03EEE-2A32-F011-9A4A-7CED8D0EE6E7')).toBe(true);
    expect(test('Open eq true')).toBe(true);
    expect(test("Blocked eq ' '")).toBe(true);
    expect(test("Blocked eq '_x0020_'")).toBe(true);
    expect(test("Blocked eq 'Ship'")).toBe(false);
    expect(test("'C00010' eq No")).toBe(true);
    expect(test('Amount gt 100 and (Line_No eq 10000 or Line_No eq 20000)')).toBe(true);
  });

  it('supports startswith, endswith and contains case-insensitively', () => {
    expect(test("startswith(Name,'adatum')")).toBe(true);
    expect(test("endswith(Name,'CORP')")).toBe(true);
    expect(test("contains(Name,'tum c')")).toBe(true);
    expect(test("contains(Name,'zzz')")).toBe(false);
  });

  it('refuses what NAV refuses: or across fields, other functions, field-to-field comparisons', () => {
    expect(error("No eq 'A' or Name eq 'B'")).toMatchObject({
      status: 501,
      code: 'BadRequest_MethodNotImplemented',
    });
    expect(error("No eq 'A' or (No eq 'B' and Name eq 'C')")).toMatchObject({ status: 501 });
    expect(error("tolower(Name) eq 'x'")).toMatchObject({ status: 501 });
    expect(error('No eq Name')).toMatchObject({ status: 501 });
  });

  it('reports unknown properties, type mismatches and syntax errors as 400', () => {
    expect(error("Foo eq 'x'")).toMatchObject({ status: 400, code: 'BadRequest_NotFound' });
    expect(error('No eq 5')).toMatchObject({ status: 400, code: 'BadRequest' });
    expect(error("Amount eq 'x'")).toMatchObject({ status: 400 });
    expect(error("startswith(Amount,'1')")).toMatchObject({ status: 400 });
    expect(error('No eq')).toMatchObject({ status: 400, code: 'BadRequest' });
  });
});
