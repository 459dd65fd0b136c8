// `npm start` on a machine without the Electron binary (or, today, without the desktop shell)
// must say why in one message, point to headless mode, and exit non-zero.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('npm start', () => {
  it('explains what is missing and points to headless mode', () => {
    const result = spawnSync(process.execPath, [join(import.meta.dirname, 'start.js'), '--no-build'], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^dashlight: (the desktop shell|the Electron binary is missing)/m);
    expect(result.stderr).toContain('npx dashlight run --serve');
  });
});
