// Dimensions ⇄ tracking categories without I/O: the option names values get in Xero (the lookup
// tables', else NAV's, never two alike), translating values the tables do not list, the category a
// dimension becomes, the hashes echo suppression compares, and the NAV/BC dimension mappers.
import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../../src/systems/errors.js';
import { bcDimensionFromWire } from '../../src/systems/nav/mapper-bc.js';
import { navDimensionFromWire, navDimensionValuesFromWire } from '../../src/systems/nav/mapper-nav.js';
import { Lookups, UnmappedCodeError } from '../../src/mapping/lookups.js';
import {
  dimensionFields,
  dimensionFromPayload,
  navDimensionHash,
  trackingCategoryFor,
  xeroDimensionHash,
} from '../../src/sync/pipelines/dimensions/drafts.js';

const demo = () => Lookups.fromFile('config/lookups.demo.yaml');

describe('Xero option names of NAV dimension values', () => {
  it('are the tables’ names, else the NAV name; a name taken gets the code', async () => {
    const lookups = await demo();
    const names = lookups.xeroOptionNames('DEPARTMENT', [
      { code: 'SALES', name: 'Sales dept.' },
      { code: 'RESEARCH', name: 'Research' },
      { code: 'ADMIN2', name: 'administration' }, // Xero ignores case: taken by ADM
      { code: 'BLANK', name: '  ' },
      { code: 'AAA', name: 'Research' }, // first in code order keeps the plain name
    ]);
    expect(Object.fromEntries(names)).toEqual({
      SALES: 'Sales',
      AAA: 'Research',
      ADMIN2: 'administration (ADMIN2)',
      BLANK: 'BLANK',
      RESEARCH: 'Research (RESEARCH)',
    });
    expect(lookups.xeroOptionNames('PROJECT', [{ code: 'P1', name: 'Pilot' }]).size).toBe(0);
  });

  it('translate values the tables do not list once the mirror’s values are known, both ways', async () => {
    const lookups = await demo();
    expect(() => lookups.dimensionToXero('DEPARTMENT', 'RESEARCH')).toThrow(UnmappedCodeError);
    lookups.useSyncedDimensionValues([
      { dimension: 'DEPARTMENT', code: 'RESEARCH', name: 'Research & Development' },
      { dimension: 'DEPARTMENT', code: 'SALES', name: 'Sales dept.' },
      { dimension: 'PROJECT', code: 'P1', name: 'Pilot' },
    ]);
    expect(lookups.dimensionToXero('DEPARTMENT', 'RESEARCH')).toEqual({
      category: 'Department',
      option: 'Research & Development',
    });
    expect(lookups.dimensionToNav('Department', 'research & development')).toEqual({
      dimension: 'DEPARTMENT',
      value: 'RESEARCH',
    });
    // The tables still win for what they list; unmapped dimensions stay unmapped.
    expect(lookups.dimensionToXero('DEPARTMENT', 'SALES').option).toBe('Sales');
    expect(lookups.dimensionToNav('Department', 'Sales').value).toBe('SALES');
    expect(() => lookups.dimensionToXero('PROJECT', 'P1')).toThrow(/dimension "PROJECT"/);
    // Each call replaces what was known.
    lookups.useSyncedDimensionValues([]);
    expect(() => lookups.dimensionToXero('DEPARTMENT', 'RESEARCH')).toThrow(/DEPARTMENT=RESEARCH/);
  });
});

describe('the tracking category a dimension becomes', () => {
  const payload = {
    id: 'd1',
    code: 'AREA',
    name: 'Area',
    blocked: false,
    values: [
      { id: 'v2', code: 'NORTH', name: 'North', blocked: false },
      { id: 'v1', code: 'ISLANDS', name: 'Islands', blocked: false },
      { id: 'v3', code: 'EXPORT', name: 'Export', blocked: true },
    ],
  };

  it('is named by the tables, options in code order, blocked values archived, linked options by id', async () => {
    const { draft } = trackingCategoryFor(payload, await demo(), new Map([['v2', 'opt-north']]));
    expect(draft).toEqual({
      code: 'Area',
      name: 'Area',
      blocked: false,
      values: [
        { code: 'Export', name: 'Export', blocked: true },
        { code: 'Islands', name: 'Islands', blocked: false },
        { code: 'North', name: 'North', blocked: false, externalId: 'opt-north' },
      ],
    });
  });

  it('is refused as validation for a dimension the tables do not map', async () => {
    const lookups = await demo();
    let caught: unknown;
    try {
      trackingCategoryFor({ ...payload, code: 'PROJECT' }, lookups, new Map());
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConnectorError);
    expect(caught).toMatchObject({ kind: 'validation' });
  });

  it('reads back from a payload, naming what is missing', () => {
    expect(dimensionFromPayload(JSON.parse(JSON.stringify(payload)))).toEqual(payload);
    expect(() => dimensionFromPayload({ ...payload, values: [{ id: 'x' }] })).toThrow(/values\.0\.code/);
    expect(() => dimensionFromPayload({ code: 'AREA' })).toThrow(/"values"/);
  });
});

