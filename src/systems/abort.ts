// Waits a shutdown must be able to cut short. An aborted wait rejects with the signal's reason (an
// AbortError unless the caller gave another), and the call it guarded is never made: the sync
// engine can then hand the job back untouched instead of counting a failure.

/** True for the error an aborted wait rejects with (DOMException or Error named AbortError). */
export function isAbortError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}

/** The error to reject with once `signal` is aborted: its reason, or an AbortError. */
export function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new DOMException('This operation was aborted', 'AbortError');
}

/** `promise`, or a rejection as soon as `signal` aborts (the promise itself runs on, unobserved). */
export function unlessAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  let onAbort = () => undefined as void;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(abortReason(signal));
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  return Promise.race([promise, aborted]).finally(() => signal.removeEventListener('abort', onAbort));
}

/** Sleeps `ms`, ending at once (and freeing its timer) when `signal` aborts. */
export function abortableSleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortReason(signal));
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal as AbortSignal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Waits in `queue` for a slot: whoever frees one calls the queued function. On abort the waiter
 * leaves the queue and rejects, so no slot is ever handed to it.
 */
export function queueUnlessAborted(queue: (() => void)[], signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortReason(signal));
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => {
      const at = queue.indexOf(grant);
      if (at >= 0) queue.splice(at, 1);
      reject(abortReason(signal as AbortSignal));
    };
    const grant = () => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    };
    queue.push(grant);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
