// NAV dimensions reach Xero as tracking categories through the sandboxes: created once, a value
// added in NAV becomes an option a document line can then use, a blocked value archives its
// option, a name changed in Xero is put back (NAV owns dimensions), a re-run writes nothing, and
// the mirror serves them over GraphQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/schema.js';
import { XeroIdentityClient, identityEndpointsAt } from '../../src/systems/xero/index.js';
import { startServer, type RunningServer } from '../../src/graphql/server.js';
import { createLogger } from '../../src/ops/logger.js';
import type { DimensionPullReport } from '../../src/sync/pipelines/dimensions/pull.js';
import { startSyncEnv, type SyncEnv } from '../support/sync-env.js';

interface Option {
  TrackingOptionID: string;
  Name: string;
  Status: string;
}
interface Category {
  TrackingCategoryID: string;
  Name: string;
  Status: string;
  Options: Option[];
}
interface Calls {
  tenants: Record<string, { total: number; byEndpoint: Record<string, number> }>;
}

describe('NAV dimensions ⇄ Xero tracking categories', () => {
  let env: SyncEnv;
  let server: RunningServer | undefined;

  const categories = async () =>
    ((await env.xeroGet('/TrackingCategories?includeArchived=true')).TrackingCategories as Category[]) ?? [];
  const category = async (name: string) => (await categories()).find((c) => c.Name === name);
  /** Xero: the calls made since the last reset, by endpoint. */
  const xeroCalls = async () => {
    const body = (await (await fetch(`${env.sandboxes.xero.url}/__sandbox/calls`)).json()) as Calls;
    return body.tenants[env.xero.tenant]?.byEndpoint ?? {};
  };
  const writes = (calls: Record<string, number>) =>
    Object.entries(calls)
      .filter(([endpoint]) => !endpoint.startsWith('GET'))
      .reduce((n, [, c]) => n + c, 0);
  const resetCalls = async () => {
    await fetch(`${env.sandboxes.xero.url}/__sandbox/calls`, { method: 'DELETE' });
    await fetch(`${env.sandboxes.nav.url}/__sandbox/calls`, { method: 'DELETE' });
  };
  const navCalls = async () => {
    const body = (await (await fetch(`${env.sandboxes.nav.url}/__sandbox/calls`)).json()) as Calls;
    return Object.values(body.tenants).flatMap((t) => Object.entries(t.byEndpoint));
  };
  const sync = async (system: 'NAV' | 'XERO', full = false) => {
    const report = (await env.engine.pull(system, 'dimension', { full })) as DimensionPullReport;
    await env.engine.drain();
    return report;
  };
  const unsettled = async () =>
    (await env.db.prisma.syncJob.findMany({ where: { status: { not: 'SUCCEEDED' } } })).map((j) => [
      j.entityType,
      j.system,
      j.status,
      j.lastError,
    ]);
  const navJson = async (method: string, path: string, body?: unknown, headers?: Record<string, string>) => {
    const response = await env.nav$(method, path, body, headers);
    const text = await response.text();
    expect(response.status, `${method} ${path}: ${text}`).toBeLessThan(300);
    return (text ? JSON.parse(text) : {}) as Record<string, unknown>;
  };

  /** As a person deleting in Xero. */
  const xeroDelete = async (path: string) => {
    const token = await new XeroIdentityClient({
      clientId: 'sandbox',
      clientSecret: 'sandbox',
      endpoints: identityEndpointsAt(env.sandboxes.xero.url),
    }).clientCredentials();
    const response = await fetch(`${env.sandboxes.xero.url}/api.xro/2.0${path}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token.accessToken}`, 'xero-tenant-id': env.xero.tenant },
    });
    expect(response.status, `DELETE ${path}`).toBe(200);
  };

  beforeAll(async () => {
    // No documents: Xero's demo tracking categories are then unused and can go, so the first sync
    // starts from an organisation without any.
    env = await startSyncEnv({ salesInvoices: 0, purchaseInvoices: 0, salesOrders: 0 });
    for (const c of await categories()) await xeroDelete(`/TrackingCategories/${c.TrackingCategoryID}`);
    expect(await categories()).toEqual([]);
  });
  afterAll(async () => {
    await server?.close();
    await env?.close();
  });

  it('creates the mapped dimensions in Xero once, named as the lookup tables say', async () => {
    await resetCalls();
    const report = await sync('NAV');
    expect(report).toMatchObject({ read: 2, applied: 2, rejected: [], skipped: [] });
    expect(await unsettled()).toEqual([]);
    const all = await categories();
    expect(all.map((c) => c.Name).sort()).toEqual(['Area', 'Department']);
    const department = all.find((c) => c.Name === 'Department')!;
    expect(department.Status).toBe('ACTIVE');
    expect(department.Options.map((o) => o.Name).sort()).toEqual(['Administration', 'Production', 'Sales']);
    expect(
      all
        .find((c) => c.Name === 'Area')!
        .Options.map((o) => o.Name)
        .sort(),
    ).toEqual(['East', 'Export', 'Midlands', 'North', 'South', 'West'].sort());
    const calls = await xeroCalls();
    expect(calls['PUT /TrackingCategories']).toBe(2);
    expect(calls['PUT /TrackingCategories/{id}/Options']).toBe(9);
    expect(writes(calls)).toBe(11);

    // Linked both ways, value by value; the mirror says synced.
    const links = await env.db.prisma.externalLink.findMany({
      where: { entityType: { in: ['DIMENSION', 'DIMENSION_VALUE'] } },
    });
    expect(links.filter((l) => l.system === 'NAV')).toHaveLength(11);
    expect(links.filter((l) => l.system === 'XERO')).toHaveLength(11);
    expect(
      links.find(
        (l) => l.system === 'XERO' && l.entityType === 'DIMENSION' && l.externalNumber === 'Department',
      )?.externalId,
    ).toBe(department.TrackingCategoryID);
    const mirror = await env.db.prisma.dimension.findMany({ include: { values: true } });
    expect(mirror.map((d) => [d.code, d.syncStatus, d.values.length]).sort()).toEqual([
      ['AREA', 'SYNCED', 6],
      ['DEPARTMENT', 'SYNCED', 3],
    ]);

    // Once: read again (both systems), nothing is queued or written.
    await resetCalls();
    const jobs = await env.db.prisma.syncJob.count();
    expect(await sync('NAV', true)).toMatchObject({ read: 2, applied: 0, unchanged: 2 });
    expect(await sync('XERO', true)).toMatchObject({ read: 2, applied: 0, unchanged: 2, skipped: [] });
    expect(await env.db.prisma.syncJob.count()).toBe(jobs);
    expect(writes(await xeroCalls())).toBe(0);
    expect((await categories()).length).toBe(2);

    // Deleted in Xero (nothing uses it yet): put back, and linked to the new category.
    const area = (await category('Area'))!;
    await xeroDelete(`/TrackingCategories/${area.TrackingCategoryID}`);
    const restored = await sync('XERO');
    expect(restored.overruled).toEqual([
      { externalId: area.TrackingCategoryID, fields: ['deleted'], owner: 'NAV' },
    ]);
    expect(await unsettled()).toEqual([]);
    const again = (await category('Area'))!;
    expect(again.TrackingCategoryID).not.toBe(area.TrackingCategoryID);
    expect(again.Options.map((o) => o.Name).sort()).toEqual(area.Options.map((o) => o.Name).sort());
    const areaLink = await env.db.prisma.externalLink.findFirstOrThrow({
      where: { entityType: 'DIMENSION', system: 'XERO', externalNumber: 'Area' },
    });
    expect(areaLink.externalId).toBe(again.TrackingCategoryID);
    expect(await sync('XERO')).toMatchObject({ read: 2, unchanged: 2 });
  });

  it('sends a value added in NAV as a new option, and a document line using it syncs', async () => {
    await navJson('POST', '/DimensionValues', {
      Dimension_Code: 'DEPARTMENT',
      Code: 'RESEARCH',
      Name: 'Research & Development',
    });
    // A delta read: only the changed dimension comes back.
    expect(await sync('NAV')).toMatchObject({ read: 1, applied: 1 });
    expect(await unsettled()).toEqual([]);
    const department = (await category('Department'))!;
    expect(department.Options.map((o) => o.Name)).toContain('Research & Development');
    expect(department.Options).toHaveLength(4);

    // A NAV invoice whose line is tracked under the new value.
    const customers = (await navJson('GET', '/Customer')).value as Record<string, string>[];
    const customer = customers.find((c) => !c.Currency_Code && ['', '_x0020_'].includes(c.Blocked ?? ''))!;
    expect(customer).toBeDefined();
    const header = await navJson('POST', '/SalesInvoice', { Sell_to_Customer_No: customer.No });
    const base = `/SalesInvoice(Document_Type='Invoice',No='${header.No as string}')`;
    await navJson('POST', `${base}/SalesInvoiceSalesLines`, {
      Type: 'G/L Account',
      No: '6410',
      Description: 'Research services',
      Quantity: 2,
      Unit_Price: 250,
      VAT_Prod_Posting_Group: 'VAT20',
      Shortcut_Dimension_1_Code: 'RESEARCH',
      Shortcut_Dimension_2_Code: 'NORTH',
    });
    await navJson('POST', `${base}/NAV.Post`);
    const posted = (
      (
        await navJson(
          'GET',
          `/PostedSalesInvoices?$filter=${encodeURIComponent(`Pre_Assigned_No eq '${header.No as string}'`)}`,
        )
      ).value as { No: string }[]
    )[0]!;

    const pulled = await env.engine.pull('NAV', 'invoice');
    await env.engine.drain();
    expect(pulled.rejected).toEqual([]);
    expect(await unsettled()).toEqual([]);
    const xero = (
      (await env.xeroGet(`/Invoices?InvoiceNumbers=${encodeURIComponent(posted.No)}`)).Invoices as {
        InvoiceID: string;
      }[]
    )[0]!;
    const full = (
      (await env.xeroGet(`/Invoices/${xero.InvoiceID}`)).Invoices as {
        LineItems: { Tracking: { Name: string; Option: string }[] }[];
      }[]
    )[0]!;
    expect(full.LineItems[0]!.Tracking.map((t) => [t.Name, t.Option]).sort()).toEqual([
      ['Area', 'North'],
      ['Department', 'Research & Development'],
    ]);
    // The mirror keeps the line's values, and Xero's copy read back is an echo.
    const line = await env.db.prisma.invoiceLine.findFirstOrThrow({
      where: { invoice: { number: posted.No } },
      include: { dimensions: { include: { dimensionValue: true } } },
    });
    expect(line.dimensions.map((d) => d.dimensionValue.code).sort()).toEqual(['NORTH', 'RESEARCH']);
    expect((await env.engine.pull('XERO', 'invoice', { full: true })).rejected).toEqual([]);
    expect(await env.db.prisma.syncJob.count({ where: { status: 'PENDING' } })).toBe(0);
  });

  it('holds a document back until the option it uses is in Xero, when both are read together', async () => {
    await navJson('POST', '/DimensionValues', { Dimension_Code: 'DEPARTMENT', Code: 'QA', Name: 'Quality' });
    const customers = (await navJson('GET', '/Customer')).value as Record<string, string>[];
    const customer = customers.find((c) => !c.Currency_Code && ['', '_x0020_'].includes(c.Blocked ?? ''))!;
    const header = await navJson('POST', '/SalesInvoice', { Sell_to_Customer_No: customer.No });
    const base = `/SalesInvoice(Document_Type='Invoice',No='${header.No as string}')`;
    await navJson('POST', `${base}/SalesInvoiceSalesLines`, {
      Type: 'G/L Account',
      No: '6410',
      Description: 'Audit',
      Quantity: 1,
      Unit_Price: 90,
      VAT_Prod_Posting_Group: 'VAT20',
      Shortcut_Dimension_1_Code: 'QA',
    });
    await navJson('POST', `${base}/NAV.Post`);
    // Read both before any push: the invoice job is queued beside the dimension's.
    await env.engine.pull('NAV', 'dimension');
    expect((await env.engine.pull('NAV', 'invoice')).rejected).toEqual([]);
    await env.engine.drain();
    expect(await unsettled()).toEqual([]);
    const job = await env.db.prisma.syncJob.findFirstOrThrow({
      where: { entityType: 'INVOICE', system: 'XERO' },
      orderBy: { seq: 'desc' },
      include: { attemptLog: { orderBy: { attempt: 'asc' } } },
    });
    expect(job.attemptLog[0]?.message).toMatch(/waits for dimension DEPARTMENT to reach XERO/);
    expect(job.attemptLog.at(-1)?.outcome).toBe('succeeded');
    // Waiting sent nothing: it is no attempt, so it cannot wear a job down to a dead letter.
    expect(job.attemptLog[0]?.outcome).toBe('deferred');
    expect(job.attempts).toBe(1);
    const xero = (
      (
        await env.xeroGet(
          `/Invoices/${(await env.db.prisma.externalLink.findFirstOrThrow({ where: { entityType: 'INVOICE', system: 'XERO', entityId: job.entityId } })).externalId}`,
        )
      ).Invoices as { LineItems: { Tracking: { Name: string; Option: string }[] }[] }[]
    )[0]!;
    expect(xero.LineItems[0]!.Tracking.map((t) => [t.Name, t.Option])).toEqual([['Department', 'Quality']]);
  });

  it('archives the option of a value blocked in NAV', async () => {
    const key = `/DimensionValues(Dimension_Code='AREA',Code='EXPORT')`;
    const current = await navJson('GET', key);
    await navJson('PATCH', key, { Blocked: true }, { 'If-Match': current['@odata.etag'] as string });
    expect(await sync('NAV')).toMatchObject({ applied: 1 });
    expect(await unsettled()).toEqual([]);
    const area = (await category('Area'))!;
    expect(area.Options.find((o) => o.Name === 'Export')?.Status).toBe('ARCHIVED');
    expect(area.Options.filter((o) => o.Status === 'ACTIVE')).toHaveLength(5);
    const value = await env.db.prisma.dimensionValue.findFirstOrThrow({ where: { code: 'EXPORT' } });
    expect(value.blocked).toBe(true);
  });

  it('puts back an option renamed in Xero: NAV owns dimensions', async () => {
    const area = (await category('Area'))!;
    const north = area.Options.find((o) => o.Name === 'North')!;
    const renamed = await env.xeroPost(
      `/TrackingCategories/${area.TrackingCategoryID}/Options/${north.TrackingOptionID}`,
      { Options: [{ Name: 'Northern Region' }] },
    );
    expect(JSON.stringify(renamed)).toContain('Northern Region');

    const report = await sync('XERO');
    expect(report.overruled).toEqual([
      { externalId: area.TrackingCategoryID, fields: ['values.NORTH'], owner: 'NAV' },
    ]);
    expect(await unsettled()).toEqual([]);
    const after = (await category('Area'))!;
    expect(after.Options.find((o) => o.TrackingOptionID === north.TrackingOptionID)?.Name).toBe('North');

    // An option nothing uses, deleted in Xero, comes back too.
    const west = after.Options.find((o) => o.Name === 'West')!;
    await xeroDelete(`/TrackingCategories/${after.TrackingCategoryID}/Options/${west.TrackingOptionID}`);
    expect((await sync('XERO')).overruled).toEqual([
      { externalId: after.TrackingCategoryID, fields: ['values.WEST'], owner: 'NAV' },
    ]);
    expect((await category('Area'))!.Options.filter((o) => o.Name === 'West')).toHaveLength(1);
    // Put right once: the next read finds what we wrote.
    const again = await sync('XERO');
    expect(again).toMatchObject({ read: 2, unchanged: 2 });
    expect(again.overruled).toBeUndefined();
  });

  it('leaves out a NAV dimension the lookup tables do not map (skipped, not failed)', async () => {
    await navJson('POST', '/Dimensions', { Code: 'PROJECT', Name: 'Project' });
    await navJson('POST', '/DimensionValues', { Dimension_Code: 'PROJECT', Code: 'P1', Name: 'Pilot' });
    const jobs = await env.db.prisma.syncJob.count();
    const report = await sync('NAV');
    expect(report.skipped).toEqual([
      {
        externalId: 'PROJECT',
        reason: 'dimension PROJECT has no Xero tracking category in the lookup tables',
      },
    ]);
    expect(report.rejected).toEqual([]);
    expect(await env.db.prisma.syncJob.count()).toBe(jobs);
    expect((await categories()).map((c) => c.Name).sort()).toEqual(['Area', 'Department']);
    const project = await env.db.prisma.dimension.findUniqueOrThrow({ where: { code: 'PROJECT' } });
    expect(project.syncStatus).toBe('SYNCED');
  });

  it('re-running both reads writes nothing upstream', async () => {
    await resetCalls();
    const jobs = await env.db.prisma.syncJob.count();
    for (const system of ['NAV', 'XERO'] as const)
      for (const full of [false, true]) expect((await sync(system, full)).applied).toBe(0);
    expect(await env.db.prisma.syncJob.count()).toBe(jobs);
    expect(writes(await xeroCalls())).toBe(0);
    expect((await navCalls()).filter(([endpoint]) => !endpoint.startsWith('GET'))).toEqual([]);
  });

  it('serves the mirror: the dimensions query returns them with their values and links', async () => {
    const config = configSchema.parse({ PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'test' });
    server = await startServer(config, env.db, createLogger('silent', { pretty: false }), env.services);
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `{ dimensions(first: 10) { totalCount nodes { code name blocked
          sync { status sources { system externalId externalNumber } }
          values { code name blocked sync { status sources { system externalNumber } } } } } }`,
      }),
    });
    const body = (await response.json()) as {
      errors?: unknown;
      data: {
        dimensions: {
          totalCount: number;
          nodes: {
            code: string;
            name: string;
            blocked: boolean;
            sync: {
              status: string;
              sources: { system: string; externalId: string; externalNumber: string }[];
            };
            values: {
              code: string;
              name: string;
              blocked: boolean;
              sync: { status: string; sources: { system: string; externalNumber: string }[] };
            }[];
          }[];
        };
      };
    };
    expect(body.errors).toBeUndefined();
    const { totalCount, nodes } = body.data.dimensions;
    expect(totalCount).toBe(3);
    expect(nodes.map((d) => d.code)).toEqual(['AREA', 'DEPARTMENT', 'PROJECT']);
    const department = nodes.find((d) => d.code === 'DEPARTMENT')!;
    expect(department.sync.status).toBe('SYNCED');
    expect(department.sync.sources.map((s) => [s.system, s.externalNumber]).sort()).toEqual([
      ['NAV', 'DEPARTMENT'],
      ['XERO', 'Department'],
    ]);
    const research = department.values.find((v) => v.code === 'RESEARCH')!;
    expect(research).toMatchObject({ name: 'Research & Development', blocked: false });
    expect(research.sync.sources.map((s) => [s.system, s.externalNumber]).sort()).toEqual([
      ['NAV', 'RESEARCH'],
      ['XERO', 'Research & Development'],
    ]);
    const area = nodes.find((d) => d.code === 'AREA')!;
    expect(area.values.find((v) => v.code === 'EXPORT')?.blocked).toBe(true);
    expect(nodes.find((d) => d.code === 'PROJECT')!.sync.sources.map((s) => s.system)).toEqual(['NAV']);
  });
});
