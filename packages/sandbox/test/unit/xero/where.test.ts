import { describe, expect, it } from 'vitest';
import { wireNumber } from '../../../src/xero/json.js';
import { compileOrder, compileWhere } from '../../../src/xero/where.js';

const inv = {
  Type: 'ACCREC',
  Status: 'AUTHORISED',
  InvoiceNumber: 'INV-0042',
  Reference: 'Order 17',
  AmountDue: wireNumber('150.5'),
  Date: '/Date(1780272000000+0000)/', // 2026-06-01
  Contact: { ContactID: 'aaaaaaaa-0000-4000-8000-000000000001', Name: 'Alpha Retail Ltd' },
  HasAttachments: false,
};

const match = (expr: string) => compileWhere(expr)(inv);

describe('Xero where-expressions', () => {
  it('compares strings, numbers, booleans and null', () => {
    expect(match('Type=="ACCREC"')).toBe(true);
    expect(match('Type!="ACCPAY"')).toBe(true);
    expect(match('AmountDue>100 AND AmountDue<=150.50')).toBe(true);
    expect(match('AmountDue>=151')).toBe(false);
    expect(match('HasAttachments==false')).toBe(true);
    expect(match('Url==null')).toBe(true);
    expect(match('Reference!=null')).toBe(true);
  });

  it('understands DateTime(…) and Guid(…)', () => {
    expect(match('Date>=DateTime(2026,06,01) && Date<DateTime(2026, 6, 2)')).toBe(true);
    expect(match('Date>DateTime(2026,06,01,00,00,01)')).toBe(false);
    expect(match('Contact.ContactID==Guid("AAAAAAAA-0000-4000-8000-000000000001")')).toBe(true);
  });

  it('supports methods, nesting, OR and parentheses', () => {
    expect(match('Contact.Name.ToLower().Contains("alpha")')).toBe(true);
    expect(match('Contact.Name.StartsWith("Alpha") AND (Status=="DRAFT" OR Status=="AUTHORISED")')).toBe(
      true,
    );
    expect(match('InvoiceNumber.EndsWith("43") || Reference.ToUpper()=="ORDER 17"')).toBe(true);
    expect(match('NOT (Status=="AUTHORISED")')).toBe(false);
    expect(match('type=="ACCREC"')).toBe(true); // property names are case-insensitive
  });

  it('rejects what it cannot parse with a QueryParseException', () => {
    expect(() => compileWhere('Type=="ACCREC" AND')).toThrow();
    expect(() => compileWhere('Name.Frobnicate("x")')(inv)).toThrow();
    expect(() => compileWhere('"unterminated')).toThrow();
  });

  it('orders by one or more fields ASC/DESC', () => {
    const rows = [
      { N: 'b', V: 2 },
      { N: 'a', V: 2 },
      { N: 'c', V: 1 },
    ];
    expect([...rows].sort(compileOrder('V DESC, N')).map((r) => r.N)).toEqual(['a', 'b', 'c']);
    expect([...rows].sort(compileOrder('N desc')).map((r) => r.N)).toEqual(['c', 'b', 'a']);
    expect(() => compileOrder('N SIDEWAYS')).toThrow();
  });
});
