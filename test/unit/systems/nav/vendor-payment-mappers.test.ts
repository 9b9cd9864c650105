// Vendor payments (MADE) on the wire: a NAV vendor ledger entry read as a payment, a payment
// journal line written for one, and BC's vendorPayments line; the BC fields exist in the real
// API v2.0 $metadata.
import { readFileSync } from 'node:fs';
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import type { PaymentDraft } from '../../../../src/systems/system.js';
import { parseLossless } from '../../../../src/systems/nav/json.js';
import { bcFields, bcPaymentToWire } from '../../../../src/systems/nav/mapper-bc.js';
import { navPaymentToJournalLine, navVendorPaymentFromWire } from '../../../../src/systems/nav/mapper-nav.js';
import { findMismatches, parseMetadata } from '../../../../src/systems/nav/metadata.js';
import { RawNavVendLedgerEntry } from '../../../../src/systems/nav/raw.js';
import { sharedFile } from '../../../../packages/sandbox/test/support/shared.js';

const ctx = { localCurrency: 'GBP', globalDimensions: ['DEPARTMENT', 'AREA'] as const };

const made: PaymentDraft = {
  direction: 'MADE',
  status: 'AUTHORISED',
  paymentDate: '2026-10-25',
  amount: new Decimal('105.00'),
  currency: 'GBP',
  reference: 'Supplier run',
  accountCode: '2910',
  party: { number: 'V00010' },
  document: { number: '108001', externalId: '108001' },
};

describe('vendor ledger entry as a payment', () => {
  it('MADE, positive amount, vendor as party, a prefixed id apart from customer entries', () => {
    const raw = RawNavVendLedgerEntry.parse(
      parseLossless(
        '{"@odata.etag":"W/\\"E\\"","Entry_No":77,"Posting_Date":"2026-10-25","Document_Type":"Payment","Document_No":"G04001","External_Document_No":"LBN1","Vendor_No":"V00010","Description":"Supplier run","Currency_Code":"","Amount":105.01,"Open":false,"Closed_by_Entry_No":0}',
      ),
    );
    const r = navVendorPaymentFromWire(raw, ctx, { number: '108001', externalId: '108001' });
    expect(r).toMatchObject({ externalId: 'vendor:77', externalNumber: 'G04001', version: 'W/"E"' });
    expect(r.data).toMatchObject({
      direction: 'MADE',
      status: 'AUTHORISED',
      paymentDate: '2026-10-25',
      currency: 'GBP',
      reference: 'Supplier run',
      party: { number: 'V00010' },
      document: { number: '108001' },
    });
    expect(r.data.amount.toFixed(2)).toBe('105.01');
  });
});

describe('vendor payment written', () => {
  it('NAV: a payment journal line debiting the vendor, applied to the bill, balanced by the bank', () => {
    const line = navPaymentToJournalLine(made, 'LBN1', null);
    expect(line).toMatchObject({
      Posting_Date: '2026-10-25',
      Document_Type: 'Payment',
      Account_Type: 'Vendor',
      Account_No: 'V00010',
      Applies_to_Doc_Type: 'Invoice',
      Applies_to_Doc_No: '108001',
      External_Document_No: 'LBN1',
      Bal_Account_No: '2910',
      Description: 'Supplier run',
    });
    expect((line.Amount as Decimal).toFixed(2)).toBe('105.00');
    expect(line).not.toHaveProperty('Document_No');
  });

  it('BC: a vendorPayments line with the amount as given, applied to the bill by id', () => {
    const body = bcPaymentToWire(
      {
        ...made,
        party: { externalId: '00000000-0000-4000-8000-0000000a0001' },
        document: { number: '108001', externalId: '00000000-0000-4000-8000-0000000b0001' },
      },
      'LBN1',
    );
    expect(body).toEqual({
      postingDate: '2026-10-25',
      externalDocumentNumber: 'LBN1',
      amount: new Decimal('105.00'),
      vendorId: '00000000-0000-4000-8000-0000000a0001',
      appliesToInvoiceId: '00000000-0000-4000-8000-0000000b0001',
      description: 'Supplier run',
    });
    expect(bcPaymentToWire({ ...made, document: { number: '108001' } }, 'LBN1')).toMatchObject({
      vendorNumber: 'V00010',
      appliesToInvoiceNumber: '108001',
    });
  });

  const file = sharedFile('nav-metadata/bc-api-v2.0-metadata.xml');
  it.skipIf(!file)('every vendorPayments field read exists in the real $metadata', () => {
    const model = parseMetadata(readFileSync(file!, 'utf8'));
    expect(
      findMismatches(model, [
        {
          purpose: 'vendor payment',
          service: 'vendorPaymentJournals',
          fields: ['id', 'code'],
          lines: { navigation: 'vendorPayments', fields: bcFields.vendorPayment },
        },
      ]),
    ).toEqual([]);
  });
});
