// schema/schema.graphql is the API's contract; it must be exactly what the code emits.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { printSchemaSdl } from '../../src/graphql/schema.js';

describe('schema/schema.graphql', () => {
  it('matches the schema the code builds (run `npm run -s schema:emit > schema/schema.graphql` after changing types)', async () => {
    const committed = await readFile('schema/schema.graphql', 'utf8');
    expect(await printSchemaSdl()).toBe(committed);
  });
});
