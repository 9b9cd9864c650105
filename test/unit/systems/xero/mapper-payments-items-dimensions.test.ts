// The Xero mapper for payments, items and tracking categories, both ways: draft → wire (what the SDK
// is given) and wire → draft (what the SDK hands back), round trips, and the drafts Xero cannot take.
import { describe, expect, it } from 'vitest';
import type { DimensionDraft, ItemDraft, PaymentDraft } from '../../../../src/systems/system.js';
import { withTrackingLimitCode } from '../../../../src/systems/xero/dimensions.js';
import { classify } from '../../../../src/systems/xero/errors.js';
import { MappingError } from '../../../../src/systems/xero/mapper-common.js';
import { dimensionFromWire, dimensionToWire } from '../../../../src/systems/xero/mapper-dimensions.js';
import { itemFromWire, itemToWire, type WireItem } from '../../../../src/systems/xero/mapper-items.js';
import {
  paymentFromWire,
  paymentToWire,
  type WirePayment,
} from '../../../../src/systems/xero/mapper-payments.js';
import { sameNaturalKey } from '../../../../src/systems/xero/payments.js';
import { rawItem, rawPayment, rawTrackingCategory } from '../../../../src/systems/xero/raw.js';
import { ConnectorError } from '../../../../src/systems/errors.js';
import { Decimal } from '../../../../src/domain/money.js';

const INVOICE = 'cccccccc-0000-4000-8000-000000000001';
const PAYMENT = 'eeeeeeee-0000-4000-8000-000000000001';

const payment = (extra: Partial<PaymentDraft> = {}): PaymentDraft => ({
  direction: 'RECEIVED',
  status: 'AUTHORISED',
  paymentDate: '2026-05-20',
  amount: new Decimal('1234.50'),
  currency: 'GBP',
  currencyRate: null,
  reference: 'BACS SI-1001',
  accountCode: '090',
  party: null,
  document: { externalId: INVOICE },
  ...extra,
});

/** What xero-node hands back for a payment created from `wire` (camelCase, Dates, numbers). */
function answerFor(wire: WirePayment, type: 'ACCREC' | 'ACCPAY' = 'ACCREC') {
  return rawPayment.parse({
    paymentID: PAYMENT,
    date: new Date(`${wire.date}T00:00:00Z`),
    amount: wire.amount,
    currencyRate: wire.currencyRate,
    reference: wire.reference,
    status: 'AUTHORISED',
    paymentType: type === 'ACCREC' ? 'ACCRECPAYMENT' : 'ACCPAYPAYMENT',
    account: { accountID: 'aaaaaaaa-1111-4000-8000-000000000001', code: wire.account.code },
    invoice: {
      invoiceID: 'invoiceID' in wire.invoice ? wire.invoice.invoiceID : INVOICE,
      invoiceNumber: 'invoiceNumber' in wire.invoice ? wire.invoice.invoiceNumber : 'SI-1001',
      type,
      currencyCode: 'GBP',
      contact: { contactID: 'aaaaaaaa-0000-4000-8000-000000000001', contactNumber: 'C00010' },
    },
    updatedDateUTC: new Date('2026-05-20T10:00:00Z'),
  });
}

