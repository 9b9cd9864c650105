// Gateway sync processes for the end-to-end tests (see sync-worker-process.ts), and databases they
// share with the test: a throw-away PostgreSQL database, or a PGlite data folder that one process
// opens at a time (the test between the workers' runs, never while one runs).
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, type Database } from '../../src/store/database.js';
import { databaseTargets } from './databases.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const script = path.join(repoRoot, 'test/support/sync-worker-process.ts');

export type StoreKind = 'pglite' | 'postgresql';

export interface SharedStore {
  kind: StoreKind;
  /** What a worker process needs to open the same database. */
  env: Record<string, string>;
  /** Runs `work` on the database (PGlite: opened for it and closed after, so no worker may run). */
  use<T>(work: (db: Database) => Promise<T>): Promise<T>;
  dispose(): Promise<void>;
}

/** PGlite always; PostgreSQL too when DATABASE_URL_TEST answers (else the probe says why not). */
export async function sharedStoreKinds(): Promise<StoreKind[]> {
  return (await databaseTargets()).map((t) => t.name);
}

export interface SharedStores {
  /** Resolves once databases can be created quickly (PGlite: the migrated folder they copy exists). */
  ready: Promise<void>;
  /** A fresh, migrated database. */
  create(): Promise<SharedStore>;
  dispose(): Promise<void>;
}

/** Fresh databases of one kind; PGlite ones are copies of one migrated folder (no initdb each time). */
export function sharedStores(kind: StoreKind): SharedStores {
  if (kind === 'postgresql') {
    return {
      ready: Promise.resolve(),
      async create() {
        const target = (await databaseTargets()).find((t) => t.name === 'postgresql');
        if (!target) throw new Error('PostgreSQL is not available');
        const db = await target.open();
        return {
          kind,
          env: { LB_WORKER_DATABASE_URL: db.url as string },
          use: (work) => work(db),
          dispose: () => db.dispose(),
        };
      },
      async dispose() {},
    };
  }
  const root = mkdtempSync(path.join(os.tmpdir(), 'lb-shared-pglite-'));
  const opener =
    (dir: string) =>
    async <T>(work: (db: Database) => Promise<T>): Promise<T> => {
      const db = await openDatabase({ dataDir: dir });
      try {
        return await work(db);
      } finally {
        await db.close();
      }
    };
  const template = path.join(root, 'template');
  const ready = opener(template)(async (db) => void (await db.migrate()));
  let made = 0;
  return {
    ready,
    async create() {
      await ready;
      const dir = path.join(root, `db-${(made += 1)}`);
      cpSync(template, dir, { recursive: true });
      return {
        kind,
        env: { LB_WORKER_DATA_DIR: dir },
        use: opener(dir),
        async dispose() {
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
    async dispose() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}

export interface WorkerProcess {
  child: ChildProcess;
  /** Resolves once the process is connected and its workers are about to run. */
  ready: Promise<void>;
  /** Resolves when the process has exited, however. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves when it exited on its own with code 0 (rejects, with its output, otherwise). */
  succeeded(): Promise<void>;
  /** Lets a process started with LB_WORKER_WAIT_FOR_GO=1 begin. */
  go(): void;
  /** SIGKILL: no cleanup, no finally, no graceful anything; resolves once it is gone. */
  kill(): Promise<void>;
  output(): string;
}

const running = new Set<ChildProcess>();

/** Kills every worker process still running (a test that failed half-way leaves none behind). */
export async function killWorkerProcesses(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
}

export function startWorkerProcess(env: Record<string, string>): WorkerProcess {
  // stdin stays open while this process lives: the worker exits when it closes.
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  child.stdin?.on('error', () => {}); // writing to a process that has gone: its exit tells the story
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', () => {
      if (output.includes('"event":"ready"')) resolve();
    });
    void exited.then(({ code, signal }) =>
      reject(new Error(`worker process exited (${code ?? signal}) before it was ready:\n${output}`)),
    );
  });
  ready.catch(() => {}); // observed through `ready` or `succeeded()`
  return {
    child,
    ready,
    exited,
    output: () => output,
    go: () => void child.stdin?.write('go\n'),
    async succeeded() {
      const { code, signal } = await exited;
      if (code !== 0) throw new Error(`worker process ended with ${code ?? signal}:\n${output}`);
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Waits until `file` holds `lines` lines (written by the pause hook), or the process ends first. */
export async function waitForPauseMarker(file: string, lines: number, worker: WorkerProcess): Promise<void> {
  let gone = false;
  void worker.exited.then(() => (gone = true));
  for (;;) {
    if (existsSync(file) && readFileSync(file, 'utf8').split('\n').filter(Boolean).length >= lines) return;
    if (gone) throw new Error(`worker process ended before pausing:\n${worker.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
