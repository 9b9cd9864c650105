import { z } from 'zod';
import { recordMetaSchema } from './common.js';
import { accountingDateSchema } from './dates.js';
import { currencySchema, decimalSchema } from './money.js';

export const paymentDirections = ['RECEIVED', 'MADE'] as const;
export const paymentStatuses = ['AUTHORISED', 'DELETED'] as const;

/** Money received against a sales invoice or paid against a bill. */
export const paymentSchema = recordMetaSchema
  .extend({
    direction: z.enum(paymentDirections),
    status: z.enum(paymentStatuses),
    paymentDate: accountingDateSchema,
    amount: decimalSchema.refine((d) => d.isPositive() && !d.isZero(), 'a positive amount'),
    currency: currencySchema,
    /** Units of `currency` per 1 base-currency unit on the payment date (Xero CurrencyRate, NAV Currency Factor). */
    currencyRate: decimalSchema.nullable(),
    reference: z.string().max(255).nullable(),
    /** The bank account the money moved through. */
    accountCode: z.string().nullable(),
    customerId: z.uuid().nullable(),
    vendorId: z.uuid().nullable(),
    invoiceId: z.uuid().nullable(),
    billId: z.uuid().nullable(),
  })
  .refine((p) => (p.direction === 'RECEIVED' ? p.billId === null : p.invoiceId === null), {
    message: 'a received payment applies to an invoice, a payment made to a bill',
    path: ['direction'],
  });
export type Payment = z.output<typeof paymentSchema>;
