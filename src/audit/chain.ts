// The hash chain of the audit trail: each entry's hash is sha256 over a canonical serialisation of
// its fields and the previous entry's hash, so editing, removing or reordering any entry breaks
// every hash after it. Pure: the store appends (src/store/audit-log.ts), `audit verify` walks.
import { createHash } from 'node:crypto';
import type { Json } from './redact.js';

/** The prevHash of the first entry. */
export const genesisHash = '0'.repeat(64);

/** What is hashed of one entry (everything but its own hash). */
export interface ChainedFields {
  seq: bigint;
  at: Date;
  actorKind: string;
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  operation: string;
  arguments: unknown;
  outcome: string;
  touched: readonly string[];
  requestId: string | null;
  clientAddress: string | null;
  prevHash: string;
}

/** JSON with object keys sorted at every depth (the database reorders JSONB keys; this does not care). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, Json>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function entryHash(entry: ChainedFields): string {
  const canonical = canonicalJson({
    seq: entry.seq.toString(),
    at: entry.at.toISOString(),
    actorKind: entry.actorKind,
    actorId: entry.actorId,
    actorName: entry.actorName,
    actorRole: entry.actorRole,
    operation: entry.operation,
    arguments: entry.arguments,
    outcome: entry.outcome,
    touched: [...entry.touched],
    requestId: entry.requestId,
    clientAddress: entry.clientAddress,
    prevHash: entry.prevHash,
  });
  return createHash('sha256').update(canonical).digest('hex');
}

export type ChainBreak =
  { kind: 'edited'; seq: bigint; message: string } | { kind: 'deleted'; seq: bigint; message: string };

/**
 * Walks entries in seq order, one at a time; the first break is kept and returned by `next`
 * (and by every call after it).
 */
export class ChainWalker {
  private expectedSeq = 1n;
  private prevHash = genesisHash;
  private broken: ChainBreak | null = null;
  count = 0;

  next(entry: ChainedFields & { hash: string }): ChainBreak | null {
    if (this.broken) return this.broken;
    if (entryHash(entry) !== entry.hash) {
      return (this.broken = {
        kind: 'edited',
        seq: entry.seq,
        message: `entry ${entry.seq} was edited: its hash does not match its contents`,
      });
    }
    if (entry.seq !== this.expectedSeq) {
      const missing =
        entry.seq - this.expectedSeq === 1n
          ? `entry ${this.expectedSeq} is missing`
          : `entries ${this.expectedSeq}–${entry.seq - 1n} are missing`;
      return (this.broken = {
        kind: 'deleted',
        seq: this.expectedSeq,
        message: `${missing} (deleted): the chain jumps to ${entry.seq}`,
      });
    }
    if (entry.prevHash !== this.prevHash) {
      return (this.broken = {
        kind: 'deleted',
        seq: entry.seq,
        message: `entry ${entry.seq} does not follow entry ${entry.seq - 1n}: its prevHash names another entry (one was deleted or replaced)`,
      });
    }
    this.expectedSeq = entry.seq + 1n;
    this.prevHash = entry.hash;
    this.count += 1;
    return null;
  }
}
