// The gateway as a user runs it: the real command in a child process, over HTTP and WebSocket.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { waitUntilReady } from '../support/gateway.js';

const cli = path.resolve('src/cli/index.ts');
/**
 * The gateway runs as node itself with tsx's loader, not under the `tsx` command: that wrapper
 * SIGKILLs a child that does not acknowledge a relayed signal within 60 ms, which a busy start-up
 * may not, and the test would then see the wrapper's death instead of the gateway's own stop.
 */
const gatewayCommand = (...args: string[]) => [process.execPath, ['--import', 'tsx', cli, ...args]] as const;

interface Started {
  child: ChildProcess;
  url: string;
  output: () => string;
}

/** Starts `ledgerbridge serve`, waits for its "listening" log line, then until /readyz says ready. */
async function startGatewayProcess(env: Record<string, string>, startTimeoutMs = 45_000): Promise<Started> {
  const child = spawn(...gatewayCommand('serve'), {
    env: { ...process.env, LOG_LEVEL: 'info', HOST: '127.0.0.1', PORT: '0', DEMO: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group: `discard` ends it with anything it started
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`gateway did not start:\n${output}`)), startTimeoutMs);
    child.stdout.on('data', () => {
      const match = /"url":"([^"]+)"/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`gateway exited with ${code}:\n${output}`)));
  });
  await waitUntilReady(url, startTimeoutMs);
  return { child, url, output: () => output };
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** SIGTERM, and a clean exit. */
async function stopCleanly(started: Started): Promise<void> {
  const done = exitOf(started.child);
  started.child.kill('SIGTERM');
  expect(await done).toBe(0);
}

/** After a failed test: kills what still runs and removes its data. */
async function discard(started: Started | undefined, dataDir: string): Promise<void> {
  const child = started?.child;
  if (child?.pid && child.exitCode === null && child.signalCode === null) {
    const exited = exitOf(child);
    process.kill(-child.pid, 'SIGKILL');
    await exited;
  }
  await rm(dataDir, { recursive: true, force: true });
}

