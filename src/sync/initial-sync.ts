// The initial sync a gateway runs once it serves: customers, vendors and items from every
// connected system (NAV first), then the pushes they queued, so both books' parties are linked.
// /readyz says "starting" with its progress until it is done; documents and payments follow.
import type { Logger } from '../ops/logger.js';
import type { StartupProgress } from '../ops/startup.js';
import type { RunningSync } from './bootstrap.js';
import type { SyncedEntity } from './engine.js';

export const initialEntities: readonly SyncedEntity[] = ['customer', 'vendor', 'item'];

/**
 * Never rejects; `stopped` (the gateway stopping) ends it without declaring it done. The change
 * feeds subscribe at `graphqlUrl` once it is over (as before the gateway served during it): a
 * webhook for a record this sync is pushing could otherwise arrive before the push is recorded.
 */
export async function runInitialSync(
  sync: RunningSync,
  startup: StartupProgress,
  log: Logger,
  stopped: AbortSignal,
  graphqlUrl: string,
): Promise<void> {
  try {
    startup.enter('syncing');
    await sync.syncNow(initialEntities, { progress: startup });
    if (stopped.aborted) return;
    startup.enter('draining');
    await sync.engine?.drain();
    if (stopped.aborted) return;
    await sync.afterListen(graphqlUrl);
    startup.enter('done');
    const { records, failed } = startup.snapshot();
    log.info({ records, failed }, `ready: initial sync done in ${startup.seconds.toFixed(1)}s`);
    void sync.syncNow();
  } catch (error) {
    if (stopped.aborted) return;
    // The mirror is served as it is; the next scheduled run picks up where this one stopped.
    log.error({ err: error }, 'initial sync failed: serving the mirror as it is; the next run resumes');
    await sync.afterListen(graphqlUrl).catch((failed: unknown) => {
      log.error({ err: failed }, 'subscribing the change feeds failed');
    });
    startup.enter('done');
  }
}
