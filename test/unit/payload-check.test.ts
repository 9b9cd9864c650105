// A corrected dead-letter payload is checked against what its job pushes: a valid one passes
// untouched, and each way of getting it wrong names the field.
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { payloadProblems } from '../../src/sync/pipelines/payload-check.js';
import { serializeRecord } from '../../src/sync/pipelines/payloads.js';

const line = {
  lineNo: 1,
  item: null,
  description: 'Consulting',
  quantity: new Decimal('0.333'),
  unitPrice: new Decimal('33.3333'),
  discountPercent: new Decimal(5),
  accountCode: '6110',
  taxCode: 'VAT20',
  taxAmount: new Decimal('2.11'),
  lineAmount: new Decimal('10.54'),
  dimensions: { DEPARTMENT: 'SALES' },
};
const invoice = serializeRecord({
  partyId: '5b0b7c36-0f64-4d1a-9d5e-2f1f3a7c9a01',
  number: 'INV-1',
  party: { number: 'C00010' },
  status: 'AUTHORISED',
  issueDate: '2026-11-20',
  dueDate: '2026-12-04',
  currency: 'GBP',
  currencyRate: null,
  lineAmountType: 'EXCLUSIVE',
  reference: null,
  externalDocumentNumber: null,
  vendorInvoiceNumber: null,
  subTotal: new Decimal('10.54'),
  totalTax: new Decimal('2.11'),
  total: new Decimal('12.65'),
  amountPaid: new Decimal(0),
  amountDue: new Decimal('12.65'),
  lines: [line],
});
const payment = serializeRecord({
  direction: 'RECEIVED',
  status: 'AUTHORISED',
  paymentDate: '2026-11-25',
  amount: new Decimal('12.65'),
  currency: 'GBP',
  currencyRate: null,
  reference: null,
  accountCode: '2910',
  party: { number: 'C00010' },
  document: { number: 'INV-1' },
  documentId: '6c0b7c36-0f64-4d1a-9d5e-2f1f3a7c9a02',
  partyId: '5b0b7c36-0f64-4d1a-9d5e-2f1f3a7c9a01',
});
const fields = (problems: { field: string[] }[]) => problems.map((p) => p.field.join('.'));

describe('a corrected payload before its job is queued again', () => {
  it('passes a payload as the gateway wrote it', () => {
    expect(payloadProblems('INVOICE', invoice)).toEqual([]);
    expect(payloadProblems('PAYMENT', payment)).toEqual([]);
    expect(
      payloadProblems('CUSTOMER', {
        name: 'Awkward Ltd',
        currency: 'EUR',
        email: null,
        creditLimit: '1000.50',
      }),
    ).toEqual([]);
  });

  it('names what a document job cannot push', () => {
    expect(fields(payloadProblems('INVOICE', { ...invoice, total: '12.66' }))).toEqual(['total']);
    expect(fields(payloadProblems('INVOICE', { ...invoice, issueDate: '20/11/2026' }))).toEqual([
      'issueDate',
    ]);
    expect(fields(payloadProblems('INVOICE', { ...invoice, status: 'SENT' }))).toEqual(['status']);
    const lines = [{ ...(invoice.lines as object[])[0], unitPrice: '33.33333' }];
    expect(fields(payloadProblems('BILL', { ...invoice, lines }))).toEqual(['lines.0.unitPrice']);
    const { lines: _lines, ...noLines } = invoice;
    expect(fields(payloadProblems('INVOICE', { ...noLines, lines: [] }))).toEqual(['lines']);
    const { number: _number, ...noNumber } = invoice;
    expect(fields(payloadProblems('INVOICE', noNumber))).toEqual(['number']);
  });

  it('names what a payment, party or item job cannot push', () => {
    expect(fields(payloadProblems('PAYMENT', { ...payment, amount: '10.005' }))).toEqual(['amount']);
    expect(fields(payloadProblems('PAYMENT', { ...payment, amount: '-5' }))).toEqual(['amount']);
    expect(fields(payloadProblems('PAYMENT', { ...payment, currency: 'pounds' }))).toEqual(['currency']);
    expect(
      fields(payloadProblems('CUSTOMER', { name: 'X', currency: 'EUR', email: 'not-an-email' })),
    ).toEqual(['email']);
    expect(fields(payloadProblems('VENDOR', { currency: 'EUR' }))).toEqual(['name']);
    expect(fields(payloadProblems('ITEM', { number: 'I-1', name: 'Widget', type: 'GADGET' }))).toEqual([
      'type',
    ]);
  });
});
