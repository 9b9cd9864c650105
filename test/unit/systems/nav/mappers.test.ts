// Wire ⇄ domain mapping for both dialects: decimals stay exact, dates, Blocked ⇄ status, dimensions,
// and round trips (wire → draft → wire keeps what the page holds).
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import {
  bcDocumentFromWire,
  bcItemToWire,
  bcItemFromWire,
  bcLineToWire,
  bcPartyFromWire,
  bcPartyToWire,
} from '../../../../src/systems/nav/mapper-bc.js';
import {
  contentHash,
  dateOrNull,
  decodeOption,
  encodeOption,
  isBlankOption,
} from '../../../../src/systems/nav/mapper-common.js';
import {
  navDocumentFromWire,
  navGLEntryFromWire,
  navItemFromWire,
  navItemToWire,
  navLineToWire,
  navPartyFromWire,
  navPartyToWire,
  navPaymentToJournalLine,
  type NavMapContext,
} from '../../../../src/systems/nav/mapper-nav.js';
import { parseLossless, stringifyExact } from '../../../../src/systems/nav/json.js';
import {
  RawBcDocument,
  RawBcItem,
  RawBcParty,
  RawNavDocument,
  RawNavGLEntry,
  RawNavItem,
  RawNavParty,
} from '../../../../src/systems/nav/raw.js';

const ctx: NavMapContext = { localCurrency: 'GBP', globalDimensions: ['DEPARTMENT', 'AREA'] };

const wire = (text: string) => parseLossless(text);

const navCustomerJson = `{"@odata.etag":"W/\\"JzE5OzE7MDA7Jw==\\"","No":"C00010","Name":"Tailspin Ltd","Address":"1 High St","Address_2":"","City":"Leeds","County":"","Post_Code":"LS1 1AA","Country_Region_Code":"GB","Phone_No":"","E_Mail":"ap@tailspin.test","VAT_Registration_No":"GB123","Currency_Code":"","Payment_Terms_Code":"30 DAYS","Credit_Limit_LCY":12345678901234567.89,"Blocked":"_x0020_","Last_Date_Modified":"2026-10-31"}`;

describe('option values and dates', () => {
  it('decodes and encodes NAV option members', () => {
    expect(decodeOption('_x0020_')).toBe(' ');
    expect(decodeOption('G_x002F_L_x0020_Account')).toBe('G/L Account');
    expect(decodeOption('Non_x002D_Inventory')).toBe('Non-Inventory');
    expect(encodeOption('')).toBe('_x0020_');
    expect(encodeOption('G/L Account')).toBe('G_x002F_L_x0020_Account');
    expect(isBlankOption(' ')).toBe(true);
    expect(isBlankOption('_x0020_')).toBe(true);
    expect(isBlankOption('Ship')).toBe(false);
  });

  it('treats 0001-01-01 as no date', () => {
    expect(dateOrNull('0001-01-01')).toBeNull();
    expect(dateOrNull('2026-01-31')).toBe('2026-01-31');
    expect(dateOrNull('2026-01-31T10:00:00Z')).toBe('2026-01-31');
  });
});

describe('lossless JSON', () => {
  it('keeps every digit of a decimal in and out', () => {
    const v = wire('{"a":12345678901234567.89,"b":[0.1,-2e3],"s":"1.0 \\" x"}') as Record<string, unknown>;
    expect(v).toEqual({ a: '12345678901234567.89', b: ['0.1', '-2e3'], s: '1.0 " x' });
    expect(stringifyExact({ a: new Decimal('12345678901234567.89'), b: true, c: undefined })).toBe(
      '{"a":12345678901234567.89,"b":true}',
    );
  });
});