describe('Xero mapper: payments', () => {
  it("carries a foreign payment's own rate both ways, foreign per 1 base, to 6 places", () => {
    const eur = payment({ currency: 'EUR', currencyRate: new Decimal('0.912345') });
    const wire = paymentToWire(eur);
    expect(wire.currencyRate).toBe(0.912345);
    expect(paymentFromWire(answerFor(wire)).data.currencyRate?.toFixed()).toBe('0.912345');
    // Xero keeps six places: a seventh would be rounded there, so it is refused here.
    expect(() => paymentToWire(payment({ currencyRate: new Decimal('0.9123456') }))).toThrow(MappingError);
  });

  it('writes a payment as Xero takes it: the invoice by id, the bank account by code, 2 decimals', () => {
    expect(paymentToWire(payment())).toEqual({
      invoice: { invoiceID: INVOICE },
      account: { code: '090' },
      date: '2026-05-20',
      amount: 1234.5,
      reference: 'BACS SI-1001',
    });
    expect(paymentToWire(payment({ reference: null, document: { number: 'SI-1001' } }))).toEqual({
      invoice: { invoiceNumber: 'SI-1001' },
      account: { code: '090' },
      date: '2026-05-20',
      amount: 1234.5,
    });
    // A bill resolved by the connector is paid by the id it found.
    expect(
      paymentToWire(payment({ direction: 'MADE', document: { number: 'PI-2001' } }), INVOICE).invoice,
    ).toEqual({ invoiceID: INVOICE });
  });

  it('round-trips: draft → wire → what Xero answers → the same draft', () => {
    for (const [draft, type] of [
      [payment(), 'ACCREC'],
      [payment({ direction: 'MADE', reference: null, amount: new Decimal('0.01') }), 'ACCPAY'],
    ] as const) {
      const back = paymentFromWire(answerFor(paymentToWire(draft), type));
      expect(back.externalId).toBe(PAYMENT);
      expect(back.active).toBe(true);
      expect(back.version).toBe(String(Date.parse('2026-05-20T10:00:00Z')));
      expect(back.data.amount.eq(draft.amount)).toBe(true);
      expect({ ...back.data, amount: null, party: null }).toEqual({
        ...draft,
        amount: null,
        party: null,
        document: { externalId: INVOICE, number: type === 'ACCREC' ? 'SI-1001' : undefined },
      });
      expect(back.data.party).toEqual({
        externalId: 'aaaaaaaa-0000-4000-8000-000000000001',
        number: 'C00010',
      });
    }
  });

  it('reads a deleted payment as inactive, and wire → draft → wire keeps what was sent', () => {
    const wire = paymentToWire(payment());
    const deleted = paymentFromWire({ ...answerFor(wire), status: 'DELETED' });
    expect(deleted.active).toBe(false);
    expect(deleted.data.status).toBe('DELETED');
    expect(paymentToWire(paymentFromWire(answerFor(wire)).data)).toEqual(wire);
  });

  it('refuses what Xero cannot take, naming the field, instead of rounding or guessing', () => {
    const field = (draft: PaymentDraft) => {
      try {
        paymentToWire(draft);
        return null;
      } catch (error) {
        if (!(error instanceof MappingError)) throw error;
        return error.field;
      }
    };
    expect(field(payment({ amount: new Decimal('10.005') }))).toBe('amount');
    expect(field(payment({ amount: new Decimal('0') }))).toBe('amount');
    expect(field(payment({ amount: new Decimal('-5') }))).toBe('amount');
    expect(field(payment({ accountCode: null }))).toBe('accountCode');
    expect(field(payment({ paymentDate: '20/05/2026' }))).toBe('paymentDate');
    expect(field(payment({ status: 'DELETED' }))).toBe('status');
    expect(field(payment({ document: {} }))).toBe('document');
    // A bill has no unique number in Xero: without the connector's look-up it cannot be paid by number.
    expect(field(payment({ direction: 'MADE', document: { number: 'PI-2001' } }))).toBe('document');
  });

  it('matches an existing payment by invoice, amount, date and reference (not deleted)', () => {
    const draft = payment();
    const wire = paymentToWire(draft);
    const found = paymentFromWire(answerFor(wire));
    expect(sameNaturalKey(found, wire, draft)).toBe(true);
    expect(sameNaturalKey(found, wire, { ...draft, amount: new Decimal('1234.51') })).toBe(false);
    expect(sameNaturalKey(found, wire, { ...draft, paymentDate: '2026-05-21' })).toBe(false);
    expect(sameNaturalKey(found, wire, { ...draft, reference: 'other' })).toBe(false);
    expect(sameNaturalKey({ ...found, active: false }, wire, draft)).toBe(false);
    expect(sameNaturalKey(found, { ...wire, invoice: { invoiceID: PAYMENT } }, draft)).toBe(false);
    const byNumber = paymentToWire(payment({ document: { number: 'SI-1001' } }));
    expect(sameNaturalKey(found, byNumber, draft)).toBe(true);
  });
});

const item = (extra: Partial<ItemDraft> = {}): ItemDraft => ({
  number: 'WIDGET',
  name: 'Widget',
  description: 'A blue widget',
  type: 'NON_INVENTORY',
  unitOfMeasure: null,
  unitPrice: new Decimal('19.9950'),
  unitCost: new Decimal('8.50'),
  salesAccountCode: '200',
  purchaseAccountCode: '300',
  taxCode: 'OUTPUT2',
  blocked: false,
  ...extra,
});

/** What xero-node hands back for an item saved from `wire`. */
const itemAnswer = (wire: WireItem) =>
  rawItem.parse({
    itemID: 'dddddddd-0000-4000-8000-000000000001',
    ...wire,
    isTrackedAsInventory: false,
    isSold: true,
    isPurchased: true,
    updatedDateUTC: new Date('2026-05-01T10:00:00Z'),
  });

