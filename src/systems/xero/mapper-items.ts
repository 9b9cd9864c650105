// Xero items ⇄ item drafts. An item's Code is the NAV No. and its natural key; the sales details
// carry the unit price, sales account and tax code, the purchase details the unit cost and account.
import type { ItemDraft, RemoteRecord } from '../system.js';
import {
  blank,
  decimalFromWire,
  instant,
  limited,
  MappingError,
  moneyToWire,
  versionOf,
} from './mapper-common.js';
import type { RawItem } from './raw.js';

/** Xero's field limits (Accounting API spec: Item.Code/Name/Description). */
export const XERO_ITEM_CODE_MAX = 30;
export const XERO_ITEM_NAME_MAX = 50;
export const XERO_ITEM_DESCRIPTION_MAX = 4000;

export function itemFromWire(i: RawItem): RemoteRecord<'item'> {
  if (!i.itemID || !i.code) throw new MappingError('externalId', 'item without ItemID or Code');
  const updated = instant(i.updatedDateUTC);
  const data: ItemDraft = {
    number: i.code,
    name: i.name ?? i.code,
    description: blank(i.description),
    type: i.isTrackedAsInventory ? 'INVENTORY' : 'NON_INVENTORY',
    unitOfMeasure: null,
    unitPrice:
      i.salesDetails?.unitPrice === null || i.salesDetails?.unitPrice === undefined
        ? null
        : decimalFromWire(i.salesDetails.unitPrice),
    unitCost:
      i.purchaseDetails?.unitPrice === null || i.purchaseDetails?.unitPrice === undefined
        ? null
        : decimalFromWire(i.purchaseDetails.unitPrice),
    salesAccountCode: blank(i.salesDetails?.accountCode),
    purchaseAccountCode: blank(i.purchaseDetails?.accountCode),
    taxCode: blank(i.salesDetails?.taxType),
    blocked: false,
    // Xero keeps stock for tracked items only.
    inventory:
      i.isTrackedAsInventory && i.quantityOnHand !== null && i.quantityOnHand !== undefined
        ? decimalFromWire(i.quantityOnHand)
        : null,
  };
  return {
    externalId: i.itemID,
    externalNumber: i.code,
    version: versionOf(updated),
    remoteUpdatedAt: updated,
    active: true,
    data,
  };
}

export interface WireItemDetails {
  unitPrice?: number;
  accountCode?: string;
  taxType?: string;
}

export interface WireItem {
  itemID?: string;
  code: string;
  name?: string;
  description?: string;
  salesDetails?: WireItemDetails;
  purchaseDetails?: WireItemDetails;
}

/**
 * An item as Xero's (POST /Items, unitdp=4). Code is the NAV No. and the natural key. Xero has no
 * unit of measure, no blocked state and no service/non-inventory distinction, and tracks inventory
 * only with inventory and COGS accounts the draft does not carry: those are not sent (an item reads
 * back as NON_INVENTORY, not blocked). The one tax code is the sales tax type. A null leaves Xero's
 * value as it is. Over-long Code/Name/Description and prices with more than 4 decimals are refused.
 */
export function itemToWire(d: ItemDraft, externalId?: string): WireItem {
  const code = d.number.trim();
  if (!code) throw new MappingError('number', 'an item needs its number (Xero Code)');
  const out: WireItem = { code: limited(code, 'number', XERO_ITEM_CODE_MAX, 'Item code') };
  if (externalId) out.itemID = externalId;
  if (blank(d.name)) out.name = limited(d.name, 'name', XERO_ITEM_NAME_MAX, 'Item name');
  if (blank(d.description))
    out.description = limited(
      d.description as string,
      'description',
      XERO_ITEM_DESCRIPTION_MAX,
      'Item description',
    );
  const sales: WireItemDetails = {};
  if (d.unitPrice) sales.unitPrice = moneyToWire(d.unitPrice, 'unitPrice', 4);
  if (d.salesAccountCode) sales.accountCode = d.salesAccountCode;
  if (d.taxCode) sales.taxType = d.taxCode;
  if (Object.keys(sales).length) out.salesDetails = sales;
  const purchase: WireItemDetails = {};
  if (d.unitCost) purchase.unitPrice = moneyToWire(d.unitCost, 'unitCost', 4);
  if (d.purchaseAccountCode) purchase.accountCode = d.purchaseAccountCode;
  if (Object.keys(purchase).length) out.purchaseDetails = purchase;
  return out;
}
