// `ledgerbridge audit verify` and `list` as an operator runs them, on a database the CLI's own admin
// actions wrote to: intact, then edited behind the trigger's back (named by seq), then with a row
// deleted (the gap named); plain UPDATE and DELETE are refused by the trigger.
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../../src/store/audit-log.js';
import { openDatabase, type Database } from '../../../src/store/database.js';
import { runCli, tempDataDir } from '../../support/cli.js';

describe('ledgerbridge audit verify', () => {
  let dataDir: string;
  let env: Record<string, string>;
  const withDb = async <T>(run: (db: Database) => Promise<T>): Promise<T> => {
    const db = await openDatabase({ dataDir });
    try {
      return await run(db);
    } finally {
      await db.close();
    }
  };

  beforeAll(async () => {
    dataDir = await tempDataDir('audit');
    env = { DATA_DIR: dataDir };
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('passes on an intact trail, then names the edited entry and the deleted one', async () => {
    // Two CLI admin actions (one refused), then entries as the API appends them.
    const created = await runCli(['keys', 'create', '--name', 'ci', '--role', 'operator', '--json'], env);
    expect(created.code, created.stderr).toBe(0);
    const { id, key } = JSON.parse(created.stdout) as { id: string; key: string };
    expect((await runCli(['keys', 'revoke', 'lbk_nosuchkey'], env)).code).toBe(1);
    await withDb(async (db) => {
      const trail = new AuditLog(db.prisma);
      for (const name of ['Alpha Ltd', 'Beta Ltd', 'Gamma Ltd'])
        await trail.append({
          actor: { kind: 'key', id, name: 'ci', role: 'operator' },
          operation: 'upsertCustomer',
          arguments: { upsertCustomer: { input: { name } } },
          outcome: 'ok',
          requestId: `req-${name}`,
        });
      // The trigger refuses changes made through SQL.
      await expect(
        db.prisma.$executeRawUnsafe(`UPDATE audit_log SET outcome = 'ok' WHERE seq = 2`),
      ).rejects.toThrow(/append-only/);
      await expect(db.prisma.$executeRawUnsafe(`DELETE FROM audit_log WHERE seq = 1`)).rejects.toThrow(
        /append-only/,
      );
      const rows = await db.prisma.auditEntry.findMany({ orderBy: { seq: 'asc' } });
      expect(rows.map((r) => [r.seq, r.actorKind, r.operation, r.outcome])).toEqual([
        [1n, 'cli', 'ledgerbridge keys create', 'ok'],
        [2n, 'cli', 'ledgerbridge keys revoke', 'REFUSED'],
        [3n, 'key', 'upsertCustomer', 'ok'],
        [4n, 'key', 'upsertCustomer', 'ok'],
        [5n, 'key', 'upsertCustomer', 'ok'],
      ]);
      expect(rows[0]!.touched).toEqual([id]);
      expect(JSON.stringify(rows.map((r) => r.arguments))).not.toContain(key.slice(12));
    });

    const intact = await runCli(['audit', 'verify'], env);
    expect(intact.code, intact.stderr).toBe(0);
    expect(intact.stdout.trim()).toBe('audit trail intact: 5 entries');
    const listed = await runCli(['audit', 'list', '--limit', '5'], env);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toContain('ledgerbridge keys create');
    expect(listed.stdout).toContain('req-Beta Ltd');

    // Edited as a superuser would, with triggers off for the session.
    await withDb(async (db) => {
      await db.prisma.$executeRawUnsafe(`SET session_replication_role = replica`);
      await db.prisma.$executeRawUnsafe(
        `UPDATE audit_log SET arguments = '{"upsertCustomer":{"input":{"name":"Mallory Ltd"}}}' WHERE seq = 4`,
      );
      await db.prisma.$executeRawUnsafe(`SET session_replication_role = DEFAULT`);
    });
    const edited = await runCli(['audit', 'verify'], env);
    expect(edited.code).toBe(1);
    expect(edited.stderr).toContain('audit trail BROKEN at entry 4 (edited)');

    // Put back as it was: intact again.
    await withDb(async (db) => {
      await db.prisma.$executeRawUnsafe(`SET session_replication_role = replica`);
      await db.prisma.$executeRawUnsafe(
        `UPDATE audit_log SET arguments = '{"upsertCustomer":{"input":{"name":"Beta Ltd"}}}' WHERE seq = 4`,
      );
      await db.prisma.$executeRawUnsafe(`SET session_replication_role = DEFAULT`);
    });
    expect((await runCli(['audit', 'verify'], env)).code).toBe(0);

    // Deleted by the table's owner with the trigger disabled.
    await withDb(async (db) => {
      await db.prisma.$executeRawUnsafe(
        `ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_or_delete`,
      );
      await db.prisma.$executeRawUnsafe(`DELETE FROM audit_log WHERE seq = 2`);
      await db.prisma.$executeRawUnsafe(`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_or_delete`);
    });
    const deleted = await runCli(['audit', 'verify'], env);
    expect(deleted.code).toBe(1);
    expect(deleted.stderr).toContain('audit trail BROKEN at entry 2 (deleted): entry 2 is missing');
  }, 300_000);
});
