// What a new or changed document and a payment must look like before anything is written:
// shapes and limits (NAV's field lengths, the decimals both books keep), checked with zod. Domain rules that need the mirror
// (the customer exists, codes are mapped, the amount is due) are checked in document-changes.ts.
import { z } from 'zod';
import { lineAmountTypeSchema } from '../../../domain/common.js';
import { accountingDateSchema } from '../../../domain/dates.js';
import { documentStatusSchema } from '../../../domain/document.js';
import { RATE_PLACES } from '../../../domain/fx.js';
import { currencySchema, Decimal, storable, tooLargeMessage } from '../../../domain/money.js';

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `at most ${max} characters`)
    .nullish()
    .transform((v) => (v ? v : null));

const decimal = z
  .instanceof(Decimal, { message: 'a decimal amount such as "12.50"' })
  .refine(storable, tooLargeMessage);
const positive = decimal.refine((d) => d.isPositive() && !d.isZero(), 'must be greater than zero');
const nonNegative = decimal.refine((d) => !d.isNegative(), 'must not be negative');
/**
 * At most `places` decimals: what both books keep (money in cents; unit prices and quantities to
 * four places, Xero's unitdp=4). More would be rounded by one book and not the other.
 */
const places = (schema: z.ZodType<Decimal>, max: number, what: string) =>
  schema.refine((d) => d.decimalPlaces() <= max, `${what} at most ${max} decimal places`);

/**
 * An exchange rate: units of the record's currency per 1 base unit, > 0 and to at most 6 places
 * (Xero keeps CurrencyRate to 6; NAV's Currency Factor keeps more, so 6 survives both). Absent: the
 * target applies its own rate for the day (Xero the XE.com rate, NAV its Currency Exchange Rates).
 */
const currencyRate = places(positive, RATE_PLACES, 'a rate has')
  .refine((d) => d.lt(1e9), 'a rate below 1,000,000,000')
  .nullish()
  .transform((v) => v ?? null);

/** The statuses a document is created in: a draft, or in the books. */
export const newDocumentStatusSchema = documentStatusSchema.extract(['DRAFT', 'AUTHORISED']);

export const documentLineInputSchema = z
  .object({
    itemId: z
      .uuid()
      .nullish()
      .transform((v) => v ?? null),
    description: optionalText(100),
    quantity: places(positive, 4, 'a quantity has'),
    unitPrice: places(nonNegative, 4, 'a unit price has'),
    discountPercent: decimal
      .refine((d) => !d.isNegative() && d.lte(100), 'a percentage from 0 to 100')
      .nullish()
      .transform((v) => v ?? new Decimal(0)),
    accountCode: optionalText(20),
    taxCode: z.string().trim().min(1, 'a tax code (NAV VAT product posting group) is required').max(20),
    dimensions: z
      .array(
        z.object({ dimension: z.string().trim().min(1).max(20), value: z.string().trim().min(1).max(20) }),
      )
      .max(2, 'Xero takes at most two tracking categories per line')
      .nullish()
      .transform((v) => v ?? []),
  })
  .refine((l) => l.itemId !== null || l.accountCode !== null, {
    message: 'a line needs an item or a G/L account',
    path: ['accountCode'],
  })
  // 0.001 × 1.00 rounds to 0.00 per line in both books: a line of nothing with a price on it.
  .refine((l) => l.unitPrice.isZero() || !l.quantity.times(l.unitPrice).toDecimalPlaces(2).isZero(), {
    message: 'quantity × unit price rounds to 0.00: a line must come to at least a cent',
    path: ['quantity'],
  });

export const documentInputSchema = z
  .object({
    number: z
      .string()
      .trim()
      .min(1, 'a document number is required')
      .max(20, 'NAV numbers have at most 20 characters'),
    partyId: z.uuid(),
    status: newDocumentStatusSchema.default('AUTHORISED'),
    issueDate: accountingDateSchema,
    dueDate: accountingDateSchema.nullish().transform((v) => v ?? null),
    currency: currencySchema.nullish().transform((v) => v ?? null),
    currencyRate,
    lineAmountType: lineAmountTypeSchema.default('EXCLUSIVE'),
    reference: optionalText(35),
    vendorInvoiceNumber: optionalText(35),
    lines: z.array(documentLineInputSchema).min(1, 'at least one line').max(500, 'at most 500 lines'),
  })
  .refine((d) => d.dueDate === null || d.dueDate >= d.issueDate, {
    message: 'the due date is on or after the issue date',
    path: ['dueDate'],
  });
export type DocumentInput = z.output<typeof documentInputSchema>;
/** What a client may send for a document and for one of its lines, before the rules above. */
export type DocumentChangeInput = z.input<typeof documentInputSchema>;
export type DocumentLineChangeInput = z.input<typeof documentLineInputSchema>;

export const salesOrderInputSchema = z
  .object({
    number: z
      .string()
      .trim()
      .min(1, 'an order number is required')
      .max(20, 'NAV numbers have at most 20 characters'),
    partyId: z.uuid(),
    orderDate: accountingDateSchema,
    requestedDate: accountingDateSchema.nullish().transform((v) => v ?? null),
    currency: currencySchema.nullish().transform((v) => v ?? null),
    lineAmountType: lineAmountTypeSchema.default('EXCLUSIVE'),
    reference: optionalText(35),
    lines: z.array(documentLineInputSchema).min(1, 'at least one line').max(500, 'at most 500 lines'),
  })
  .refine((o) => o.requestedDate === null || o.requestedDate >= o.orderDate, {
    message: 'the requested date is on or after the order date',
    path: ['requestedDate'],
  });
/** What a client may send for a sales order, before the rules above. */
export type SalesOrderChangeInput = z.input<typeof salesOrderInputSchema>;

export const paymentInputSchema = z.object({
  documentId: z.uuid(),
  amount: places(positive, 2, 'an amount has'),
  paymentDate: accountingDateSchema,
  accountCode: z.string().trim().min(1, 'the bank account (a NAV G/L account No.) is required').max(20),
  reference: optionalText(35),
  currencyRate,
});
export type PaymentInput = z.output<typeof paymentInputSchema>;
/** What a client may send for a payment, before the rules above. */
export type PaymentChangeInput = z.input<typeof paymentInputSchema>;
