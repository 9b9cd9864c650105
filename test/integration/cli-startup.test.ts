// What a newcomer meets when a start fails, and the commands as the README writes them: every
// start-up failure is one line naming the cause and the fix, with its exit code (2 configuration,
// 3 cannot start); `ledgerbridge` works before any build; a signal to `npm run …` reaches the
// process that serves.
import { execFile, spawn } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempDataDir, type CliRun } from '../support/cli.js';
import { databaseTargets } from '../support/databases.js';

const { version } = JSON.parse(await readFile('package.json', 'utf8')) as { version: string };

/** One line on stderr and no stack trace. */
function expectOneLine(run: CliRun): string {
  const line = run.stderr.trim();
  expect(line.split('\n'), run.stderr).toHaveLength(1);
  expect(run.stderr).not.toMatch(/^\s+at /m);
  return line;
}

// Each case starts the command from source as a process: slow on a busy machine.
const slow = { timeout: 300_000 };

describe('start-up failures', slow, () => {
  const dirs: string[] = [];
  const dataDir = async () => {
    const dir = await tempDataDir('startup');
    dirs.push(dir);
    return dir;
  };
  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it('an unreachable database: exit 3, naming where and what to do', async () => {
    const run = await runCli(['serve'], {
      PORT: '0',
      DEMO: 'off',
      DATABASE_URL: 'postgresql://ledger:secret@127.0.0.1:9/books',
    });
    expect(run.code).toBe(3);
    const line = expectOneLine(run);
    expect(line).toContain('database unreachable at 127.0.0.1:9/books');
    expect(line).toContain('fix DATABASE_URL');
    expect(line).not.toContain('secret');
  });

  it('Xero configured without XERO_TENANT_ID: exit 2, for serve and for sync', async () => {
    const xero = { DEMO: 'off', XERO_CLIENT_ID: 'app', XERO_CLIENT_SECRET: 'shh' };
    for (const args of [['serve'], ['sync']]) {
      const run = await runCli(args, { ...xero, PORT: '0', DATA_DIR: await dataDir() });
      expect(run.code, `${args[0]}: ${run.stderr}`).toBe(2);
      expect(expectOneLine(run)).toMatch(/^Invalid configuration: XERO_TENANT_ID: required to sync Xero/);
    }
  });

  it('DATABASE_URL without SECRET_KEY: exit 2', async (context) => {
    const postgres = (await databaseTargets()).find((t) => t.name === 'postgresql');
    if (!postgres) {
      context.skip('no PostgreSQL (DATABASE_URL_TEST): the SECRET_KEY check needs one to get that far');
      return;
    }
    const db = await postgres.open();
    try {
      const run = await runCli(['serve'], {
        PORT: '0',
        DEMO: 'on',
        SANDBOX_XERO_PORT: '0',
        SANDBOX_NAV_PORT: '0',
        DATABASE_URL: db.url ?? '',
        SECRET_KEY: '',
      });
      expect(run.code).toBe(2);
      expect(expectOneLine(run)).toMatch(/^Invalid configuration: SECRET_KEY: required with DATABASE_URL/);
    } finally {
      await db.dispose();
    }
  });
});

describe('the ledgerbridge command before any build', slow, () => {
  it('runs from the sources through its launcher, and prints its version', async () => {
    const run = await promisify(execFile)(process.execPath, ['bin/ledgerbridge.js', '--version'], {
      env: { ...process.env, LEDGERBRIDGE_RUN: 'source' },
    });
    expect(run.stdout.trim()).toBe(version);
  });

  it('answers `npx ledgerbridge --help` from the repository', async () => {
    const run = await promisify(execFile)('npx', ['ledgerbridge', '--help'], { env: process.env });
    expect(run.stdout).toMatch(/^Usage: ledgerbridge/);
    expect(run.stdout).toContain('serve');
  });
});

describe('npm scripts and signals', slow, () => {
  it('SIGTERM to `npm run sandbox` stops the node process that serves, not only npm', async () => {
    const npm = spawn('npm', ['run', 'sandbox', '--silent', '--', '--xero-port', '0', '--nav-port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    npm.stdout.on('data', (c: Buffer) => (output += c.toString()));
    npm.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const exited = new Promise<void>((resolve) => npm.once('exit', () => resolve()));
    await new Promise<void>((resolve, reject) => {
      npm.stdout.on('data', () => {
        if (/NAV/.test(output) && /Xero/.test(output)) resolve();
      });
      npm.once('exit', (code) => reject(new Error(`npm run sandbox exited ${code}:\n${output}`)));
    });
    // The script's process: npm's child (sh replaced itself with node through `exec`).
    const children = await childrenOf(npm.pid!);
    expect(children, output).toHaveLength(1);
    const [serving] = children as [number];
    expect(await commandOf(serving)).toMatch(/node/);
    npm.kill('SIGTERM');
    await exited;
    await untilGone(serving);
    expect(alive(serving)).toBe(false);
  });
});

async function childrenOf(pid: number): Promise<number[]> {
  const tasks = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8');
  return tasks.split(/\s+/).filter(Boolean).map(Number);
}

const commandOf = (pid: number) => readFile(`/proc/${pid}/cmdline`, 'utf8');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Waits for a process to end (an orphan never would: the test's timeout then reports it). */
async function untilGone(pid: number): Promise<void> {
  while (alive(pid)) await new Promise((r) => setTimeout(r, 100));
}
