import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { first, Harness, items, START, TENANT_A, TENANT_B } from './harness.js';

const form = (body: Record<string, string>, basic = 'sandbox:sandbox') => ({
  method: 'POST',
  headers: {
    authorization: `Basic ${Buffer.from(basic).toString('base64')}`,
    'content-type': 'application/x-www-form-urlencoded',
  },
  body: new URLSearchParams(body).toString(),
});

describe('Xero sandbox: identity, tenants and 401/403 shapes', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start();
  });
  afterAll(async () => {
    await h.close();
  });

  it('issues 30-minute client-credentials tokens shaped like JWTs', async () => {
    const res = await fetch(`${h.url}/connect/token`, form({ grant_type: 'client_credentials' }));
    const body = (await res.json()) as Record<string, unknown>;
    expect(res.status).toBe(200);
    expect(body).toMatchObject({ expires_in: 1800, token_type: 'Bearer' });
    expect(String(body.access_token).split('.')).toHaveLength(3);
    expect(body.refresh_token).toBeUndefined();
    const bad = await fetch(
      `${h.url}/connect/token`,
      form({ grant_type: 'client_credentials' }, 'sandbox:wrong'),
    );
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'invalid_client' });
    expect(await (await fetch(`${h.url}/connect/token`, form({ grant_type: 'password' }))).json()).toEqual({
      error: 'unsupported_grant_type',
    });
  });

  it('runs the authorization-code flow with rotating, single-use refresh tokens', async () => {
    const auth = await fetch(
      `${h.url}/connect/authorize?response_type=code&client_id=sandbox&redirect_uri=${encodeURIComponent('http://localhost/cb')}&scope=offline_access%20accounting.transactions&state=xyz`,
      { redirect: 'manual' },
    );
    expect(auth.status).toBe(302);
    const location = new URL(auth.headers.get('location') ?? '');
    expect(location.origin + location.pathname).toBe('http://localhost/cb');
    expect(location.searchParams.get('state')).toBe('xyz');
    const code = location.searchParams.get('code') ?? '';
    const tokens = (await (
      await fetch(
        `${h.url}/connect/token`,
        form({ grant_type: 'authorization_code', code, redirect_uri: 'http://localhost/cb' }),
      )
    ).json()) as Record<string, string>;
    expect(tokens.refresh_token).toBeTruthy();
    // A code is single use.
    expect(
      (
        await fetch(
          `${h.url}/connect/token`,
          form({ grant_type: 'authorization_code', code, redirect_uri: 'http://localhost/cb' }),
        )
      ).status,
    ).toBe(400);

    const r1 = await fetch(
      `${h.url}/connect/token`,
      form({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token ?? '' }),
    );
    const rotated = (await r1.json()) as Record<string, string>;
    expect(rotated.refresh_token).not.toBe(tokens.refresh_token);
    const reuse = await fetch(
      `${h.url}/connect/token`,
      form({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token ?? '' }),
    );
    expect(reuse.status).toBe(400);
    expect(await reuse.json()).toEqual({ error: 'invalid_grant' });
    const r2 = await fetch(
      `${h.url}/connect/token`,
      form({ grant_type: 'refresh_token', refresh_token: rotated.refresh_token ?? '' }),
    );
    expect(r2.status).toBe(200);
  });

  it('lists connections for every organisation, each with its own state', async () => {
    const res = await fetch(`${h.url}/connections`, { headers: { authorization: `Bearer ${h.token}` } });
    const list = (await res.json()) as Record<string, string>[];
    expect(list.map((c) => [c.tenantId, c.tenantName, c.tenantType])).toEqual([
      [TENANT_A, 'Harness Trading Ltd', 'ORGANISATION'],
      [TENANT_B, 'Second Org Ltd', 'ORGANISATION'],
    ]);
    expect(list[0]?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(list[0]?.createdDateUtc).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}$/);

    await h.api('PUT', '/Contacts', { Name: 'Only In A' });
    h.tenant = TENANT_B;
    expect(
      items(
        (await h.api('GET', `/Contacts?where=${encodeURIComponent('Name=="Only In A"')}`)).body,
        'Contacts',
      ),
    ).toHaveLength(0);
    expect(first((await h.api('GET', '/Organisation')).body, 'Organisations')).toMatchObject({
      Name: 'Second Org Ltd',
      OrganisationID: TENANT_B,
    });
    h.tenant = TENANT_A;
  });

  it('answers 401 AuthenticationUnsuccessful without a valid token and 403 without a connected tenant', async () => {
    const none = await fetch(`${h.url}/api.xro/2.0/Contacts`, { headers: { 'xero-tenant-id': TENANT_A } });
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({
      Type: null,
      Title: 'Unauthorized',
      Status: 401,
      Detail: 'AuthenticationUnsuccessful',
      Extensions: {},
    });
    const noTenant = await fetch(`${h.url}/api.xro/2.0/Contacts`, {
      headers: { authorization: `Bearer ${h.token}` },
    });
    expect(noTenant.status).toBe(403);
    expect(await noTenant.json()).toMatchObject({
      Type: null,
      Title: 'Forbidden',
      Status: 403,
      Detail: 'AuthenticationUnsuccessful',
    });
    const unknown = await fetch(`${h.url}/api.xro/2.0/Contacts`, {
      headers: {
        authorization: `Bearer ${h.token}`,
        'xero-tenant-id': '99999999-9999-4999-8999-999999999999',
      },
    });
    expect(unknown.status).toBe(403);
  });

  it('expires access tokens after 30 minutes with Xero’s TokenExpired detail', async () => {
    const token = await h.clientCredentials();
    h.clock.ms = START + 30 * 60_000;
    const res = await fetch(`${h.url}/api.xro/2.0/Organisation`, {
      headers: { authorization: `Bearer ${token}`, 'xero-tenant-id': TENANT_A },
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { Detail: string }).Detail).toBe(
      'TokenExpired: token expired at 06/01/2026 00:30:00',
    );
    await h.setClock(START + 31 * 60_000);
    await h.admin('POST', '/tokens/expire');
    expect((await h.api('GET', '/Organisation')).status).toBe(401);
    h.token = await h.clientCredentials();
    expect((await h.api('GET', '/Organisation')).status).toBe(200);
  });

  it('disconnecting a tenant revokes it for that authorisation', async () => {
    const token = await h.clientCredentials();
    const list = (await (
      await fetch(`${h.url}/connections`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { id: string; tenantId: string }[];
    const b = list.find((c) => c.tenantId === TENANT_B);
    expect(
      (
        await fetch(`${h.url}/connections/${b?.id ?? ''}`, {
          method: 'DELETE',
          headers: { authorization: `Bearer ${token}` },
        })
      ).status,
    ).toBe(204);
    const after = await fetch(`${h.url}/api.xro/2.0/Organisation`, {
      headers: { authorization: `Bearer ${token}`, 'xero-tenant-id': TENANT_B },
    });
    expect(after.status).toBe(403);
  });
});
