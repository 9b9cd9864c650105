// NAV_ID_FIELDS: which NAV page field stores our id on customers, vendors and items.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/load.js';

function problems(env: Record<string, string>): { key: string; expected: string }[] {
  try {
    loadConfig(env, null);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
}

describe('NAV_ID_FIELDS', () => {
  it('is unset by default: no id field, master data is found by number (or name and e-mail)', () => {
    expect(loadConfig({}, null).NAV_ID_FIELDS).toBeUndefined();
  });

  it('reads entity=Field pairs, spaces allowed, for any of customer, vendor and item', () => {
    expect(
      loadConfig({ NAV_ID_FIELDS: 'customer=LB_Id, vendor = LB_Id,item=LB_Item_Id' }, null),
    ).toMatchObject({ NAV_ID_FIELDS: { customer: 'LB_Id', vendor: 'LB_Id', item: 'LB_Item_Id' } });
    expect(loadConfig({ NAV_ID_FIELDS: 'vendor=LB_Id' }, null).NAV_ID_FIELDS).toEqual({ vendor: 'LB_Id' });
  });

  it.each([
    ['an entity that is not master data', 'invoice=LB_Id'],
    ['a pair without a field', 'customer=,vendor=LB_Id'],
    ['a field name starting with a digit', 'item=9Id'],
    ['a field name NAV cannot publish', 'customer=LB Id'],
    ['a missing =', 'customer:LB_Id'],
    ['an empty pair', 'customer=LB_Id,,vendor=LB_Id'],
  ])('refuses %s, saying what it expects without echoing the value', (_why, value) => {
    const found = problems({ NAV_ID_FIELDS: value });
    expect(found.map((p) => p.key)).toEqual(['NAV_ID_FIELDS']);
    expect(found[0]!.expected).toContain('comma-separated entity=Field pairs');
    expect(found[0]!.expected).toContain('customer=LB_Id,vendor=LB_Id,item=LB_Id');
    expect(found[0]!.expected).not.toContain(value);
  });

  it('refuses an entity named twice', () => {
    const found = problems({ NAV_ID_FIELDS: 'customer=LB_Id,customer=LB_Other' });
    expect(found.map((p) => p.key)).toEqual(['NAV_ID_FIELDS']);
    expect(found[0]!.expected).toMatch(/^customer is named more than once/);
  });

  it('refuses Business Central, whose API v2.0 pages cannot carry a field of ours', () => {
    const found = problems({ NAV_DIALECT: 'bc-api-v2', NAV_ID_FIELDS: 'customer=LB_Id' });
    expect(found.map((p) => p.key)).toEqual(['NAV_ID_FIELDS']);
    expect(found[0]!.expected).toContain('only with NAV_DIALECT=nav-odata-v4');
  });
});
