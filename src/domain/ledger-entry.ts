import { z } from 'zod';
import { recordMetaSchema } from './common.js';
import { accountingDateSchema } from './dates.js';
import { currencySchema, decimalSchema } from './money.js';

/** One G/L entry (NAV G/L Entry, Xero journal line). Debit and credit are both non-negative. */
export const ledgerEntrySchema = recordMetaSchema
  .extend({
    entryNo: z.number().int().positive(),
    postingDate: accountingDateSchema,
    documentType: z.string().nullable(),
    documentNumber: z.string().min(1),
    accountCode: z.string().min(1),
    accountName: z.string().nullable(),
    description: z.string().nullable(),
    debit: decimalSchema,
    credit: decimalSchema,
    currency: currencySchema,
    /** Dimension code → value code. */
    dimensions: z.record(z.string(), z.string()),
  })
  .refine((e) => !e.debit.isNegative() && !e.credit.isNegative(), {
    message: 'debit and credit are non-negative',
    path: ['debit'],
  });
export type LedgerEntry = z.output<typeof ledgerEntrySchema>;
