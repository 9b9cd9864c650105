// Sales invoices, purchase bills and sales orders share one line shape and one header shape.
import { z } from 'zod';
import { lineAmountTypeSchema, recordMetaSchema } from './common.js';
import { accountingDateSchema } from './dates.js';
import { currencySchema, decimalSchema } from './money.js';

export const documentStatuses = [
  'DRAFT',
  'SUBMITTED',
  'AUTHORISED',
  'POSTED',
  'PAID',
  'VOIDED',
  'DELETED',
] as const;
export const documentStatusSchema = z.enum(documentStatuses);
export type DocumentStatus = z.infer<typeof documentStatusSchema>;

export const documentLineSchema = z.object({
  id: z.uuid(),
  lineNo: z.number().int().positive(),
  itemId: z.uuid().nullable(),
  description: z.string().max(4000).nullable(),
  quantity: decimalSchema,
  unitPrice: decimalSchema,
  discountPercent: decimalSchema,
  accountCode: z.string().nullable(),
  taxCode: z.string().nullable(),
  taxAmount: decimalSchema,
  lineAmount: decimalSchema,
  /** Dimension value ids (NAV dimensions / Xero tracking options). */
  dimensionValueIds: z.array(z.uuid()),
});
export type DocumentLine = z.output<typeof documentLineSchema>;

export const documentTotalsSchema = z.object({
  subTotal: decimalSchema,
  totalTax: decimalSchema,
  total: decimalSchema,
});

export const documentHeaderSchema = recordMetaSchema.extend({
  number: z.string().min(1).max(255),
  status: documentStatusSchema,
  issueDate: accountingDateSchema,
  dueDate: accountingDateSchema,
  currency: currencySchema,
  currencyRate: decimalSchema.nullable(),
  lineAmountType: lineAmountTypeSchema,
  reference: z.string().max(255).nullable(),
  amountPaid: decimalSchema,
  amountDue: decimalSchema,
  ...documentTotalsSchema.shape,
});
