// `ledgerbridge keys` as an operator runs it: the key is printed once, only its hash is stored,
// revoke and rotate act on the id or the prefix; and `serve` refuses production without auth.
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashApiKey } from '../../../src/auth/api-keys.js';
import { openDatabase } from '../../../src/store/database.js';
import { runCli, tempDataDir } from '../../support/cli.js';

interface KeyJson {
  id: string;
  prefix: string;
  role: string;
  status: string;
  key?: string;
}

describe('ledgerbridge keys', () => {
  let dataDir: string;
  let env: Record<string, string>;
  const json = async (args: string[]) => {
    const run = await runCli([...args, '--json'], env);
    expect(run.code, run.stderr).toBe(0);
    return JSON.parse(run.stdout) as KeyJson & KeyJson[];
  };

  beforeAll(async () => {
    dataDir = await tempDataDir('keys');
    env = { DATA_DIR: dataDir };
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('creates, lists, rotates and revokes; the database never holds a key', async () => {
    const created = await json(['keys', 'create', '--name', 'ci', '--role', 'Operator']);
    expect(created).toMatchObject({ role: 'operator', status: 'active' });
    expect(created.key).toMatch(/^lbk_[A-Za-z0-9_-]{43}$/);
    expect(created.key!.startsWith(created.prefix)).toBe(true);

    const listed = await runCli(['keys', 'list'], env);
    expect(listed.stdout).toContain(created.prefix);
    expect(listed.stdout).not.toContain(created.key);

    const rotated = await json(['keys', 'rotate', created.prefix]);
    expect(rotated.id).toBe(created.id);
    expect(rotated.key).not.toBe(created.key);

    expect((await runCli(['keys', 'revoke', created.id], env)).code).toBe(0);
    const [after] = await json(['keys', 'list']);
    expect(after).toMatchObject({ id: created.id, status: 'revoked' });
    expect(after!.key).toBeUndefined();

    const db = await openDatabase({ dataDir });
    try {
      const rows = await db.prisma.apiKey.findMany();
      expect(rows).toHaveLength(1);
      expect(rows[0]!.keyHash).toBe(hashApiKey(rotated.key!));
      expect(JSON.stringify(rows)).not.toContain(rotated.key!.slice(12));
    } finally {
      await db.close();
    }
  }, 180_000);

  it('refuses an unknown role (2) and an unknown key (1)', async () => {
    const badRole = await runCli(['keys', 'create', '--name', 'x', '--role', 'root'], env);
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toContain('viewer, accountant, operator, admin');
    expect((await runCli(['keys', 'revoke', 'lbk_nothere'], env)).code).toBe(1);
  }, 90_000);
});

describe('ledgerbridge serve in production', () => {
  it('refuses to start without authentication, naming what to set', async () => {
    const run = await runCli(
      ['serve'],
      { NODE_ENV: 'production', DEMO: 'off', PORT: '0' },
      { timeoutMs: 60_000 },
    );
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(
      'NODE_ENV=production needs authentication: set AUTH_MODE=required (API keys) or AUTH_OIDC_ISSUER and AUTH_OIDC_AUDIENCE',
    );
  }, 60_000);
});
