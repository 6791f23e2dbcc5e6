// Lint, including the folder boundaries of ARCHITECTURE.md: imports point
// only toward lib/, and the UI never pulls tfjs or the worker into the page.
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const UI_AND_STATE = ['**/ui/**', '**/state/**', 'react', 'react-dom', 'react-dom/*', 'zustand', 'recharts'];
const TFJS = ['@tensorflow/*'];
/** train/'s folders besides page/ (the client) and protocol.ts: the worker's side. */
const TRAIN_INSIDE = ['run', 'engines', 'backends', 'insight', 'export', 'data'].map((folder) => `**/train/${folder}/**`);

const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'public/**', '.venv/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.tsx', 'src/ui/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['src/lib/**'],
    rules: restrict(['../*', '@tensorflow/*', 'react', 'zustand'], 'lib/ imports nothing from the app or from libraries.'),
  },
  {
    files: ['src/data/**', 'src/metrics/**'],
    rules: restrict(
      [...UI_AND_STATE, ...TFJS, '**/train/**', '**/model/**', '**/config/**', '**/share/**'],
      'Pure core: no tfjs, React, state or UI here.',
    ),
  },
  {
    files: ['src/config/**'],
    rules: restrict(
      [...UI_AND_STATE, ...TFJS, '**/train/**', '**/model/build', '**/share/**'],
      'config/ is plain data: it may use model/spec types, nothing heavier.',
    ),
  },
  {
    files: ['src/model/**'],
    ignores: ['src/model/build.ts'],
    rules: restrict([...UI_AND_STATE, ...TFJS, '**/train/**'], 'model/ is pure except build.ts, the one file that imports tfjs.'),
  },
  {
    files: ['src/model/build.ts', 'src/share/**'],
    rules: restrict(UI_AND_STATE, 'Core folders never import React, zustand, state or UI.'),
  },
  {
    files: ['src/train/**'],
    rules: restrict(
      [...UI_AND_STATE, '**/share/**'],
      'train/ never imports React, zustand, state or UI, nor share/: export files are written on the page.',
    ),
  },
  {
    files: ['src/sweep/**'],
    rules: restrict(
      [...UI_AND_STATE, ...TFJS, '**/train/**', '**/model/build', '**/history/**'],
      'sweep/ plans sweeps and reads their results: pure; state/ runs them.',
    ),
  },
  {
    files: ['src/history/**'],
    rules: restrict(
      [...UI_AND_STATE, ...TFJS, '**/train/**', '**/model/build'],
      'history/ is stored data and pure helpers; state/ drives it.',
    ),
  },
  {
    files: ['src/lessons/**'],
    rules: restrict(
      [...UI_AND_STATE, ...TFJS, '**/train/**', '**/model/build', '**/history/**', '**/sweep/**'],
      'lessons/ are data and pure readings of a run: state/ opens them and feeds them runs.',
    ),
  },
  {
    files: ['src/state/**'],
    rules: restrict(
      [...TFJS, '**/ui/**', '**/model/build', ...TRAIN_INSIDE],
      'state/ talks to training only through train/page/client (and the protocol types).',
    ),
  },
  {
    files: ['src/ui/**'],
    rules: restrict(
      [...TFJS, '**/model/build', '**/train/**', '**/history/db'],
      'The UI never imports tfjs, training code or storage; go through state/.',
    ),
  },
);
