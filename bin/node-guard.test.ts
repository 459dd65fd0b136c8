import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkNodeVersion } from './node-guard.js';

describe('Node version guard', () => {
  it('accepts 22.12 and newer', () => {
    expect(checkNodeVersion('22.12.0')).toBeNull();
    expect(checkNodeVersion('v24.1.0')).toBeNull();
    expect(checkNodeVersion('23.0.0')).toBeNull();
  });

  it('names the found and needed versions for older Node', () => {
    expect(checkNodeVersion('20.20.2')).toMatch(/Node\.js 20\.20\.2 found, but Dashlight needs Node\.js >= 22\.12\.0/);
    expect(checkNodeVersion('22.11.9')).toMatch(/22\.11\.9 found/);
  });

  // The system Node of this machine is 20.x: the real binary must refuse it before loading SQLite.
  const oldNode = '/usr/bin/node';
  const version = existsSync(oldNode)
    ? spawnSync(oldNode, ['-p', 'process.versions.node']).stdout.toString().trim()
    : '';
  const isOld = version !== '' && checkNodeVersion(version) !== null;
  it.runIf(isOld)(`bin/dashlight.js exits 2 with one line on the system Node (${version || 'none'})`, () => {
    const result = spawnSync(oldNode, ['bin/dashlight.js', 'latest'], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/found, but Dashlight needs Node\.js >= 22\.12\.0/);
  });
});
