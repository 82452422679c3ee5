import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/** What the pure room machine may not reach (server/rooms/: docs/architecture.md, "The parts"). */
const MACHINE_IS_PURE = 'server/rooms/ is the pure room machine: no I/O, no clock, no Node; the runtime is server/room-runtime/.';

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'test-output/**', 'data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: {
        console: 'readonly',
        process: 'readonly',
        window: 'readonly',
        document: 'readonly',
        localStorage: 'readonly',
        sessionStorage: 'readonly',
        performance: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        structuredClone: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Kept on explicitly: a promise nobody awaits loses its errors. `void p` marks an intended fire-and-forget.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // shared/ must stay isomorphic: no Node built-ins, no DOM, no network or rendering libraries.
    },
  },
  {
    // Plain JavaScript (this file, the bin shim) is outside tsconfig: lint it without type information.
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // vitest's asymmetric matchers (expect.any, expect.stringContaining, …) are typed `any` by design: inside
    // expected values they are not unsafe data.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'fs', 'path', 'http', 'crypto'], message: 'shared/ runs in the browser too: no Node built-ins.' },
            { group: ['socket.io', 'socket.io-client', 'phaser', 'express', 'better-sqlite3'], message: 'shared/ is pure logic: no I/O libraries.' },
            { group: ['**/server/**', '**/client/**'], message: 'shared/ imports nothing from server/ or client/.' },
          ],
        },
      ],
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/client/**'], message: 'server/ never imports client/.' }] }],
    },
  },
  {
    // The room machine is pure: a transition is a function of (state, event, time given, deps given). Time, random
    // ids, storage and the network belong to the runtime around it (server/room-runtime/).
    files: ['server/rooms/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/client/**'], message: 'server/ never imports client/.' },
            { group: ['node:*', 'fs', 'path', 'http', 'crypto', 'os', 'worker_threads'], message: MACHINE_IS_PURE },
            { group: ['socket.io', 'better-sqlite3', 'ioredis', 'pg', 'pino', 'express', 'mathjs'], message: MACHINE_IS_PURE },
            {
              group: ['../clock', '../log', '../store/**', '../net/**', '../cluster/**', '../http/**', '../tasks/**', '../math/**', '../room-runtime/**'],
              message: MACHINE_IS_PURE,
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', ...['setTimeout', 'setInterval', 'performance', 'process', 'Buffer'].map((name) => ({ name, message: MACHINE_IS_PURE }))],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: MACHINE_IS_PURE },
        { object: 'Math', property: 'random', message: MACHINE_IS_PURE },
      ],
    },
  },
  {
    // No import cycles (static or dynamic `import()`): who owns what stays readable (issue 19 removed them).
    files: ['server/**/*.ts', 'shared/**/*.ts', 'client/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.mjs', '.json'] })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    files: ['client/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/server/**'], message: 'client/ never imports server/.' }] }],
    },
  },
);
