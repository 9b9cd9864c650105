// BC items (API v2.0 items) ⇄ item drafts; the item type options are NAV's. Pure functions.
import type { ItemDraft, RemoteRecord } from '../../system.js';
import { blankToNull, instantOrNull } from '../mapper-common.js';
import { itemTypeFromWire, itemTypeToWire } from '../mapper-nav/items.js';
import type { RawBcItem } from '../raw.js';

export function bcItemFromWire(raw: RawBcItem): RemoteRecord<'item'> {
  return {
    externalId: raw.id,
    externalNumber: blankToNull(raw.number),
    version: raw['@odata.etag'] ?? null,
    remoteUpdatedAt: instantOrNull(raw.lastModifiedDateTime),
    active: true,
    data: {
      number: raw.number,
      name: raw.displayName,
      description: null,
      type: itemTypeFromWire(raw.type),
      unitOfMeasure: blankToNull(raw.baseUnitOfMeasureCode),
      unitPrice: raw.unitPrice ?? null,
      unitCost: raw.unitCost ?? null,
      salesAccountCode: null,
      purchaseAccountCode: null,
      taxCode: null,
      blocked: raw.blocked,
      postingGroup: blankToNull(raw.generalProductPostingGroupCode),
      inventory: itemTypeFromWire(raw.type) === 'INVENTORY' ? (raw.inventory ?? null) : null,
    },
  };
}

export function bcItemToWire(draft: ItemDraft, creating: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {
    displayName: draft.name,
    type: itemTypeToWire(draft.type),
    blocked: draft.blocked,
  };
  if (creating) out.number = draft.number;
  if (draft.unitOfMeasure !== null) out.baseUnitOfMeasureCode = draft.unitOfMeasure;
  if (draft.unitPrice !== null) out.unitPrice = draft.unitPrice;
  if (draft.unitCost !== null) out.unitCost = draft.unitCost;
  return out;
}
