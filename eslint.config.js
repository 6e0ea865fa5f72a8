// Lint: typescript-eslint recommended, plus the platform-free core rule (no Node or I/O library). The layer rules
// between
// folders, relative imports included, are dependency-cruiser's (.dependency-cruiser.cjs), run by the same `npm run
// lint`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const IO_MODULES = [
  'node:*',
  'fs',
  'path',
  'os',
  'net',
  'http',
  'child_process',
  '@duckdb/*',
  'serialport',
  '@serialport/*',
  'mqtt',
  'fastify',
  '@fastify/*',
  'read-excel-file',
  'read-excel-file/*',
];

const CORE_MESSAGE =
  'The core is platform-free: do I/O in an adapter (src/adapters/) reached through the composition root (src/backend/).';

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'web/dist/**', 'data/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-control-regex': 'off',
      // Prettier formats code at 120 columns; comments are held to the same width. A string, template or regular
      // expression longer than that stays whole (breaking it would hurt reading more than the long line).
      'max-len': [
        'error',
        { code: 120, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true, ignoreUrls: true },
      ],
    },
  },
  {
    // plain Node scripts (entry point, test runner, lockfile helper)
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    // CommonJS configuration files (dependency-cruiser reads its configuration this way)
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
  },
  {
    // The core: domain model, rules, analytics, decoders, detectors, policy. Bytes and arrays in, values out.
    files: ['src/{core,ports,analytics,tic,consent,accounts,reveal,tariffs,importers,enedis}/**/*.ts'],
    ignores: ['**/*.test.ts', '**/*.case.ts', 'src/importers/portal-xlsx/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: IO_MODULES.map((group) => ({ group: [group], message: CORE_MESSAGE })) },
      ],
    },
  },
  {
    // The portal workbook parser unzips in memory (node:zlib) and hands bytes to the read-excel-file parser:
    // computation
    // on bytes already read, no file or socket.
    files: ['src/importers/portal-xlsx/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: IO_MODULES.filter((m) => !m.startsWith('read-excel-file')).map((group) => ({
            group: [group, '!node:zlib'],
            message: CORE_MESSAGE,
          })),
        },
      ],
    },
  },
);
