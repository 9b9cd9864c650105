// The events ledgerbridge publishes. Every event is numbered (seq) in the event log, so a
// subscriber that reconnects resumes from the last seq it saw and misses nothing.
import type { SourceSystem } from '../systems/registry.js';

export type ChangeSource = 'GATEWAY' | SourceSystem;

export interface EntityChanged {
  type: 'ENTITY_CHANGED';
  entityType: string; // EntityType enum value, e.g. INVOICE
  entityId: string;
  change: 'CREATED' | 'UPDATED' | 'DELETED';
  source: ChangeSource;
}

export interface SyncJobUpdated {
  type: 'SYNC_JOB_UPDATED';
  jobId: string;
  entityType: string;
  entityId: string;
  system: SourceSystem;
  tenant: string;
  status: 'PENDING' | 'RUNNING' | 'SUCCEEDED' | 'DEAD' | 'CANCELLED';
  attempts: number;
  lastError: string | null;
}

export interface DeadLetterAdded {
  type: 'DEAD_LETTER_ADDED';
  jobId: string;
  entityType: string;
  entityId: string;
  system: SourceSystem;
  tenant: string;
  reason: string;
}

export interface ConflictDetected {
  type: 'CONFLICT_DETECTED';
  conflictId: string;
  entityType: string;
  entityId: string;
  system: SourceSystem;
  fields: string[];
}

/** An incoming record was matched to an existing unified record instead of duplicating it. */
export interface RecordLinked {
  type: 'RECORD_LINKED';
  entityType: string;
  entityId: string;
  system: SourceSystem;
  externalId: string;
  reason: string;
}

export type LedgerEvent = EntityChanged | SyncJobUpdated | DeadLetterAdded | ConflictDetected | RecordLinked;
export type LedgerEventType = LedgerEvent['type'];

/** An event as stored and delivered: its place in the log and when it happened. */
export type Published<E extends LedgerEvent = LedgerEvent> = E & {
  /** Monotonically increasing across all gateway processes (a BIGINT, as a decimal string). */
  seq: string;
  occurredAt: Date;
};
