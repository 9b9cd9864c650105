// Operating the sync engine over GraphQL: dead letters inspected, corrected and replayed; job,
// dead-letter and entity events over graphql-ws with exact resume; events crossing processes
// through Redis.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectorError } from '../../src/systems/errors.js';
import { createLogger } from '../../src/ops/logger.js';
import { SyncWorker, type JobHandler } from '../../src/sync/runtime/worker.js';
import { databaseTargets } from '../support/databases.js';
import { redisForTests } from '../support/redis.js';
import { collect, startTestGateway, waitUntilReady, type TestGateway } from '../support/gateway.js';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const targets = await databaseTargets();
const log = createLogger('silent', { pretty: false });

describe.each(targets)('sync API on $name', (target) => {
  let db: Awaited<ReturnType<typeof target.open>>;
  let gateway: TestGateway;
  let handler: JobHandler;
  let worker: SyncWorker;

  beforeAll(async () => {
    db = await target.open();
    gateway = await startTestGateway(db);
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

  it('shows a dead letter with its error, takes a corrected payload, and reports every step live', async () => {
    handler = async (job) => {
      if (!(job.payload as { email?: string }).email?.includes('@')) {
        throw new ConnectorError('validation', 'Email address must be valid.', {
          system: 'XERO',
          status: 400,
          fieldErrors: [{ field: 'email', message: 'Email address must be valid.' }],
        });
      }
    };
    const start = await gateway.sync.events.head();
    const client = gateway.wsClient();
    const deadEvents = collect<{ deadLetterAdded: { seq: string; jobId: string; reason: string } }>(
      client,
      'subscription($after: String) { deadLetterAdded(after: $after) { seq jobId reason entityType system } }',
      { after: start },
      1,
    );
    const [job] = await db.transaction((tx) =>
      gateway.sync.outbox.enqueue(tx, [
        {
          entityType: 'CUSTOMER',
          entityId: randomUUID(),
          system: 'XERO',
          tenant: 't',
          payload: { name: 'Fabrikam', email: 'nope' },
        },
      ]),
    );
    await worker.drain();
    const [dead] = await deadEvents;
    expect(dead!.deadLetterAdded.reason).toBe('Email address must be valid.');

    const listed = await gateway.post<{
      deadLetters: {
        nodes: {
          id: string;
          attempts: number;
          payload: unknown;
          lastError: { kind: string; fieldErrors: { field: string }[] };
        }[];
      };
    }>('{ deadLetters { nodes { id attempts payload lastError { kind fieldErrors { field } } } } }');
    const letter = listed.body.data!.deadLetters.nodes.find((d) => d.id === dead!.deadLetterAdded.jobId)!;
    expect(letter).toMatchObject({
      attempts: 1,
      payload: { email: 'nope' },
      lastError: { kind: 'validation', fieldErrors: [{ field: 'email' }] },
    });

    const jobUpdates = collect<{ syncJobUpdated: { seq: string; status: string } }>(
      gateway.wsClient(),
      'subscription($after: String) { syncJobUpdated(after: $after) { seq status attempts } }',
      { after: dead!.deadLetterAdded.seq },
      2,
    );
    type Edited = {
      editDeadLetter: { jobs: { status: string }[]; userErrors: { field: string[]; code: string }[] };
    };
    const edit =
      'mutation($id: ID!, $payload: JSON!) { editDeadLetter(id: $id, payload: $payload) { jobs { status payload } userErrors { field code } } }';
    // A correction that would only die again is refused, naming the field, and the letter stays dead.
    const wrong = await gateway.post<Edited>(edit, {
      id: letter.id,
      payload: { name: 'Fabrikam', email: 'still-not-an-email', currency: 'GBP' },
    });
    expect(wrong.body.data!.editDeadLetter).toEqual({
      jobs: [],
      userErrors: [{ field: ['payload', 'email'], code: 'INVALID_PAYLOAD' }],
    });
    expect((await gateway.sync.outbox.find(job!.id))!.status).toBe('DEAD');
    const edited = await gateway.post<Edited>(edit, {
      id: letter.id,
      payload: { name: 'Fabrikam', email: 'ap@fabrikam.example', currency: 'GBP' },
    });
    expect(edited.body.data!.editDeadLetter).toMatchObject({ jobs: [{ status: 'PENDING' }], userErrors: [] });
    await worker.drain();
    const updates = await jobUpdates;
    expect(updates.map((u) => u.syncJobUpdated.status)).toEqual(['PENDING', 'SUCCEEDED']);
    const seqs = updates.map((u) => BigInt(u.syncJobUpdated.seq));
    expect(seqs[0]! > BigInt(dead!.deadLetterAdded.seq) && seqs[1]! > seqs[0]!).toBe(true);
    expect((await gateway.sync.outbox.find(job!.id))!.status).toBe('SUCCEEDED');
  });

  it('resumes a subscription exactly after the last seq seen', async () => {
    const start = await gateway.sync.events.head();
    const published = await gateway.sync.events.publish(
      ['A', 'B', 'C'].map(() => ({
        type: 'ENTITY_CHANGED' as const,
        entityType: 'INVOICE',
        entityId: randomUUID(),
        change: 'UPDATED' as const,
        source: 'NAV' as const,
      })),
    );
    const first = await collect<{ entityChanged: { seq: string; source: string } }>(
      gateway.wsClient(),
      'subscription($after: String) { entityChanged(after: $after, types: [INVOICE]) { seq entityId source } }',
      { after: start },
      3,
    );
    expect(first.map((e) => e.entityChanged.seq)).toEqual(published.map((p) => p.seq));
    // Reconnect after the first: exactly the other two, in order.
    const resumed = await collect<{ entityChanged: { seq: string } }>(
      gateway.wsClient(),
      'subscription($after: String) { entityChanged(after: $after, types: [INVOICE], sources: [NAV]) { seq } }',
      { after: published[0]!.seq },
      2,
    );
    expect(resumed.map((e) => e.entityChanged.seq)).toEqual(published.slice(1).map((p) => p.seq));
  });

  it('keeps events for the retention window only', async () => {
    const start = await gateway.sync.events.head();
    const events = await gateway.sync.events.publish(
      [1, 2, 3].map(() => ({
        type: 'ENTITY_CHANGED' as const,
        entityType: 'ITEM',
        entityId: randomUUID(),
        change: 'UPDATED' as const,
        source: 'NAV' as const,
      })),
    );
    const old = new Date(Date.now() - 10 * 24 * 3_600_000);
    await db.prisma.eventLogEntry.updateMany({
      where: { seq: { in: events.slice(0, 2).map((e) => BigInt(e.seq)) } },
      data: { createdAt: old },
    });
    expect(await gateway.sync.events.prune(new Date(Date.now() - 7 * 24 * 3_600_000))).toBeGreaterThanOrEqual(
      2,
    );
    const remaining = await collect<{ entityChanged: { seq: string } }>(
      gateway.wsClient(),
      'subscription($after: String) { entityChanged(after: $after, types: [ITEM]) { seq } }',
      { after: start },
      1,
    );
    expect(remaining.map((e) => e.entityChanged.seq)).toEqual([events[2]!.seq]);
  });

  it('explains that refresh and conflict resolution need a connected system', async () => {
    const refresh = await gateway.post('mutation($ids: [ID!]!) { refresh(ids: $ids) { id } }', {
      ids: [Buffer.from(`Customer:${randomUUID()}`).toString('base64url')],
    });
    expect(refresh.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(refresh.body.errors?.[0]?.message).toMatch(/No system is connected/);
    const resolve = await gateway.post<{ resolveConflict: { userErrors: { code: string }[] } }>(
      'mutation($id: ID!) { resolveConflict(id: $id, resolution: KEEP_LOCAL) { userErrors { code message } } }',
      { id: Buffer.from(`SyncConflict:${randomUUID()}`).toString('base64url') },
    );
    expect(resolve.body.data!.resolveConflict.userErrors).toMatchObject([{ code: 'NOT_CONNECTED' }]);
  });

  it('rejects bad ids and cursors with typed errors, and explains what could not be replayed', async () => {
    const wrongType = await gateway.post(
      'mutation { replayDeadLetters(ids: ["Q3VzdG9tZXI6MDAwMDAwMDAtMDAwMC00MDAwLTgwMDAtMDAwMDAwMDAwMDAw"]) { jobs { id } } }',
    );
    expect(wrongType.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const [job] = await db.transaction((tx) =>
      gateway.sync.outbox.enqueue(tx, [
        { entityType: 'ITEM', entityId: randomUUID(), system: 'NAV', tenant: 't', payload: {} },
      ]),
    );
    const notDead = await gateway.post<{
      replayDeadLetters: { jobs: unknown[]; userErrors: { code: string; field: string[] }[] };
    }>(
      'mutation($ids: [ID!]!) { replayDeadLetters(ids: $ids) { jobs { id } userErrors { code field message } } }',
      { ids: [Buffer.from(`SyncJob:${job!.id}`).toString('base64url')] },
    );
    expect(notDead.body.data!.replayDeadLetters).toMatchObject({
      jobs: [],
      userErrors: [{ code: 'NOT_DEAD', field: ['ids', '0'] }],
    });
    await expect(
      collect(gateway.wsClient(), 'subscription { syncJobUpdated(after: "yesterday") { seq } }', {}, 1),
    ).rejects.toThrow(/after\\?" must be the seq/);
  });
});

const pg = targets.find((t) => t.name === 'postgresql');
const { url: redisUrl, problem: redisProblem } = await redisForTests();
if (!pg || redisProblem) {
  console.warn(
    `[skip] cross-process events: needs PostgreSQL and Redis (${!pg ? 'no PostgreSQL' : redisProblem}).`,
  );
}

describe.skipIf(!pg || redisProblem !== null)('events across gateway processes (PostgreSQL + Redis)', () => {
  it('an event produced in this process reaches a subscriber of another gateway process', async () => {
    const db = await pg!.open();
    const here = await startTestGateway(db, { redisUrl: redisUrl! });
    const child = spawn(path.resolve('node_modules/.bin/tsx'), [path.resolve('src/cli/index.ts'), 'serve'], {
      env: {
        ...process.env,
        DATABASE_URL: db.url!,
        REDIS_URL: redisUrl!,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        DEMO: 'off',
        SECRET_KEY: Buffer.alloc(32, 7).toString('base64'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let output = '';
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (c: Buffer) => {
          output += c.toString();
          const m = /"url":"([^"]+)"/.exec(output);
          if (m?.[1]) resolve(m[1]);
        });
        child.once('exit', (code) => reject(new Error(`gateway exited ${code}: ${output}`)));
      });
      // The port is bound before the API is mounted: subscribe once the gateway says it is ready.
      await waitUntilReady(url);
      const client = createClient({
        url: url.replace(/^http/, 'ws'),
        webSocketImpl: WebSocket,
        retryAttempts: 0,
      });
      const head = await here.sync.events.head();
      const received = collect<{ entityChanged: { seq: string; entityId: string } }>(
        client,
        'subscription($after: String) { entityChanged(after: $after) { seq entityId } }',
        { after: head },
        1,
      );
      // Let the other process start listening, so the event arrives live (a Redis wake-up), not by replay.
      await new Promise((r) => setTimeout(r, 500));
      const [event] = await here.sync.events.publish([
        {
          type: 'ENTITY_CHANGED',
          entityType: 'CUSTOMER',
          entityId: randomUUID(),
          change: 'CREATED',
          source: 'GATEWAY',
        },
      ]);
      const [got] = await received;
      expect(got!.entityChanged.seq).toBe(event!.seq);
      await client.dispose();
    } finally {
      child.kill('SIGTERM');
      await here.close();
      await db.dispose();
    }
  });
});
