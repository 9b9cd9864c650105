// The errors the write paths raise beyond what errors.ts classifies: anything thrown as a
// ConnectorError, a conflict carrying the record as it is now, and a look-up after an unknown
// outcome that keeps the outcome unknown when it fails itself.
import type { RemoteRecord } from '../system.js';
import { isAbortError } from '../abort.js';
import { ConnectorError } from '../errors.js';

export function conflict(
  message: string,
  current: RemoteRecord | null,
  cause?: ConnectorError,
): ConnectorError {
  return new ConnectorError('conflict', message, {
    system: 'NAV',
    ...(cause?.details.status !== undefined ? { status: cause.details.status } : {}),
    code: cause?.details.code ?? 'Request_EntityChanged',
    upstream: current,
  });
}

export function toConnectorError(err: unknown): ConnectorError {
  if (err instanceof ConnectorError) return err;
  // Shutdown ended a wait (the throttle) or a look-up: nothing was refused, and a write before it
  // may have landed — the next attempt looks before it creates.
  if (isAbortError(err))
    return new ConnectorError('unknown-outcome', 'cut short by shutdown', { system: 'NAV', code: 'aborted' });
  const message = err instanceof Error ? err.message : String(err);
  return new ConnectorError('validation', message, { system: 'NAV', fieldErrors: [{ field: '', message }] });
}

/**
 * A look-up after an unknown outcome that fails itself leaves the outcome unknown: it fails as
 * `unknown-outcome` (not `transient`), so the retry, in whatever process, looks again first.
 */
export async function stillUnknown<T>(cause: ConnectorError, lookUp: () => Promise<T>): Promise<T> {
  try {
    return await lookUp();
  } catch (err) {
    const failure = toConnectorError(err);
    if (failure.kind === 'unknown-outcome' || failure.kind === 'conflict') throw failure;
    throw new ConnectorError(
      'unknown-outcome',
      `${cause.message}; looking the record up failed too (${failure.kind}: ${failure.message})`,
      { system: 'NAV', ...(cause.details.code ? { code: cause.details.code } : {}) },
    );
  }
}
