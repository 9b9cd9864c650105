// The CLI beside a running gateway on the embedded database: the gateway holds its data folder (a
// lock file naming it, a second process refused with one line naming the holder), writes an admin
// credential readable by its user only, and the CLI goes through its GraphQL API — dlq, sync and
// reconcile (demo mode: no second set of sandboxes, so no EADDRINUSE). Once it stops, the CLI
// opens the database itself again; a lock left by a process that is gone is taken over.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localCredentialFile } from '../../src/auth/local-credential.js';
import { lockFileName, readLockHolder } from '../../src/store/data-dir-lock.js';
import { openDatabase } from '../../src/store/database.js';
import { Outbox, type Job } from '../../src/store/outbox.js';
import { runCli, tempDataDir } from '../support/cli.js';

const demo = { DEMO: 'auto', SANDBOX_XERO_PORT: '0', SANDBOX_NAV_PORT: '0', PORT: '0' };
const graphqlId = (id: string) => Buffer.from(`SyncJob:${id}`).toString('base64url');

/** One dead letter, made as a worker makes it, before the gateway starts. */
async function makeDeadLetter(dataDir: string): Promise<Job> {
  const db = await openDatabase({ dataDir });
  try {
    await db.migrate();
    const outbox = new Outbox(db.prisma);
    await db.transaction((tx) =>
      outbox.enqueue(tx, [
        {
          entityType: 'CUSTOMER',
          entityId: randomUUID(),
          system: 'XERO',
          tenant: 'no-such-tenant',
          payload: { number: 'C-DEAD-1', name: 'Dead Letter Ltd' },
        },
      ]),
    );
    const [job] = await outbox.claim('test-worker', 1, 60_000);
    const message = 'Account code 999 is not valid';
    const settled = await outbox.settle(
      job!,
      'test-worker',
      { workerId: 'test-worker', startedAt: new Date(), outcome: 'dead', errorKind: 'validation', message },
      {
        status: 'DEAD',
        attempts: 1,
        lastError: { kind: 'validation', message, status: 400, code: null, fieldErrors: [] },
      },
    );
    return settled!;
  } finally {
    await db.close();
  }
}

