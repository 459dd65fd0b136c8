/**
 * The one build config, in three modes:
 *   vite build --mode main      → out/main     (Node ESM: the CLI and, later, the Electron main process)
 *   vite build --mode preload   → out/preload  (CommonJS, as sandboxed preloads require)
 *   vite build --mode renderer  → out/renderer (the Svelte dashboard)
 * Dependencies stay external in main and preload: better-sqlite3 is a native module.
 */
import { defineConfig, type UserConfig } from 'vite';
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { resolve } from 'node:path';

const root = import.meta.dirname;
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string };
/**
 * Kept out of the bundle: Node built-ins, electron, native modules, and systeminformation (loaded
 * lazily, never on the Linux hot path). Everything else is bundled: loading hundreds of small ESM
 * files (kysely, zod, date-fns) cost the headless engine ~40 MB of RSS; one tree-shaken file does not.
 */
const NOT_BUNDLED = ['electron', 'electron-store', 'better-sqlite3', 'systeminformation'];
/**
 * Required only inside functions Dashlight never calls, and not installed: @datadog/sketches-js
 * loads protobufjs to serialise a sketch (toProto/fromProto); stats only fills and reads one.
 */
const NEVER_LOADED = ['protobufjs'];
const external = [...builtinModules, ...builtinModules.map((m) => `node:${m}`), ...NOT_BUNDLED, ...NEVER_LOADED].map(
  (name) => new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(/.*)?$`),
);

const define = { __DASHLIGHT_VERSION__: JSON.stringify(pkg.version) };

/** Entries that exist: later issues add the desktop main process without touching this file. */
function entries(candidates: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(candidates).filter(([, file]) => existsSync(resolve(root, file))));
}

function mainConfig(): UserConfig {
  return {
    define,
    ssr: { noExternal: true, external: NOT_BUNDLED },
    build: {
      outDir: 'out/main',
      emptyOutDir: true,
      target: 'node22',
      ssr: true,
      // Minified with a source map: V8 keeps module sources in the heap, and stack traces map back.
      minify: true,
      sourcemap: true,
      // Bundle dependencies too (see NOT_BUNDLED); Vite's SSR build would otherwise leave them all external.
      rollupOptions: {
        input: entries({ cli: 'src/main/cli/main.ts', desktop: 'src/main/desktop/main.ts' }),
        external,
        output: {
          format: 'es',
          entryFileNames: '[name].js',
          chunkFileNames: 'chunks/[name]-[hash].js',
          // V8 keeps each module's source for lazy compilation, as two bytes a character once one
          // character is not Latin-1 (a '≤' in a message): escaped, the ~700 KB bundle stays one byte.
          charset: 'ascii',
        },
      },
    },
  };
}

function preloadConfig(): UserConfig {
  return {
    define,
    // A sandboxed preload can require only `electron`: everything else goes into the one file.
    ssr: { noExternal: true, external: ['electron'] },
    build: {
      outDir: 'out/preload',
      emptyOutDir: true,
      target: 'node22',
      ssr: true,
      minify: false,
      rollupOptions: {
        input: entries({ preload: 'src/preload/index.ts' }),
        external,
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  };
}

async function rendererConfig(): Promise<UserConfig> {
  const { svelte } = await import('@sveltejs/vite-plugin-svelte');
  return {
    root: resolve(root, 'src/renderer'),
    base: './',
    define,
    plugins: [svelte({ configFile: resolve(root, 'svelte.config.js') })],
    build: { outDir: resolve(root, 'out/renderer'), emptyOutDir: true, target: 'es2023' },
  };
}

export default defineConfig(async ({ mode }) => {
  switch (mode) {
    case 'main':
      return mainConfig();
    case 'preload':
      return preloadConfig();
    // `vite` (the dev server) and svelte-check load this file in development mode: the dashboard.
    case 'development':
    case 'renderer':
      return rendererConfig();
    default:
      throw new Error(`vite.config.ts: unknown mode "${mode}"; use --mode main, preload or renderer`);
  }
});
