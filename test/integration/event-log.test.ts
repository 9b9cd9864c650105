// Recording a transaction's events: one INSERT however many there are (the sync engine records
// several per record moved), numbered in the order given, read back in that order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventBus } from '../../src/events/bus.js';
import type { LedgerEvent, Published } from '../../src/events/types.js';
import { EventLog } from '../../src/store/event-log.js';
import { databaseTargets } from '../support/databases.js';

const events: LedgerEvent[] = [
  { type: 'ENTITY_CHANGED', entityType: 'INVOICE', entityId: 'i-1', change: 'CREATED', source: 'NAV' },
  {
    type: 'RECORD_LINKED',
    entityType: 'INVOICE',
    entityId: 'i-1',
    system: 'NAV',
    externalId: 'PSI-1',
    reason: 'same number',
  },
  ...[1, 2, 3].map((n): LedgerEvent => ({
    type: 'SYNC_JOB_UPDATED',
    jobId: `j-${n}`,
    entityType: 'INVOICE',
    entityId: 'i-1',
    system: 'XERO',
    tenant: 't',
    status: 'PENDING',
    attempts: 0,
    lastError: null,
  })),
];

const targets = await databaseTargets();

describe.each(targets)('event log on $name', (target) => {
  let db: Awaited<ReturnType<typeof target.open>>;
  let bus: EventBus;
  beforeAll(async () => {
    db = await target.open();
    bus = EventBus.create(new EventLog(db.prisma));
  });
  afterAll(async () => {
    await bus?.close();
    await db?.dispose();
  });

  it('records five events with the lock and one INSERT, numbered in the order given', async () => {
    const head = await bus.head();
    let statements = 0;
    const published = await db.transaction(async (tx) => {
      const before = db.queries.count;
      const recorded = await bus.record(events, tx);
      statements = db.queries.count - before;
      return recorded;
    });
    expect(statements).toBe(2); // pg_advisory_xact_lock, INSERT ... RETURNING
    expect(published.map(({ seq: _seq, occurredAt: _at, ...event }) => event)).toEqual(events);
    const seqs = published.map((p) => BigInt(p.seq));
    expect(seqs.every((seq, i) => i === 0 || seq > seqs[i - 1]!)).toBe(true);
    expect(seqs[0]! > BigInt(head)).toBe(true);
    expect(published.every((p) => p.occurredAt instanceof Date)).toBe(true);
  });

  it('delivers them to a subscriber resuming before them, in the same order', async () => {
    const head = await bus.head();
    const published = await db.transaction((tx) => bus.record(events, tx));
    bus.announce(published);
    const delivered: Published[] = [];
    for await (const event of bus.subscribe({ after: head })) {
      delivered.push(event);
      if (delivered.length === events.length) break;
    }
    expect(delivered).toEqual(published);
    expect(await bus.head()).toBe(published.at(-1)!.seq);
  });

  it('records nothing, and takes no lock, for no events', async () => {
    const statements = await db.transaction(async (tx) => {
      const before = db.queries.count;
      expect(await bus.record([], tx)).toEqual([]);
      return db.queries.count - before;
    });
    expect(statements).toBe(0);
  });
});
