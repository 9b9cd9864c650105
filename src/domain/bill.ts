import { z } from 'zod';
import { documentHeaderSchema, documentLineSchema } from './document.js';

/** A purchase invoice: NAV purchase invoice ⇄ Xero ACCPAY bill. */
export const billSchema = documentHeaderSchema.extend({
  vendorId: z.uuid(),
  /** The vendor's own invoice number. */
  vendorInvoiceNumber: z.string().max(35).nullable(),
  lines: z.array(documentLineSchema),
});
export type Bill = z.output<typeof billSchema>;
