// Reading dimensions with their values through the NAV/BC connector over HTTP, in both dialects:
// NAV publishes values on a page of their own (one look-up per page of dimensions), BC expands
// them under each dimension (one call); a value added or blocked in NAV shows on the next read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RemoteRecord } from '../../../../src/systems/system.js';
import type { NavConnector } from '../../../../src/systems/nav/index.js';
import type { RunningNavSandbox } from '@ledgerbridge/sandbox/nav/index.js';
import { baseUrl, callCount, connect, rawRequest, sandboxAdmin, startSandbox } from './harness.js';

let sandbox: RunningNavSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ demo: { customers: 3, vendors: 1, items: 2, salesInvoices: 0 } });
});
afterAll(async () => {
  await sandbox?.close();
});

async function listAll(c: NavConnector): Promise<RemoteRecord<'dimension'>[]> {
  const out: RemoteRecord<'dimension'>[] = [];
  for await (const page of c.list('dimension')) out.push(...page.records);
  return out;
}

const navRoot = () =>
  `${baseUrl(sandbox, 'nav-odata-v4')}/Company('${encodeURIComponent(sandbox.companyName)}')`;

describe('NAV OData V4: Dimensions and DimensionValues', () => {
  let nav: NavConnector;
  beforeAll(async () => {
    nav = await connect(sandbox, 'nav-odata-v4');
  });

  it('lists each dimension with its values, in two calls', async () => {
    await sandboxAdmin.resetCalls(sandbox);
    const dims = await listAll(nav);
    expect(await callCount(sandbox)).toBe(2);
    const department = dims.find((d) => d.externalId === 'DEPARTMENT');
    expect(department).toMatchObject({
      externalNumber: 'DEPARTMENT',
      active: true,
      data: { code: 'DEPARTMENT', name: 'Department', blocked: false },
    });
    expect(department?.data.values).toEqual([
      {
        code: 'ADM',
        name: 'Administration',
        blocked: false,
        externalId: "Dimension_Code='DEPARTMENT',Code='ADM'",
      },
      {
        code: 'PROD',
        name: 'Production',
        blocked: false,
        externalId: "Dimension_Code='DEPARTMENT',Code='PROD'",
      },
      {
        code: 'SALES',
        name: 'Sales',
        blocked: false,
        externalId: "Dimension_Code='DEPARTMENT',Code='SALES'",
      },
    ]);
    expect(dims.find((d) => d.externalId === 'AREA')?.data.values).toHaveLength(6);
  });

  it('sees a value added and a value blocked in NAV; getMany reads by code', async () => {
    const added = await rawRequest(`${navRoot()}/DimensionValues`, 'POST', {
      Dimension_Code: 'AREA',
      Code: 'ISLANDS',
      Name: 'Islands',
    });
    expect(added.status).toBe(201);
    const key = `${navRoot()}/DimensionValues(Dimension_Code='AREA',Code='EXPORT')`;
    const current = await rawRequest(key, 'GET');
    const blocked = await rawRequest(key, 'PATCH', { Blocked: true }, { 'if-match': current.etag ?? '*' });
    expect(blocked.status).toBe(200);

    const area = (await nav.getMany('dimension', ['AREA'])).get('AREA');
    expect(area?.data.values.find((v) => v.code === 'ISLANDS')).toMatchObject({
      name: 'Islands',
      blocked: false,
    });
    expect(area?.data.values.find((v) => v.code === 'EXPORT')?.blocked).toBe(true);
    expect((await nav.getMany('dimension', ['NOPE'])).size).toBe(0);
  });
});

describe('Business Central API v2.0: dimensions with dimensionValues expanded', () => {
  let bc: NavConnector;
  beforeAll(async () => {
    bc = await connect(sandbox, 'bc-api-v2');
  });

  it('lists each dimension with its values in one call, keyed by id', async () => {
    await sandboxAdmin.resetCalls(sandbox);
    const dims = await listAll(bc);
    expect(await callCount(sandbox)).toBe(1);
    const department = dims.find((d) => d.externalNumber === 'DEPARTMENT');
    expect(department?.externalId).toMatch(/^[0-9a-f-]{36}$/);
    expect(department?.data).toMatchObject({ code: 'DEPARTMENT', name: 'Department', blocked: false });
    expect(department?.data.values.map((v) => [v.code, v.name])).toEqual([
      ['ADM', 'Administration'],
      ['PROD', 'Production'],
      ['SALES', 'Sales'],
    ]);
    expect(department?.data.values.every((v) => /^[0-9a-f-]{36}$/.test(v.externalId ?? ''))).toBe(true);
    const again = (await bc.getMany('dimension', [department!.externalId])).get(department!.externalId);
    expect(again?.data).toEqual(department?.data);
  });
});
