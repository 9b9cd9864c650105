// One delta read of an entity from a system: pages since the last completed run, the checkpoint
// saved after every finished page (a crash resumes there), the run's start kept as the next
// delta's lower bound only once the listing is complete. A page that fails the way a write would
// be retried (transient, rate-limited, unknown outcome, auth) is asked again from the last
// finished page with the same backoff, so a dropped connection does not leave an entity unread.
import type { Connector, ConnectorEntity, ListPage, RemoteRecord } from '../../systems/system.js';
import type { Cursors, CursorKey } from '../../store/cursors.js';
import { abortableSleep } from '../../systems/abort.js';
import { decide, defaultRetryPolicy, type RetryPolicy } from './retry-policy.js';

export interface PollOptions {
  /** Everything, not only what changed since the last completed run. */
  full?: boolean;
  /** Stops after the record in hand (shutdown); the next run resumes from the last finished page. */
  signal?: AbortSignal;
  /** Collects the external id of every record read (a full read: what is not there was deleted). */
  seen?: Set<string>;
  /**
   * Retries of a failed page (default: the writes' backoff, 5 tries of a page at most, none that
   * would wait over a minute: a longer pause is left to the next poll).
   */
  retry?: { policy: RetryPolicy; maxAttempts: number; maxWaitMs: number };
}

const defaultReadRetry = { policy: defaultRetryPolicy, maxAttempts: 5, maxWaitMs: 60_000 };

/** `onPage` sees each page before its records are applied (to look up what they share at once). */
export function pollChanges<E extends ConnectorEntity>(
  connector: Connector,
  cursors: Cursors,
  key: CursorKey,
  entity: E,
  apply: (record: RemoteRecord<E>) => Promise<void>,
  options: PollOptions = {},
  onPage?: (records: readonly RemoteRecord<E>[]) => void,
): Promise<void> {
  return pollPages(
    connector,
    cursors,
    key,
    entity,
    async (records) => {
      onPage?.(records);
      for (const record of records) {
        options.signal?.throwIfAborted();
        options.seen?.add(record.externalId);
        await apply(record);
      }
    },
    options,
  );
}

/**
 * The same read, a page at a time. With `sequence` (an append-only listing such as a ledger) the
 * delta is "numbered after the highest one read", kept in the cursor, instead of a moment.
 */
export async function pollPages<E extends ConnectorEntity>(
  connector: Connector,
  cursors: Cursors,
  key: CursorKey,
  entity: E,
  applyPage: (records: readonly RemoteRecord<E>[]) => Promise<void>,
  options: PollOptions & { sequence?: (record: RemoteRecord<E>) => number } = {},
): Promise<void> {
  const cursor = options.full ? null : await cursors.get(key);
  const startedAt = new Date();
  let checkpoint = cursor?.checkpoint ?? null;
  let after = cursor?.after ?? null;
  const retry = options.retry ?? defaultReadRetry;
  let attempts = 0;
  // After a failure the listing is opened again at the last finished page's checkpoint.
  const open = () =>
    connector.list(entity, {
      modifiedSince: cursor?.since && !options.sequence ? new Date(cursor.since) : undefined,
      afterEntryNo: options.sequence ? (after ?? undefined) : undefined,
      checkpoint,
      priority: 'bulk',
    });
  const state = () => ({ checkpoint, since: cursor?.since ?? null, ...(options.sequence ? { after } : {}) });
  try {
    let pages = open();
    for (;;) {
      let page: IteratorResult<ListPage<E>>;
      try {
        page = await pages.next();
      } catch (error) {
        // Only the system's answer is retried here; a failure applying a record is not a read's.
        options.signal?.throwIfAborted();
        const decision = decide(error, attempts, retry.maxAttempts, retry.policy, new Date());
        const waitMs = decision.kind === 'retry' ? decision.runAfter.getTime() - Date.now() : 0;
        if (decision.kind !== 'retry' || attempts >= retry.maxAttempts || waitMs > retry.maxWaitMs)
          throw error;
        attempts += 1;
        await abortableSleep(Math.max(0, waitMs), options.signal);
        pages = open();
        continue;
      }
      if (page.done) break;
      attempts = 0;
      options.signal?.throwIfAborted();
      await applyPage(page.value.records);
      if (options.sequence)
        for (const record of page.value.records) after = Math.max(after ?? 0, options.sequence(record));
      checkpoint = page.value.checkpoint;
      await cursors.save(key, state(), { finished: false });
    }
    checkpoint = null;
    await cursors.save(key, { ...state(), since: startedAt.toISOString() }, { finished: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await cursors.save(key, state(), { finished: false, error: message });
    throw error;
  }
}
