// BC API v2.0 dimensions: dimensions with their values (contained), dimensionValues, and the
// defaultDimensions of customers, vendors and items, addressed by the parent's type and id.
import type { NavContext } from '../../context.js';
import { errors } from '../../errors.js';
import { defineEntity, field } from '../../odata/edm.js';
import type { DefaultDimension, DefaultDimTable, Dimension, DimensionValue } from '../../state.js';
import {
  insertDefaultDimension,
  insertDimension,
  insertDimensionValue,
  newDefaultDimension,
  newDimension,
  newDimensionValue,
  removeFrom,
  touch,
} from '../ops.js';
import { EMPTY_GUID, str } from '../wire.js';
import { enumField, idField, modifiedField } from './common.js';

export const bcDimensionValue = defineEntity<DimensionValue>({
  typeName: 'dimensionValue',
  setName: 'dimensionValues',
  caption: 'Dimension Value',
  keys: ['id'],
  fields: [
    idField<DimensionValue>(),
    field(
      'code',
      'Edm.String',
      (r) => r.code,
      (r, v) => (r.code = str(v).toUpperCase()),
      { nullable: false, maxLength: 20 },
    ),
    field(
      'dimensionId',
      'Edm.Guid',
      (r, ctx) => ctx.state.dimensions.find((d) => d.code === r.dimensionCode)?.id ?? EMPTY_GUID,
    ),
    field(
      'displayName',
      'Edm.String',
      (r) => r.name,
      (r, v) => (r.name = str(v)),
      { maxLength: 50 },
    ),
    field('consolidationCode', 'Edm.String', () => ''),
    modifiedField<DimensionValue>(),
  ],
  list: (ctx) => ctx.state.dimensionValues,
  identity: (r) => r,
  modified: touch,
  remove: (r, ctx) => removeFrom(ctx.state.dimensionValues, r),
  webhookSet: 'dimensionValues',
});

export const bcDimension = defineEntity<Dimension>({
  typeName: 'dimension',
  setName: 'dimensions',
  caption: 'Dimension',
  keys: ['id'],
  fields: [
    idField<Dimension>(),
    field(
      'code',
      'Edm.String',
      (r) => r.code,
      (r, v) => (r.code = str(v).toUpperCase()),
      { nullable: false, maxLength: 20 },
    ),
    field(
      'displayName',
      'Edm.String',
      (r) => r.name,
      (r, v) => (r.name = str(v)),
      { maxLength: 30 },
    ),
    field('consolidationCode', 'Edm.String', () => ''),
    modifiedField<Dimension>(),
  ],
  list: (ctx) => ctx.state.dimensions,
  identity: (r) => r,
  create: newDimension,
  insert: (r, ctx) => insertDimension(ctx, r),
  modified: touch,
  webhookSet: 'dimensions',
  navigations: [
    {
      name: 'dimensionValues',
      target: bcDimensionValue,
      list: (d, ctx) => ctx.state.dimensionValues.filter((v) => v.dimensionCode === d.code),
      create: (d, ctx) => newDimensionValue(ctx, d.code),
    },
  ],
});
// Values are created under their dimension (dimensions(id)/dimensionValues).
bcDimensionValue.insert = (r, ctx) => insertDimensionValue(ctx, r as DimensionValue);

const PARENT_TABLE: Record<string, DefaultDimTable> = { Customer: 18, Vendor: 23, Item: 27 };

function parentOf(ctx: NavContext, d: DefaultDimension): { type: string; id: string } {
  const s = ctx.state;
  if (d.tableId === 18) return { type: 'Customer', id: s.customer(d.no)?.id ?? EMPTY_GUID };
  if (d.tableId === 23) return { type: 'Vendor', id: s.vendor(d.no)?.id ?? EMPTY_GUID };
  if (d.tableId === 27) return { type: 'Item', id: s.item(d.no)?.id ?? EMPTY_GUID };
  return { type: '', id: s.account(d.no)?.id ?? EMPTY_GUID };
}

function setParentId(ctx: NavContext, d: DefaultDimension, id: string): void {
  const s = ctx.state;
  const hit =
    (d.tableId === 18 && s.customers.find((c) => c.id === id)) ||
    (d.tableId === 23 && s.vendors.find((v) => v.id === id)) ||
    (d.tableId === 27 && s.items.find((i) => i.id === id));
  if (!hit)
    throw errors.recordNotFound(
      d.tableId === 18 ? 'Customer' : d.tableId === 23 ? 'Vendor' : 'Item',
      `Id='${id}'`,
    );
  d.no = hit.no;
}

export const bcDefaultDimension = defineEntity<DefaultDimension>({
  typeName: 'defaultDimension',
  setName: 'defaultDimensions',
  caption: 'Default Dimension',
  keys: ['id'],
  fields: [
    idField<DefaultDimension>(),
    enumField<DefaultDimension>(
      'parentType',
      'defaultDimensionParentType',
      (r, ctx) => parentOf(ctx, r).type,
      (r, v) => {
        const t = PARENT_TABLE[v];
        if (!t) throw errors.badRequest(`The value '${v}' is not valid for parentType.`);
        r.tableId = t;
      },
    ),
    field(
      'parentId',
      'Edm.Guid',
      (r, ctx) => parentOf(ctx, r).id,
      (r, v, ctx) => setParentId(ctx, r, str(v)),
    ),
    field(
      'dimensionId',
      'Edm.Guid',
      (r, ctx) => ctx.state.dimensions.find((d) => d.code === r.dimensionCode)?.id ?? EMPTY_GUID,
      (r, v, ctx) => {
        const d = ctx.state.dimensions.find((x) => x.id === str(v));
        if (!d) throw errors.recordNotFound('Dimension', `Id='${str(v)}'`);
        r.dimensionCode = d.code;
      },
    ),
    field(
      'dimensionCode',
      'Edm.String',
      (r) => r.dimensionCode,
      (r, v) => (r.dimensionCode = str(v).toUpperCase()),
      { nullable: false },
    ),
    field(
      'dimensionValueId',
      'Edm.Guid',
      (r, ctx) =>
        ctx.state.dimensionValues.find((v) => v.dimensionCode === r.dimensionCode && v.code === r.valueCode)
          ?.id ?? EMPTY_GUID,
      (r, v, ctx) => {
        const dv = ctx.state.dimensionValues.find((x) => x.id === str(v));
        if (!dv) throw errors.recordNotFound('Dimension Value', `Id='${str(v)}'`);
        r.dimensionCode = dv.dimensionCode;
        r.valueCode = dv.code;
      },
    ),
    field(
      'dimensionValueCode',
      'Edm.String',
      (r) => r.valueCode,
      (r, v) => (r.valueCode = str(v).toUpperCase()),
    ),
    enumField<DefaultDimension>(
      'postingValidation',
      'defaultDimensionValuePostingType',
      (r) => r.valuePosting,
      (r, v) => (r.valuePosting = v as DefaultDimension['valuePosting']),
    ),
    modifiedField<DefaultDimension>(),
  ],
  list: (ctx) => ctx.state.defaultDimensions,
  identity: (r) => r,
  create: newDefaultDimension,
  insert: (r, ctx) => insertDefaultDimension(ctx, r),
  modified: touch,
  remove: (r, ctx) => removeFrom(ctx.state.defaultDimensions, r),
  webhookSet: 'defaultDimensions',
});
