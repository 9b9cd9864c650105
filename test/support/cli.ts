// Runs the `ledgerbridge` command as a user does: a child process from source, its own environment
// (no Xero, NAV, PostgreSQL or Redis from the caller's unless the test names them), its output and
// exit code collected.
import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

const cli = path.resolve('src/cli/index.ts');
const tsx = path.resolve('node_modules/.bin/tsx');

export function runCli(
  args: readonly string[],
  env: Record<string, string>,
  options: { timeoutMs?: number; input?: string } = {},
): Promise<CliRun> {
  const child = spawn(tsx, [cli, ...args], {
    env: {
      ...process.env,
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
      REDIS_URL: '',
      XERO_CLIENT_ID: '',
      XERO_CLIENT_SECRET: '',
      NAV_URL: '',
      SECRET_KEY: Buffer.alloc(32, 7).toString('base64'),
      ...env,
    },
    stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  if (options.input !== undefined) child.stdin?.end(options.input);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
  return new Promise<CliRun>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export const tempDataDir = (prefix: string) => mkdtemp(path.join(tmpdir(), `ledgerbridge-${prefix}-`));
