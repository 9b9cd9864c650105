// Inbound events (webhooks) stored before they are acknowledged, each once: a redelivered event
// finds its twin by dedupe key and is dropped.
import type { InboxEvent, Prisma, PrismaClient } from './generated/client.js';

/** An inbound event as stored (its payload as received, and when it was processed). */
export type { InboxEvent };

export interface NewInboxEvent {
  system: InboxEvent['system'];
  tenant: string;
  dedupeKey: string;
  entityType: InboxEvent['entityType'];
  externalId: string;
  payload: Prisma.InputJsonValue;
}

export class Inbox {
  constructor(private readonly prisma: PrismaClient) {}

  /** Stores new events; returns how many were new (duplicates are skipped). */
  async store(events: readonly NewInboxEvent[]): Promise<number> {
    const { count } = await this.prisma.inboxEvent.createMany({ data: [...events], skipDuplicates: true });
    return count;
  }

  /** Unprocessed events, oldest first; only `system`'s when given (one system never starves another). */
  pending(limit: number, system?: InboxEvent['system']): Promise<InboxEvent[]> {
    return this.prisma.inboxEvent.findMany({
      where: { processedAt: null, ...(system ? { system } : {}) },
      orderBy: { receivedAt: 'asc' },
      take: limit,
    });
  }

  async markProcessed(ids: readonly string[], error: string | null = null): Promise<void> {
    await this.prisma.inboxEvent.updateMany({
      where: { id: { in: [...ids] } },
      data: { processedAt: new Date(), error },
    });
  }

  /** Keeps the events for another try, noting why this one failed. */
  async markFailed(ids: readonly string[], error: string): Promise<void> {
    await this.prisma.inboxEvent.updateMany({ where: { id: { in: [...ids] } }, data: { error } });
  }
}
