import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'bin/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['./vitest.global-setup.ts'],
    reporters: ['default', './vitest.summary-reporter.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Store and CLI suites write real SQLite files; parallel files are fine, each uses its own temp dir.
    pool: 'forks',
  },
});
