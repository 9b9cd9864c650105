// A contact keyed into Xero with the e-mail of a customer already linked to another contact is not
// silently created in NAV as a second customer: it is held as a conflict naming both, and a person
// decides — a separate business (KEEP_LOCAL: created in NAV) or the same one (KEEP_REMOTE: nothing
// is created; the two contacts are merged in Xero).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSyncEnv, type SyncEnv } from '../../support/sync-env.js';

describe('a duplicate contact keyed into Xero', () => {
  let env: SyncEnv;
  let twin: { id: string; name: string; email: string | null };

  const navCustomersNamed = async (name: string) =>
    (
      (await (await env.nav$('GET', '/Customer')).json()) as { value: { No: string; Name: string }[] }
    ).value.filter((c) => c.Name === name);
  /** A contact keyed into Xero with its first invoice (Xero lists a contact as a customer once it has one). */
  const keyIntoXero = async (name: string, email: string) => {
    const made = await env.xeroPost('/Contacts', { Contacts: [{ Name: name, EmailAddress: email }] });
    const contactId = (made.Contacts as { ContactID: string }[] | undefined)?.[0]?.ContactID;
    expect(contactId, JSON.stringify(made)).toBeTruthy();
    const invoiced = await env.xeroPost('/Invoices', {
      Invoices: [
        {
          Type: 'ACCREC',
          Contact: { ContactID: contactId },
          Date: '2026-11-20',
          DueDate: '2026-12-20',
          Status: 'DRAFT',
          LineItems: [{ Description: 'Desk', Quantity: 0.333, UnitAmount: 33.3333, AccountCode: '200' }],
        },
      ],
    });
    expect(JSON.stringify(invoiced)).not.toMatch(/ValidationException/);
  };

  beforeAll(async () => {
    env = await startSyncEnv();
    await env.engine.pull('NAV', 'customer');
    await env.engine.drain();
    await env.engine.pull('XERO', 'customer');
    await env.engine.drain();
    const linked = await env.db.prisma.customer.findFirstOrThrow({
      where: { email: { not: null }, status: 'ACTIVE' },
      orderBy: { number: 'asc' },
    });
    twin = { id: linked.id, name: linked.name, email: linked.email };
  }, 120_000);
  afterAll(async () => env?.close());

  it('holds it as one conflict naming both, and creates nothing in NAV', async () => {
    const conflictsBefore = await env.db.prisma.syncConflict.count();
    await keyIntoXero('Second Desk Ltd', twin.email!.toUpperCase());
    const report = await env.engine.pull('XERO', 'customer');
    await env.engine.drain();
    expect(report.held).toHaveLength(1);
    expect(report.held?.[0]?.duplicateOf).toBe(twin.id);
    expect(await navCustomersNamed('Second Desk Ltd')).toEqual([]);
    const conflicts = await env.db.prisma.syncConflict.findMany({
      where: { status: 'OPEN' },
      orderBy: { createdAt: 'desc' },
    });
    expect(conflicts.length).toBe(conflictsBefore + 1);
    const conflict = conflicts[0]!;
    expect(conflict).toMatchObject({ entityType: 'CUSTOMER', system: 'NAV', fields: ['email'] });
    expect(JSON.stringify(conflict.differences)).toContain(twin.name);
    const plans = conflict.resolutions as {
      resolution: string;
      writes: { system: string; action: string }[];
    }[];
    expect(plans.map((p) => [p.resolution, p.writes.map((w) => `${w.system} ${w.action}`)])).toEqual([
      ['KEEP_LOCAL', ['NAV CREATE']],
      ['KEEP_REMOTE', ['NAV NONE']],
    ]);
    const held = await env.db.prisma.customer.findUniqueOrThrow({ where: { id: conflict.entityId } });
    expect(held).toMatchObject({ name: 'Second Desk Ltd', syncStatus: 'CONFLICT' });
    // Reading Xero again changes nothing: no second conflict, still nothing in NAV.
    await env.engine.pull('XERO', 'customer', { full: true });
    await env.engine.drain();
    expect(await env.db.prisma.syncConflict.count({ where: { status: 'OPEN' } })).toBe(conflictsBefore + 1);
    expect(await navCustomersNamed('Second Desk Ltd')).toEqual([]);
  });

  it('KEEP_LOCAL creates it in NAV as its own customer; KEEP_REMOTE leaves NAV as it is', async () => {
    const open = await env.db.prisma.syncConflict.findFirstOrThrow({
      where: { status: 'OPEN', fields: { has: 'email' } },
    });
    const kept = await env.engine.resolveConflict(open.id, 'KEEP_LOCAL', 'test');
    expect(kept.ok).toBe(true);
    await env.engine.drain();
    expect(await navCustomersNamed('Second Desk Ltd')).toHaveLength(1);

    await keyIntoXero('Third Desk Ltd', twin.email!);
    await env.engine.pull('XERO', 'customer');
    await env.engine.drain();
    const second = await env.db.prisma.syncConflict.findFirstOrThrow({
      where: { status: 'OPEN', fields: { has: 'email' } },
    });
    const merged = await env.engine.resolveConflict(second.id, 'KEEP_REMOTE', 'test');
    expect(merged.ok).toBe(true);
    await env.engine.drain();
    expect(await navCustomersNamed('Third Desk Ltd')).toEqual([]);
    expect(
      await env.db.prisma.syncConflict.count({ where: { status: 'OPEN', fields: { has: 'email' } } }),
    ).toBe(0);
  });
});
