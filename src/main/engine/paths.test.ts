import { describe, expect, it } from 'vitest';
import { defaultDataDir, resolveDataPaths } from './paths.js';

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
