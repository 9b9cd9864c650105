// Type-aware linting: a forgotten await on a write is a lost write, so no-floating-promises is an error.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const prisma = {
  group: ['**/store/generated/*', '**/store/generated/**', '@prisma/*'],
  message: 'Only src/store/ talks to Prisma: add a repository method there.',
};
const systemByName = {
  group: ['**/systems/xero/**', '**/systems/nav/**'],
  message:
    'Outside src/systems/, a system is reached through its module (src/systems/modules.ts), never by name.',
};
const anySystem = {
  group: ['**/systems/*/**'],
  message:
    'Pipelines, policy and the runtime never import a system: ask systemModule(id) for its traits and vocabulary.',
};
const pipelines = {
  group: ['**/pipelines/**', '**/engine.js', '**/bootstrap.js'],
  message: 'The queue runtime knows no entity: pipelines register with it, not the other way round.',
};
const outward = {
  group: [
    '**/store/**',
    '**/sync/**',
    '**/graphql/**',
    '**/cli/**',
    '**/events/**',
    '**/mapping/**',
    '**/ops/**',
  ],
  message: 'The domain has no I/O: it imports zod, decimal.js and the system registry only.',
};
// Relative paths out of the package are caught by test/unit/architecture.test.ts, which resolves them.
const gatewaySource = {
  group: [
    'ledgerbridge',
    'ledgerbridge/*',
    '@ledgerbridge/*',
    '!@ledgerbridge/sandbox',
    '!@ledgerbridge/sandbox/*',
  ],
  message: 'The sandbox is a product of its own: it imports nothing from the gateway.',
};
const restrict = (files, patterns, ignores = []) => ({
  files,
  ignores,
  rules: { 'no-restricted-imports': ['error', { patterns }] },
});

const boundaries = [
  // Tests may reach the database directly; the gateway and bench scripts may not.
  restrict(['src/**/*.ts'], [prisma, systemByName], ['src/store/**', 'src/systems/**', 'src/cli/**']),
  restrict(['bench/**/*.ts'], [prisma]),
  // The scale-out script runs gateways as processes, as a user does: it imports none of their code.
  restrict(['scripts/**/*.ts'], [prisma, { group: ['**/src/**'], message: 'Run the gateway as a process.' }]),
  restrict(['src/systems/**/*.ts', 'src/cli/**/*.ts'], [prisma]),
  restrict(['src/store/**/*.ts'], [systemByName]),
  restrict(['src/domain/**/*.ts'], [prisma, outward, anySystem]),
  restrict(['src/sync/pipelines/**/*.ts', 'src/sync/policy/**/*.ts'], [prisma, anySystem]),
  restrict(['src/sync/runtime/**/*.ts'], [prisma, anySystem, pipelines]),
  restrict(['packages/sandbox/**/*.ts'], [prisma, gatewaySource]),
];

export default tseslint.config(
  { ignores: ['**/dist/**', 'src/store/generated/**', 'test/generated/**', 'data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      // Apollo and graphql-ws hooks must be async by contract even when they do not await.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  // The layout's boundaries (docs/architecture.md). One block per area, each listing every rule
  // that area keeps: a later block's entry for the same rule replaces an earlier one's.
  ...boundaries,
);
