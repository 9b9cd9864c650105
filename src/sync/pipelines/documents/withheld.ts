// A document the target holds in a state that takes no rewrite (paid, allocated): the connector
// sent only what that state allows, or nothing, and handed back what it could not write. That is
// one conflict naming each field with both values, recorded with the link that makes it whole.
import type { EventBus } from '../../../events/bus.js';
import type { Published } from '../../../events/types.js';
import type { ConflictStore } from '../../../store/conflicts.js';
import type { StoreTx } from '../../../store/database.js';
import type { DocumentFields } from '../../../store/documents.js';
import type { Job } from '../../../store/outbox.js';
import { sourceSystems } from '../../../systems/registry.js';
import type { RemoteRecord, Withheld } from '../../../systems/system.js';
import { documentPlans } from '../../policy/conflict-plans.js';
import { serializeRecord } from '../payloads.js';

export async function recordWithheld(
  deps: { conflicts: ConflictStore; events: EventBus },
  tx: StoreTx,
  job: Job,
  unified: DocumentFields,
  record: RemoteRecord<'invoice'>,
  withheld: Withheld,
): Promise<Published[]> {
  const conflict = await deps.conflicts.record(tx, {
    entityType: job.entityType,
    entityId: job.entityId,
    system: job.system,
    tenant: job.tenant,
    differences: withheld.differences,
    resolutions: documentPlans(job.system, sourceSystems, withheld.reason),
    local: serializeRecord(unified),
    remote: {
      externalId: record.externalId,
      number: record.externalNumber,
      status: record.data.status,
      amountPaid: record.data.amountPaid.toFixed(),
      amountDue: record.data.amountDue.toFixed(),
      reason: withheld.reason,
    },
  });
  return deps.events.record(
    [
      {
        type: 'CONFLICT_DETECTED',
        conflictId: conflict.id,
        entityType: job.entityType,
        entityId: job.entityId,
        system: job.system,
        fields: conflict.fields,
      },
    ],
    tx,
  );
}
