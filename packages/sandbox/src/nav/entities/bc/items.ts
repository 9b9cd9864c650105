// BC API v2.0 items: number, names, type, prices and cost, unit of measure and posting groups.
import { codeGuid } from '../../ids.js';
import { defineEntity, field } from '../../odata/edm.js';
import type { Item } from '../../state.js';
import { deleteItem, insertItem, newItem, touch } from '../ops.js';
import { bool, EMPTY_GUID, num, str } from '../wire.js';
import { enumField, idField, modifiedField } from './common.js';

export const bcItem = defineEntity<Item>({
  typeName: 'item',
  setName: 'items',
  caption: 'Item',
  keys: ['id'],
  fields: [
    idField<Item>(),
    field(
      'number',
      'Edm.String',
      (r) => r.no,
      (r, v) => (r.no = str(v)),
      { maxLength: 20 },
    ),
    field(
      'displayName',
      'Edm.String',
      (r) => r.description,
      (r, v) => (r.description = str(v)),
      { maxLength: 100 },
    ),
    field('displayName2', 'Edm.String', () => ''),
    enumField<Item>(
      'type',
      'itemType',
      (r) => r.type,
      (r, v) => (r.type = v as Item['type']),
    ),
    field('itemCategoryId', 'Edm.Guid', () => EMPTY_GUID),
    field('itemCategoryCode', 'Edm.String', () => ''),
    field(
      'blocked',
      'Edm.Boolean',
      (r) => r.blocked,
      (r, v) => (r.blocked = bool(v)),
    ),
    field('gtin', 'Edm.String', () => ''),
    field('inventory', 'Edm.Decimal', (r) => r.inventory),
    field(
      'unitPrice',
      'Edm.Decimal',
      (r) => r.unitPrice,
      (r, v) => (r.unitPrice = num(v)),
    ),
    field('priceIncludesTax', 'Edm.Boolean', () => false),
    field(
      'unitCost',
      'Edm.Decimal',
      (r) => r.unitCost,
      (r, v) => (r.unitCost = num(v)),
    ),
    field('taxGroupId', 'Edm.Guid', () => EMPTY_GUID),
    field('taxGroupCode', 'Edm.String', () => ''),
    field('baseUnitOfMeasureId', 'Edm.Guid', (r) => codeGuid('unitOfMeasure', r.baseUnitOfMeasure)),
    field(
      'baseUnitOfMeasureCode',
      'Edm.String',
      (r) => r.baseUnitOfMeasure,
      (r, v) => (r.baseUnitOfMeasure = str(v)),
    ),
    field('generalProductPostingGroupId', 'Edm.Guid', (r) =>
      codeGuid('genProdPostingGroup', r.type === 'Service' ? 'SERVICES' : 'RETAIL'),
    ),
    field('generalProductPostingGroupCode', 'Edm.String', (r) =>
      r.type === 'Service' ? 'SERVICES' : 'RETAIL',
    ),
    field('inventoryPostingGroupId', 'Edm.Guid', (r) =>
      r.type === 'Inventory' ? codeGuid('invPostingGroup', 'RESALE') : EMPTY_GUID,
    ),
    field('inventoryPostingGroupCode', 'Edm.String', (r) => (r.type === 'Inventory' ? 'RESALE' : '')),
    modifiedField<Item>(),
  ],
  list: (ctx) => ctx.state.items,
  identity: (r) => r,
  create: newItem,
  insert: (r, ctx) => insertItem(ctx, r),
  modified: touch,
  remove: (r, ctx) => deleteItem(ctx, r),
  webhookSet: 'items',
});
