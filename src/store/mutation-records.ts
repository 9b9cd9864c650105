// Idempotency of GraphQL mutations: the first result of a key is kept; the same key with the
// same input returns it again, with a different input is refused.
import type { Prisma, PrismaClient } from './generated/client.js';

export interface StoredMutation {
  operation: string;
  inputHash: string;
  result: unknown;
}

export class MutationRecords {
  constructor(private readonly prisma: PrismaClient) {}

  async find(key: string): Promise<StoredMutation | null> {
    return this.prisma.mutationRecord.findUnique({ where: { key } });
  }

  async save(tx: Prisma.TransactionClient, key: string, record: StoredMutation): Promise<void> {
    await tx.mutationRecord.create({
      data: {
        key,
        operation: record.operation,
        inputHash: record.inputHash,
        result: record.result as Prisma.InputJsonValue,
      },
    });
  }
}
