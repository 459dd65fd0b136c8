// The installer configuration, checked by electron-builder's own schema validation (the build
// itself needs the Electron binary, which cannot be downloaded here), plus the settings the
// desktop issue asks for: fuses, LSUIElement, native module unpacking, the appId toasts need.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ID } from './main/desktop/app-id.js';

const require = createRequire(import.meta.url);
const root = join(import.meta.dirname, '..');
const yaml = require('js-yaml') as { load(text: string): unknown };
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(config: unknown, debug: { add(): void; isEnabled: boolean }): Promise<void>;
};

interface BuilderConfig {
  appId: string;
  win: { target: string; icon: string };
  mac: { target: string[]; icon: string; hardenedRuntime: boolean; extendInfo: Record<string, unknown> };
  linux: { target: string[]; category: string; icon: string };
  deb: { depends: string[] };
  electronFuses: Record<string, boolean>;
  asarUnpack: string[];
  npmRebuild: boolean;
}

const config = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

describe('electron-builder.yml', () => {
  it("passes electron-builder's own configuration schema", async () => {
    await expect(validateConfiguration(config, { add: () => {}, isEnabled: false })).resolves.toBeUndefined();
  });

  it('rejects a misspelled key (the validation can fail)', async () => {
    await expect(
      validateConfiguration({ ...config, electronFusess: {} }, { add: () => {}, isEnabled: false }),
    ).rejects.toThrow(/electronFusess/);
  });

  it('targets, fuses, tray-app bundle settings and the appId match the issue', () => {
    expect(config.appId).toBe(APP_ID);
    expect(config.win.target).toBe('nsis');
    expect(config.mac.target).toEqual(['dmg', 'zip']);
    expect(config.mac).toMatchObject({ hardenedRuntime: true, extendInfo: { LSUIElement: true } });
    expect(config.linux.target).toEqual(['AppImage', 'deb', 'rpm']);
    expect(config.linux.category).toBe('System;Monitor');
    expect(config.deb.depends).toContain('libayatana-appindicator3-1');
    expect(config.electronFuses).toMatchObject({ runAsNode: false, onlyLoadAppFromAsar: true });
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3/**');
    expect(config.npmRebuild).toBe(false);
  });

  it('names icons that exist', () => {
    for (const icon of [config.win.icon, config.mac.icon, config.linux.icon]) {
      expect(() => readFileSync(join(root, icon))).not.toThrow();
    }
  });
});
