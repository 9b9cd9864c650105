import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The sandbox workspace package is tested from its source, as tsx runs it (tsconfig paths).
const sandboxSrc = fileURLToPath(new URL('./packages/sandbox/src/', import.meta.url));

export default defineConfig({
  resolve: {
    // graphql 16 ships CJS (main) and ESM (module) copies without an exports map. Node gives the
    // libraries the CJS one, so the tests must too: two copies would break `instanceof` checks.
    alias: [
      { find: /^graphql$/, replacement: 'graphql/index.js' },
      { find: /^@ledgerbridge\/sandbox$/, replacement: `${sandboxSrc}index.ts` },
      { find: /^@ledgerbridge\/sandbox\/(.*)\.js$/, replacement: `${sandboxSrc}$1.ts` },
    ],
  },
  test: {
    include: ['test/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default'],
  },
});
