import { z } from 'zod';
import { recordMetaSchema, sourceSystemSchema } from './common.js';
import { accountingDateSchema } from './dates.js';
import { currencySchema, decimalSchema } from './money.js';

/** The mirror documents a ledger entry can be linked to. */
export const ledgerDocumentKinds = ['INVOICE', 'BILL', 'PAYMENT'] as const;
export const ledgerDocumentKindSchema = z.enum(ledgerDocumentKinds);
export type LedgerDocumentKind = z.infer<typeof ledgerDocumentKindSchema>;

/**
 * One G/L entry (NAV/BC G/L Entry, Xero journal line) of one book. Debit and credit are both
 * non-negative. Each system's ledger is its own: entries are read, never pushed to another system.
 */
export const ledgerEntrySchema = recordMetaSchema
  .extend({
    system: sourceSystemSchema,
    tenant: z.string().min(1),
    /** NAV/BC entry No.; Xero journal number. */
    entryNo: z.number().int().positive(),
    /** Xero: the line's place in its journal (from 1); NAV/BC: 0. */
    lineNo: z.number().int().nonnegative(),
    /** The system's own key of the entry. */
    externalId: z.string().min(1),
    postingDate: accountingDateSchema,
    documentType: z.string().nullable(),
    documentNumber: z.string(),
    /** Xero's SourceType and SourceID: the transaction its journal posted. */
    sourceType: z.string().nullable(),
    sourceId: z.string().nullable(),
    /** The mirror's invoice, bill or payment the entry posted, where the system names it. */
    documentKind: ledgerDocumentKindSchema.nullable(),
    documentId: z.uuid().nullable(),
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
