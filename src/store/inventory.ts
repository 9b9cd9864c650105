// Items' quantity on hand as a system reports it: read-only here, never pushed. One system's
// reading stands until that system changes it; another fills in only where none is kept, unless it
// is the system that keeps the stock of record (the caller says which).
import type { Decimal } from '../domain/money.js';
import type { PrismaClient } from './generated/client.js';
import type { SourceSystem } from '../systems/registry.js';

export class InventoryStore {
  constructor(private readonly prisma: PrismaClient) {}

  /** Records `system`'s reading (null: it keeps none); true when the mirror changed. */
  async record(
    itemId: string,
    quantity: Decimal | null,
    system: SourceSystem,
    ofRecord: boolean,
  ): Promise<boolean> {
    const row = await this.prisma.item.findUnique({
      where: { id: itemId },
      select: { inventory: true, inventorySource: true },
    });
    if (!row) return false;
    const theirs = row.inventorySource !== null && row.inventorySource !== system;
    if (quantity === null) {
      if (row.inventorySource !== system) return false;
    } else if (theirs && !ofRecord) return false;
    else if (!theirs && row.inventory !== null && quantity.eq(row.inventory.toString())) return false;
    await this.prisma.item.update({
      where: { id: itemId },
      data: {
        inventory: quantity?.toFixed() ?? null,
        inventorySource: quantity === null ? null : system,
      },
    });
    return true;
  }
}