describe('NAV mapper', () => {
  it('maps a customer (decimal credit limit, blank currency = LCY, date as midnight UTC)', () => {
    const r = navPartyFromWire(RawNavParty.parse(wire(navCustomerJson)), ctx, true);
    expect(r.externalId).toBe('C00010');
    expect(r.version).toBe('W/"JzE5OzE7MDA7Jw=="');
    expect(r.remoteUpdatedAt?.toISOString()).toBe('2026-10-31T00:00:00.000Z');
    expect(r.data.currency).toBe('GBP');
    expect(r.data.status).toBe('ACTIVE');
    expect(r.data.creditLimit?.toFixed()).toBe('12345678901234567.89');
    expect(r.data.address).toEqual({
      line1: '1 High St',
      city: 'Leeds',
      postalCode: 'LS1 1AA',
      country: 'GB',
    });
    expect(r.data.phone).toBeNull();
  });

  it('Blocked ⇄ status, keeping NAV’s finer value when the status did not change', () => {
    const raw = RawNavParty.parse({ ...(wire(navCustomerJson) as object), Blocked: 'Ship' });
    const r = navPartyFromWire(raw, ctx, true);
    expect(r.data.status).toBe('BLOCKED');
    const keep = navPartyToWire(r.data, ctx, { withCreditLimit: true, blockedValue: 'All', current: raw });
    expect(keep.Blocked).toBe('Ship');
    const unblock = navPartyToWire({ ...r.data, status: 'ACTIVE' }, ctx, {
      withCreditLimit: true,
      blockedValue: 'All',
      current: raw,
    });
    expect(unblock.Blocked).toBe('_x0020_');
    const block = navPartyToWire({ ...r.data, status: 'ARCHIVED' }, ctx, {
      withCreditLimit: true,
      blockedValue: 'All',
    });
    expect(block.Blocked).toBe('All');
  });

  it('round-trips a customer: wire → draft → wire keeps the page’s values', () => {
    const raw = wire(navCustomerJson) as Record<string, unknown>;
    const r = navPartyFromWire(RawNavParty.parse(raw), ctx, true);
    const back = navPartyToWire(r.data, ctx, { withCreditLimit: true, blockedValue: 'All' });
    for (const [k, v] of Object.entries(back)) {
      if (v instanceof Decimal) expect(v.eq(String(raw[k]))).toBe(true);
      else expect(v).toBe(raw[k]);
    }
    const again = navPartyFromWire(
      RawNavParty.parse({ ...raw, ...(parseLossless(stringifyExact(back)) as object) }),
      ctx,
      true,
    );
    expect(again.data).toEqual(r.data);
  });

  it('round-trips an item type with an encoded member', () => {
    const raw = RawNavItem.parse(
      wire(
        '{"No":"1000","Description":"Bike","Type":"Non_x002D_Inventory","Base_Unit_of_Measure":"PCS","Unit_Price":4000.10,"Unit_Cost":350.5,"VAT_Prod_Posting_Group":"VAT20","Blocked":false,"Last_Date_Modified":"0001-01-01"}',
      ),
    );
    const r = navItemFromWire(raw);
    expect(r.data.type).toBe('NON_INVENTORY');
    expect(r.remoteUpdatedAt).toBeNull();
    expect(r.data.unitPrice?.toFixed(2)).toBe('4000.10');
    const back = navItemToWire(r.data);
    expect(back.Type).toBe('Non_x002D_Inventory');
    expect(
      navItemFromWire(
        RawNavItem.parse({ ...(parseLossless(stringifyExact({ ...raw, ...back })) as object), No: '1000' }),
      ).data,
    ).toEqual(r.data);
  });

  it('maps a posted invoice with lines, dimensions, amounts due and paid', () => {
    const raw = RawNavDocument.parse({
      ...(wire(
        '{"No":"103001","Sell_to_Customer_No":"C00010","Posting_Date":"2026-10-01","Document_Date":"2026-10-01","Due_Date":"2026-10-31","External_Document_No":"LB-1","Currency_Code":"EUR","Amount":100.00,"Amount_Including_VAT":120.00,"Remaining_Amount":20.00,"Closed":false,"Cancelled":false}',
      ) as object),
      lines: wire(
        '[{"Line_No":10000,"Type":"Item","No":"1000","Description":"Bike","Quantity":2,"Unit_Price":50,"Line_Discount_Percent":0,"Line_Amount":100,"VAT_Prod_Posting_Group":"VAT20","Shortcut_Dimension_1_Code":"SALES","Shortcut_Dimension_2_Code":""}]',
      ),
    });
    const r = navDocumentFromWire(raw, { side: 'sales', posted: true, idPrefix: 'draft:' }, ctx);
    expect(r.externalId).toBe('103001');
    expect(r.data.status).toBe('POSTED');
    expect(r.data.currency).toBe('EUR');
    expect(r.data.totalTax.toFixed(2)).toBe('20.00');
    expect(r.data.amountDue.toFixed(2)).toBe('20.00');
    expect(r.data.amountPaid.toFixed(2)).toBe('100.00');
    expect(r.data.lines[0]!.dimensions).toEqual({ DEPARTMENT: 'SALES' });
    expect(r.data.lines[0]!.item).toEqual({ number: '1000' });
    const closed = navDocumentFromWire(
      { ...raw, Closed: true, Remaining_Amount: new Decimal(0) },
      { side: 'sales', posted: true, idPrefix: 'draft:' },
      ctx,
    );
    expect(closed.data.status).toBe('PAID');
    const draft = navDocumentFromWire(
      { ...raw, Status: 'Open' },
      { side: 'sales', posted: false, idPrefix: 'draft:' },
      ctx,
    );
    expect(draft.externalId).toBe('draft:103001');
    expect(draft.data.status).toBe('DRAFT');
  });

  it('writes a line back with its dimensions and a G/L account type', () => {
    const line = {
      lineNo: 0,
      item: null,
      description: 'Consulting',
      quantity: new Decimal(1),
      unitPrice: new Decimal('99.995'),
      discountPercent: new Decimal(0),
      accountCode: '6110',
      taxCode: null,
      taxAmount: new Decimal(0),
      lineAmount: new Decimal('99.995'),
      dimensions: { DEPARTMENT: 'ADM', AREA: 'NORTH', OTHER: 'X' },
    };
    const out = navLineToWire(line, 1, ctx, 'sales');
    expect(out).toMatchObject({
      Line_No: 20000,
      Type: 'G_x002F_L_x0020_Account',
      No: '6110',
      Shortcut_Dimension_1_Code: 'ADM',
      Shortcut_Dimension_2_Code: 'NORTH',
    });
    expect(stringifyExact(out.Unit_Price)).toBe('99.995');
  });

  it('maps G/L entries (debit/credit exact) and payments as journal lines', () => {
    const e = navGLEntryFromWire(
      RawNavGLEntry.parse(
        wire(
          '{"Entry_No":17,"Posting_Date":"2026-10-01","Document_Type":"_x0020_","Document_No":"G1","G_L_Account_No":"2310","G_L_Account_Name":"Receivables","Description":"","Debit_Amount":0.1,"Credit_Amount":0,"Global_Dimension_1_Code":"","Global_Dimension_2_Code":"NORTH"}',
        ),
      ),
      ctx,
    );
    expect(e.externalId).toBe('17');
    expect(e.data.documentType).toBeNull();
    expect(e.data.debit.toFixed()).toBe('0.1');
    expect(e.data.dimensions).toEqual({ AREA: 'NORTH' });
    const line = navPaymentToJournalLine(
      {
        direction: 'RECEIVED',
        status: 'AUTHORISED',
        paymentDate: '2026-10-20',
        amount: new Decimal('120.00'),
        currency: 'GBP',
        reference: null,
        accountCode: null,
        party: { number: 'C00010' },
        document: { number: '103001' },
      },
      'LB-PAY-1',
      null,
    );
    expect(line).toMatchObject({
      Account_Type: 'Customer',
      Account_No: 'C00010',
      Applies_to_Doc_No: '103001',
      External_Document_No: 'LB-PAY-1',
    });
    expect((line.Amount as Decimal).toFixed(2)).toBe('-120.00');
    expect(line).not.toHaveProperty('Document_No');
  });
});

