import { describe, expect, it } from 'vitest';
import { Decimal } from '../../../../src/domain/money.js';
import { accountingDate, decimalToWire, MappingError } from '../../../../src/systems/xero/mapper-common.js';
import {
  documentFromWire,
  documentToWire,
  lineAmountTypeFromWire,
  lineAmountTypeToWire,
} from '../../../../src/systems/xero/mapper-documents.js';
import {
  partyFromWire,
  partyStatusFromWire,
  partyStatusToWire,
  partyToWire,
} from '../../../../src/systems/xero/mapper-parties.js';
import { rawContact, rawInvoice } from '../../../../src/systems/xero/raw.js';

// What xero-node hands back for an ACCREC invoice (camelCase, Dates, numbers).
const sdkInvoice = rawInvoice.parse({
  type: 'ACCREC',
  invoiceID: 'cccccccc-0000-4000-8000-000000000001',
  invoiceNumber: 'SI-1001',
  reference: 'PO 7',
  contact: { contactID: 'aaaaaaaa-0000-4000-8000-000000000001', contactNumber: 'C00010' },
  date: new Date('2026-05-10T00:00:00Z'),
  dueDate: new Date('2026-06-09T00:00:00Z'),
  status: 'AUTHORISED',
  lineAmountTypes: 'Inclusive',
  lineItems: [
    {
      description: 'Widget',
      quantity: 3,
      unitAmount: 19.99,
      itemCode: 'WIDGET',
      accountCode: '200',
      taxType: 'OUTPUT2',
      taxAmount: 9.995,
      lineAmount: 59.97,
      discountRate: 10,
      tracking: [{ name: 'Area', option: 'North' }],
    },
  ],
  subTotal: 49.98,
  totalTax: 9.99,
  total: 59.97,
  amountDue: 9.97,
  amountPaid: 50,
  currencyCode: 'GBP',
  currencyRate: 1,
  updatedDateUTC: new Date('2026-05-10T09:00:00Z'),
});

