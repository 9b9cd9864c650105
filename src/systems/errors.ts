// Every upstream failure is classified into exactly one kind; the sync engine decides retries,
// dead letters and conflicts from the kind alone. Messages never contain tokens or secrets.
import type { Difference } from './difference.js';

export const connectorErrorKinds = [
  'auth', // credentials rejected or revoked: refresh once, else reconnect needed
  'validation', // the system refused the data (per-field reasons)
  'conflict', // duplicate, stale version/etag, or not editable in its current status
  'rate-limited', // wait until `retryAt`, do not count an attempt
  'transient', // 5xx, network, timeout on a read: retry with backoff
  'unknown-outcome', // a write may or may not have happened: look it up before retrying
] as const;

export type ConnectorErrorKind = (typeof connectorErrorKinds)[number];

export interface FieldError {
  /** Path in the unified record, e.g. "lines.0.accountCode", or "" for the whole record. */
  field: string;
  message: string;
}

export class ConnectorError extends Error {
  constructor(
    readonly kind: ConnectorErrorKind,
    message: string,
    readonly details: {
      system: 'XERO' | 'NAV';
      status?: number;
      /** Upstream error code (Xero ErrorNumber/Type, NAV error.code). */
      code?: string;
      fieldErrors?: FieldError[];
      /** A conflict's fields that differ, with our value and the system's. */
      differences?: Difference[];
      /** When a rate-limited or paused call may be tried again. */
      retryAt?: Date;
      /** Which limit was hit (Xero X-Rate-Limit-Problem: minute, day, concurrent, appminute). */
      limit?: string;
      /** The upstream response body, for dead letters (already free of secrets). */
      upstream?: unknown;
    },
  ) {
    super(message);
    this.name = 'ConnectorError';
  }

  get retryable(): boolean {
    return this.kind === 'transient' || this.kind === 'rate-limited' || this.kind === 'unknown-outcome';
  }
}
