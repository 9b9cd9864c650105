// /Items: products and services; Code is unique. Documents take defaults from an item's details.
import { randomUUID } from 'node:crypto';
import { Decimal } from 'decimal.js';
import express, { type Router } from 'express';
import { invalid, runBatch, type BatchResource, type Input } from '../batch.js';
import { apiContext, sendEnvelope, type ApiContext } from '../context.js';
import { notFound } from '../errors.js';
import { bool, dec, isGuid, obj, str } from '../input.js';
import { byField, list } from '../listing.js';
import type { ItemDetailsRec, ItemRec, TenantState } from '../state.js';
import { itemWire } from '../wire.js';

function details(t: TenantState, input: Input | undefined, prev: ItemDetailsRec): ItemDetailsRec {
  if (!input) return prev;
  const next: ItemDetailsRec = { ...prev };
  const price = dec(input, 'UnitPrice');
  if (price) next.UnitPrice = price;
  const code = str(input, 'AccountCode');
  if (code !== undefined) {
    if (!t.accountByCode(code)) invalid(`Account code '${code}' is not a valid code.`);
    next.AccountCode = code;
  }
  const cogs = str(input, 'COGSAccountCode');
  if (cogs !== undefined) {
    if (!t.accountByCode(cogs)) invalid(`Account code '${cogs}' is not a valid code.`);
    next.COGSAccountCode = cogs;
  }
  const tax = str(input, 'TaxType');
  if (tax !== undefined) {
    if (tax !== 'NONE' && !t.taxRates.has(tax)) invalid(`The TaxType code '${tax}' does not exist.`);
    next.TaxType = tax;
  }
  return next;
}

function applyItem(input: Input, mode: 'create' | 'upsert', ctx: ApiContext): ItemRec {
  const t = ctx.tenant;
  const id = str(input, 'ItemID');
  const code = str(input, 'Code');
  let existing = id !== undefined ? (isGuid(id) ? t.items.get(id.toLowerCase()) : undefined) : undefined;
  if (id !== undefined && !existing) invalid(`Item with ItemID ${id} could not be found.`);
  if (!existing && mode === 'upsert' && code !== undefined) existing = t.itemByCode(code);
  if (!existing && !code) invalid('Item code must be specified.');
  if (code !== undefined && code.length > 30) invalid('Item code must be 30 characters or fewer.');
  const clash = code !== undefined ? t.itemByCode(code) : undefined;
  if (clash && clash.ItemID !== existing?.ItemID) invalid(`Item code '${code ?? ''}' already exists.`);
  const next: ItemRec = {
    ItemID: existing?.ItemID ?? randomUUID(),
    Code: code ?? existing?.Code ?? '',
    IsSold: bool(input, 'IsSold') ?? existing?.IsSold ?? true,
    IsPurchased: bool(input, 'IsPurchased') ?? existing?.IsPurchased ?? true,
    IsTrackedAsInventory: existing?.IsTrackedAsInventory ?? false,
    SalesDetails: details(t, obj(input, 'SalesDetails'), existing?.SalesDetails ?? {}),
    PurchaseDetails: details(t, obj(input, 'PurchaseDetails'), existing?.PurchaseDetails ?? {}),
    UpdatedDateUTC: ctx.now,
  };
  for (const key of ['Name', 'Description', 'PurchaseDescription'] as const) {
    const v = str(input, key) ?? existing?.[key];
    if (v !== undefined) next[key] = v;
  }
  if (next.Name && next.Name.length > 50) invalid('Item name must be 50 characters or fewer.');
  track(t, next, existing, str(input, 'InventoryAssetAccountCode'));
  t.items.set(next.ItemID, next);
  return next;
}

/**
 * Tracked inventory: an inventory asset account and a COGS account make an item tracked, which it
 * then stays; quantity and value on hand start at 0 (purchases and sales move them in Xero).
 */
function track(
  t: TenantState,
  next: ItemRec,
  existing: ItemRec | undefined,
  asset: string | undefined,
): void {
  if (existing?.IsTrackedAsInventory) {
    const { InventoryAssetAccountCode, QuantityOnHand, TotalCostPool } = existing;
    Object.assign(next, { InventoryAssetAccountCode, QuantityOnHand, TotalCostPool });
    return;
  }
  if (asset === undefined) return;
  if (!t.accountByCode(asset)) invalid(`Account code '${asset}' is not a valid code.`);
  if (!next.PurchaseDetails.COGSAccountCode)
    invalid('A COGSAccountCode in PurchaseDetails is required to track an item as inventory.');
  next.IsTrackedAsInventory = true;
  next.InventoryAssetAccountCode = asset;
  next.QuantityOnHand = new Decimal(0);
  next.TotalCostPool = new Decimal(0);
}

const resource: BatchResource = {
  key: 'Items',
  apply: (input, mode, ctx) => itemWire(applyItem(input, mode, ctx), ctx.unitdp),
};

export function itemsRouter(): Router {
  const r = express.Router();
  r.get('/Items', (req, res) => {
    const ctx = apiContext(res);
    const out = list(req, {
      records: [...ctx.tenant.items.values()],
      toWire: (i) => itemWire(i, ctx.unitdp),
      updatedMs: (i) => i.UpdatedDateUTC,
      paged: false,
      defaultOrder: byField('Code'),
    });
    sendEnvelope(res, 'Items', out.items);
  });
  r.get('/Items/:key', (req, res) => {
    const ctx = apiContext(res);
    const key = req.params.key;
    const i =
      (isGuid(key) ? ctx.tenant.items.get(key.toLowerCase()) : undefined) ?? ctx.tenant.itemByCode(key);
    if (!i) throw notFound();
    sendEnvelope(res, 'Items', [itemWire(i, ctx.unitdp)]);
  });
  r.put('/Items', (req, res) => runBatch(req, res, resource, 'create'));
  r.post('/Items', (req, res) => runBatch(req, res, resource, 'upsert'));
  r.post('/Items/:id', (req, res) => {
    const t = apiContext(res).tenant;
    if (!isGuid(req.params.id) || !t.items.has(req.params.id.toLowerCase())) throw notFound();
    runBatch(req, res, resource, 'upsert', { ItemID: req.params.id.toLowerCase() });
  });
  return r;
}
