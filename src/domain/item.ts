import { z } from 'zod';
import { recordMetaSchema } from './common.js';
import { decimalSchema } from './money.js';

export const itemTypes = ['INVENTORY', 'SERVICE', 'NON_INVENTORY'] as const;

export const itemSchema = recordMetaSchema.extend({
  /** NAV item No. and Xero item Code. */
  number: z.string().min(1).max(30),
  name: z.string().trim().min(1).max(100),
  description: z.string().max(4000).nullable(),
  type: z.enum(itemTypes),
  unitOfMeasure: z.string().max(10).nullable(),
  unitPrice: decimalSchema.nullable(),
  unitCost: decimalSchema.nullable(),
  salesAccountCode: z.string().nullable(),
  purchaseAccountCode: z.string().nullable(),
  taxCode: z.string().nullable(),
  blocked: z.boolean(),
});
export type Item = z.output<typeof itemSchema>;
