// The sync status a record shows (PENDING while one of its jobs is queued or running, then
// CONFLICT, PARTIAL, ERROR or SYNCED), derived from its jobs and conflicts. One rule for every table.
import type { SyncStatus } from '../domain/common.js';
import type { EntityType, Prisma } from './generated/client.js';

type Tx = Prisma.TransactionClient;
export type SyncStatusValue = SyncStatus;

/** Tables whose rows carry sync_status and last_synced_at. */
export type SyncedTable =
  'customer' | 'vendor' | 'item' | 'invoice' | 'bill' | 'payment' | 'sales_order' | 'dimension';

const entityTypeOf: Record<SyncedTable, EntityType> = {
  customer: 'CUSTOMER',
  vendor: 'VENDOR',
  item: 'ITEM',
  invoice: 'INVOICE',
  bill: 'BILL',
  payment: 'PAYMENT',
  sales_order: 'SALES_ORDER',
  dimension: 'DIMENSION',
};

export async function setSyncStatus(
  tx: Tx,
  table: SyncedTable,
  id: string,
  status: SyncStatusValue,
): Promise<void> {
  await tx.$executeRawUnsafe(
    `UPDATE ${table} SET sync_status = $2::"SyncStatus",
            last_synced_at = CASE WHEN $2 = 'SYNCED' THEN now() ELSE last_synced_at END
      WHERE id = $1::uuid`,
    id,
    status,
  );
}

/**
 * After one of its jobs settled. The record's row is locked first, so two jobs settling at once
 * cannot both see the other as still running. Only the latest settled job per system counts: a
 * later success clears an earlier dead letter. A dead letter for a system that holds no copy while
 * another system does is PARTIAL: the record is in one book and was refused by the other.
 */
export async function settleSyncStatus(tx: Tx, table: SyncedTable, id: string): Promise<void> {
  await tx.$queryRawUnsafe(`SELECT 1 FROM ${table} WHERE id = $1::uuid FOR UPDATE`, id);
  const open = await tx.syncJob.count({ where: { entityId: id, status: { in: ['PENDING', 'RUNNING'] } } });
  const conflicts = await tx.syncConflict.count({ where: { entityId: id, status: 'OPEN' } });
  const settled = await tx.syncJob.findMany({
    where: { entityId: id, status: { in: ['SUCCEEDED', 'DEAD', 'CANCELLED'] } },
    orderBy: { seq: 'desc' },
    select: { system: true, tenant: true, status: true },
  });
  const latest = new Map<string, string>();
  for (const job of settled)
    if (!latest.has(`${job.system}:${job.tenant}`)) latest.set(`${job.system}:${job.tenant}`, job.status);
  const deadIn = [...latest].filter(([, status]) => status === 'DEAD').map(([key]) => key);
  let status: SyncStatusValue = open > 0 ? 'PENDING' : conflicts > 0 ? 'CONFLICT' : 'SYNCED';
  if (status === 'SYNCED' && deadIn.length > 0) {
    const held = new Set(
      (
        await tx.externalLink.findMany({
          where: { entityType: entityTypeOf[table], entityId: id },
          select: { system: true, tenant: true },
        })
      ).map((l) => `${l.system}:${l.tenant}`),
    );
    status = held.size > 0 && deadIn.some((key) => !held.has(key)) ? 'PARTIAL' : 'ERROR';
  }
  await setSyncStatus(tx, table, id, status);
}
