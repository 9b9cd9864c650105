// The audit trail's table: appended under a transaction-scoped advisory lock (so entries from
// concurrent requests and from several gateway processes on one PostgreSQL form one line), read
// in pages and walked for verification. There is no update or delete here, and the migration's
// trigger refuses both.
import type { AuditActor } from '../audit/actor.js';
import { entryHash, genesisHash, type ChainedFields } from '../audit/chain.js';
import type { Json } from '../audit/redact.js';
import type { Prisma, PrismaClient, AuditEntry } from './generated/client.js';
import { paginate, type Page, type PageArgs } from './pagination.js';

export type AuditRow = AuditEntry;

/** Arbitrary constant naming the audit log's advisory lock. */
const auditLockKey = 7_001_002;
const appendWaits = { maxWait: 30_000, timeout: 30_000 };

export interface NewAuditEntry {
  actor: AuditActor;
  operation: string;
  /** Already redacted (src/audit/redact.ts). */
  arguments: Json;
  outcome: string;
  touched?: readonly string[];
  requestId?: string | null;
  clientAddress?: string | null;
}

export interface AuditFilter {
  /** Matches the actor's id or name (exact) or its kind. */
  actor?: string | null;
  /** Matches the operation exactly, or one of several root fields. */
  operation?: string | null;
  /** "ok", or an error code ("FORBIDDEN"), matched within the outcome. */
  outcome?: string | null;
  from?: Date | null;
  to?: Date | null;
}

function whereOf(filter: AuditFilter): Prisma.AuditEntryWhereInput {
  const and: Prisma.AuditEntryWhereInput[] = [];
  if (filter.actor)
    and.push({ OR: [{ actorId: filter.actor }, { actorName: filter.actor }, { actorKind: filter.actor }] });
  if (filter.operation)
    and.push({
      OR: [
        { operation: filter.operation },
        { operation: { startsWith: `${filter.operation},` } },
        { operation: { endsWith: `,${filter.operation}` } },
        { operation: { contains: `,${filter.operation},` } },
      ],
    });
  if (filter.outcome) and.push({ outcome: { contains: filter.outcome } });
  if (filter.from) and.push({ at: { gte: filter.from } });
  if (filter.to) and.push({ at: { lte: filter.to } });
  return { AND: and };
}

export class AuditLog {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * Appends one entry at the head of the chain; returns it with its seq and hash. The transaction
   * waits its turn (the lock, a pooled connection) for up to 30 s: under load an entry is late,
   * never dropped.
   */
  async append(entry: NewAuditEntry): Promise<AuditRow> {
    return this.prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${auditLockKey})`);
      const head = await tx.auditEntry.findFirst({
        orderBy: { seq: 'desc' },
        select: { seq: true, hash: true },
      });
      const fields: ChainedFields = {
        seq: (head?.seq ?? 0n) + 1n,
        at: new Date(),
        actorKind: entry.actor.kind,
        actorId: entry.actor.id,
        actorName: entry.actor.name,
        actorRole: entry.actor.role,
        operation: entry.operation,
        arguments: entry.arguments,
        outcome: entry.outcome,
        touched: [...(entry.touched ?? [])],
        requestId: entry.requestId ?? null,
        clientAddress: entry.clientAddress ?? null,
        prevHash: head?.hash ?? genesisHash,
      };
      return tx.auditEntry.create({
        data: {
          ...fields,
          arguments: entry.arguments as Prisma.InputJsonValue,
          touched: [...fields.touched],
          hash: entryHash(fields),
        },
      });
    }, appendWaits);
  }

  /** Newest first, as a Relay page. */
  page(filter: AuditFilter, page: PageArgs, maxPageSize: number): Promise<Page<AuditRow>> {
    return paginate({
      delegate: this.prisma.auditEntry,
      where: whereOf(filter),
      sort: { field: 'seq', kind: 'int' },
      direction: 'DESC',
      page,
      maxPageSize,
    });
  }

  /** The latest `limit` entries, newest first. */
  recent(limit: number): Promise<AuditRow[]> {
    return this.prisma.auditEntry.findMany({ orderBy: { seq: 'desc' }, take: limit });
  }

  /** Every entry in seq order, `batch` rows at a time. */
  async *walk(batch = 1_000): AsyncGenerator<AuditRow> {
    let after = 0n;
    for (;;) {
      const rows = await this.prisma.auditEntry.findMany({
        where: { seq: { gt: after } },
        orderBy: { seq: 'asc' },
        take: batch,
      });
      yield* rows;
      if (rows.length < batch) return;
      after = rows[rows.length - 1]!.seq;
    }
  }
}
