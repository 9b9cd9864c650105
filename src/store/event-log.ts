// The numbered event log behind subscriptions: appended in the same transaction as the change
// it reports, read back by sequence when a subscriber resumes.
import type { LedgerEvent, LedgerEventType, Published } from '../events/types.js';
import { currentCause } from '../audit/cause.js';
import type { Prisma, PrismaClient } from './generated/client.js';

type Tx = Prisma.TransactionClient;

/** Arbitrary constant naming the event log's advisory lock. */
const eventLogLockKey = 7_001_001;

function toPublished(row: { seq: bigint; type: string; payload: unknown; createdAt: Date }): Published {
  return { ...(row.payload as LedgerEvent), seq: row.seq.toString(), occurredAt: row.createdAt };
}

export class EventLog {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * Appends events inside the caller's transaction and returns them numbered. A transaction-scoped
   * advisory lock makes event-writing transactions commit in sequence order, so a reader that has
   * seen seq N has also seen every event below N: resuming "after N" can never skip one.
   */
  async append(events: readonly LedgerEvent[], tx: Tx): Promise<Published[]> {
    if (events.length === 0) return [];
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${eventLogLockKey})`);
    // One INSERT for all: a transaction records several events. Rows take seqs in VALUES order;
    // sorting by seq puts them back in the events' order whatever order RETURNING gives.
    const actor = currentCause();
    const rows = await tx.eventLogEntry.createManyAndReturn({
      data: events.map((event) => ({
        type: event.type,
        payload: event as unknown as Prisma.InputJsonValue,
        actor,
      })),
    });
    return rows.sort((a, b) => (a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0)).map(toPublished);
  }

  /** Appends events in a transaction of their own. */
  async publish(events: readonly LedgerEvent[]): Promise<Published[]> {
    return this.prisma.$transaction((tx) => this.append(events, tx));
  }

  /** Events after `seq`, oldest first, optionally only some types. */
  async after(seq: string, types: readonly LedgerEventType[] | null, limit: number): Promise<Published[]> {
    const rows = await this.prisma.eventLogEntry.findMany({
      where: { seq: { gt: BigInt(seq) }, ...(types ? { type: { in: [...types] } } : {}) },
      orderBy: { seq: 'asc' },
      take: limit,
    });
    return rows.map(toPublished);
  }

  async latestSeq(): Promise<string | null> {
    const row = await this.prisma.eventLogEntry.findFirst({
      orderBy: { seq: 'desc' },
      select: { seq: true },
    });
    return row ? row.seq.toString() : null;
  }

  /** Drops events older than the retention window; returns how many. */
  async prune(olderThan: Date): Promise<number> {
    const { count } = await this.prisma.eventLogEntry.deleteMany({ where: { createdAt: { lt: olderThan } } });
    return count;
  }
}
