// The README's commands work as written. Every shell command in its fenced `sh` blocks and in its
// table of commands is either run here — in a temporary DATA_DIR, exactly as written (a placeholder
// key prefix replaced by a real one) — or listed below with the reason it is not. A command the
// README gains that is neither fails the first test.
import { spawn } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDataDir } from '../support/cli.js';

/** The shell lines of the fenced sh blocks, and the npm/npx commands of the commands table. */
function readmeCommands(markdown: string): string[] {
  const commands: string[] = [];
  let inShell = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) {
      inShell = !inShell && /^```(sh|bash|shell)\s*$/.test(line);
      continue;
    }
    if (inShell) {
      const command = line.replace(/\s+#\s.*$/, '').trim();
      if (command) commands.push(command);
    } else if (line.startsWith('| `')) {
      const firstCell = line.split('|')[1] ?? '';
      for (const [, code] of firstCell.matchAll(/`([^`]+)`/g))
        if (/^(npm|npx) /.test(code!)) commands.push(code!);
    }
  }
  return [...new Set(commands)];
}

/** Not run here, and why. */
const notRun: Record<string, string> = {
  'npm ci && npm start': 'installs the dependencies, then serves until stopped',
  'npm start': 'serves until stopped (test/e2e/demo-mode.test.ts starts it)',
  'npm run dev': 'serves and watches until stopped',
  'npm test': 'the whole suite (half an hour)',
  'npm run db:migration -- <name>': 'a placeholder name; writes a migration into prisma/migrations',
  'npm run codegen': 'rewrites test/generated in the working tree; npm test runs it',
  'npm run bench:read-api': 'a benchmark: minutes',
  'npm run sandbox': 'serves the simulators until stopped',
  'npm run scale-out': 'serves three gateways on PostgreSQL and Redis until stopped',
  'npm run bench:sandbox': 'a benchmark: minutes',
  'npm run bench:connectors:xero': 'a benchmark: minutes',
  'npx tsx bench/sync.ts --customers 1000 --invoices 5000': 'a benchmark: minutes',
  'export XERO_CLIENT_ID=…  XERO_CLIENT_SECRET=…': "needs a Xero app's credentials",
  'npx ledgerbridge connect xero --connection main': 'needs Xero credentials and a browser sign-in',
  'npx ledgerbridge connect xero': 'needs Xero credentials and a browser sign-in',
  'npx ledgerbridge sync': 'a demo sync takes minutes (test/integration/cli-sync.test.ts)',
  'npx ledgerbridge reconcile': 'reads both books for minutes (test/integration/cli-reconcile.test.ts)',
  'npx ledgerbridge reconcile --accounts':
    'reads both ledgers for minutes (test/integration/cli-reconcile-accounts.test.ts)',
  'npx ledgerbridge keys create': 'the table names the command; its full form below is run',
};
/** The synopsis lines of "Operating the sync from a terminal": placeholders, not commands. */
const synopsis = /^ledgerbridge (dlq|sync|reconcile)\b/;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function sh(command: string, env: Record<string, string>): Promise<Run> {
  const child = spawn('sh', ['-c', command], {
    env: {
      ...process.env,
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
      REDIS_URL: '',
      XERO_CLIENT_ID: '',
      NAV_URL: '',
      npm_config_offline: 'true',
      npm_config_update_notifier: 'false',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('the README commands', () => {
  let readme: string;
  let dataDir: string;
  const ran = new Set<string>();
  const run = async (command: string, written = command) => {
    ran.add(written);
    return sh(command, { DATA_DIR: dataDir });
  };

  beforeAll(async () => {
    readme = await readFile('README.md', 'utf8');
    dataDir = await tempDataDir('readme');
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('emits the committed schema with the command the README gives', async () => {
    const command = 'npm run -s schema:emit > schema/schema.graphql';
    expect(readmeCommands(readme)).toContain(command);
    // The same command, into a temporary file instead of the working tree's.
    const emitted = await run('npm run -s schema:emit', command);
    expect(emitted.code).toBe(0);
    expect(emitted.stdout).toBe(await readFile('schema/schema.graphql', 'utf8'));
  }, 150_000);

  it('migrates a fresh database, creates, lists, rotates and revokes a key, and lists dead letters', async () => {
    const commands = readmeCommands(readme);
    const migrate = await run('npm run db:migrate');
    expect(migrate.code).toBe(0);
    expect(migrate.stdout).toContain('Applied:');

    const createCommand = 'npx ledgerbridge keys create --name "month-end dashboard" --role viewer';
    expect(commands).toContain(createCommand);
    const created = await run(createCommand);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const key = /\n {2}(lbk_\S+)\n/.exec(created.stdout)?.[1];
    expect(key).toBeDefined();

    const listed = await run('npx ledgerbridge keys list');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('month-end dashboard');

    // The README's placeholder prefix, replaced by the key's own (its first 12 characters); a
    // rotated key has a new secret, so a new prefix.
    const rotate = 'npx ledgerbridge keys rotate lbk_Ab12Cd34';
    const revoke = 'npx ledgerbridge keys revoke lbk_Ab12Cd34';
    expect(commands).toEqual(expect.arrayContaining([rotate, revoke]));
    const rotated = await run(rotate.replace('lbk_Ab12Cd34', key!.slice(0, 12)), rotate);
    expect(rotated.stderr).toBe('');
    expect(rotated.code).toBe(0);
    const newKey = /\n {2}(lbk_\S+)\n/.exec(rotated.stdout)?.[1];
    expect(newKey).toBeDefined();
    expect(newKey).not.toBe(key);
    const revoked = await run(revoke.replace('lbk_Ab12Cd34', newKey!.slice(0, 12)), revoke);
    expect(revoked.stderr).toBe('');
    expect(revoked.code).toBe(0);
    const after = await run('npx ledgerbridge keys list --json', 'npx ledgerbridge keys list');
    expect(JSON.parse(after.stdout)).toMatchObject([{ name: 'month-end dashboard', status: 'revoked' }]);

    // The key commands above left audit entries: the chain holds, and the newest are listed.
    const verified = await run('npx ledgerbridge audit verify');
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/audit trail intact: \d+ entries/);
    const audited = await run('npx ledgerbridge audit list --limit 50');
    expect(audited.code).toBe(0);
    expect(audited.stdout).toContain('ledgerbridge keys revoke');

    const dlq = await run('npx ledgerbridge dlq list');
    expect(dlq.code).toBe(0);
    expect(dlq.stdout).toBe('No dead letters.\n');
  }, 600_000);

  it('runs or deliberately skips every command the README gives', () => {
    const unaccounted = readmeCommands(readme).filter(
      (c) => !ran.has(c) && !(c in notRun) && !synopsis.test(c),
    );
    expect(unaccounted).toEqual([]);
    // The skip list names only commands the README still gives.
    const given = new Set(readmeCommands(readme));
    expect(Object.keys(notRun).filter((c) => !given.has(c))).toEqual([]);
  });
});
