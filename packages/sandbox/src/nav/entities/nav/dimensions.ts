// NAV dimension pages: Dimensions (536), DimensionValues (537) and DefaultDimensions (540).
import { errors } from '../../errors.js';
import { defineEntity, field } from '../../odata/edm.js';
import type { DefaultDimension, Dimension, DimensionValue, ValuePosting } from '../../state.js';
import { optionField } from '../fields.js';
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
import { DIMENSION_VALUE_POSTING } from '../options.js';
import { bool, int, str } from '../wire.js';

export const navDimensions = defineEntity<Dimension>({
  typeName: 'Dimensions',
  setName: 'Dimensions',
  caption: 'Dimension',
  keys: ['Code'],
  fields: [
    field(
      'Code',
      'Edm.String',
      (r) => r.code,
      (r, v) => (r.code = str(v).toUpperCase()),
      { maxLength: 20 },
    ),
    field(
      'Name',
      'Edm.String',
      (r) => r.name,
      (r, v) => (r.name = str(v)),
      { maxLength: 30 },
    ),
    field('Code_Caption', 'Edm.String', (r) => r.name),
    field(
      'Blocked',
      'Edm.Boolean',
      (r) => r.blocked,
      (r, v) => (r.blocked = bool(v)),
    ),
  ],
  list: (ctx) => ctx.state.dimensions,
  identity: (r) => r,
  create: newDimension,
  insert: (r, ctx) => insertDimension(ctx, r),
  modified: touch,
  remove: (r, ctx) => {
    if (ctx.state.dimensionValues.some((v) => v.dimensionCode === r.code)) {
      throw errors.dialog(`You cannot delete Dimension ${r.code} because it has dimension values.`);
    }
    removeFrom(ctx.state.dimensions, r);
  },
  webhookSet: 'dimensions',
});

export const navDimensionValues = defineEntity<DimensionValue>({
  typeName: 'DimensionValues',
  setName: 'DimensionValues',
  caption: 'Dimension Value',
  keys: ['Dimension_Code', 'Code'],
  fields: [
    field(
      'Dimension_Code',
      'Edm.String',
      (r) => r.dimensionCode,
      (r, v) => (r.dimensionCode = str(v).toUpperCase()),
    ),
    field(
      'Code',
      'Edm.String',
      (r) => r.code,
      (r, v) => (r.code = str(v).toUpperCase()),
      { maxLength: 20 },
    ),
    field(
      'Name',
      'Edm.String',
      (r) => r.name,
      (r, v) => (r.name = str(v)),
      { maxLength: 50 },
    ),
    optionField<DimensionValue>(
      'Dimension_Value_Type',
      ['Standard', 'Heading', 'Total', 'Begin-Total', 'End-Total'],
      () => 'Standard',
    ),
    field(
      'Blocked',
      'Edm.Boolean',
      (r) => r.blocked,
      (r, v) => (r.blocked = bool(v)),
    ),
  ],
  list: (ctx) => ctx.state.dimensionValues,
  identity: (r) => r,
  create: (ctx) => newDimensionValue(ctx),
  insert: (r, ctx) => insertDimensionValue(ctx, r),
  modified: touch,
  remove: (r, ctx) => removeFrom(ctx.state.dimensionValues, r),
  webhookSet: 'dimensionValues',
});

export const navDefaultDimensions = defineEntity<DefaultDimension>({
  typeName: 'DefaultDimensions',
  setName: 'DefaultDimensions',
  caption: 'Default Dimension',
  keys: ['Table_ID', 'No', 'Dimension_Code'],
  fields: [
    field(
      'Table_ID',
      'Edm.Int32',
      (r) => r.tableId,
      (r, v) => {
        const t = int(v);
        if (t !== 15 && t !== 18 && t !== 23 && t !== 27)
          throw errors.notImplemented(`Default dimensions for table ${t} are not supported by the sandbox.`);
        r.tableId = t;
      },
    ),
    field(
      'No',
      'Edm.String',
      (r) => r.no,
      (r, v) => (r.no = str(v)),
    ),
    field(
      'Dimension_Code',
      'Edm.String',
      (r) => r.dimensionCode,
      (r, v) => (r.dimensionCode = str(v).toUpperCase()),
    ),
    field(
      'Dimension_Value_Code',
      'Edm.String',
      (r) => r.valueCode,
      (r, v) => (r.valueCode = str(v).toUpperCase()),
    ),
    optionField<DefaultDimension>(
      'Value_Posting',
      DIMENSION_VALUE_POSTING,
      (r) => r.valuePosting,
      (r, v) => (r.valuePosting = v as ValuePosting),
    ),
  ],
  list: (ctx) => ctx.state.defaultDimensions,
  identity: (r) => r,
  create: newDefaultDimension,
  insert: (r, ctx) => insertDefaultDimension(ctx, r),
  modified: touch,
  remove: (r, ctx) => removeFrom(ctx.state.defaultDimensions, r),
  webhookSet: 'defaultDimensions',
});