describe('hashes', () => {
  it('NAV: the same dimension in any value order hashes alike; a changed table changes it', async () => {
    const lookups = await demo();
    const draft = {
      code: 'AREA',
      name: 'Area',
      blocked: false,
      values: [
        { code: 'NORTH', name: 'North', blocked: false, externalId: 'a' },
        { code: 'SOUTH', name: 'South', blocked: false, externalId: 'b' },
      ],
    };
    const hash = navDimensionHash(dimensionFields(draft), lookups);
    expect(
      navDimensionHash(dimensionFields({ ...draft, values: [...draft.values].reverse() }), lookups),
    ).toBe(hash);
    const renamed = new Lookups({
      ...lookups.tables,
      dimensions: lookups.tables.dimensions.map((d) => (d.nav === 'AREA' ? { ...d, xero: 'Region' } : d)),
    });
    expect(navDimensionHash(dimensionFields(draft), renamed)).not.toBe(hash);
  });

  it('Xero: counts our options (a missing one too), not options someone else added', () => {
    const data = {
      code: 'Area',
      name: 'Area',
      blocked: false,
      values: [
        { code: 'North', name: 'North', blocked: false, externalId: 'O1' },
        { code: 'Theirs', name: 'Theirs', blocked: false, externalId: 'o9' },
      ],
    };
    const hash = xeroDimensionHash(data, ['o1']);
    expect(xeroDimensionHash({ ...data, values: [data.values[0]!] }, ['o1'])).toBe(hash);
    expect(
      xeroDimensionHash({ ...data, values: [{ ...data.values[0]!, name: 'Northern' }] }, ['o1']),
    ).not.toBe(hash);
    expect(xeroDimensionHash(data, ['o1', 'o2'])).not.toBe(hash);
  });
});

describe('NAV and BC dimension mappers', () => {
  it('NAV keeps Standard values only, keyed by Dimension_Code and Code', () => {
    const values = navDimensionValuesFromWire([
      {
        Dimension_Code: 'AREA',
        Code: 'NORTH',
        Name: 'North',
        Blocked: false,
        Dimension_Value_Type: 'Standard',
      },
      {
        Dimension_Code: 'AREA',
        Code: 'ALL',
        Name: 'All',
        Blocked: false,
        Dimension_Value_Type: 'Begin_x002D_Total',
      },
      { Dimension_Code: "O'NEIL", Code: 'X', Name: 'X', Blocked: true },
    ]);
    expect(values).toEqual([
      { code: 'NORTH', name: 'North', blocked: false, externalId: "Dimension_Code='AREA',Code='NORTH'" },
      { code: 'X', name: 'X', blocked: true, externalId: "Dimension_Code='O''NEIL',Code='X'" },
    ]);
    expect(navDimensionFromWire({ Code: 'AREA', Name: 'Area', Blocked: true })).toMatchObject({
      externalId: 'AREA',
      active: false,
      data: { code: 'AREA', blocked: true, values: [] },
    });
  });

  it('BC takes the expanded values; changed when the dimension or any value last changed', () => {
    const record = bcDimensionFromWire({
      id: 'd-1',
      code: 'AREA',
      displayName: 'Area',
      lastModifiedDateTime: '2026-01-01T00:00:00Z',
      lines: [
        { id: 'v-1', code: 'NORTH', displayName: 'North', lastModifiedDateTime: '2026-03-01T00:00:00Z' },
        { id: 'v-2', code: 'SOUTH', displayName: 'South' },
      ],
    });
    expect(record).toMatchObject({ externalId: 'd-1', externalNumber: 'AREA', active: true });
    expect(record.remoteUpdatedAt?.toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(record.data.values).toEqual([
      { code: 'NORTH', name: 'North', blocked: false, externalId: 'v-1' },
      { code: 'SOUTH', name: 'South', blocked: false, externalId: 'v-2' },
    ]);
  });
});
