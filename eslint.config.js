// Lint: typescript-eslint recommended + the import direction of docs/architecture.md.
// shared → nothing · engine → shared · cli, web → engine, shared · main → shared + engine
// · preload → shared · renderer → shared. Nothing imports upward or sideways.
const tseslint = require('typescript-eslint');
const globals = require('globals');

const NODE_BUILTINS =
  '^(node:.*|fs|path|os|child_process|worker_threads|http|https|net|crypto|zlib|stream|url|util|better-sqlite3)(/.*)?$';
const restrict = (...rules) => ({
  'no-restricted-imports': ['error', { patterns: rules.map(([regex, message]) => ({ regex, message })) }],
});
const ELECTRON = ['^electron(/.*)?$', 'The engine, CLI, web mode, shared and renderer never import electron.'];

module.exports = tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'release/',
      'coverage/',
      'renderer/dist/',
      'test/output/',
      '**/*.js',
      '!eslint.config.js',
    ],
  },
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: restrict(
      ELECTRON,
      ['(^|/)(electron|renderer)/', 'shared imports nothing of the app.'],
      [NODE_BUILTINS, 'shared is pure TypeScript (no Node).'],
    ),
  },
  {
    files: ['electron/engine/**/*.ts'],
    rules: restrict(ELECTRON, ['(^|/)(main|preload|cli|web|renderer)(/|$)', 'The engine imports only shared.']),
  },
  {
    files: ['electron/cli/**/*.ts', 'electron/web/**/*.ts'],
    rules: restrict(ELECTRON, ['(^|/)(main|preload|renderer)(/|$)', 'cli and web import only the engine and shared.']),
  },
  {
    files: ['electron/main/**/*.ts'],
    rules: restrict(['(^|/)(renderer|cli|web|preload)(/|$)', 'main imports shared and the engine protocol only.']),
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: restrict(
      ['(^|/)(renderer|engine|cli|web|main)(/|$)', 'preload imports shared only.'],
      ['^(node:.*|fs|path|child_process)$', 'preload is sandboxed.'],
    ),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrict(
      ELECTRON,
      [NODE_BUILTINS, 'The renderer never imports Node.'],
      ['(^|/)electron/', 'The renderer talks to the back end only through renderer/api.ts.'],
    ),
  },
);
