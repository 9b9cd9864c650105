// BC dimensions with their values (API v2.0 dimensions, dimensionValues expanded) → dimension
// drafts. Pure functions.
import type { DimensionDraft, RemoteRecord } from '../../system.js';
import { instantOrNull } from '../mapper-common.js';
import type { RawBcDimension } from '../raw.js';

/**
 * A dimension with its values (dimensionValues expanded). BC's API v2.0 publishes no Blocked flag
 * on either, so they read as not blocked. Changed when the dimension or any value last changed.
 */
export function bcDimensionFromWire(raw: RawBcDimension): RemoteRecord<'dimension'> {
  const values = raw.lines ?? [];
  const changed = [raw.lastModifiedDateTime, ...values.map((v) => v.lastModifiedDateTime)]
    .map((t) => instantOrNull(t))
    .filter((t): t is Date => t !== null)
    .sort((a, b) => b.getTime() - a.getTime())[0];
  const data: DimensionDraft = {
    code: raw.code,
    name: raw.displayName,
    blocked: false,
    values: values.map((v) => ({ code: v.code, name: v.displayName, blocked: false, externalId: v.id })),
  };
  return {
    externalId: raw.id,
    externalNumber: raw.code,
    version: raw['@odata.etag'] ?? null,
    remoteUpdatedAt: changed ?? null,
    active: true,
    data,
  };
}
