// Item 10: every conflict a person sees names the fields that differ with both values, has the
// system's side, and says what each resolution would write where — whichever way it was recorded:
// a refusal that names no field, a connector that compared the record, a deletion seen on a full
// read, or a record that is posted. A conflict that would name nothing is refused, and nothing is written.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectorError } from '../../src/systems/errors.js';
import { createLogger } from '../../src/ops/logger.js';
import { SyncWorker, type JobHandler } from '../../src/sync/runtime/worker.js';
import { reportMissing } from '../../src/sync/policy/missing.js';
import { SyncLinks } from '../../src/store/sync-links.js';
import { fromGlobalId } from '../../src/graphql/global-id.js';
import { databaseTargets } from '../support/databases.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { ConflictsDocument, type ConflictsQuery } from '../generated/graphql.js';

const targets = await databaseTargets();
const log = createLogger('silent', { pretty: false });
type Listed = ConflictsQuery['conflicts']['nodes'][number];

describe.each(targets)('conflicts a person can act on, on $name', (target) => {
  let db: Awaited<ReturnType<typeof target.open>>;
  let gateway: TestGateway;
  let handler: JobHandler;
  let worker: SyncWorker;
  let links: SyncLinks;

  const push = async (entityType: 'INVOICE' | 'CUSTOMER', payload: Record<string, unknown>) => {
    const entityId = randomUUID();
    await db.transaction((tx) =>
      gateway.sync.outbox.enqueue(tx, [
        { entityType, entityId, system: 'XERO', tenant: 't', payload: payload as never },
      ]),
    );
    await worker.drain();
    return entityId;
  };
  const listed = async (entityId: string): Promise<Listed[]> => {
    const result = await gateway.request(ConflictsDocument, { first: 50 });
    expect(result.errors).toBeUndefined();
    const rows = await db.prisma.syncConflict.findMany({ where: { entityId }, select: { id: true } });
    const ids = new Set(rows.map((r) => r.id));
    return result.data!.conflicts.nodes.filter((c) => ids.has(fromGlobalId(c.id)?.id ?? ''));
  };
  const actionable = (c: Listed) => {
    expect(c.fields.length).toBeGreaterThan(0);
    expect(c.fields.every((f) => f.trim() !== '')).toBe(true);
    expect(c.differences.map((d) => d.field)).toEqual(c.fields);
    expect(Object.keys(c.remote as object).length).toBeGreaterThan(0);
    expect(c.resolutions.map((r) => r.resolution)).toEqual(['KEEP_LOCAL', 'KEEP_REMOTE']);
    for (const r of c.resolutions) expect(r.writes.length).toBeGreaterThan(0);
  };

  beforeAll(async () => {
    db = await target.open();
    gateway = await startTestGateway(db);
    links = new SyncLinks(db.prisma);
    worker = new SyncWorker({
      db,
      ...gateway.sync,
      bus: gateway.sync.events,
      log,
      handlerFor: () => handler,
      policy: { baseDelayMs: 0, maxDelayMs: 0, defaultRateLimitWaitMs: 60_000, random: () => 0 },
    });
  });
  afterAll(async () => {
    await gateway?.close();
    await db?.dispose();
  });

  it('names the field of a refusal that named none (Xero: a status it cannot change)', async () => {
    const message = 'Invoice not of valid status for modification: cannot change from PAID to AUTHORISED.';
    handler = async () => {
      throw new ConnectorError('conflict', `POST invoice #0: ${message}`, {
        system: 'XERO',
        status: 200,
        code: 'ValidationException',
        fieldErrors: [{ field: '', message }],
      });
    };
    const id = await push('INVOICE', { number: 'INV-0333', status: 'POSTED', total: '12.3456' });
    const [conflict] = await listed(id);
    expect(conflict).toBeDefined();
    actionable(conflict!);
    expect(conflict!.differences).toEqual([{ field: 'status', local: 'POSTED', remote: message }]);
    // Not a master record: the books are put right by a person, then the gateway follows.
    expect(conflict!.resolutions[0]!.writes[0]).toMatchObject({ system: 'XERO', action: 'MANUAL' });
  });

  it('keeps the fields a connector compared, with both values (4-decimal prices, 0.333 quantities)', async () => {
    handler = async () => {
      throw new ConnectorError('conflict', 'invoice changed in Xero since version 7', {
        system: 'XERO',
        code: 'StaleVersion',
        differences: [
          { field: 'lines[2].unitPrice', local: '19.9999', remote: '20.0001' },
          { field: 'lines[2].quantity', local: '0.333', remote: '1' },
        ],
      });
    };
    const id = await push('INVOICE', { number: 'INV-0334' });
    const [conflict] = await listed(id);
    actionable(conflict!);
    expect(conflict!.fields).toEqual(['lines[2].unitPrice', 'lines[2].quantity']);
    expect(conflict!.differences[0]).toEqual({
      field: 'lines[2].unitPrice',
      local: '19.9999',
      remote: '20.0001',
    });
    expect(conflict!.remote).toMatchObject({ code: 'StaleVersion' });
  });

  it('says what keeping either version of a master record writes where', async () => {
    handler = async () => {
      throw new ConnectorError('conflict', 'contact changed in Xero since version 3', {
        system: 'XERO',
        code: 'StaleVersion',
        differences: [{ field: 'email', local: 'ap@fabrikam.example', remote: 'ar@fabrikam.example' }],
        upstream: { ContactID: 'c-1', EmailAddress: 'ar@fabrikam.example' },
      });
    };
    const id = await push('CUSTOMER', { name: 'Fabrikam', email: 'ap@fabrikam.example' });
    const [conflict] = await listed(id);
    actionable(conflict!);
    const [keepLocal, keepRemote] = conflict!.resolutions;
    expect(keepLocal!.writes[0]).toMatchObject({ system: 'XERO', action: 'UPDATE' });
    expect(keepRemote!.writes.map((w) => [w.system, w.action])).toEqual([
      ['GATEWAY', 'UPDATE'],
      ['NAV', 'UPDATE'],
      ['XERO', 'NONE'],
    ]);
  });

  it('names a deletion seen on a full read, once', async () => {
    const entityId = randomUUID();
    await db.transaction((tx) =>
      links.linkRemote(
        { entityType: 'CUSTOMER', entityId, system: 'NAV', tenant: 'n' },
        {
          externalId: 'C-404',
          externalNumber: 'C-404',
          version: '1',
          remoteUpdatedAt: new Date(),
          active: true,
          data: {},
        } as never,
        'h',
        tx,
      ),
    );
    const deps = {
      db,
      links: links,
      conflicts: gateway.sync.conflicts,
      events: gateway.sync.events,
    };
    const key = { entityType: 'CUSTOMER' as const, system: 'NAV' as const, tenant: 'n' };
    expect(await reportMissing(deps, key, new Set())).toBeGreaterThan(0);
    expect(await reportMissing(deps, key, new Set())).toBe(0);
    const [conflict] = await listed(entityId);
    actionable(conflict!);
    expect(conflict!.differences).toEqual([{ field: 'deleted', local: false, remote: true }]);
  });

  it('refuses a conflict that names no field or has no remote side, and writes nothing', async () => {
    const before = await db.prisma.syncConflict.count();
    const base = {
      entityType: 'INVOICE' as const,
      entityId: randomUUID(),
      system: 'XERO' as const,
      tenant: 't',
      local: { number: 'INV-1' },
      resolutions: [{ resolution: 'KEEP_LOCAL', writes: [] }],
    };
    await expect(
      db.transaction((tx) =>
        gateway.sync.conflicts.record(tx, {
          ...base,
          differences: [{ field: '', local: 1, remote: 2 }],
          remote: { a: 1 },
        }),
      ),
    ).rejects.toThrow(/must name its fields/);
    await expect(
      db.transaction((tx) =>
        gateway.sync.conflicts.record(tx, {
          ...base,
          differences: [{ field: 'total', local: 1, remote: 2 }],
          remote: {},
        }),
      ),
    ).rejects.toThrow(/remote side/);
    expect(await db.prisma.syncConflict.count()).toBe(before);
  });
});
