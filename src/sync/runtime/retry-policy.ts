// What happens after a failed attempt, decided by the error's class alone (DESIGN invariant 5:
// every failure ends in success after retry, a dead letter, or a recorded conflict).
import { ConnectorError } from '../../systems/errors.js';

export interface RetryPolicy {
  baseDelayMs: number;
  maxDelayMs: number;
  /** Wait when a rate-limited error carries no resume time. */
  defaultRateLimitWaitMs: number;
  /** Uniform in [0, 1): the jitter source (injectable for tests). */
  random: () => number;
}

export const defaultRetryPolicy: RetryPolicy = {
  baseDelayMs: 1_000,
  maxDelayMs: 15 * 60_000,
  defaultRateLimitWaitMs: 60_000,
  random: Math.random,
};

/**
 * Not sent: something the record needs in the target (a tracking category being pushed) is not
 * there yet. Tried again shortly without counting an attempt; what it waits for settles on its own.
 */
export class WaitingForPrerequisite extends Error {
  override readonly name = 'WaitingForPrerequisite';
}

export type Decision =
  | { kind: 'retry'; runAfter: Date; countsAsAttempt: boolean; outcomeUnknown: boolean; reason: string }
  | { kind: 'dead'; reason: string }
  | { kind: 'conflict'; reason: string };

/** Exponential backoff with full jitter: spreads retries of many jobs over the window. */
export function backoffMs(attempt: number, policy: RetryPolicy): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(policy.random() * ceiling);
}

/**
 * @param attemptsSoFar attempts already counted before this one
 */
export function decide(
  error: unknown,
  attemptsSoFar: number,
  maxAttempts: number,
  policy: RetryPolicy,
  now: Date,
): Decision {
  if (error instanceof WaitingForPrerequisite)
    return {
      kind: 'retry',
      runAfter: new Date(now.getTime() + policy.baseDelayMs), // it looks again soon, uncounted
      countsAsAttempt: false,
      outcomeUnknown: false,
      reason: `waiting: ${error.message}`,
    };
  const classified =
    error instanceof ConnectorError
      ? error
      : new ConnectorError('transient', error instanceof Error ? error.message : String(error), {
          system: 'XERO',
        });
  const reason = `${classified.kind}: ${classified.message}`;
  switch (classified.kind) {
    case 'validation':
      return { kind: 'dead', reason };
    case 'conflict':
      return { kind: 'conflict', reason };
    case 'rate-limited': {
      const retryAt = classified.details.retryAt ?? new Date(now.getTime() + policy.defaultRateLimitWaitMs);
      return { kind: 'retry', runAfter: retryAt, countsAsAttempt: false, outcomeUnknown: false, reason };
    }
    case 'transient':
    case 'unknown-outcome':
    case 'auth': {
      const attempt = attemptsSoFar + 1;
      if (attempt >= maxAttempts) return { kind: 'dead', reason: `${reason} (after ${attempt} attempts)` };
      return {
        kind: 'retry',
        runAfter: new Date(now.getTime() + backoffMs(attempt, policy)),
        countsAsAttempt: true,
        outcomeUnknown: classified.kind === 'unknown-outcome',
        reason,
      };
    }
  }
}
