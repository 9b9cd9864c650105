// Master data kept consistent between NAV and Xero through the sandboxes: initial sync without
// duplicates, echo suppression, updates both ways, and a GraphQL change reaching both systems.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Lookups } from '../../src/mapping/lookups.js';
import { partyDraftFor } from '../../src/sync/pipelines/master-data/translate.js';
import { startSyncEnv, type SyncEnv } from '../support/sync-env.js';

interface XeroContact {
  ContactID: string;
  ContactNumber?: string;
  Name: string;
  EmailAddress?: string;
  ContactStatus: string;
}

describe('master-data sync between NAV and Xero', () => {
  let env: SyncEnv;

  const xeroContacts = async () =>
    ((await env.xeroGet('/Contacts?includeArchived=true')).Contacts as XeroContact[]) ?? [];
  const navCustomers = async () =>
    (
      (await (await env.nav$('GET', '/Customer')).json()) as {
        value: { No: string; Name: string; E_Mail: string }[];
      }
    ).value;

  beforeAll(async () => {
    env = await startSyncEnv();
  });

  afterAll(async () => {
    await env?.close();
  });

  it('initial sync: every NAV customer in Xero exactly once, Xero-only customers created in NAV', async () => {
    const nav = await env.engine.pull('NAV', 'customer');
    await env.engine.drain();
    const xero = await env.engine.pull('XERO', 'customer');
    await env.engine.drain();
    expect(nav.read).toBeGreaterThan(0);

    const contacts = await xeroContacts();
    const customers = await navCustomers();
    for (const customer of customers) {
      const matching = contacts.filter((c) => c.ContactNumber === customer.No);
      expect(matching, `Xero contacts for ${customer.No}`).toHaveLength(1);
      expect(matching[0]!.Name).toBe(customer.Name);
    }
    // Contacts that existed only in Xero now exist in NAV too (NAV numbered them).
    const mirrored = await env.db.prisma.customer.findMany();
    expect(mirrored.every((c) => c.number !== null)).toBe(true);
    expect(mirrored.length).toBe(customers.length);
    expect(xero.read).toBeGreaterThan(0);

    const dead = await env.db.prisma.syncJob.count({ where: { status: { in: ['DEAD', 'CANCELLED'] } } });
    expect(dead).toBe(0);
    expect(await env.db.prisma.customer.count({ where: { syncStatus: { not: 'SYNCED' } } })).toBe(0);
  });

  it('sends NAV items to Xero under their NAV number', async () => {
    const pulled = await env.engine.pull('NAV', 'item');
    expect(pulled.applied).toBeGreaterThan(0);
    await env.engine.drain();
    const items = await env.db.prisma.item.findMany();
    const codes = ((await env.xeroGet('/Items')).Items as { Code: string }[]).map((i) => i.Code);
    for (const item of items)
      expect(
        codes.filter((c) => c === item.number),
        item.number,
      ).toHaveLength(1);
    expect(
      await env.db.prisma.syncJob.count({ where: { entityType: 'ITEM', status: { not: 'SUCCEEDED' } } }),
    ).toBe(0);
  });

  it('suppresses echoes: what we wrote comes back unchanged and is not pushed again', async () => {
    const jobsBefore = await env.db.prisma.syncJob.count();
    const fromXero = await env.engine.pull('XERO', 'customer');
    const fromNav = await env.engine.pull('NAV', 'customer');
    expect(fromXero.applied + fromNav.applied).toBe(0);
    expect(await env.db.prisma.syncJob.count()).toBe(jobsBefore);
  });

  it('carries an update made in NAV to Xero, and not back again', async () => {
    const [first] = await navCustomers();
    const current = await env.nav$('GET', `/Customer('${first!.No}')`);
    const etag = ((await current.json()) as Record<string, string>)['@odata.etag']!;
    const patched = await env.nav$(
      'PATCH',
      `/Customer('${first!.No}')`,
      { Name: 'Renamed in NAV Ltd' },
      { 'If-Match': etag },
    );
    expect(patched.status).toBeLessThan(300);

    const pulled = await env.engine.pull('NAV', 'customer');
    expect(pulled.applied).toBe(1);
    await env.engine.drain();
    const contact = (await xeroContacts()).find((c) => c.ContactNumber === first!.No);
    expect(contact?.Name).toBe('Renamed in NAV Ltd');

    const jobsBefore = await env.db.prisma.syncJob.count();
    const echo = await env.engine.pull('XERO', 'customer');
    expect(echo.applied).toBe(0);
    expect(await env.db.prisma.syncJob.count()).toBe(jobsBefore);
  });

  it('refuses text longer than any target keeps before writing to either', async () => {
    const jobs = await env.db.prisma.syncJob.count();
    const items = await env.db.prisma.item.count();
    // A 60-character item name: NAV's Description and Xero's item Name keep 50.
    const item = await env.services.changes.upsertItem(
      null,
      { number: 'LONG-1', name: 'N'.repeat(60), type: 'SERVICE', blocked: false },
      {},
    );
    expect(item.record).toBeNull();
    expect(item.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'name'], code: 'TOO_LONG' }),
    ]);
    expect(item.userErrors[0]?.message).toMatch(/at most 50 characters; this one has 60/);
    // An e-mail of 150 characters: Xero keeps 255, NAV only 80, so neither gets it.
    const email = `${'a'.repeat(60)}@${'b'.repeat(80)}.example`;
    const customer = await env.services.changes.upsertCustomer(
      null,
      { name: 'Long Mail Ltd', email, currency: 'GBP', status: 'ACTIVE' },
      {},
    );
    expect(customer.userErrors.map((e) => [e.field.join('.'), e.code])).toEqual([
      ['input.email', 'TOO_LONG'],
    ]);
    expect(customer.userErrors[0]?.message).toContain('NAV keeps a customer email of at most 80');
    expect(await env.db.prisma.syncJob.count()).toBe(jobs);
    expect(await env.db.prisma.item.count()).toBe(items);
  });

  it('pushes a customer created through the API to both systems', async () => {
    const result = await env.services.changes.upsertCustomer(
      null,
      {
        name: 'Wide World Importers',
        email: 'ap@wwi.example',
        currency: 'GBP',
        status: 'ACTIVE',
        paymentTerms: '14 DAYS',
      },
      {},
    );
    expect(result.userErrors).toEqual([]);
    await env.engine.drain();
    const record = await env.db.prisma.customer.findUniqueOrThrow({ where: { id: result.record!.id } });
    expect(record.syncStatus).toBe('SYNCED');
    expect(record.number).toMatch(/^C/); // NAV numbered it; the mirror adopted the number
    const inNav = (await navCustomers()).filter((c) => c.Name === 'Wide World Importers');
    const inXero = (await xeroContacts()).filter((c) => c.Name === 'Wide World Importers');
    expect(inNav).toHaveLength(1);
    expect(inXero).toHaveLength(1);
    expect(inXero[0]!.EmailAddress).toBe('ap@wwi.example');
  });

  const navCalls = async () => {
    const body = (await (await fetch(`${env.sandboxes.nav.url}/__sandbox/calls`)).json()) as {
      total: number;
    };
    return body.total;
  };

  const renameInNav = async (no: string, name: string) => {
    const current = await env.nav$('GET', `/Customer('${no}')`);
    const etag = ((await current.json()) as Record<string, string>)['@odata.etag']!;
    const patched = await env.nav$('PATCH', `/Customer('${no}')`, { Name: name }, { 'If-Match': etag });
    expect(patched.status).toBeLessThan(300);
  };

  it('archives the contact in Xero while the customer is blocked in NAV; a Xero edit never unblocks it', async () => {
    const contacts = await xeroContacts();
    const outstanding = async (contactId: string) =>
      ((await env.xeroGet(`/Invoices?ContactIDs=${contactId}&Statuses=AUTHORISED`)).Invoices as unknown[])
        .length > 0;
    const candidates = await env.db.prisma.customer.findMany({
      where: { number: { not: null }, status: 'ACTIVE', syncStatus: 'SYNCED' },
      orderBy: { number: 'asc' },
    });
    const withContact = candidates.flatMap((c) => {
      const contact = contacts.find((x) => x.ContactNumber === c.number && x.ContactStatus === 'ACTIVE');
      return contact ? [{ customer: c, contact }] : [];
    });
    let settled: (typeof withContact)[number] | undefined;
    let owing: (typeof withContact)[number] | undefined;
    for (const pair of withContact) {
      if (settled && owing) break;
      if (await outstanding(pair.contact.ContactID)) owing ??= pair;
      else settled ??= pair;
    }
    expect(settled && owing).toBeTruthy();
    const block = async (no: string, value: string) => {
      const current = await env.nav$('GET', `/Customer('${no}')`);
      const etag = ((await current.json()) as Record<string, string>)['@odata.etag']!;
      const patched = await env.nav$('PATCH', `/Customer('${no}')`, { Blocked: value }, { 'If-Match': etag });
      expect(patched.status).toBeLessThan(300);
    };
    await block(settled!.customer.number!, 'Invoice');
    await block(owing!.customer.number!, 'Invoice');
    await env.engine.pull('NAV', 'customer');
    await env.engine.drain();
    const statusInXero = async (no: string) =>
      (await xeroContacts()).find((c) => c.ContactNumber === no)?.ContactStatus;
    expect(await statusInXero(settled!.customer.number!)).toBe('ARCHIVED');
    // Xero will not archive a contact that still owes: it stays active there, blocked in NAV.
    expect(await statusInXero(owing!.customer.number!)).toBe('ACTIVE');
    expect(await env.db.prisma.syncJob.count({ where: { status: { in: ['DEAD', 'CANCELLED'] } } })).toBe(0);

    // Someone corrects each contact's name in Xero: the names travel, the blocks stay.
    for (const { contact } of [settled!, owing!])
      await env.xeroPost('/Contacts', {
        Contacts: [{ ContactID: contact.ContactID, Name: `${contact.Name} (edited in Xero)` }],
      });
    await env.engine.pull('XERO', 'customer');
    await env.engine.drain();
    for (const { customer, contact } of [settled!, owing!]) {
      const nav = (await (await env.nav$('GET', `/Customer('${customer.number}')`)).json()) as {
        Name: string;
        Blocked: string;
      };
      expect(nav.Name).toBe(`${contact.Name} (edited in Xero)`);
      expect(nav.Blocked).toBe('Invoice');
      expect((await env.db.prisma.customer.findUniqueOrThrow({ where: { id: customer.id } })).status).toBe(
        'BLOCKED',
      );
    }

    // And nothing goes back and forth: reading both books again queues nothing.
    const jobs = await env.db.prisma.syncJob.count();
    await env.engine.pull('NAV', 'customer');
    await env.engine.pull('XERO', 'customer');
    expect(await env.db.prisma.syncJob.count()).toBe(jobs);

    // Unblocked in NAV: active again in Xero.
    await block(settled!.customer.number!, '_x0020_');
    await env.engine.pull('NAV', 'customer');
    await env.engine.drain();
    expect(await statusInXero(settled!.customer.number!)).toBe('ACTIVE');
  });

  it('refreshes records live with one call per system, however many', async () => {
    const customers = await env.db.prisma.customer.findMany({
      where: { number: { not: null } },
      take: 3,
      orderBy: { number: 'asc' },
    });
    for (const c of customers) await renameInNav(c.number!, `${c.name} (live)`);
    const before = await navCalls();
    await env.services.engine!.refresh(
      'customer',
      customers.map((c) => c.id),
    );
    expect((await navCalls()) - before).toBe(1);
    const after = await env.db.prisma.customer.findMany({
      where: { id: { in: customers.map((c) => c.id) } },
    });
    expect(after.every((c) => c.name.endsWith('(live)'))).toBe(true);
    await env.engine.drain();
  });

  it('records a conflict when both sides changed, and resolves it keeping our version', async () => {
    const customer = (await env.db.prisma.customer.findFirst({
      where: { number: { not: null } },
      orderBy: { number: 'desc' },
    }))!;
    await renameInNav(customer.number!, 'Changed in NAV');
    const change = await env.services.changes.upsertCustomer(
      customer.id,
      { number: customer.number, name: 'Changed here', currency: customer.currency, status: 'ACTIVE' },
      {},
    );
    expect(change.userErrors).toEqual([]);
    await env.engine.drain();
    const [conflict] = await env.services.conflicts.list('OPEN', 10);
    expect(conflict).toMatchObject({ entityId: customer.id, system: 'NAV' });
    expect((await env.db.prisma.customer.findUniqueOrThrow({ where: { id: customer.id } })).syncStatus).toBe(
      'CONFLICT',
    );
    expect((await navCustomers()).find((c) => c.No === customer.number)?.Name).toBe('Changed in NAV');

    const resolved = await env.services.engine!.resolveConflict(conflict!.id, 'KEEP_LOCAL', 'test');
    expect(resolved.ok).toBe(true);
    await env.engine.drain();
    expect((await navCustomers()).find((c) => c.No === customer.number)?.Name).toBe('Changed here');
    expect((await env.services.conflicts.find(conflict!.id))?.status).toBe('RESOLVED');
    expect((await env.db.prisma.customer.findUniqueOrThrow({ where: { id: customer.id } })).syncStatus).toBe(
      'SYNCED',
    );
  });

  it('leaves exactly one contact when a worker dies after Xero committed its create', async () => {
    const lookups = await Lookups.fromFile('config/lookups.demo.yaml');
    const change = await env.services.changes.upsertCustomer(
      null,
      { name: 'Coho Winery', email: 'ap@coho.example', currency: 'GBP', status: 'ACTIVE' },
      { targets: ['XERO'] },
    );
    const [job] = change.jobs;
    // The dying worker: claims the job, its push reaches Xero, and it dies before recording anything.
    const [claimed] = await env.services.outbox.claim('dying-worker', 10, 1);
    expect(claimed?.id).toBe(job!.id);
    const [pushed] = await env.xero.writeMany('customer', [
      {
        data: partyDraftFor('XERO', claimed!.payload as never, lookups, true),
        idempotencyKey: claimed!.idempotencyKey,
      },
    ]);
    expect(pushed?.ok).toBe(true);
    await new Promise((r) => setTimeout(r, 20)); // its lease runs out

    await env.engine.drain();
    expect((await xeroContacts()).filter((c) => c.Name === 'Coho Winery')).toHaveLength(1);
    expect(await env.services.outbox.find(job!.id)).toMatchObject({ status: 'SUCCEEDED' });
  });

  it('keeps two NAV customers that share an email as two customers, each linked to its own', async () => {
    const email = 'accounts@shared-mailbox.example';
    const created: string[] = [];
    for (const name of ['Shared Mailbox North', 'Shared Mailbox South']) {
      const res = await env.nav$('POST', '/Customer', { Name: name, E_Mail: email });
      expect(res.status, await res.clone().text()).toBe(201);
      created.push(((await res.json()) as { No: string }).No);
    }
    const pulled = await env.engine.pull('NAV', 'customer');
    await env.engine.drain();
    // Neither is "the same business" as the other: NAV holds them as two, so do we.
    expect(pulled.linked.filter((l) => created.some((no) => l.externalId.includes(no)))).toEqual([]);
    const mirrored = await env.db.prisma.customer.findMany({ where: { email } });
    expect(mirrored.map((c) => c.number).sort()).toEqual([...created].sort());
    const links = await env.db.prisma.externalLink.findMany({
      where: { entityType: 'CUSTOMER', system: 'NAV', entityId: { in: mirrored.map((c) => c.id) } },
    });
    expect(links).toHaveLength(2);
    const contacts = (await xeroContacts()).filter((c) => c.EmailAddress === email);
    expect(contacts.map((c) => c.ContactNumber).sort()).toEqual([...created].sort());
  });

  it('links a Xero contact that is the same business by email or normalised name, with the reason', async () => {
    // Known to us, on their way to NAV (and from there, numbered, to Xero): no Xero link yet.
    const known = async (name: string, email: string) => {
      const change = await env.services.changes.upsertCustomer(
        null,
        { name, email, currency: 'GBP', status: 'ACTIVE' },
        { targets: ['NAV'] },
      );
      expect(change.userErrors).toEqual([]);
      return change.record!.id;
    };
    const byEmail = await known('Tailspin Toys', 'ap@tailspin.example');
    const byName = await known('Fourth Coffee Ltd', 'orders@fourthcoffee.example');
    // Keyed into Xero by hand: the email in other case, the name with another legal form.
    const { Contacts: keyed } = (await env.xeroPost('/Contacts', {
      Contacts: [
        { Name: 'Tailspin Toys Trading', EmailAddress: 'AP@Tailspin.example' },
        { Name: 'FOURTH COFFEE LIMITED.', EmailAddress: 'hello@fourthcoffee.example' },
      ],
    })) as { Contacts: { ContactID: string }[] };
    // A draft sale each makes them customers (Xero derives IsCustomer from transactions).
    await env.xeroPost('/Invoices', {
      Invoices: keyed.map(({ ContactID }) => ({
        Type: 'ACCREC',
        Status: 'DRAFT',
        Contact: { ContactID },
        LineItems: [{ Description: 'Sample', Quantity: 1, UnitAmount: 10, AccountCode: '200' }],
      })),
    });
    const customersBefore = await env.db.prisma.customer.count();

    const pulled = await env.engine.pull('XERO', 'customer');
    expect(
      pulled.linked
        .map(({ entityId, reason }) => ({ entityId, reason }))
        .sort((a, b) => a.reason.localeCompare(b.reason)),
    ).toEqual([
      { entityId: byEmail, reason: 'same email AP@Tailspin.example' },
      { entityId: byName, reason: 'same name "FOURTH COFFEE LIMITED."' },
    ]);
    await env.engine.drain();
    expect(await env.db.prisma.customer.count()).toBe(customersBefore);
    // Our pushes (NAV, then the number to Xero) updated the keyed contacts instead of adding two.
    const contacts = await xeroContacts();
    expect(contacts.filter((c) => /tailspin|fourth coffee/i.test(c.Name))).toHaveLength(2);
    const xeroLinks = await env.db.prisma.externalLink.findMany({
      where: { entityType: 'CUSTOMER', system: 'XERO', entityId: { in: [byEmail, byName] } },
    });
    expect(xeroLinks.map((l) => l.externalId).sort()).toEqual(keyed.map((c) => c.ContactID).sort());
  });
});
