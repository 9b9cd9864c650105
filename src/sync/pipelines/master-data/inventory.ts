// An item's quantity on hand as read from a system: kept beside the item, never hashed or pushed
// (stock moves with every posting; the other book keeps its own). The system that numbers master
// data (the ERP) keeps the stock of record; another's reading fills in only where it keeps none.
import { systemModule } from '../../../systems/modules.js';
import type { ItemDraft, SourceSystem } from '../../../systems/system.js';
import type { EventBus } from '../../../events/bus.js';
import type { Database } from '../../../store/database.js';
import type { InventoryStore } from '../../../store/inventory.js';

export async function recordInventory(
  deps: { db: Database; inventory: InventoryStore; events: EventBus },
  system: SourceSystem,
  itemId: string,
  draft: ItemDraft,
): Promise<void> {
  if (draft.inventory === undefined) return; // this read does not say
  const ofRecord = systemModule(system).traits.numbersMasterData;
  if (!(await deps.inventory.record(itemId, draft.inventory, system, ofRecord))) return;
  const published = await deps.db.transaction((tx) =>
    deps.events.record(
      [{ type: 'ENTITY_CHANGED', entityType: 'ITEM', entityId: itemId, change: 'UPDATED', source: system }],
      tx,
    ),
  );
  deps.events.announce(published);
}
