// The sync engine's shared parts for one gateway process: outbox, conflicts and the event bus
// (in-process, or Redis when REDIS_URL is set so events reach every replica).
import type { SyncServices } from '../graphql/context.js';
import { EventBus } from '../events/bus.js';
import { ConflictStore } from '../store/conflicts.js';
import type { Database } from '../store/database.js';
import { EventLog } from '../store/event-log.js';
import { Outbox } from '../store/outbox.js';

export interface RunningSyncServices extends SyncServices {
  /** Registers what poke() wakes (the local workers). */
  onPoke(listener: () => void): void;
  close(): Promise<void>;
}

export function createSyncServices(
  db: Database,
  options: { redisUrl?: string | undefined } = {},
): RunningSyncServices {
  const listeners: (() => void)[] = [];
  const events = EventBus.create(new EventLog(db.prisma), options.redisUrl);
  return {
    outbox: new Outbox(db.prisma),
    conflicts: new ConflictStore(db.prisma),
    events,
    poke: () => listeners.forEach((l) => l()),
    onPoke: (listener) => void listeners.push(listener),
    close: () => events.close(),
  };
}