describe('the CLI beside a running gateway', () => {
  let dataDir: string;
  let gateway: ChildProcess;
  let gatewayLog = '';
  let url: string;
  let holderPid: number; // the node process tsx runs the gateway in
  let key: string;
  let dead: Job;
  const env = () => ({ ...demo, DATA_DIR: dataDir });

  const graphql = async <T>(query: string, variables: Record<string, unknown> = {}) => {
    const post = () =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ query, variables }),
      });
    // The CLI runs between calls take a minute under load: a kept-alive socket reused just as the
    // server times it out is reset before the request is read (a transport race), so once more.
    const response = await post().catch((error: Error & { cause?: { code?: string } }) => {
      if (error.cause?.code === 'ECONNRESET') return post();
      throw error;
    });
    const body = (await response.json()) as { data: T; errors?: unknown };
    expect(body.errors).toBeUndefined();
    return body.data;
  };

  beforeAll(async () => {
    dataDir = await tempDataDir('cligw');
    dead = await makeDeadLetter(dataDir);
    gateway = spawn(path.resolve('node_modules/.bin/tsx'), [path.resolve('src/cli/index.ts'), 'serve'], {
      env: {
        ...process.env,
        LOG_LEVEL: 'info',
        DATABASE_URL: '',
        REDIS_URL: '',
        XERO_CLIENT_ID: '',
        NAV_URL: '',
        SYNC_INTERVAL_MS: '3600000',
        SECRET_KEY: Buffer.alloc(32, 7).toString('base64'),
        ...env(),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    gateway.stdout?.on('data', (c: Buffer) => (gatewayLog += c.toString()));
    gateway.stderr?.on('data', (c: Buffer) => (gatewayLog += c.toString()));
    // Serving once the lock file names its URL (the credential is written before it).
    for (;;) {
      if (gateway.exitCode !== null) throw new Error(`the gateway exited:\n${gatewayLog}`);
      const holder = await readLockHolder(dataDir);
      if (holder?.url) {
        url = holder.url;
        holderPid = holder.pid;
        break;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    key = (
      await import('node:fs/promises').then((fs) =>
        fs.readFile(path.join(dataDir, localCredentialFile), 'utf8'),
      )
    ).trim();
  }, 300_000);

  afterAll(async () => {
    if (gateway && gateway.exitCode === null) {
      gateway.kill('SIGTERM');
      await new Promise((r) => gateway.once('exit', r));
    }
    await rm(dataDir, { recursive: true, force: true });
  });

  it('names the gateway in the lock file and writes its credential readable by its user only', async () => {
    const holder = await readLockHolder(dataDir);
    expect(holder).toMatchObject({ pid: holderPid, url });
    expect(() => process.kill(holderPid, 0)).not.toThrow();
    expect(holder?.command).toContain('serve');
    const mode = (await stat(path.join(dataDir, localCredentialFile))).mode & 0o777;
    expect(mode.toString(8)).toBe('600');
    expect(key).toMatch(/^lbk_/);
    const { apiKeys } = await graphql<{
      apiKeys: { name: string; role: string; revokedAt: string | null }[];
    }>('{ apiKeys { name role revokedAt } }');
    expect(apiKeys.filter((k) => k.name === 'local-cli' && !k.revokedAt)).toEqual([
      { name: 'local-cli', role: 'ADMIN', revokedAt: null },
    ]);
  });

  it('refuses a second serve on the same data folder with one line naming the holder', async () => {
    const second = await runCli(['serve'], env(), { timeoutMs: 120_000 });
    expect(second.code).toBe(3);
    const lines = second.stderr.split('\n').filter((l) => l.includes('in use by'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`in use by pid ${holderPid} (ledgerbridge serve`);
    expect(lines[0]).toContain(`serving ${url}`);
    expect(gateway.exitCode).toBeNull();
  }, 180_000);

  it('lists, shows and replays dead letters through the gateway, as GraphQL shows them', async () => {
    const {
      deadLetters: { nodes: syncJobs },
    } = await graphql<{ deadLetters: { nodes: { id: string }[] } }>(
      '{ deadLetters(first: 100) { nodes { id } } }',
    );
    expect(syncJobs.map((j) => j.id)).toContain(graphqlId(dead.id));

    const listed = await runCli(['dlq', 'list', '--json'], env());
    expect(listed.stderr).toBe('');
    expect(listed.code).toBe(0);
    const json = JSON.parse(listed.stdout) as {
      total: number;
      deadLetters: { graphqlId: string; id: string }[];
    };
    expect(json.deadLetters.map((d) => d.graphqlId).sort()).toEqual(syncJobs.map((j) => j.id).sort());
    expect(json.total).toBe(syncJobs.length);

    const text = await runCli(['dlq', 'list'], env());
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(dead.id);
    expect(text.stdout).toContain('validation: Account code 999 is not valid');
    expect(text.stdout).not.toContain('No dead letters');

    const shown = await runCli(['dlq', 'show', dead.id], env());
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(`Job ${dead.id} — dead letter`);
    expect(shown.stdout).toContain('"name": "Dead Letter Ltd"');

    const replayed = await runCli(['dlq', 'replay', graphqlId(dead.id)], env());
    expect(replayed.stderr).toBe('');
    expect(replayed.code).toBe(0);
    expect(replayed.stdout).toContain('Replayed 1 dead letter');
    const { syncJob } = await graphql<{ syncJob: { status: string; deadAt: string | null } }>(
      'query ($id: ID!) { syncJob(id: $id) { status deadAt } }',
      { id: graphqlId(dead.id) },
    );
    // Back in the queue: not dead, or dead again later (the gateway's workers tried it once more).
    expect(syncJob.status !== 'DEAD' || syncJob.deadAt !== dead.deadAt?.toISOString()).toBe(true);
  }, 180_000);

  it('syncs and reconciles through the demo gateway instead of starting a second set of sandboxes', async () => {
    const synced = await runCli(['sync', '--entity', 'customer', '--json'], env(), { timeoutMs: 240_000 });
    expect(synced.stderr).not.toContain('EADDRINUSE');
    expect([0, 1]).toContain(synced.code);
    const report = JSON.parse(synced.stdout) as {
      demo: boolean;
      rows: { system: string; entity: string; read: { read: number } | null }[];
    };
    expect(report.demo).toBe(true);
    expect(
      report.rows
        .filter((r) => r.entity === 'customer' && r.read)
        .map((r) => r.system)
        .sort(),
    ).toEqual(['NAV', 'XERO']);

    const reconciled = await runCli(['reconcile', '--json'], env(), { timeoutMs: 240_000 });
    expect(reconciled.stderr).not.toContain('EADDRINUSE');
    expect([0, 1]).toContain(reconciled.code);
    const rec = JSON.parse(reconciled.stdout) as { rowsChecked: number; mismatches: number };
    const { reconciliation } = await graphql<{ reconciliation: { rows: unknown[]; mismatches: number } }>(
      '{ reconciliation { mismatches rows { currency } } }',
    );
    expect(rec.rowsChecked).toBe(reconciliation.rows.length);
    expect(rec.rowsChecked).toBeGreaterThan(0);
    expect(reconciled.code).toBe(rec.mismatches ? 1 : 0);

    const accounts = await runCli(['reconcile', '--accounts', '--json'], env(), { timeoutMs: 240_000 });
    expect(accounts.stderr).not.toContain('EADDRINUSE');
    expect([0, 1]).toContain(accounts.code);
    const tb = JSON.parse(accounts.stdout) as { rowsChecked: number; entriesRead: Record<string, number> };
    expect(Object.keys(tb.entriesRead).sort()).toEqual(['NAV', 'XERO']);
  }, 600_000);

  it('works on the database itself once the gateway has stopped', async () => {
    gateway.kill('SIGTERM');
    await new Promise((r) => gateway.once('exit', r));
    expect(await readLockHolder(dataDir)).toBeNull();
    const listed = await runCli(['dlq', 'list', '--json'], env());
    expect(listed.code).toBe(0);
    expect(listed.stderr).toBe('');
    expect(JSON.parse(listed.stdout)).toHaveProperty('deadLetters');
  }, 120_000);

  it('takes over a lock left by a process that is gone, saying so', async () => {
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    await writeFile(
      path.join(dataDir, lockFileName),
      JSON.stringify({
        pid: gone,
        command: 'ledgerbridge serve',
        startedAt: '2026-01-01T00:00:00.000Z',
        url: 'http://127.0.0.1:9/graphql',
        token: 'old',
      }),
    );
    const listed = await runCli(['dlq', 'list'], env());
    expect(listed.code).toBe(0);
    expect(listed.stderr).toContain(
      `INFO: took over the lock of ${dataDir} left by pid ${gone} (ledgerbridge serve`,
    );
    expect(await readLockHolder(dataDir)).toBeNull();
  }, 120_000);
});
