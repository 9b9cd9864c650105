import { z } from 'zod';
import { lineAmountTypeSchema, recordMetaSchema } from './common.js';
import { accountingDateSchema } from './dates.js';
import { documentLineSchema, documentTotalsSchema } from './document.js';
import { currencySchema } from './money.js';

export const salesOrderStatuses = [
  'OPEN',
  'RELEASED',
  'PENDING_APPROVAL',
  'SHIPPED',
  'INVOICED',
  'CANCELLED',
] as const;

/** A NAV sales order (Xero has no orders; it becomes an invoice when NAV posts it). */
export const salesOrderSchema = recordMetaSchema.extend({
  number: z.string().min(1).max(20),
  customerId: z.uuid(),
  orderDate: accountingDateSchema,
  requestedDate: accountingDateSchema.nullable(),
  status: z.enum(salesOrderStatuses),
  currency: currencySchema,
  lineAmountType: lineAmountTypeSchema,
  reference: z.string().max(255).nullable(),
  ...documentTotalsSchema.shape,
  lines: z.array(documentLineSchema.omit({ dimensionValueIds: true })),
});
export type SalesOrder = z.output<typeof salesOrderSchema>;
