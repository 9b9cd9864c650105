// Customers and vendors: the two kinds of business party, Xero contacts on one side and NAV
// customer/vendor cards on the other.
import { z } from 'zod';
import { addressSchema, partyStatusSchema, recordMetaSchema } from './common.js';
import { currencySchema, decimalSchema } from './money.js';

const partyFields = {
  /** NAV No. (also kept in Xero's ContactNumber). */
  number: z.string().min(1).max(20).nullable(),
  name: z.string().trim().min(1).max(255),
  email: z.email().nullable(),
  phone: z.string().max(50).nullable(),
  taxNumber: z.string().max(50).nullable(),
  currency: currencySchema,
  status: partyStatusSchema,
  paymentTerms: z.string().max(30).nullable(),
  address: addressSchema.nullable(),
};

export const customerSchema = recordMetaSchema.extend({
  ...partyFields,
  creditLimit: decimalSchema.nullable(),
});
export type Customer = z.output<typeof customerSchema>;

export const vendorSchema = recordMetaSchema.extend(partyFields);
export type Vendor = z.output<typeof vendorSchema>;
