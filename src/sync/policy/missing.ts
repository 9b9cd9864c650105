// Deletions that no delta shows: after a full read of an entity, a record we have linked in that
// system but did not see there was deleted (or hidden) upstream. Nothing is deleted in the other
// book on that evidence alone — a conflict is recorded for a person, once per record.
import type { SourceSystem } from '../../systems/system.js';
import type { EventBus } from '../../events/bus.js';
import type { LedgerEvent } from '../../events/types.js';
import type { ConflictStore } from '../../store/conflicts.js';
import { sourceSystems } from '../../systems/registry.js';
import { deletionPlans } from './conflict-plans.js';
import type { Database } from '../../store/database.js';
import type { Link, SyncLinks } from '../../store/sync-links.js';

export async function reportMissing(
  deps: { db: Database; links: SyncLinks; conflicts: ConflictStore; events: EventBus },
  key: { entityType: Link['entityType']; system: SourceSystem; tenant: string },
  seen: ReadonlySet<string>,
): Promise<number> {
  const links = await deps.links.linkedIn(key);
  const missing = links.filter((l) => !seen.has(l.externalId));
  if (missing.length === 0) return 0;
  const known = await deps.conflicts.openDeletions(
    key,
    missing.map((m) => m.entityId),
  );
  const fresh = missing.filter((m) => !known.has(m.entityId));
  if (fresh.length === 0) return 0;
  const published = await deps.db.transaction(async (tx) => {
    const events: LedgerEvent[] = [];
    for (const m of fresh) {
      const conflict = await deps.conflicts.record(tx, {
        ...key,
        entityId: m.entityId,
        differences: [{ field: 'deleted', local: false, remote: true }],
        resolutions: deletionPlans(key.system, sourceSystems),
        local: { externalId: m.externalId, number: m.externalNumber },
        remote: { reason: `not found in ${key.system} on a full read: deleted or hidden there` },
      });
      events.push({
        type: 'CONFLICT_DETECTED',
        conflictId: conflict.id,
        entityType: key.entityType,
        entityId: m.entityId,
        system: key.system,
        fields: ['deleted'],
      });
    }
    return deps.events.record(events, tx);
  });
  deps.events.announce(published);
  return fresh.length;
}
