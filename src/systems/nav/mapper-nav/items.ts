// NAV items (Item page) ⇄ item drafts, and the item type options BC shares. Pure functions.
import type { ItemDraft, RemoteRecord } from '../../system.js';
import { blankToNull, dayInstant, decodeOption, encodeOption } from '../mapper-common.js';
import type { RawNavItem } from '../raw.js';

const ITEM_TYPES: Record<string, ItemDraft['type']> = {
  Inventory: 'INVENTORY',
  Service: 'SERVICE',
  'Non-Inventory': 'NON_INVENTORY',
};
const ITEM_TYPES_OUT: Record<ItemDraft['type'], string> = {
  INVENTORY: 'Inventory',
  SERVICE: 'Service',
  NON_INVENTORY: 'Non-Inventory',
};

export function itemTypeFromWire(value: string): ItemDraft['type'] {
  return ITEM_TYPES[decodeOption(value)] ?? 'INVENTORY';
}
export const itemTypeToWire = (t: ItemDraft['type']): string => encodeOption(ITEM_TYPES_OUT[t]);

export function navItemFromWire(raw: RawNavItem): RemoteRecord<'item'> {
  return {
    externalId: raw.No,
    externalNumber: raw.No,
    version: raw['@odata.etag'] ?? null,
    remoteUpdatedAt: dayInstant(raw.Last_Date_Modified),
    active: true,
    data: {
      number: raw.No,
      name: raw.Description,
      description: null,
      type: itemTypeFromWire(raw.Type),
      unitOfMeasure: blankToNull(raw.Base_Unit_of_Measure),
      unitPrice: raw.Unit_Price ?? null,
      unitCost: raw.Unit_Cost ?? null,
      salesAccountCode: null,
      purchaseAccountCode: null,
      taxCode: blankToNull(raw.VAT_Prod_Posting_Group),
      blocked: raw.Blocked,
      postingGroup: blankToNull(raw.Gen_Prod_Posting_Group),
      // Stock is kept for inventory items only; the others publish 0, which means nothing.
      inventory: itemTypeFromWire(raw.Type) === 'INVENTORY' ? (raw.Inventory ?? null) : null,
    },
  };
}

export function navItemToWire(draft: ItemDraft): Record<string, unknown> {
  const out: Record<string, unknown> = {
    Description: draft.name,
    Type: itemTypeToWire(draft.type),
    Blocked: draft.blocked,
  };
  if (draft.unitOfMeasure !== null) out.Base_Unit_of_Measure = draft.unitOfMeasure;
  if (draft.unitPrice !== null) out.Unit_Price = draft.unitPrice;
  if (draft.unitCost !== null) out.Unit_Cost = draft.unitCost;
  if (draft.taxCode !== null) out.VAT_Prod_Posting_Group = draft.taxCode;
  return out;
}
