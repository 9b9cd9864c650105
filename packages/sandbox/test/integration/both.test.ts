// Both sandboxes together, as `npm run sandbox` starts them: one demo company in two systems.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandboxes, type RunningSandboxes } from '../../src/index.js';

describe('startSandboxes', () => {
  let sandboxes: RunningSandboxes;

  beforeAll(async () => {
    sandboxes = await startSandboxes({ xeroPort: 0, navPort: 0 });
  });

  afterAll(async () => {
    await sandboxes?.close();
  });

  it('serves the same demo company as a Xero organisation and a NAV/BC company', async () => {
    expect(sandboxes.xero.tenants.map((t) => t.tenantId)).toEqual([sandboxes.nav.companyId]);
    const token = await fetch(`${sandboxes.xero.url}/connect/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from('sandbox:sandbox').toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    const { access_token } = (await token.json()) as { access_token: string };
    const contacts = await fetch(`${sandboxes.xero.url}/api.xro/2.0/Contacts?where=ContactNumber=="C00010"`, {
      headers: {
        authorization: `Bearer ${access_token}`,
        'xero-tenant-id': sandboxes.nav.companyId,
        accept: 'application/json',
      },
    });
    const xeroContact = ((await contacts.json()) as { Contacts: { Name: string }[] }).Contacts[0];

    const company = encodeURIComponent(sandboxes.nav.companyName);
    const customer = await fetch(
      `${sandboxes.nav.url}/DynamicsNAV110/ODataV4/Company('${company}')/Customer('C00010')`,
      {
        headers: { authorization: `Basic ${Buffer.from('ADMIN:sandbox').toString('base64')}` },
      },
    );
    const navCustomer = (await customer.json()) as { Name: string };
    expect(xeroContact?.Name).toBe(navCustomer.Name);
  });

  it('describes its endpoints and demo credentials', () => {
    const text = sandboxes.describe();
    expect(text).toContain(`${sandboxes.xero.url}/connect/token`);
    expect(text).toContain('/DynamicsNAV110/ODataV4/');
    expect(text).toContain('"ADMIN"');
  });
});
