// Import layering from docs/architecture.md, enforced: a wrong import fails CI.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'crypto',
  'http',
  'https',
  'child_process',
  'url',
  'stream',
  'zlib',
  'net',
];
const domainFolders = [
  'orders',
  'sync',
  'outbox',
  'proofs',
  'sow',
  'bills',
  'files',
  'settings',
  'notifications',
  'updates',
  'diagnostics',
  'profile',
];
const entryPoints = ['app', 'host', 'cli'];
const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'release/**',
      'test-results/**',
      'playwright-report/**',
      'e2e-artifacts/**',
      'bin/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Prettier wraps code at 120 columns; this catches what it cannot wrap (comments). A long string, template,
      // regular
      // expression or URL stays whole: breaking a message or a test name in two helps no reader.
      'max-len': [
        'error',
        {
          code: 120,
          ignoreStrings: true,
          ignoreTemplateLiterals: true,
          ignoreRegExpLiterals: true,
          ignoreUrls: true,
          ignoreTrailingComments: true,
        },
      ],
    },
  },
  {
    files: ['common/**/*.ts'],
    rules: restrict(
      ['**/main/**', '**/preload/**', '**/renderer/**', 'electron', 'better-sqlite3', ...nodeBuiltins],
      'common/ runs in any process: no main/, preload/, renderer/, Node or Electron imports (docs/architecture.md).',
    ),
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict(
        ['**/main/**', '**/preload/**', '**/marketplace-sim/**', 'electron', 'better-sqlite3', ...nodeBuiltins],
        'renderer/ imports only common/ (docs/architecture.md).',
      ),
    },
  },
  {
    files: ['preload/**/*.ts'],
    rules: restrict(
      ['**/main/**', '**/renderer/**', 'better-sqlite3', ...nodeBuiltins],
      'preload/ imports electron and common/ only (docs/architecture.md).',
    ),
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/app/**'],
    rules: restrict(
      ['electron', '**/renderer/**', '**/preload/**'],
      'Only main/app/ imports electron; main/ never imports the renderer (docs/architecture.md).',
    ),
  },
  {
    // Inside main/ (docs/architecture.md "Folders"): db/ is below every domain and knows none of them.
    files: ['main/db/**/*.ts'],
    ignores: ['main/**/*.test.ts'],
    rules: restrict(
      [
        'electron',
        '**/renderer/**',
        '**/preload/**',
        ...domainFolders.map((d) => `**/${d}/**`),
        ...entryPoints.map((d) => `**/${d}/**`),
        '../api/*',
        '../services',
        '../demo',
        '../profile/*',
      ],
      'main/db/ holds the connection, migrations and shared SQL helpers: it imports no domain, api/ or entry point (docs/architecture.md).',
    ),
  },
  {
    // A domain is used by the entry points, never the other way round.
    files: domainFolders.map((d) => `main/${d}/**/*.ts`),
    ignores: ['main/**/*.test.ts', 'main/**/testing/**', 'main/**/test-*.ts', 'main/**/*-child.ts'],
    rules: restrict(
      ['electron', '**/renderer/**', '**/preload/**', ...entryPoints.map((d) => `**/${d}/**`), '**/services'],
      'A domain folder never imports an entry point (main/app, main/host, main/cli) or the composition root (docs/architecture.md).',
    ),
  },
  {
    files: ['marketplace-sim/**/*.ts'],
    rules: restrict(['electron', '**/renderer/**', '**/preload/**', '**/main/app/**'], 'The simulator is plain Node.'),
  },
);
