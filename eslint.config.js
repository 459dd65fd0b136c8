// Flat config. The layer rules below are the architecture (docs/ARCHITECTURE.md, "Layers"), enforced rather than remembered:
// shared imports nothing of ours; the engine never imports electron; the renderer never imports main.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import svelte from 'eslint-plugin-svelte';

const electron = {
  group: ['electron', 'electron/*', 'electron-store'],
  message: 'Only src/main/desktop and src/preload may import electron.',
};
const ours = (...layers) => ({
  group: layers.flatMap((layer) => [`**/${layer}`, `**/${layer}/**`]),
  message: 'This import crosses a layer boundary (see "Layers" in docs/ARCHITECTURE.md).',
});
const nodeBuiltins = { group: ['node:*'], message: 'src/shared is pure TypeScript with no Node APIs.' };

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      '.bench/**',
      'test-output/**',
      'release/**',
      'src/main/engine/collect/linux/fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'error',
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [electron, nodeBuiltins, ours('main', 'renderer', 'preload')] }],
    },
  },
  {
    files: ['src/main/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [electron, ours('desktop', 'server', 'cli', 'renderer', 'preload')] },
      ],
    },
  },
  {
    // The server is a transport: the CLI starts it (run --serve), never the other way round.
    files: ['src/main/server/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [electron, ours('desktop', 'cli', 'renderer', 'preload')] }],
    },
  },
  {
    files: ['src/main/cli/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [electron, ours('desktop', 'renderer', 'preload')] }] },
  },
  ...svelte.configs['flat/recommended'],
  {
    files: ['src/renderer/**/*.svelte', 'src/renderer/**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    files: ['src/renderer/**/*.ts', 'src/renderer/**/*.svelte'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', { patterns: [electron, nodeBuiltins, ours('main', 'preload')] }],
      // A failing listener or chart is reported to the devtools console, never swallowed.
      'no-console': ['error', { allow: ['error', 'warn'] }],
    },
  },
  {
    files: ['bench/**/*.ts', 'scripts/**/*.js', 'bin/**/*.js'],
    rules: { 'no-console': 'off' },
  },
);
