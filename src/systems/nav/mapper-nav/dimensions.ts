// NAV dimensions (Dimensions and DimensionValues pages) → dimension drafts, and the Global
// Dimension 1 and 2 codes that documents and ledger entries carry as dimensions. Pure functions.
import type { DimensionDraft, RemoteRecord } from '../../system.js';
import { decodeOption } from '../mapper-common.js';
import type { RawNavDimension, RawNavDimensionValue } from '../raw.js';
import type { NavMapContext } from './fields.js';

/** A dimension value's key as NAV writes it: Dimension_Code='AREA',Code='NORTH'. */
export function navDimensionValueId(dimension: string, code: string): string {
  const quoted = (v: string) => `'${v.replace(/'/g, "''")}'`;
  return `Dimension_Code=${quoted(dimension)},Code=${quoted(code)}`;
}

/**
 * A dimension's values. Only Standard values: headings and totals cannot be posted to, so there is
 * nothing to track under them.
 */
export function navDimensionValuesFromWire(
  values: readonly RawNavDimensionValue[],
): DimensionDraft['values'] {
  return values
    .filter((v) => {
      const type = decodeOption(v.Dimension_Value_Type ?? '');
      return type === '' || type === 'Standard';
    })
    .map((v) => ({
      code: v.Code,
      name: v.Name,
      blocked: v.Blocked,
      externalId: navDimensionValueId(v.Dimension_Code, v.Code),
    }));
}

/**
 * A dimension (Dimensions, page 536) with its values (DimensionValues, page 537: the connector
 * reads them beside the dimensions). Its externalId is its Code. NAV's dimension pages carry no
 * modification date.
 */
export function navDimensionFromWire(
  raw: RawNavDimension,
  values: readonly RawNavDimensionValue[] = [],
): RemoteRecord<'dimension'> {
  return {
    externalId: raw.Code,
    externalNumber: raw.Code,
    version: raw['@odata.etag'] ?? null,
    remoteUpdatedAt: null,
    active: !raw.Blocked,
    data: {
      code: raw.Code,
      name: raw.Name,
      blocked: raw.Blocked,
      values: navDimensionValuesFromWire(values),
    },
  };
}

/** The Global Dimension 1 and 2 values of a line or entry, keyed by their dimension codes. */
export function dimensionsOf(
  v1: string | undefined,
  v2: string | undefined,
  ctx: NavMapContext,
): Record<string, string> {
  const out: Record<string, string> = {};
  const [d1, d2] = ctx.globalDimensions;
  if (d1 && v1) out[d1] = v1;
  if (d2 && v2) out[d2] = v2;
  return out;
}
