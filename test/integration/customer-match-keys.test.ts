// The customer match keys are computed in two places: by the store on every write, and once in
// SQL by the migration that added them (for customers written before it). They must agree, or a
// customer from before the upgrade would never match again.
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailKey, nameKey } from '../../src/domain/match-keys.js';
import { openDatabase, type Database } from '../../src/store/database.js';
import { migrationsDir } from '../../src/store/migrations.js';

const names = [
  'Fourth Coffee Ltd',
  'FOURTH COFFEE LIMITED.',
  'Lucerne Consulting & Co.',
  'Müller GmbH',
  'A.B.C. Corp (Europe)',
  '  Spaced   Out   Inc  ',
  'Ltd',
  'Coho Winery plc-Ltd',
];
const emails = ['AP@Tailspin.example', ' orders@fourthcoffee.example ', '', null];

describe('customer match keys', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase({ dataDir: 'memory://' });
    await db.migrate();
  });
  afterAll(async () => {
    await db?.close();
  });

  it("the migration's backfill gives existing customers the keys the store gives new ones", async () => {
    const folder = (await readdir(migrationsDir)).find((f) => f.endsWith('_customer_match_keys'));
    const sql = await readFile(path.join(migrationsDir, folder!, 'migration.sql'), 'utf8');
    const backfill = sql.slice(sql.indexOf('UPDATE "customer"'));
    for (const [i, name] of names.entries()) {
      await db.prisma.$executeRawUnsafe(
        `INSERT INTO customer (id, name, email, currency, updated_at) VALUES (gen_random_uuid(), $1, $2, 'GBP', now())`,
        name,
        emails[i % emails.length],
      );
    }
    await db.prisma.$executeRawUnsafe(backfill);
    const rows = await db.prisma.customer.findMany({
      select: { name: true, email: true, matchName: true, matchEmail: true },
    });
    expect(rows).toHaveLength(names.length);
    for (const row of rows) {
      expect(row.matchName, row.name).toBe(nameKey(row.name));
      expect(row.matchEmail, String(row.email)).toBe(emailKey(row.email));
    }
    expect(nameKey('FOURTH COFFEE LIMITED.')).toBe(nameKey('Fourth Coffee Ltd'));
    expect(nameKey('Ltd')).toBeNull();
  });
});
