import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUSTOMER_ALPHA, Harness, items, TENANT_A, TENANT_B } from './harness.js';

describe('Xero sandbox: admin API, call counts and injected faults', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start();
  });
  afterAll(async () => {
    await h.close();
  });

  it('counts calls per tenant and endpoint, not admin or identity calls', async () => {
    await h.admin('DELETE', '/calls');
    await h.api('GET', '/Invoices');
    await h.api('GET', '/Invoices');
    await h.api('GET', `/Contacts/${CUSTOMER_ALPHA}`);
    h.tenant = TENANT_B;
    await h.api('GET', '/Invoices');
    h.tenant = TENANT_A;
    await h.clientCredentials();
    await h.admin('GET', '/faults');
    const calls = (await h.admin('GET', '/calls')).body as {
      total: number;
      tenants: Record<string, { total: number; byEndpoint: Record<string, number> }>;
    };
    expect(calls.total).toBe(4);
    expect(calls.tenants[TENANT_A]).toEqual({
      total: 3,
      byEndpoint: { 'GET /Invoices': 2, 'GET /Contacts/{id}': 1 },
    });
    expect(calls.tenants[TENANT_B]?.byEndpoint).toEqual({ 'GET /Invoices': 1 });
  });

  it('injects Xero-shaped 429, 5xx and token-expired faults', async () => {
    await h.admin('POST', '/faults', {
      kind: 'rate-limit',
      path: '/Contacts',
      count: 1,
      retryAfterSeconds: 7,
    });
    const limited = await h.api('GET', '/Contacts');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(limited.headers.get('x-rate-limit-problem')).toBe('minute');
    expect(limited.body).toMatchObject({ Status: 429, Title: 'Too Many Requests' });

    await h.admin('POST', '/faults', { kind: 'status', status: 503, method: 'GET', count: 1 });
    const down = await h.api('GET', '/Contacts');
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ Status: 503, Title: 'Service Unavailable' });

    await h.admin('POST', '/faults', { kind: 'status', status: 500, count: 1 });
    expect((await h.api('GET', '/Contacts')).body).toMatchObject({ Status: 500, Title: 'An error occurred' });

    await h.admin('POST', '/faults', { kind: 'expire-token', count: 1 });
    const expired = await h.api('GET', '/Contacts');
    expect(expired.status).toBe(401);
    expect(String((expired.body as { Detail: string }).Detail)).toMatch(
      /^TokenExpired: token expired at \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}$/,
    );
    expect((await h.api('GET', '/Contacts')).status).toBe(200);
  });

  it('drop-after-commit commits the write but drops the answer', async () => {
    await h.admin('POST', '/faults', {
      kind: 'drop-after-commit',
      method: 'PUT',
      path: '/Contacts',
      count: 1,
    });
    await expect(h.api('PUT', '/Contacts', { Name: 'Dropped But Saved' })).rejects.toThrow();
    const found = items(
      (await h.api('GET', `/Contacts?where=${encodeURIComponent('Name=="Dropped But Saved"')}`)).body,
      'Contacts',
    );
    expect(found).toHaveLength(1);
  });

  it('resets every organisation to the demo data', async () => {
    await h.api('PUT', '/Contacts', { Name: 'Temporary' });
    const reset = await h.admin('POST', '/reset');
    expect(reset.body.tenants).toEqual([
      { tenantId: TENANT_A, name: 'Harness Trading Ltd' },
      { tenantId: TENANT_B, name: 'Second Org Ltd' },
    ]);
    expect(
      items(
        (await h.api('GET', `/Contacts?where=${encodeURIComponent('Name=="Temporary"')}`)).body,
        'Contacts',
      ),
    ).toHaveLength(0);
  });

  it('serves tracking categories with at most two active, and tax rates, accounts, items, currencies', async () => {
    const cats = items<{ Name: string; Options: unknown[] }>(
      (await h.api('GET', '/TrackingCategories')).body,
      'TrackingCategories',
    );
    expect(cats.map((c) => c.Name)).toEqual(['Area', 'Department']);
    const withArchived = items(
      (await h.api('GET', '/TrackingCategories?includeArchived=true')).body,
      'TrackingCategories',
    );
    expect(withArchived).toHaveLength(3);
    const third = await h.api('PUT', '/TrackingCategories', { Name: 'Region' });
    expect(third.status).toBe(400);
    expect(
      items<{ ValidationErrors: { Message: string }[] }>(third.body, 'Elements')[0]?.ValidationErrors[0]
        ?.Message,
    ).toBe('You can only have 2 active tracking categories.');
    const area = items<{ TrackingCategoryID: string }>(
      (await h.api('GET', '/TrackingCategories')).body,
      'TrackingCategories',
    )[0];
    const opt = await h.api('PUT', `/TrackingCategories/${area?.TrackingCategoryID ?? ''}/Options`, {
      Name: 'West',
    });
    expect(items(opt.body, 'Options')[0]).toMatchObject({ Name: 'West', Status: 'ACTIVE' });

    expect(items((await h.api('GET', '/TaxRates')).body, 'TaxRates').map((t) => t.TaxType)).toEqual(
      expect.arrayContaining(['OUTPUT2', 'INPUT2', 'NONE']),
    );
    expect(
      items(
        (await h.api('GET', `/Accounts?where=${encodeURIComponent('Type=="BANK"')}`)).body,
        'Accounts',
      ).map((a) => a.Code),
    ).toEqual(['090']);
    expect(items((await h.api('GET', '/Items')).body, 'Items')[0]).toMatchObject({
      Code: 'WIDGET',
      SalesDetails: { UnitPrice: 19.99, AccountCode: '200', TaxType: 'OUTPUT2' },
    });
    expect(items((await h.api('GET', '/Currencies')).body, 'Currencies').map((c) => c.Code)).toEqual([
      'GBP',
      'EUR',
    ]);
    const dupCode = await h.api('PUT', '/Items', { Items: [{ Code: 'WIDGET' }] });
    expect(dupCode.status).toBe(400);
    const acc = await h.api('PUT', '/Accounts', { Code: '200', Name: 'Another', Type: 'REVENUE' });
    expect(acc.status).toBe(400);
  });

  it('answers unknown resources with Xero’s plain 404', async () => {
    const r = await h.api('GET', '/Invoices/00000000-0000-4000-8000-000000000000');
    expect(r.status).toBe(404);
    expect(r.text).toBe("The resource you're looking for cannot be found");
  });
});
