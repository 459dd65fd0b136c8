import { describe, expect, it } from 'vitest';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultDataDir, ensureDir, resolveDataPaths } from './paths.js';

describe('data folder', () => {
  it('matches Electron userData per OS', () => {
    expect(defaultDataDir('linux', { HOME: '/home/me' })).toBe('/home/me/.config/Dashlight');
    expect(defaultDataDir('linux', { HOME: '/home/me', XDG_CONFIG_HOME: '/xdg' })).toBe('/xdg/Dashlight');
    expect(defaultDataDir('darwin', { HOME: '/Users/me' })).toBe('/Users/me/Library/Application Support/Dashlight');
    expect(defaultDataDir('win32', { APPDATA: 'C:\\Users\\me\\AppData\\Roaming' })).toBe(
      'C:\\Users\\me\\AppData\\Roaming\\Dashlight',
    );
  });

  it('lets --db win over DASHLIGHT_DATA_DIR, which wins over the default', () => {
    expect(resolveDataPaths({ db: '/tmp/x/my.db', env: { DASHLIGHT_DATA_DIR: '/data' } })).toEqual({
      dataDir: '/tmp/x',
      dbFile: '/tmp/x/my.db',
      configFile: '/tmp/x/config.json',
      logDir: '/tmp/x/logs',
    });
    expect(resolveDataPaths({ env: { DASHLIGHT_DATA_DIR: '/data', HOME: '/h' } }).dbFile).toBe('/data/dashlight.db');
    expect(resolveDataPaths({ env: { HOME: '/h' } }).dbFile).toBe(
      process.platform === 'linux' ? '/h/.config/Dashlight/dashlight.db' : expect.any(String),
    );
  });
});

describe('ensureDir', () => {
  it('creates missing parents and accepts an existing folder', () => {
    const base = mkdtempSync(join(tmpdir(), 'dashlight-dir-'));
    ensureDir(join(base, 'a', 'b', 'c'));
    expect(statSync(join(base, 'a', 'b', 'c')).isDirectory()).toBe(true);
    ensureDir(join(base, 'a'));
  });

  it('fails at once, with a reason, where a folder cannot be', () => {
    const base = mkdtempSync(join(tmpdir(), 'dashlight-dir-'));
    writeFileSync(join(base, 'file'), 'x');
    expect(() => ensureDir(join(base, 'file', 'sub'))).toThrow(/file is a file, not a folder/);
    // Node's recursive mkdir spins forever here; this must throw instead.
    if (process.platform === 'linux')
      expect(() => ensureDir('/proc/dashlight-nope/data')).toThrow(/ENOENT|EACCES|EPERM/);
  });
});