describe('Xero mapper', () => {
  it('reads an invoice: Decimal money, YYYY-MM-DD dates, tracking as dimensions', () => {
    const r = documentFromWire(sdkInvoice);
    expect(r.externalId).toBe('cccccccc-0000-4000-8000-000000000001');
    expect(r.version).toBe(String(Date.parse('2026-05-10T09:00:00Z')));
    expect(r.data.issueDate).toBe('2026-05-10');
    expect(r.data.dueDate).toBe('2026-06-09');
    expect(r.data.lineAmountType).toBe('INCLUSIVE');
    expect(r.data.total).toBeInstanceOf(Decimal);
    expect(r.data.total.toString()).toBe('59.97');
    expect(r.data.lines[0]?.unitPrice.toString()).toBe('19.99');
    expect(r.data.lines[0]?.taxAmount.toString()).toBe('9.995');
    expect(r.data.lines[0]?.dimensions).toEqual({ Area: 'North' });
    expect(r.data.party).toEqual({ externalId: 'aaaaaaaa-0000-4000-8000-000000000001', number: 'C00010' });
  });

  it('round-trips an invoice draft through the wire', () => {
    const draft = documentFromWire(sdkInvoice).data;
    const wire = documentToWire(draft, 'invoice', 'cccccccc-0000-4000-8000-000000000001');
    expect(wire).toMatchObject({
      type: 'ACCREC',
      invoiceNumber: 'SI-1001',
      reference: 'PO 7',
      date: '2026-05-10',
      lineAmountTypes: 'Inclusive',
      status: 'AUTHORISED',
      lineItems: [
        { quantity: 3, unitAmount: 19.99, discountRate: 10, tracking: [{ name: 'Area', option: 'North' }] },
      ],
    });
    const back = documentFromWire(
      rawInvoice.parse({ ...sdkInvoice, ...wire, date: new Date(`${wire.date}T00:00:00Z`) }),
    );
    expect(back.data.lines[0]?.quantity.eq(draft.lines[0]?.quantity ?? 0)).toBe(true);
    expect(back.data.number).toBe(draft.number);
  });

  it('bills keep our number in Reference and the vendor number in InvoiceNumber', () => {
    const bill = documentFromWire(
      rawInvoice.parse({ ...sdkInvoice, type: 'ACCPAY', invoiceNumber: 'SUP-77', reference: 'PI-2001' }),
    );
    expect(bill.data.number).toBe('PI-2001');
    expect(bill.data.vendorInvoiceNumber).toBe('SUP-77');
    const wire = documentToWire(bill.data, 'bill');
    expect(wire).toMatchObject({ type: 'ACCPAY', reference: 'PI-2001', invoiceNumber: 'SUP-77' });
  });

  it('maps enums both ways', () => {
    for (const v of ['EXCLUSIVE', 'INCLUSIVE', 'NO_TAX'] as const)
      expect(lineAmountTypeFromWire(lineAmountTypeToWire(v))).toBe(v);
    expect(partyStatusFromWire('GDPRREQUEST')).toBe('ARCHIVED');
    expect(partyStatusToWire('BLOCKED')).toBe('ACTIVE');
    expect(partyStatusFromWire(partyStatusToWire('ARCHIVED'))).toBe('ARCHIVED');
  });

  it('round-trips a contact', () => {
    const contact = rawContact.parse({
      contactID: 'aaaaaaaa-0000-4000-8000-000000000001',
      contactNumber: 'C00010',
      contactStatus: 'ACTIVE',
      name: 'Alpha Retail Ltd',
      emailAddress: 'c00010@example.com',
      defaultCurrency: 'EUR',
      addresses: [
        { addressType: 'POBOX' },
        {
          addressType: 'STREET',
          addressLine1: '1 High Street',
          city: 'London',
          postalCode: 'EC1A 1AA',
          country: 'GB',
        },
      ],
      phones: [{ phoneType: 'DEFAULT', phoneNumber: '020 7946 0000' }],
      paymentTerms: { sales: { day: 30, type: 'DAYSAFTERBILLDATE' } },
      updatedDateUTC: new Date('2026-05-01T10:00:00Z'),
    });
    const r = partyFromWire(contact, 'customer', { baseCurrency: 'GBP' });
    expect(r.data).toMatchObject({
      number: 'C00010',
      currency: 'EUR',
      paymentTerms: '30 DAYS',
      phone: '020 7946 0000',
      address: { line1: '1 High Street', city: 'London', postalCode: 'EC1A 1AA', country: 'GB' },
    });
    const wire = partyToWire(r.data, 'customer', r.externalId);
    const again = partyFromWire(
      rawContact.parse({ ...wire, updatedDateUTC: new Date('2026-05-01T10:00:00Z') }),
      'customer',
      { baseCurrency: 'GBP' },
    );
    expect(again.data).toEqual(r.data);
  });

  it('refuses money a double cannot carry and more than two tracking categories', () => {
    expect(() => decimalToWire(new Decimal('0.12345678901234567890'), 'x')).toThrow(MappingError);
    expect(decimalToWire(new Decimal('1234567.8912'), 'x')).toBe(1234567.8912);
    const draft = documentFromWire(sdkInvoice).data;
    const line = draft.lines[0];
    if (!line) throw new Error('no line');
    expect(() =>
      documentToWire({ ...draft, lines: [{ ...line, dimensions: { A: '1', B: '2', C: '3' } }] }, 'invoice'),
    ).toThrow(/two tracking/);
  });

  it('reads accounting dates from Dates, MS JSON and ISO text', () => {
    expect(accountingDate(new Date('2026-02-28T00:00:00Z'))).toBe('2026-02-28');
    expect(accountingDate('/Date(1772236800000+0000)/')).toBe('2026-02-28');
    expect(accountingDate('2026-02-28T00:00:00')).toBe('2026-02-28');
  });
});
