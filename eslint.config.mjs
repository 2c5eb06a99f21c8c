import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import architecture from './tools/architecture/architecture-rule.cjs';

export default tseslint.config(
  { ignores: ['dist/**', 'apps/console/dist/**', 'apps/console/src/gql/**', '.cb*/**', '.ci-tools/**', 'node_modules/**', 'coverage/**', '.data/**', 'scripts/**', '*.cjs', '*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'error',
    },
  },
  {
    // The parts and arrows of tools/architecture/map.json (a test runs the same rule in npm test).
    files: ['apps/**/*.ts', 'apps/**/*.tsx', 'libs/**/*.ts', 'libs/**/*.tsx'],
    plugins: { architecture: { rules: { imports: architecture.rule } } },
    rules: { 'architecture/imports': 'error' },
  },
  {
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
