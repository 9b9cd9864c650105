// Pushing sales orders to NAV (the only system that keeps orders): written as open orders, our
// number in External Document No. so a retry after an unknown outcome finds the order instead of
// creating a second one; then linked with the hash of what NAV holds.
import type { Connector, SourceSystem } from '../../../systems/system.js';
import { ConnectorError } from '../../../systems/errors.js';
import type { Database } from '../../../store/database.js';
import type { SyncLinks } from '../../../store/sync-links.js';
import { documentHash } from '../documents/translate.js';
import { documentFromPayload } from '../payloads.js';
import type { BatchJobHandler } from '../../runtime/worker.js';

export function salesOrderPusher(deps: {
  db: Database;
  links: SyncLinks;
  connectors: Partial<Record<SourceSystem, Connector>>;
}): BatchJobHandler {
  return async (jobs) => {
    const first = jobs[0];
    if (!first) return [];
    const connector = deps.connectors[first.system];
    if (!connector?.capabilities.writable.includes('salesOrder'))
      return jobs.map(
        () =>
          new ConnectorError('validation', `${first.system} does not take sales orders`, {
            system: first.system,
          }),
      );
    const links = await deps.links.forEntities(
      'SALES_ORDER',
      jobs.map((j) => j.entityId),
    );
    const outcomes: unknown[] = [];
    for (const job of jobs) {
      const order = documentFromPayload(job.payload);
      if (order instanceof Error) {
        outcomes.push(new ConnectorError('validation', order.message, { system: job.system }));
        continue;
      }
      const link = links.find((l) => l.entityId === job.entityId && l.system === job.system);
      const [result] = await connector.writeMany('salesOrder', [
        {
          externalId: link?.externalId,
          version: link?.version,
          data: { ...order, externalDocumentNumber: order.externalDocumentNumber ?? order.number },
          idempotencyKey: job.idempotencyKey,
          outcomeUnknown: job.outcomeUnknown || !link,
        },
      ]);
      if (!result) outcomes.push(new ConnectorError('transient', 'no result', { system: job.system }));
      else if (!result.ok) outcomes.push(result.error);
      else {
        const record = result.record;
        await deps.db.transaction((tx) =>
          deps.links.linkRemote(
            { entityType: 'SALES_ORDER', entityId: job.entityId, system: job.system, tenant: job.tenant },
            record,
            documentHash(record.data, order.party.number ?? null),
            tx,
          ),
        );
        outcomes.push(null);
      }
    }
    return outcomes;
  };
}