describe('BC mapper', () => {
  const bcCustomer = {
    '@odata.etag': 'W/"x"',
    id: '34f03eee-2a32-f011-9a4a-7ced8d0ee6e7',
    number: 'NA0007',
    displayName: 'Test Customer',
    addressLine1: 'Test Street 23',
    addressLine2: '',
    city: 'Testown',
    state: '',
    country: 'PL',
    postalCode: '80-299',
    phoneNumber: '123456789',
    email: 'test@company.com',
    taxRegistrationNumber: '',
    currencyCode: 'PLN',
    creditLimit: '0',
    blocked: '_x0020_',
    lastModifiedDateTime: '2025-05-21T10:08:36.013Z',
  };

  it('maps a customer and round-trips it', () => {
    const r = bcPartyFromWire(RawBcParty.parse(bcCustomer), { localCurrency: 'GBP' }, true);
    expect(r.externalId).toBe(bcCustomer.id);
    expect(r.remoteUpdatedAt?.toISOString()).toBe('2025-05-21T10:08:36.013Z');
    expect(r.data.status).toBe('ACTIVE');
    expect(r.data.currency).toBe('PLN');
    const back = bcPartyToWire(r.data, {
      withCreditLimit: true,
      blockedValue: 'All',
      current: RawBcParty.parse(bcCustomer),
    });
    expect(back).not.toHaveProperty('number');
    const again = bcPartyFromWire(
      RawBcParty.parse({ ...bcCustomer, ...back, creditLimit: String(back.creditLimit) }),
      { localCurrency: 'GBP' },
      true,
    );
    expect(again.data).toEqual(r.data);
    const blocked = bcPartyFromWire(
      RawBcParty.parse({ ...bcCustomer, blocked: 'Invoice' }),
      { localCurrency: 'GBP' },
      false,
    );
    expect(blocked.data.status).toBe('BLOCKED');
    expect(blocked.data.creditLimit).toBeUndefined();
  });

  it('maps items both ways', () => {
    const raw = RawBcItem.parse({
      id: 'i',
      number: '1000',
      displayName: 'Bike',
      type: 'Service',
      baseUnitOfMeasureCode: 'HOUR',
      unitPrice: '10.50',
      unitCost: '0',
      blocked: true,
    });
    const r = bcItemFromWire(raw);
    expect(r.data).toMatchObject({ type: 'SERVICE', blocked: true, unitOfMeasure: 'HOUR' });
    expect(bcItemToWire(r.data, true)).toMatchObject({ number: '1000', type: 'Service', blocked: true });
    expect(bcItemToWire(r.data, false)).not.toHaveProperty('number');
  });

  it('maps invoice status and lines', () => {
    const raw = RawBcDocument.parse({
      id: 'd',
      number: '103001',
      externalDocumentNumber: '',
      invoiceDate: '2026-10-01',
      postingDate: '2026-10-01',
      dueDate: '0001-01-01',
      customerId: 'c',
      customerNumber: 'C1',
      currencyCode: 'GBP',
      pricesIncludeTax: false,
      totalAmountExcludingTax: '100',
      totalTaxAmount: '20',
      totalAmountIncludingTax: '120',
      remainingAmount: '0',
      status: 'Paid',
      lines: [
        {
          sequence: '10000',
          lineType: 'Account',
          lineObjectNumber: '6110',
          quantity: '1',
          unitPrice: '100',
          amountExcludingTax: '100',
          totalTaxAmount: '20',
        },
      ],
    });
    const r = bcDocumentFromWire(raw, 'sales', { localCurrency: 'GBP' });
    expect(r.data.status).toBe('PAID');
    expect(r.data.dueDate).toBe('2026-10-01');
    expect(r.data.party).toEqual({ externalId: 'c', number: 'C1' });
    expect(r.data.lines[0]).toMatchObject({ accountCode: '6110', item: null, lineNo: 10000 });
    expect(r.data.lines[0]!.taxAmount.toFixed()).toBe('20');
    expect(bcLineToWire(r.data.lines[0]!, 0)).toMatchObject({
      lineType: 'Account',
      lineObjectNumber: '6110',
      sequence: 10000,
    });
    expect(
      bcDocumentFromWire({ ...raw, status: 'Open' }, 'sales', { localCurrency: 'GBP' }).data.status,
    ).toBe('POSTED');
    expect(bcDocumentFromWire({ ...raw, status: 'Canceled' }, 'sales', { localCurrency: 'GBP' }).active).toBe(
      false,
    );
  });

  it('content hashes ignore key order and odata annotations', () => {
    expect(contentHash({ a: new Decimal('1.0'), b: 'x' })).toBe(
      contentHash({ b: 'x', a: new Decimal('1.0') }),
    );
    expect(contentHash({ a: 1 })).not.toBe(contentHash({ a: 2 }));
  });
});