describe('Xero mapper: items', () => {
  it('writes Code, Name, Description and both details (prices to 4 decimals)', () => {
    expect(itemToWire(item(), 'dddddddd-0000-4000-8000-000000000001')).toEqual({
      itemID: 'dddddddd-0000-4000-8000-000000000001',
      code: 'WIDGET',
      name: 'Widget',
      description: 'A blue widget',
      salesDetails: { unitPrice: 19.995, accountCode: '200', taxType: 'OUTPUT2' },
      purchaseDetails: { unitPrice: 8.5, accountCode: '300' },
    });
    expect(
      itemToWire(
        item({
          description: null,
          unitPrice: null,
          unitCost: null,
          salesAccountCode: null,
          purchaseAccountCode: null,
          taxCode: null,
        }),
      ),
    ).toEqual({ code: 'WIDGET', name: 'Widget' });
  });

  it('round-trips: draft → wire → answer → draft (what Xero cannot hold reads back as its default)', () => {
    const draft = item();
    const back = itemFromWire(itemAnswer(itemToWire(draft)));
    expect(back.externalNumber).toBe('WIDGET');
    expect(back.data.unitPrice?.eq(draft.unitPrice as Decimal)).toBe(true);
    expect(back.data.unitCost?.eq(draft.unitCost as Decimal)).toBe(true);
    // An untracked item: Xero keeps no stock of it (inventory null).
    expect({ ...back.data, unitPrice: null, unitCost: null }).toEqual({
      ...draft,
      unitPrice: null,
      unitCost: null,
      inventory: null,
    });
    // A tracked one reads its QuantityOnHand as stock, 4 decimals kept.
    const tracked = itemFromWire(
      rawItem.parse({
        ...itemAnswer(itemToWire(draft)),
        isTrackedAsInventory: true,
        quantityOnHand: 10.3333,
      }),
    );
    expect(tracked.data.inventory?.toFixed()).toBe('10.3333');
    // No inventory tracking, units of measure or blocking in Xero's item: not sent, read as defaults.
    const inventory = itemFromWire(
      itemAnswer(itemToWire(item({ type: 'INVENTORY', unitOfMeasure: 'PCS', blocked: true }))),
    );
    expect(inventory.data).toMatchObject({ type: 'NON_INVENTORY', unitOfMeasure: null, blocked: false });
    // wire → draft → wire is stable.
    const wire = itemToWire(draft);
    expect(itemToWire(itemFromWire(itemAnswer(wire)).data)).toEqual(wire);
  });

  it("refuses Xero's limits instead of truncating: Code 30, Name 50, Description 4000, 4 decimals", () => {
    const field = (draft: ItemDraft) => {
      try {
        itemToWire(draft);
        return null;
      } catch (error) {
        if (!(error instanceof MappingError)) throw error;
        return error.field;
      }
    };
    expect(
      field(item({ number: 'C'.repeat(30), name: 'N'.repeat(50), description: 'D'.repeat(4000) })),
    ).toBeNull();
    expect(field(item({ number: 'C'.repeat(31) }))).toBe('number');
    expect(field(item({ number: '  ' }))).toBe('number');
    expect(field(item({ name: 'N'.repeat(51) }))).toBe('name');
    expect(field(item({ description: 'D'.repeat(4001) }))).toBe('description');
    expect(field(item({ unitPrice: new Decimal('1.00001') }))).toBe('unitPrice');
    expect(field(item({ unitCost: new Decimal('0.12345') }))).toBe('unitCost');
  });
});

const category = rawTrackingCategory.parse({
  trackingCategoryID: 'ffffffff-0000-4000-8000-000000000001',
  name: 'Area',
  status: 'ACTIVE',
  options: [
    { trackingOptionID: 'ffffffff-1111-4000-8000-000000000001', name: 'North', status: 'ACTIVE' },
    { trackingOptionID: 'ffffffff-1111-4000-8000-000000000002', name: 'South', status: 'ARCHIVED' },
  ],
});

