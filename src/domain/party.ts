// Customers and vendors: the two kinds of business party, Xero contacts on one side and NAV
// customer/vendor cards on the other.
import { z } from 'zod';
import { addressSchema, partyStatusSchema, recordMetaSchema } from './common.js';
import { currencySchema, decimalSchema } from './money.js';

/**
 * What a customer or vendor is, without the identity and sync bookkeeping of a mirrored record:
 * the one declaration the connectors' drafts, the store's writes and accepted changes are typed
 * from.
 */
export const partyFieldsSchema = z.object({
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
});
export type PartyFields = z.output<typeof partyFieldsSchema>;

/** A customer's fields: a party's, and the credit limit only customers carry. */
export const customerFieldsSchema = partyFieldsSchema.extend({ creditLimit: decimalSchema.nullable() });
export type CustomerFields = z.output<typeof customerFieldsSchema>;

export const customerSchema = recordMetaSchema.extend(customerFieldsSchema.shape);
export type Customer = z.output<typeof customerSchema>;

export const vendorSchema = recordMetaSchema.extend(partyFieldsSchema.shape);
export type Vendor = z.output<typeof vendorSchema>;
