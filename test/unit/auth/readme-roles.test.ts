// The README's table of operations and roles is the schema's: a field added, removed or given
// another role without the table following fails here.
import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { rootFieldRoles } from '../../../src/auth/field-roles.js';

/** The rows of the first table after "## Who may do what" whose header starts with "operation". */
async function readmeRows(): Promise<string[][]> {
  const readme = await readFile('README.md', 'utf8');
  const section = readme.split(/^## /m).find((s) => s.startsWith('Who may do what'));
  if (!section) throw new Error('README has no "Who may do what" section');
  const lines = section.split('\n');
  const header = lines.findIndex((l) => /^\|\s*operation\s*\|/.test(l));
  const rows: string[][] = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim().replace(/`/g, '')),
    );
  }
  return rows;
}

describe('README "Who may do what"', () => {
  it('lists every operation with the role the schema requires', async () => {
    const schema = (await rootFieldRoles()).map((f) => [f.field, f.operation.toLowerCase(), String(f.role)]);
    expect(await readmeRows()).toEqual(schema);
  });
});