describe('Xero mapper: tracking categories', () => {
  it('reads a category as a dimension: names as codes, ARCHIVED as blocked, option ids kept', () => {
    const r = dimensionFromWire(category);
    expect(r).toMatchObject({
      externalId: 'ffffffff-0000-4000-8000-000000000001',
      externalNumber: 'Area',
      active: true,
    });
    expect(r.data).toEqual({
      code: 'Area',
      name: 'Area',
      blocked: false,
      values: [
        { code: 'North', name: 'North', blocked: false, externalId: 'ffffffff-1111-4000-8000-000000000001' },
        { code: 'South', name: 'South', blocked: true, externalId: 'ffffffff-1111-4000-8000-000000000002' },
      ],
    });
  });

  it('round-trips: wire → draft → wire, and draft → wire → draft', () => {
    const wire = dimensionToWire(dimensionFromWire(category).data);
    expect(wire).toEqual({
      category: { name: 'Area', status: 'ACTIVE' },
      options: [
        { name: 'North', status: 'ACTIVE', externalId: 'ffffffff-1111-4000-8000-000000000001' },
        { name: 'South', status: 'ARCHIVED', externalId: 'ffffffff-1111-4000-8000-000000000002' },
      ],
    });
    const draft: DimensionDraft = {
      code: 'Department',
      name: 'Department',
      blocked: true,
      values: [{ code: 'Sales', name: 'Sales', blocked: false }],
    };
    const out = dimensionToWire(draft);
    const back = dimensionFromWire(
      rawTrackingCategory.parse({
        trackingCategoryID: 'ffffffff-0000-4000-8000-000000000002',
        name: out.category.name,
        status: out.category.status,
        options: out.options.map((o, i) => ({
          trackingOptionID: `ffffffff-2222-4000-8000-00000000000${i}`,
          ...o,
        })),
      }),
    );
    expect(back.active).toBe(false);
    expect(back.data).toEqual({
      ...draft,
      values: [{ ...draft.values[0], externalId: 'ffffffff-2222-4000-8000-000000000000' }],
    });
  });

  it('writes the codes (Xero keeps names only) and refuses names over 100 characters or used twice', () => {
    expect(
      dimensionToWire({
        code: 'AREA',
        name: 'Area (long)',
        blocked: false,
        values: [{ code: 'N', name: 'North', blocked: false }],
      }),
    ).toEqual({ category: { name: 'AREA', status: 'ACTIVE' }, options: [{ name: 'N', status: 'ACTIVE' }] });
    const field = (draft: DimensionDraft) => {
      try {
        dimensionToWire(draft);
        return null;
      } catch (error) {
        if (!(error instanceof MappingError)) throw error;
        return error.field;
      }
    };
    const v = (code: string) => ({ code, name: code, blocked: false });
    expect(
      field({ code: 'A'.repeat(100), name: 'x', blocked: false, values: [v('O'.repeat(100))] }),
    ).toBeNull();
    expect(field({ code: 'A'.repeat(101), name: 'x', blocked: false, values: [] })).toBe('code');
    expect(field({ code: ' ', name: 'x', blocked: false, values: [] })).toBe('code');
    expect(field({ code: 'Area', name: 'x', blocked: false, values: [v('North'), v('O'.repeat(101))] })).toBe(
      'values.1.code',
    );
    expect(field({ code: 'Area', name: 'x', blocked: false, values: [v('North'), v('NORTH')] })).toBe(
      'values.1.code',
    );
  });
});

describe('Xero errors for these writes', () => {
  const sdk = (messages: string[]) =>
    JSON.stringify({
      response: {
        statusCode: 400,
        headers: {},
        body: {
          ErrorNumber: 10,
          Type: 'ValidationException',
          Message: 'A validation exception occurred',
          Elements: [{ ValidationErrors: messages.map((Message) => ({ Message })) }],
        },
      },
    });
  const write = { write: true, operation: 'PUT /Payments', now: 0 };

  it('a payment on a document that is not AUTHORISED is a conflict; too much is a validation error', () => {
    expect(classify(sdk(['Payments can only be made against Authorised documents']), write).kind).toBe(
      'conflict',
    );
    expect(
      classify(sdk(['Payment amount exceeds the amount outstanding on this document.']), write).kind,
    ).toBe('validation');
    expect(classify(sdk(['This payment has been reconciled and cannot be deleted']), write).kind).toBe(
      'conflict',
    );
  });

  it("Xero's refusals of the tracking limits carry the same code as the connector's own check", () => {
    const categories = withTrackingLimitCode(
      classify(sdk(['You can only have 2 active tracking categories.']), write),
    );
    expect(categories.details.code).toBe('TrackingCategoryLimit');
    expect(categories.kind).toBe('validation');
    const options = withTrackingLimitCode(
      classify(sdk(['A tracking category can have at most 100 options.']), write),
    );
    expect(options.details.code).toBe('TrackingOptionLimit');
    const other = new ConnectorError('validation', 'Account code 9 is not a valid code', { system: 'XERO' });
    expect(withTrackingLimitCode(other)).toBe(other);
  });
});
