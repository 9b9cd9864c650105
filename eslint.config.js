// Type-aware linting: a forgotten await on a write is a lost write, so no-floating-promises is an error.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
  // Layering: only src/store/ talks to Prisma (the generated client and @prisma packages); everything
  // else goes through a repository there, and uses the row and transaction types it exports. Tests
  // may still reach the database directly. Caution when adding other no-restricted-imports rules: a
  // later block's entry for the same rule replaces this one for the files both match, so repeat
  // these patterns there.
  {
    files: ['src/**/*.ts', 'bench/**/*.ts'],
    ignores: ['src/store/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/store/generated/*', '**/store/generated/**', '@prisma/*'],
              message: 'Only src/store/ talks to Prisma: add a repository method there.',
            },
          ],
        },
      ],
    },
  },
);
