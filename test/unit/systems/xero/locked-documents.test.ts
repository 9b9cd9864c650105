// What an update may still send to a document Xero holds with money applied, and what differs
// beyond it, field by field with both values: awkward data (4-decimal prices, 0.333 quantities,
// discounts, tax-inclusive, a foreign currency).
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../../../src/domain/money.js';
import { documentDifferences, scalarDifferences } from '../../../../src/systems/differences.js';
import type { DocumentDraft, LineDraft, RemoteRecord } from '../../../../src/systems/system.js';
import { lockedUpdate, moneyApplied } from '../../../../src/systems/xero/locked-documents.js';

const d = (v: string) => new Decimal(v);
const line = (over: Partial<LineDraft> = {}): LineDraft => ({
  lineNo: 1,
  item: null,
  description: 'Consulting, 0.333 h',
  quantity: d('0.333'),
  unitPrice: d('149.9999'),
  discountPercent: d('12.5'),
  accountCode: '200',
  taxCode: 'OUTPUT2',
  taxAmount: d('0'),
  lineAmount: d('43.70'),
  dimensions: { Region: 'North' },
  ...over,
});
const doc = (over: Partial<DocumentDraft> = {}): DocumentDraft => ({
  number: 'INV-0042',
  party: { externalId: 'c-1', number: 'C00010' },
  status: 'AUTHORISED',
  issueDate: '2026-11-30',
  dueDate: '2026-12-30',
  currency: 'EUR',
  currencyRate: d('1.1734'),
  lineAmountType: 'INCLUSIVE',
  reference: 'PO 7',
  externalDocumentNumber: null,
  subTotal: d('36.42'),
  totalTax: d('7.28'),
  total: d('43.70'),
  amountPaid: d('0'),
  amountDue: d('43.70'),
  lines: [line(), line({ lineNo: 2, description: 'Travel', quantity: d('1'), unitPrice: d('10.0000') })],
  ...over,
});
const held = (data: DocumentDraft, version = 'v2'): RemoteRecord<'invoice'> => ({
  externalId: 'inv-1',
  externalNumber: data.number,
  version,
  remoteUpdatedAt: new Date('2026-12-01T10:00:00Z'),
  active: true,
  data,
});

describe('documents Xero holds with money applied', () => {
  it('counts PAID, and AUTHORISED part-paid or credited, as money applied; not an open one', () => {
    expect(moneyApplied(doc({ status: 'PAID', amountPaid: d('43.70'), amountDue: d('0') }))).toBe(true);
    expect(moneyApplied(doc({ amountPaid: d('0.01'), amountDue: d('43.69') }))).toBe(true);
    expect(moneyApplied(doc({ amountDue: d('40.00') }))).toBe(true); // a credit note allocated
    expect(moneyApplied(doc())).toBe(false);
  });

  it('names each differing field with both values, and not a status of the same meaning', () => {
    const ours = doc({
      status: 'POSTED',
      lines: [line({ unitPrice: d('149.99990') }), line({ lineNo: 2, quantity: d('0.333') })],
    });
    const theirs = doc({ status: 'PAID', lines: [line(), line({ lineNo: 2, discountPercent: d('0') })] });
    expect(documentDifferences(ours, theirs)).toEqual([
      { field: 'lines[1].discountPercent', local: '12.5', remote: '0' },
    ]);
    const shorter = documentDifferences(doc(), doc({ lines: [line()] }));
    expect(shorter.map((x) => [x.field, x.remote])).toEqual([['lines[1]', null]]);
    expect(shorter[0]?.local).toMatchObject({ description: 'Travel', unitPrice: '10', quantity: '1' });
    expect(documentDifferences(doc({ status: 'VOIDED' }), doc({ status: 'PAID' }))).toEqual([
      { field: 'status', local: 'VOIDED', remote: 'PAID' },
    ]);
  });

  it('sends nothing to a paid document whose content differs: it withholds the lines, naming them', () => {
    const theirs = doc({ status: 'PAID', amountPaid: d('43.70'), amountDue: d('0') });
    const ours = doc({ status: 'POSTED', lines: [line({ unitPrice: d('150.1234') }), theirs.lines[1]!] });
    const update = lockedUpdate(
      'invoice',
      { data: ours, externalId: 'inv-1', version: 'v2', idempotencyKey: 'k' },
      held(theirs),
    );
    expect(update.patch).toBeNull();
    expect(update.withheld?.differences).toEqual([
      { field: 'lines[0].unitPrice', local: '150.1234', remote: '149.9999' },
    ]);
    expect(update.withheld?.reason).toMatch(/PAID in Xero.*lines/);
  });

  it('sends only the due date and reference to a part-paid document, and withholds the rest', () => {
    const theirs = doc({ amountPaid: d('10.01'), amountDue: d('33.69') });
    const ours = doc({ dueDate: '2027-01-15', reference: null, currency: 'USD' });
    const update = lockedUpdate(
      'invoice',
      { data: ours, externalId: 'inv-1', version: 'v2', idempotencyKey: 'k' },
      held(theirs),
    );
    expect(update.patch).toEqual({
      type: 'ACCREC',
      invoiceID: 'inv-1',
      dueDate: '2027-01-15',
      reference: '',
    });
    expect(update.withheld?.differences).toEqual([{ field: 'currency', local: 'USD', remote: 'EUR' }]);
    expect(update.withheld?.reason).toMatch(/a payment allocated/);
  });

  it('sends nothing at all when they changed it since our last read (stale version)', () => {
    const theirs = doc({ amountPaid: d('10.01'), amountDue: d('33.69') });
    const update = lockedUpdate(
      'bill',
      { data: doc({ dueDate: '2027-01-15' }), externalId: 'inv-1', version: 'v1', idempotencyKey: 'k' },
      held(theirs, 'v2'),
    );
    expect(update.patch).toBeNull();
    expect(update.withheld?.differences).toEqual([
      { field: 'dueDate', local: '2027-01-15', remote: '2026-12-30' },
    ]);
  });

  it('names the scalar fields of a stale contact that differ, decimals by value', () => {
    const ours = {
      name: 'Fabrikam',
      email: 'ap@fabrikam.example',
      creditLimit: d('5000'),
      address: { city: 'Leeds' },
    };
    const theirs = {
      name: 'Fabrikam',
      email: 'ar@fabrikam.example',
      creditLimit: d('5000.00'),
      address: { city: 'York' },
    };
    expect(scalarDifferences(ours, theirs)).toEqual([
      { field: 'email', local: 'ap@fabrikam.example', remote: 'ar@fabrikam.example' },
    ]);
  });
});