describe('the gateway process', () => {
  let dataDir: string;
  let gateway: Started;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'ledgerbridge-'));
    gateway = await startGatewayProcess({ DATA_DIR: dataDir });
  });

  afterAll(() => discard(gateway, dataDir));

  it('answers /healthz and /readyz', async () => {
    const base = gateway.url.replace(/\/graphql$/, '');
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', database: 'ok', store: 'pglite' });
  });

  it('serves GraphQL over HTTP, and the bundled explorer to a browser', async () => {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ customers { totalCount } }' }),
    });
    expect(await response.json()).toEqual({ data: { customers: { totalCount: 0 } } });
    const page = await fetch(gateway.url, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('ledgerbridge · GraphQL explorer');
    expect(html).not.toMatch(/apollo/i);
  });

  it('serves GraphQL over graphql-ws on the same port and path', async () => {
    const client = createClient({
      url: gateway.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
    });
    try {
      const result = await new Promise<unknown>((resolve, reject) => {
        let value: unknown;
        client.subscribe(
          { query: '{ invoices(first: 1) { totalCount } }' },
          { next: (v) => (value = v), error: reject, complete: () => resolve(value) },
        );
      });
      expect(result).toEqual({ data: { invoices: { totalCount: 0 } } });
      const rejected = await new Promise<unknown>((resolve) => {
        client.subscribe(
          { query: '{ customers(first: 500) { nodes { invoices(first: 500) { nodes { number } } } } }' },
          { next: () => {}, error: resolve, complete: () => resolve(null) },
        );
      });
      expect(JSON.stringify(rejected)).toMatch(/QUERY_TOO_COMPLEX|limit is 50000/);
    } finally {
      await client.dispose();
    }
  });

  it('stops cleanly on SIGTERM and keeps its PGlite data usable', async () => {
    const exited = exitOf(gateway.child);
    gateway.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(gateway.output()).toMatch(/stopped cleanly/);

    // Same data directory again: it opens, is migrated, and serves.
    const again = await startGatewayProcess({ DATA_DIR: dataDir });
    try {
      expect(again.output()).toMatch(/database schema up to date/);
      const ready = await fetch(again.url.replace(/\/graphql$/, '/readyz'));
      expect(ready.status).toBe(200);
    } finally {
      await stopCleanly(again);
    }
  });

  it('refuses to start with bad configuration, naming every bad key', async () => {
    const child = spawn(...gatewayCommand('serve'), {
      env: { ...process.env, PORT: 'eighty', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    expect(await exitOf(child)).toBe(2);
    expect(stderr).toMatch(/Invalid configuration/);
    expect(stderr).toMatch(/PORT/);
    expect(stderr).toMatch(/LOG_LEVEL/);
    expect(stderr).toMatch(/DATABASE_URL/);
  });
});

/** POSTs a GraphQL query to the gateway and returns its data. */
async function query<T>(url: string, text: string): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: text }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown };
  if (!body.data) throw new Error(`query failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/**
 * Demo mode as a user starts it: the sandboxes on free ports, no external store, and not
 * NODE_ENV=test (under which the GraphQL server leaves signals alone).
 */
const demoAsUsersRunIt = {
  NODE_ENV: 'development',
  DEMO: 'on',
  DATABASE_URL: '',
  REDIS_URL: '',
  SANDBOX_XERO_PORT: '0',
  SANDBOX_NAV_PORT: '0',
};

interface JobRow {
  id: string;
  status: string;
  attempts: number;
}

/** Jobs a stop left RUNNING or DEAD: a clean stop leaves none. */
async function stuckJobs(url: string): Promise<JobRow[]> {
  const { syncJobs } = await query<{ syncJobs: { nodes: JobRow[] } }>(
    url,
    '{ syncJobs(filter: { status: [RUNNING, DEAD] }, first: 500) { nodes { id status attempts } } }',
  );
  return syncJobs.nodes;
}

// Demo mode syncs in the background after it starts serving. With every Xero call answered 429
// (Retry-After 50 s) the pushes and reads sit in the rate governor's wait; SIGTERM must end those
// waits rather than sit them out, and hand the jobs back to the queue.
describe('the gateway process stopping during demo-mode background sync', () => {
  let dataDir: string;
  let gateway: Started;
  let waiting: JobRow[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'ledgerbridge-stop-'));
    gateway = await startGatewayProcess(
      {
        DATA_DIR: dataDir,
        ...demoAsUsersRunIt,
        // Longer than any test here may run: a prompt stop must come from ending the waits.
        SHUTDOWN_GRACE_MS: '300000',
      },
      120_000,
    );
  }, 150_000);

  afterAll(() => discard(gateway, dataDir));

  it('has Xero pushes waiting out a 429 pause', async () => {
    const xero = /Xero sandbox\s+(http:\/\/[^/\s]+)\//.exec(gateway.output())?.[1];
    expect(xero).toBeDefined();
    const fault = await fetch(`${xero}/__sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'rate-limit', path: '/api.xro/', retryAfterSeconds: 50 }),
    });
    expect(fault.status).toBe(201);
    // A change of our own, so a push to Xero is queued whatever the background sync is doing.
    const { upsertCustomer } = await query<{ upsertCustomer: { jobs: JobRow[] } }>(
      gateway.url,
      `mutation { upsertCustomer(input: { name: "Stopping Ltd", currency: "GBP" }, options: { targets: [XERO] })
         { jobs { id status attempts } } }`,
    );
    expect(upsertCustomer.jobs).toHaveLength(1);
    for (;;) {
      const data = await query<{
        rateBudgets: { system: string; pausedUntil: string | null }[];
        syncJobs: { nodes: JobRow[] };
      }>(
        gateway.url,
        '{ rateBudgets { system pausedUntil } syncJobs(filter: { status: [RUNNING], system: [XERO] }, first: 500) { nodes { id status attempts } } }',
      );
      const paused = data.rateBudgets.some((b) => b.system === 'XERO' && b.pausedUntil);
      const running = data.syncJobs.nodes;
      if (paused && running.length) {
        const ours = upsertCustomer.jobs.filter((j) => !running.some((r) => r.id === j.id));
        waiting = [...running, ...ours];
        break;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }, 90_000);

  it('exits 0 on SIGTERM without sitting out the pause', async () => {
    expect(waiting.length).toBeGreaterThan(0);
    const exited = exitOf(gateway.child);
    gateway.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(gateway.output()).toMatch(/stopped cleanly/);
    expect(gateway.output()).not.toMatch(/grace period over/);
  });

  it('finds the jobs it cut short pending on restart, none dead or running', async () => {
    expect(gateway.child.exitCode).toBe(0); // restarted after a clean stop only
    const again = await startGatewayProcess({ DATA_DIR: dataDir, DEMO: 'off' });
    try {
      for (const job of waiting) {
        const { syncJob } = await query<{ syncJob: JobRow }>(
          again.url,
          `{ syncJob(id: "${job.id}") { id status attempts } }`,
        );
        expect(syncJob).toEqual({ ...job, status: 'PENDING' });
      }
      expect(await stuckJobs(again.url)).toEqual([]);
    } finally {
      await stopCleanly(again);
    }
  });
});

