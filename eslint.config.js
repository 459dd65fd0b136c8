// Flat config. The layer rules below are the architecture of docs/ARCHITECTURE.md ("Layers"), enforced
// rather than remembered, and src/architecture.test.ts proves each one fires:
//   shared → engine → desktop | server | cli;  preload → shared;  renderer → shared.
// Only the desktop shell and the preload may import electron; imports are checked whether static or
// dynamic (`import()`); Node's globals exist only where Node runs (not in shared, renderer or preload,
// beyond what Electron's sandboxed preload has); and product code reads the time only through the
// engine's clock (src/main/engine/schedule/clock.ts), so tests control it.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import svelte from 'eslint-plugin-svelte';

/** One forbidden import: the globs no-restricted-imports matches, the regex that catches `import()`. */
const rule = (group, regex, message) => ({ group, regex, message });

const electron = rule(
  ['electron', 'electron/*', 'electron-store'],
  '/^electron(\\u002F|-store$|$)/',
  'Only src/main/desktop and src/preload may import electron.',
);
const ours = (...layers) =>
  rule(
    layers.flatMap((layer) => [`**/${layer}`, `**/${layer}/**`]),
    `/(^|\\u002F)(${layers.join('|')})(\\u002F|$)/`,
    'This import crosses a layer boundary (see "Layers" in docs/ARCHITECTURE.md).',
  );
const nodeBuiltins = (where) => rule(['node:*'], '/^node:/', `${where} runs without Node: no Node built-in modules.`);

/**
 * The rules of one layer: static imports by glob, dynamic `import('…')` by regex and, in the main
 * process (`clock`), no reading of the time but through the clock.
 */
const layer = ({ clock }, ...denied) => ({
  'no-restricted-imports': ['error', { patterns: denied.map(({ group, message }) => ({ group, message })) }],
  'no-restricted-syntax': [
    'error',
    ...denied.map(({ regex, message }) => ({ selector: `ImportExpression[source.value=${regex}]`, message })),
    ...(clock ? readsTheTime : []),
  ],
});

/** Product code asks the clock (tests inject theirs); `new Date(ts)` of a known time is fine. */
const readsTheTime = [
  {
    selector: "MemberExpression[object.name='Date'][property.name='now']",
    message: "Read the time from the engine's Clock (schedule/clock.ts), so tests control it.",
  },
  {
    selector: "NewExpression[callee.name='Date'][arguments.length=0]",
    message: "Read the time from the engine's Clock (schedule/clock.ts), so tests control it.",
  },
];

/** Globals of Node that browsers lack: forbidden where Node does not run. */
const NODE_ONLY = Object.keys(globals.node).filter((name) => !(name in globals.browser) && !(name in globals.es2021));
/** What Electron's sandboxed preload has of them. */
const SANDBOXED_PRELOAD = new Set(['process', 'Buffer', 'setImmediate', 'clearImmediate']);
const noNodeGlobals = (where, allowed = new Set()) => [
  'error',
  ...NODE_ONLY.filter((name) => !allowed.has(name)).map((name) => ({
    name,
    message: `${where} does not run in Node: \`${name}\` is not there.`,
  })),
];

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
    languageOptions: { globals: { ...globals.es2021 }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'error',
    },
  },
  {
    // Node runs here: the main process, the tools, the configs.
    files: ['src/main/**', 'bench/**', 'scripts/**', 'bin/**', '*.js', '*.ts', 'src/*.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      ...layer({ clock: true }, electron, nodeBuiltins('src/shared'), ours('main', 'renderer', 'preload')),
      'no-restricted-globals': noNodeGlobals('src/shared'),
    },
  },
  {
    files: ['src/main/engine/**/*.ts'],
    rules: layer({ clock: true }, electron, ours('desktop', 'server', 'cli', 'renderer', 'preload')),
  },
  {
    // The Electron shell: electron, the engine and shared; never a transport or the page.
    files: ['src/main/desktop/**/*.ts'],
    rules: layer({ clock: true }, ours('server', 'cli', 'renderer', 'preload')),
  },
  {
    // The server is a transport: the CLI starts it (run --serve), never the other way round.
    files: ['src/main/server/**/*.ts'],
    rules: layer({ clock: true }, electron, ours('desktop', 'cli', 'renderer', 'preload')),
  },
  {
    files: ['src/main/cli/**/*.ts'],
    rules: layer({ clock: true }, electron, ours('desktop', 'renderer', 'preload')),
  },
  {
    // The preload bridges the page and the main process: electron and shared only.
    files: ['src/preload/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...layer({ clock: false }, nodeBuiltins("Electron's sandboxed preload"), ours('main', 'renderer')),
      'no-restricted-globals': noNodeGlobals("Electron's sandboxed preload", SANDBOXED_PRELOAD),
    },
  },
  {
    // The clocks themselves: the engine's, and the CLI's (`now` in its I/O seam).
    files: ['src/main/engine/schedule/clock.ts', 'src/main/cli/cli-io.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // Tests set their own clocks and fake timers.
    files: ['**/*.test.ts', '**/test-support/**', '**/test-support.ts', '**/*.fixture.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // The preload's tests drive it with the desktop shell's hand-written fake electron, and nothing else of main.
    files: ['src/preload/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)main/(?!desktop/test-support/)',
              message: 'Tests of the preload use only the fake electron.',
            },
            { regex: '(^|/)renderer(/|$)', message: 'This import crosses a layer boundary.' },
          ],
        },
      ],
    },
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
      ...layer({ clock: false }, electron, nodeBuiltins('src/renderer'), ours('main', 'preload')),
      'no-restricted-globals': noNodeGlobals('src/renderer'),
      // A failing listener or chart is reported to the devtools console, never swallowed.
      'no-console': ['error', { allow: ['error', 'warn'] }],
    },
  },
  {
    files: ['bench/**/*.ts', 'scripts/**/*.js', 'bin/**/*.js'],
    rules: { 'no-console': 'off' },
  },
);
