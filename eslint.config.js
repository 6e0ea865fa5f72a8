// Lint: typescript-eslint recommended, plus the architecture rule: the platform-free core never imports Node or I/O libraries.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const IO_MODULES = ['node:*', 'fs', 'path', 'os', 'net', 'http', 'child_process', '@duckdb/*', 'serialport', '@serialport/*', 'mqtt', 'fastify', '@fastify/*', 'read-excel-file', 'read-excel-file/*'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'web/dist/**', 'data/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-control-regex': 'off',
    },
  },
  {
    // plain Node scripts (entry point, test runner, lockfile helper)
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    // The core: domain model, rules, analytics, decoders, detectors, policy. Bytes and arrays in, values out.
    files: ['src/core/**/*.ts', 'src/analytics/**/*.ts', 'src/tic/**/*.ts', 'src/consent/**/*.ts', 'src/reveal/**/*.ts', 'src/tariffs/**/*.ts', 'src/importers/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: IO_MODULES.map((group) => ({ group: [group], message: 'The core is platform-free: do I/O in an adapter (store/, sources/, server/, cli/, integrations/).' })) }],
    },
  },
);
