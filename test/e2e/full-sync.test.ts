// The demo company, fully synced the way a running gateway does it — every entity read from both
// books in the engine's order while the workers push — and then the reconciliation check reports
// both books' totals per customer and vendor equal to the cent, with nothing left dead.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDefaults } from '@ledgerbridge/sandbox/demo/index.js';
import { syncedEntities } from '../../src/sync/engine.js';
import { startSyncEnv, type SyncEnv } from '../support/sync-env.js';

describe('a full sync of the demo company', () => {
  let env: SyncEnv;

  beforeAll(async () => {
    env = await startSyncEnv({ ...demoDefaults });
  });
  afterAll(async () => {
    await env?.close();
  });

  it('leaves both books with the same totals per customer and vendor, to the cent', async () => {
    const before = await env.engine.reconcile();
    expect(before.mismatches).toBeGreaterThan(0); // the books differ before the sync

    env.engine.start(); // workers push while the pulls go on, as in a gateway
    for (const entity of syncedEntities)
      for (const system of ['NAV', 'XERO'] as const) {
        const report = await env.engine.pull(system, entity);
        expect(report.rejected, `${system} ${entity}`).toEqual([]);
      }
    await env.engine.drain();
    await env.engine.stop();

    const unsettled = await env.db.prisma.syncJob.findMany({ where: { status: { not: 'SUCCEEDED' } } });
    expect(unsettled.map((j) => [j.entityType, j.system, j.status, j.lastError])).toEqual([]);
    expect(await env.db.prisma.syncConflict.count()).toBe(0);

    const after = await env.engine.reconcile();
    const wrong = after.rows.filter((r) => !r.matches);
    expect(
      wrong.map((r) => ({
        party: `${r.side} ${r.number} ${r.currency}`,
        nav: r.nav && [r.nav.invoiced.toFixed(2), r.nav.outstanding.toFixed(2)],
        xero: r.xero && [r.xero.invoiced.toFixed(2), r.xero.outstanding.toFixed(2)],
      })),
    ).toEqual([]);
    expect(after.rows.length).toBeGreaterThan(10);
    expect(after.rows.some((r) => r.side === 'VENDOR')).toBe(true);
    // Payments are counted: some parties still owe part of what they were invoiced.
    expect(after.rows.some((r) => r.nav && !r.nav.outstanding.eq(r.nav.invoiced))).toBe(true);
  }, 300_000);

  it('finds deletions on a full read, without a false alarm for anything still there', async () => {
    for (const entity of syncedEntities)
      for (const system of ['NAV', 'XERO'] as const) {
        const report = await env.engine.pull(system, entity, { full: true });
        expect(report.missing ?? 0, `${system} ${entity}`).toBe(0);
      }
    expect(await env.db.prisma.syncConflict.count()).toBe(0);

    // An item nobody used is deleted in NAV: the next full read reports it, once.
    const items = await env.db.prisma.item.findMany({
      where: { invoiceLines: { none: {} }, billLines: { none: {} } },
    });
    let deleted: string | null = null;
    for (const item of items) {
      const response = await env.nav$('DELETE', `/Item('${encodeURIComponent(item.number)}')`, undefined, {
        'if-match': '*',
      });
      if (response.ok) {
        deleted = item.id;
        break;
      }
    }
    expect(deleted).not.toBeNull();
    expect((await env.engine.pull('NAV', 'item', { full: true })).missing).toBe(1);
    expect((await env.engine.pull('NAV', 'item', { full: true })).missing).toBe(0); // recorded once
    const conflict = await env.db.prisma.syncConflict.findFirstOrThrow({ where: { entityId: deleted! } });
    expect(conflict).toMatchObject({ system: 'NAV', fields: ['deleted'], status: 'OPEN' });
    expect(await env.db.prisma.item.count({ where: { id: deleted! } })).toBe(1); // nothing deleted here
  }, 300_000);
});
