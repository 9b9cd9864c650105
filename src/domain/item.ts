import { z } from 'zod';
import { recordMetaSchema } from './common.js';
import { decimalSchema } from './money.js';

export const itemTypes = ['INVENTORY', 'SERVICE', 'NON_INVENTORY'] as const;
export const itemTypeSchema = z.enum(itemTypes);
export type ItemType = z.infer<typeof itemTypeSchema>;

/**
 * What an item is, without the identity and sync bookkeeping of a mirrored record: the one
 * declaration the connectors' drafts, the store's writes and accepted changes are typed from.
 */
export const itemFieldsSchema = z.object({
  /** NAV item No. and Xero item Code. */
  number: z.string().min(1).max(30),
  name: z.string().trim().min(1).max(100),
  description: z.string().max(4000).nullable(),
  type: itemTypeSchema,
  unitOfMeasure: z.string().max(10).nullable(),
  unitPrice: decimalSchema.nullable(),
  unitCost: decimalSchema.nullable(),
  salesAccountCode: z.string().nullable(),
  purchaseAccountCode: z.string().nullable(),
  taxCode: z.string().nullable(),
  blocked: z.boolean(),
});
export type ItemFields = z.output<typeof itemFieldsSchema>;

export const itemSchema = recordMetaSchema.extend(itemFieldsSchema.shape);
export type Item = z.output<typeof itemSchema>;
