import { z } from 'zod';
import { documentHeaderSchema, documentLineSchema } from './document.js';

/** A sales invoice: NAV (posted) sales invoice ⇄ Xero ACCREC invoice. */
export const invoiceSchema = documentHeaderSchema.extend({
  customerId: z.uuid(),
  /** Our id as stored in NAV's External Document No., used to find it after an unknown outcome. */
  externalDocumentNumber: z.string().max(35).nullable(),
  lines: z.array(documentLineSchema),
});
export type Invoice = z.output<typeof invoiceSchema>;
