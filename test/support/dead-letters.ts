// Dead letters made the way workers make them: enqueued, claimed, and settled dead with the
// upstream response, one after the other (so each died later than the one before).
import { randomUUID } from 'node:crypto';
import type { Database } from '../../src/store/database.js';
import { Outbox, type Job } from '../../src/store/outbox.js';

export type DeadSpec = Pick<Job, 'entityType' | 'system'> & { number: string; message: string };

/** Enqueues, claims and settles each job dead, one after the other (so each died later). */
export async function makeDeadLetters(db: Database, specs: DeadSpec[]): Promise<Job[]> {
  const outbox = new Outbox(db.prisma);
  const dead: Job[] = [];
  for (const spec of specs) {
    await db.transaction((tx) =>
      outbox.enqueue(tx, [
        {
          entityType: spec.entityType,
          entityId: randomUUID(),
          system: spec.system,
          tenant: spec.system === 'XERO' ? 'tenant-1' : 'CRONUS',
          payload: { number: spec.number, name: `Record ${spec.number}`, accountCode: '999' },
        },
      ]),
    );
    const [job] = await outbox.claim('test-worker', 1, 60_000);
    const settled = await outbox.settle(
      job!,
      'test-worker',
      {
        workerId: 'test-worker',
        startedAt: new Date(),
        outcome: 'dead',
        errorKind: 'validation',
        message: spec.message,
        upstream: { Elements: [{ ValidationErrors: [{ Message: spec.message }] }] },
      },
      {
        status: 'DEAD',
        attempts: 1,
        lastError: { kind: 'validation', message: spec.message, status: 400, code: null, fieldErrors: [] },
      },
    );
    dead.push(settled!);
    await new Promise((r) => setTimeout(r, 5));
  }
  return dead;
}
