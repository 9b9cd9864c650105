// Xero tracking categories ⇄ dimension drafts: the category's name is the dimension's code and its
// options' names the values' codes (Xero keeps names only); archived means blocked.
import type { DimensionDraft, RemoteRecord } from '../system.js';
import { limited, MappingError } from './mapper-common.js';
import type { RawTrackingCategory } from './raw.js';

/** Xero's field limit (Accounting API spec: TrackingCategory/TrackingOption.Name). */
export const XERO_TRACKING_NAME_MAX = 100;

export function dimensionFromWire(t: RawTrackingCategory): RemoteRecord<'dimension'> {
  if (!t.trackingCategoryID || !t.name)
    throw new MappingError('externalId', 'tracking category without id or name');
  const data: DimensionDraft = {
    code: t.name,
    name: t.name,
    blocked: t.status !== 'ACTIVE',
    values: (t.options ?? [])
      .filter((o) => o.name)
      .map((o) => ({
        code: o.name as string,
        name: o.name as string,
        blocked: o.status !== 'ACTIVE',
        ...(o.trackingOptionID ? { externalId: o.trackingOptionID } : {}),
      })),
  };
  return {
    externalId: t.trackingCategoryID,
    externalNumber: t.name,
    version: null,
    remoteUpdatedAt: null,
    active: t.status === 'ACTIVE',
    data,
  };
}

export type XeroTrackingStatus = 'ACTIVE' | 'ARCHIVED';

export interface WireTrackingCategory {
  name?: string;
  status?: XeroTrackingStatus;
}

export interface WireTrackingOption {
  name?: string;
  status?: XeroTrackingStatus;
}

export interface WireDimension {
  category: { name: string; status: XeroTrackingStatus };
  options: { name: string; status: XeroTrackingStatus; externalId?: string }[];
}

/**
 * A dimension as Xero's tracking category and options. Xero keeps names only: the dimension's code
 * is the category's Name and each value's code an option's Name (the lookup tables translate NAV's
 * codes to these names, as they do for invoice lines). Blocked means ARCHIVED. Names longer than
 * 100 characters and two values with one name (Xero compares names ignoring case) are refused.
 */
export function dimensionToWire(d: DimensionDraft): WireDimension {
  const name = limited(d.code.trim(), 'code', XERO_TRACKING_NAME_MAX, 'Tracking category name');
  if (!name) throw new MappingError('code', 'a dimension needs its code (the Xero tracking category name)');
  const seen = new Set<string>();
  const options = d.values.map((v, i) => {
    const option = limited(v.code.trim(), `values.${i}.code`, XERO_TRACKING_NAME_MAX, 'Tracking option name');
    if (!option)
      throw new MappingError(`values.${i}.code`, 'a dimension value needs its code (the option name)');
    if (seen.has(option.toLowerCase()))
      throw new MappingError(`values.${i}.code`, `two values are named "${option}" (Xero ignores case)`);
    seen.add(option.toLowerCase());
    return {
      name: option,
      status: v.blocked ? ('ARCHIVED' as const) : ('ACTIVE' as const),
      ...(v.externalId ? { externalId: v.externalId } : {}),
    };
  });
  return { category: { name, status: d.blocked ? 'ARCHIVED' : 'ACTIVE' }, options };
}
