// Mappers for bills, sales orders and payments: the header each dialect is written with, the
// version of an unposted NAV document (its lines' etags included), and a customer ledger entry as
// a payment.
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import type { DocumentDraft } from '../../../../src/systems/system.js';
import { parseLossless } from '../../../../src/systems/nav/json.js';
import { bcDocumentToWire } from '../../../../src/systems/nav/mapper-bc.js';
import {
  documentVersion,
  headerEtagOf,
  navLineToWire,
  navPaymentFromWire,
  navPurchaseHeaderToWire,
  navSalesHeaderToWire,
} from '../../../../src/systems/nav/mapper-nav.js';
import { RawNavCustLedgerEntry, RawNavDocument } from '../../../../src/systems/nav/raw.js';

const ctx = { localCurrency: 'GBP', globalDimensions: ['DEPARTMENT', 'AREA'] as const };
const zero = new Decimal(0);
const draft: DocumentDraft = {
  number: '',
  party: { number: 'V00010', externalId: '5a7c0000-0000-0000-0000-000000000001' },
  status: 'AUTHORISED',
  issueDate: '2026-10-15',
  dueDate: '2026-11-14',
  currency: 'GBP',
  currencyRate: null,
  lineAmountType: 'EXCLUSIVE',
  reference: null,
  externalDocumentNumber: 'LB-1',
  vendorInvoiceNumber: 'VEND-77',
  subTotal: zero,
  totalTax: zero,
  total: zero,
  amountPaid: zero,
  amountDue: zero,
  lines: [
    {
      lineNo: 0,
      item: { number: '1000' },
      description: null,
      quantity: new Decimal(2),
      unitPrice: new Decimal('12.345'),
      discountPercent: zero,
      accountCode: null,
      taxCode: null,
      taxAmount: zero,
      lineAmount: new Decimal('24.69'),
      dimensions: {},
    },
  ],
};

describe('document headers', () => {
  it('NAV purchase invoice: vendor, the vendor invoice No., blank currency for LCY', () => {
    expect(navPurchaseHeaderToWire(draft, ctx, 'VEND-77')).toEqual({
      Posting_Date: '2026-10-15',
      Document_Date: '2026-10-15',
      Due_Date: '2026-11-14',
      Currency_Code: '',
      Prices_Including_VAT: false,
      Buy_from_Vendor_No: 'V00010',
      Vendor_Invoice_No: 'VEND-77',
    });
  });

  it('NAV sales order: the order date too', () => {
    expect(navSalesHeaderToWire(draft, ctx, 'LB-1', 'order')).toMatchObject({
      Order_Date: '2026-10-15',
      External_Document_No: 'LB-1',
      Sell_to_Customer_No: 'V00010',
    });
  });

  it('a line without a description keeps the item description NAV fills in', () => {
    const out = navLineToWire(draft.lines[0]!, 0, ctx, 'purchase');
    expect(out).not.toHaveProperty('Description');
    expect(out).toMatchObject({ Line_No: 10000, Type: 'Item', No: '1000' });
    expect(String(out.Direct_Unit_Cost)).toBe('12.345');
  });

  it('BC bill: vendor by id, vendorInvoiceNumber, lines with unitCost in one deep insert', () => {
    const out = bcDocumentToWire('bill', draft, 'VEND-77', true);
    expect(out).toMatchObject({
      invoiceDate: '2026-10-15',
      dueDate: '2026-11-14',
      vendorId: '5a7c0000-0000-0000-0000-000000000001',
      vendorInvoiceNumber: 'VEND-77',
    });
    expect(out).not.toHaveProperty('customerId');
    const [line] = out.purchaseInvoiceLines as Record<string, unknown>[];
    expect(line).toMatchObject({ sequence: 10000, lineType: 'Item', lineObjectNumber: '1000' });
    expect(line).toHaveProperty('unitCost');
    expect(line).not.toHaveProperty('unitPrice');
  });

  it('BC sales order: order date, no due date, salesOrderLines', () => {
    const out = bcDocumentToWire('salesOrder', draft, 'LB-1', true);
    expect(out).toMatchObject({ orderDate: '2026-10-15', externalDocumentNumber: 'LB-1' });
    expect(out).not.toHaveProperty('dueDate');
    expect(out.salesOrderLines).toHaveLength(1);
  });
});

describe('unposted NAV document version', () => {
  const doc = (lineEtag: string) =>
    RawNavDocument.parse(
      parseLossless(
        `{"@odata.etag":"W/\\"H1\\"","No":"1001","Amount":10,"Amount_Including_VAT":12,"lines":[{"@odata.etag":"${lineEtag}","Line_No":10000,"Type":"Item","No":"1000","Quantity":1,"Line_Amount":10}]}`,
      ),
    );

  it('changes when only a line changed, and gives back the header etag for If-Match', () => {
    const a = documentVersion(doc('L1'))!;
    const b = documentVersion(doc('L2'))!;
    expect(a).not.toBe(b);
    expect(headerEtagOf(a)).toBe('W/"H1"');
    expect(headerEtagOf('W/"plain"')).toBe('W/"plain"');
  });
});

describe('customer ledger entry as a payment', () => {
  it('positive amount, LCY for blank currency, the invoice it was applied to', () => {
    const raw = RawNavCustLedgerEntry.parse(
      parseLossless(
        '{"@odata.etag":"W/\\"E\\"","Entry_No":812,"Posting_Date":"2026-10-20","Document_Type":"Payment","Document_No":"G02001","External_Document_No":"pay-1","Customer_No":"C00010","Description":"Bank transfer","Currency_Code":"","Amount":-1234.56,"Open":false,"Closed_by_Entry_No":0}',
      ),
    );
    const r = navPaymentFromWire(raw, ctx, { number: '103001', externalId: '103001' });
    expect(r).toMatchObject({ externalId: '812', externalNumber: 'G02001', version: 'W/"E"' });
    expect(r.data).toMatchObject({
      direction: 'RECEIVED',
      status: 'AUTHORISED',
      paymentDate: '2026-10-20',
      currency: 'GBP',
      reference: 'Bank transfer',
      party: { number: 'C00010' },
      document: { number: '103001' },
    });
    expect(r.data.amount.toFixed(2)).toBe('1234.56');
  });
});