// A gateway binds its port first and runs its initial sync (demo mode: customers, vendors and
// items from both sandboxes) while it serves: /healthz is alive from the start, /readyz reports the
// sync's progress, queries are answered from the mirror, and a signal then stops it cleanly.
describe('the gateway process during its initial sync', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'ledgerbridge-startup-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('is alive at once, reports the sync on /readyz, answers queries, and stops cleanly on SIGTERM', async () => {
    const child = spawn(...gatewayCommand('serve'), {
      env: {
        ...process.env,
        LOG_LEVEL: 'info',
        HOST: '127.0.0.1',
        PORT: '0',
        ...demoAsUsersRunIt,
        DATA_DIR: dataDir,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // A failed or timed-out run must not leave the gateway behind.
    onTestFinished(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    let output = '';
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const exited = exitOf(child);
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => {
        output += c.toString();
        const match = /"url":"([^"]+)"/.exec(output);
        if (match?.[1]) resolve(match[1]);
      });
      child.once('exit', () => reject(new Error(`gateway exited early:\n${output}`)));
    });
    const base = url.replace(/\/graphql$/, '');
    // Listening comes before the migrations: nothing can be synced yet.
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const first = await fetch(`${base}/readyz`);
    expect(first.status).toBe(503);
    const starting = (await first.json()) as { status: string; initialSync: { phase: string } };
    expect(starting.status).toBe('starting');
    expect(['migrating', 'connecting', 'syncing']).toContain(starting.initialSync.phase);

    // Wait until the initial sync has read something, and is not done.
    let progress: { phase: string; entities: { done: number; total: number }; records: number };
    for (;;) {
      const response = await fetch(`${base}/readyz`);
      const body = (await response.json()) as { initialSync: typeof progress };
      expect(response.status, JSON.stringify(body)).toBe(503);
      progress = body.initialSync;
      if (progress.entities.done > 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(progress.phase).toBe('syncing');
    expect(progress.entities.total).toBe(6); // customers, vendors, items × NAV, Xero
    expect(progress.records).toBeGreaterThan(0);
    // Queries are answered from what the mirror holds meanwhile.
    const { customers } = await query<{ customers: { totalCount: number } }>(
      url,
      '{ customers { totalCount } }',
    );
    expect(customers.totalCount).toBeGreaterThan(0);

    child.kill('SIGTERM');
    expect(await exited, output).toBe(0);
    expect(output).toMatch(/stopped cleanly/);
    expect(output).not.toMatch(/ready: initial sync done/);

    const again = await startGatewayProcess({ DATA_DIR: dataDir, DEMO: 'off' });
    try {
      expect(again.output()).toMatch(/database schema up to date/);
      // Every push the stop cut short went back to the queue: none is left running, none dead (a
      // NAV write whose throttle wait the stop ended once came back as a validation error, DEAD at
      // its first attempt). Should one remain, its last error and the stop's log say what held it.
      const stuck = await stuckJobs(again.url);
      const { syncJobs } = await query<{ syncJobs: { nodes: unknown[] } }>(
        again.url,
        '{ syncJobs(filter: { status: [RUNNING, DEAD] }, first: 50) { nodes { status system entityType attempts lastError { kind status message } } } }',
      );
      const stopLines = output.split('\n').filter((l) => /grace period|stopping|failed/i.test(l));
      expect(stuck, `${JSON.stringify(syncJobs.nodes)}\n${stopLines.join('\n')}`).toEqual([]);
    } finally {
      await stopCleanly(again);
    }
  }, 400_000);

  it('refuses a port in use at once: one line, exit 3', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const { port } = holder.address() as AddressInfo;
    try {
      const child = spawn(...gatewayCommand('serve'), {
        env: {
          ...process.env,
          ...demoAsUsersRunIt,
          DATA_DIR: dataDir,
          HOST: '127.0.0.1',
          PORT: String(port),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      expect(await exitOf(child)).toBe(3);
      expect(stderr.trim()).toBe(
        `ledgerbridge: port ${port} is in use: another gateway? set PORT=… to a free port`,
      );
    } finally {
      holder.close();
    }
  }, 60_000);
});
