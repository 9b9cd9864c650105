// prisma/migrations must produce exactly prisma/schema.prisma: a schema change without a
// migration would deploy a database the code does not expect.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMigration, migrationsDir } from '../../src/store/migrations.js';

describe('migrations', () => {
  it('are in step with prisma/schema.prisma (run `npm run db:migration -- <name>` after a schema change)', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'lb-migrations-'));
    try {
      await cp(migrationsDir, dir, { recursive: true });
      expect(await createMigration('drift_check', dir)).toBeNull();
      expect((await readdir(dir)).filter((f) => f.includes('drift_check'))).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('rejects a migration name with nothing usable in it', async () => {
    await expect(createMigration('!!!')).rejects.toThrow(/needs a name/);
  });
});
