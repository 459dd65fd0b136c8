import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { defineConfig } from 'vitest/config';

const E2E = ['src/**/*.e2e.test.ts', 'scripts/**/*.e2e.test.ts'];
const RENDERER = 'src/renderer/**/*.test.ts';
const SMOKE = 'src/**/*.smoke.test.ts';

export default defineConfig({
  test: {
    environment: 'node',
    globalSetup: ['./vitest.global-setup.ts'],
    reporters: ['default', './vitest.summary-reporter.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // A busy machine may take seconds to answer (a page to a click, a server to a request): polls
    // wait for what was decided, however long it takes within this cap, not for how fast it was.
    expect: { poll: { timeout: 20_000, interval: 100 } },
    // Store and CLI suites write real SQLite files; parallel files are fine, each uses its own temp dir.
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'bin/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: [...E2E, RENDERER, SMOKE],
          sequence: { groupOrder: 0 },
        },
      },
      {
        // The dashboard's components and state, rendered by Svelte into jsdom (@testing-library/svelte).
        extends: true,
        plugins: [svelte(), svelteTesting()],
        test: {
          name: 'components',
          include: [RENDERER],
          exclude: E2E,
          environment: 'jsdom',
          // Local times on the page are asserted to the character: the zone is pinned, as jsdom pins the language.
          env: { TZ: 'UTC' },
          setupFiles: ['./src/renderer/test-support/setup.ts'],
          sequence: { groupOrder: 0 },
        },
      },
      {
        // End-to-end suites load the whole machine (e.g. both cores for the CPU alert), so they run
        // after the unit tests, one file at a time, where nothing else skews what they measure.
        extends: true,
        test: {
          name: 'e2e',
          include: E2E,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
          testTimeout: 120_000,
        },
      },
      {
        // The tray app in the real Electron binary (src/main/desktop/smoke/): runs where a binary
        // and a display exist (CI, under xvfb-run on Linux); elsewhere it says so and skips.
        extends: true,
        test: {
          name: 'smoke',
          include: [SMOKE],
          fileParallelism: false,
          sequence: { groupOrder: 2 },
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
