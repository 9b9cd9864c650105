// Dimensions between NAV, the mirror and Xero: the job payload (the mirror's dimension with its
// values), the Xero tracking category it becomes (names from the lookup tables), and the two
// hashes echo suppression compares — what NAV held when last read, and what Xero held of ours
// when last written.
import type { DimensionDraft } from '../../../systems/system.js';
import { ConnectorError } from '../../../systems/errors.js';
import type { Lookups } from '../../../mapping/lookups.js';
import type { DimensionFields, StoredDimension } from '../../../store/dimensions.js';
import { serializeRecord, type JsonValue } from '../payloads.js';
import { contentHash } from '../master-data/translate.js';

/** A dimension job's payload: the mirror's dimension and every value it knows (ids included). */
export type DimensionPayload = Omit<StoredDimension, 'syncStatus'>;

const byCode = <T extends { code: string }>(a: T, b: T) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

/** A dimension as NAV lists it, in the mirror's shape (values in code order). */
export function dimensionFields(draft: DimensionDraft): DimensionFields {
  return {
    code: draft.code,
    name: draft.name,
    blocked: draft.blocked,
    values: draft.values.map((v) => ({ code: v.code, name: v.name, blocked: v.blocked })).sort(byCode),
  };
}

/**
 * What NAV held, plus what the lookup tables make of it in Xero: a changed table (a value mapped
 * to another option name, a dimension newly mapped) counts as a change too, so it is sent.
 */
export function navDimensionHash(fields: DimensionFields, lookups: Lookups | null): string {
  const mapping = lookups?.mappedDimension(fields.code);
  const xero =
    mapping && lookups
      ? { category: mapping.xero, options: [...lookups.xeroOptionNames(fields.code, fields.values)] }
      : null;
  return contentHash({ ...fields, xero });
}

/**
 * What Xero holds of ours: the category's name and status, and the name and status of each option
 * linked to one of our values (by id; a missing one counts). Options someone added in Xero alone
 * are not ours and do not count.
 */
export function xeroDimensionHash(data: DimensionDraft, optionIds: readonly string[]): string {
  const options = [...new Set(optionIds.map((id) => id.toLowerCase()))].sort().map((id) => {
    const option = data.values.find((v) => v.externalId?.toLowerCase() === id);
    return option ? { id, name: option.name, blocked: option.blocked } : { id, missing: true };
  });
  return contentHash({ name: data.name, blocked: data.blocked, options });
}

export function dimensionPayload(dimension: StoredDimension): { [key: string]: JsonValue } {
  const { syncStatus: _status, ...rest } = dimension;
  return serializeRecord(rest);
}

/** A payload back (perhaps corrected by an operator before a replay); a TypeError naming the field. */
export function dimensionFromPayload(payload: unknown): DimensionPayload {
  const o = payload as Record<string, unknown> | null;
  const text = (v: unknown, field: string): string => {
    if (typeof v === 'string' && v !== '') return v;
    throw new TypeError(`the payload has no "${field}"`);
  };
  if (!o || typeof o !== 'object') throw new TypeError('the payload has no dimension');
  if (!Array.isArray(o.values)) throw new TypeError('the payload has no "values"');
  return {
    id: text(o.id, 'id'),
    code: text(o.code, 'code'),
    name: typeof o.name === 'string' ? o.name : '',
    blocked: o.blocked === true,
    values: (o.values as Record<string, unknown>[]).map((v, i) => ({
      id: text(v?.id, `values.${i}.id`),
      code: text(v?.code, `values.${i}.code`),
      name: typeof v?.name === 'string' ? v.name : '',
      blocked: v?.blocked === true,
    })),
  };
}

/**
 * The tracking category a NAV dimension becomes: named as the lookup tables say, each value an
 * option named by xeroOptionNames (the tables' name, or the value's NAV name), blocked values
 * archived. `optionIds` are the options our values are linked to, so a renamed one is found.
 */
export function trackingCategoryFor(
  dimension: DimensionPayload,
  lookups: Lookups | null,
  optionIds: ReadonlyMap<string, string>,
): { draft: DimensionDraft; optionNames: Map<string, string> } {
  const mapping = lookups?.mappedDimension(dimension.code);
  if (!mapping || !lookups)
    throw new ConnectorError(
      'validation',
      `dimension ${dimension.code} has no Xero tracking category in the lookup tables`,
      { system: 'XERO', fieldErrors: [{ field: 'code', message: 'not in the lookup tables' }] },
    );
  const optionNames = lookups.xeroOptionNames(dimension.code, dimension.values);
  const values = [...dimension.values].sort(byCode).map((v) => {
    const name = optionNames.get(v.code) as string;
    const externalId = optionIds.get(v.id);
    return { code: name, name, blocked: v.blocked, ...(externalId ? { externalId } : {}) };
  });
  return {
    draft: { code: mapping.xero, name: mapping.xero, blocked: dimension.blocked, values },
    optionNames,
  };
}
