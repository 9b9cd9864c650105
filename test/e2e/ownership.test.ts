// Source of truth per field: a change in Xero to a field NAV owns is not taken — the mirror and
// NAV keep NAV's value and Xero is set right — while the fields nobody owns go through as usual.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ownership } from '../../src/sync/policy/ownership.js';
import { startSyncEnv, type SyncEnv } from '../support/sync-env.js';

interface XeroContact {
  ContactID: string;
  ContactNumber?: string;
  Name: string;
  EmailAddress?: string;
}

describe('ownership rules', () => {
  let env: SyncEnv;
  const contact = async (id: string) =>
    ((await env.xeroGet(`/Contacts/${id}`)).Contacts as XeroContact[])[0]!;
  const navCustomer = async (no: string) =>
    (await (await env.nav$('GET', `/Customer('${no}')`)).json()) as {
      Name: string;
      E_Mail: string;
      Credit_Limit_LCY: number;
    };

  beforeAll(async () => {
    env = await startSyncEnv({}, { ownership: { customer: { email: 'NAV', creditLimit: 'NAV' } } });
    await env.engine.pull('NAV', 'customer');
    await env.engine.drain();
    await env.engine.pull('XERO', 'customer');
    await env.engine.drain();
  });
  afterAll(async () => {
    await env?.close();
  });

  it('keeps the owner’s field, corrects the other system, and passes the rest on', async () => {
    const customer = await env.db.prisma.customer.findFirstOrThrow({
      where: { email: { not: null }, creditLimit: { gt: 0 }, status: 'ACTIVE' },
      orderBy: { number: 'asc' },
    });
    const link = await env.db.prisma.externalLink.findFirstOrThrow({
      where: { entityType: 'CUSTOMER', entityId: customer.id, system: 'XERO' },
    });
    await env.xeroPost('/Contacts', {
      Contacts: [
        {
          ContactID: link.externalId,
          Name: `${customer.name} Renamed`,
          EmailAddress: 'someone.else@example.com',
        },
      ],
    });

    const report = await env.engine.pull('XERO', 'customer');
    expect(report.overruled).toEqual([{ externalId: link.externalId, fields: ['email'], owner: 'NAV' }]);
    await env.engine.drain();

    const mirrored = await env.db.prisma.customer.findUniqueOrThrow({ where: { id: customer.id } });
    expect(mirrored.name).toBe(`${customer.name} Renamed`);
    expect(mirrored.email).toBe(customer.email);
    expect(mirrored.creditLimit?.toString()).toBe(customer.creditLimit?.toString()); // Xero has none: kept
    const nav = await navCustomer(customer.number!);
    expect(nav.Name).toBe(`${customer.name} Renamed`);
    expect(nav.E_Mail).toBe(customer.email);
    expect(String(nav.Credit_Limit_LCY)).toBe(Number(customer.creditLimit).toString());
    expect((await contact(link.externalId)).EmailAddress).toBe(customer.email);
    expect(await env.db.prisma.syncJob.count({ where: { status: { not: 'SUCCEEDED' } } })).toBe(0);

    // Settled: reading both again changes nothing.
    expect((await env.engine.pull('XERO', 'customer')).applied).toBe(0);
    expect((await env.engine.pull('NAV', 'customer')).applied).toBe(0);
  });
});

describe('ownership rules file', () => {
  it('reads rules per entity or per field and refuses an unknown system, naming the path', () => {
    const rules = new Ownership({ customer: { creditLimit: 'NAV' }, item: 'NAV' });
    expect(rules.foreignTo('customer', 'XERO')).toEqual({ all: false, fields: ['creditLimit'] });
    expect(rules.foreignTo('customer', 'NAV')).toEqual({ all: false, fields: [] });
    expect(rules.foreignTo('item', 'XERO')).toEqual({ all: true, owner: 'NAV' });
    expect(rules.foreignTo('vendor', 'XERO')).toEqual({ all: false, fields: [] });
  });
});
