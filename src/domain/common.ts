// Pieces every unified entity shares: identity, status enums, addresses and sync metadata.
import { sourceSystems } from '../systems/registry.js';
import { z } from 'zod';
import { instantSchema } from './dates.js';

export { sourceSystems, type SourceSystem } from '../systems/registry.js';
export const sourceSystemSchema = z.enum(sourceSystems);

/** PARTIAL: in one book and refused by another (a dead letter where it has no copy yet). */
export const syncStatuses = ['LOCAL_ONLY', 'PENDING', 'SYNCED', 'ERROR', 'CONFLICT', 'PARTIAL'] as const;
export const syncStatusSchema = z.enum(syncStatuses);
export type SyncStatus = z.infer<typeof syncStatusSchema>;
/** Where a record stands in one system: held, on its way, refused (a dead letter), in conflict, or never to go. */
export const targetSyncStates = ['SYNCED', 'PENDING', 'REFUSED', 'CONFLICT', 'CANCELLED'] as const;
export type TargetSyncState = (typeof targetSyncStates)[number];

export const partyStatuses = ['ACTIVE', 'BLOCKED', 'ARCHIVED'] as const;
export const partyStatusSchema = z.enum(partyStatuses);
export type PartyStatus = z.infer<typeof partyStatusSchema>;

export const lineAmountTypes = ['EXCLUSIVE', 'INCLUSIVE', 'NO_TAX'] as const;
export const lineAmountTypeSchema = z.enum(lineAmountTypes);
export type LineAmountType = z.infer<typeof lineAmountTypeSchema>;

export const addressSchema = z.object({
  line1: z.string().max(200).optional(),
  line2: z.string().max(200).optional(),
  city: z.string().max(100).optional(),
  region: z.string().max(100).optional(),
  postalCode: z.string().max(30).optional(),
  /** ISO 3166-1 alpha-2. */
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, 'a two-letter ISO 3166 country code such as GB')
    .optional(),
});
export type Address = z.infer<typeof addressSchema>;

/** Identity and bookkeeping columns of every mirrored record. */
export const recordMetaSchema = z.object({
  id: z.uuid(),
  createdAt: instantSchema,
  updatedAt: instantSchema,
  syncStatus: syncStatusSchema,
  lastSyncedAt: instantSchema.nullable(),
});
export type RecordMeta = z.output<typeof recordMetaSchema>;

/**
 * The zod shape of a schema that validates into T: one entry per field of T, no other, each
 * producing that field's type. A schema with rules of its own (an input's limits and defaults)
 * declares its shape with it, so a field added to T must be added there too.
 */
export type ShapeOf<T> = { [K in keyof T]-?: z.ZodType<T[K], unknown> };

/** Where a unified record lives in a source system. */
export const externalRefSchema = z.object({
  system: sourceSystemSchema,
  tenant: z.string().min(1),
  externalId: z.string().min(1),
  externalNumber: z.string().nullable(),
  version: z.string().nullable(),
  remoteUpdatedAt: instantSchema.nullable(),
});
export type ExternalRef = z.infer<typeof externalRefSchema>;
