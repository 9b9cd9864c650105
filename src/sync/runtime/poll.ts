// One delta read of an entity from a system: pages since the last completed run, the checkpoint
// saved after every finished page (a crash resumes there), the run's start kept as the next
// delta's lower bound only once the listing is complete.
import type { Connector, ConnectorEntity, RemoteRecord } from '../../systems/system.js';
import type { Cursors, CursorKey } from '../../store/cursors.js';

export interface PollOptions {
  /** Everything, not only what changed since the last completed run. */
  full?: boolean;
  /** Stops after the record in hand (shutdown); the next run resumes from the last finished page. */
  signal?: AbortSignal;
  /** Collects the external id of every record read (a full read: what is not there was deleted). */
  seen?: Set<string>;
}

/** `onPage` sees each page before its records are applied (to look up what they share at once). */
export async function pollChanges<E extends ConnectorEntity>(
  connector: Connector,
  cursors: Cursors,
  key: CursorKey,
  entity: E,
  apply: (record: RemoteRecord<E>) => Promise<void>,
  options: PollOptions = {},
  onPage?: (records: readonly RemoteRecord<E>[]) => void,
): Promise<void> {
  const cursor = options.full ? null : await cursors.get(key);
  const startedAt = new Date();
  let checkpoint = cursor?.checkpoint ?? null;
  try {
    for await (const page of connector.list(entity, {
      modifiedSince: cursor?.since ? new Date(cursor.since) : undefined,
      checkpoint,
      priority: 'bulk',
    })) {
      onPage?.(page.records);
      for (const record of page.records) {
        options.signal?.throwIfAborted();
        options.seen?.add(record.externalId);
        await apply(record);
      }
      checkpoint = page.checkpoint;
      await cursors.save(key, { checkpoint, since: cursor?.since ?? null }, { finished: false });
    }
    await cursors.save(key, { checkpoint: null, since: startedAt.toISOString() }, { finished: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await cursors.save(
      key,
      { checkpoint, since: cursor?.since ?? null },
      { finished: false, error: message },
    );
    throw error;
  }
}
