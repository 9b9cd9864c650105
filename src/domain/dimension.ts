import { z } from 'zod';
import { recordMetaSchema } from './common.js';

/** NAV dimension ⇄ Xero tracking category. */
export const dimensionSchema = recordMetaSchema.extend({
  code: z.string().min(1).max(20),
  name: z.string().min(1).max(100),
  blocked: z.boolean(),
});
export type Dimension = z.output<typeof dimensionSchema>;

/** NAV dimension value ⇄ Xero tracking option. */
export const dimensionValueSchema = recordMetaSchema.extend({
  dimensionId: z.uuid(),
  code: z.string().min(1).max(20),
  name: z.string().min(1).max(100),
  blocked: z.boolean(),
});
export type DimensionValue = z.output<typeof dimensionValueSchema>;
