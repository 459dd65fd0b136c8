import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { electron, fake } from '../test-support/fake-electron.js';
import { autostartDesktopFile, autostartFilePath, quoteExecArg, setLaunchAtLogin } from './launch-at-login.js';

vi.mock('electron', async () => (await import('../test-support/fake-electron.js')).electron);

describe('autostartDesktopFile', () => {
  it('is a valid XDG autostart entry', () => {
    expect(autostartDesktopFile({ exec: '/opt/Dashlight/dashlight' })).toBe(
      [
        '[Desktop Entry]',
        'Type=Application',
        'Version=1.0',
        'Name=Dashlight',
        'Comment=Resource monitor in the tray: CPU, memory, disks, network and alerts',
        'Exec=/opt/Dashlight/dashlight --hidden',
        'Icon=dashlight',
        'Terminal=false',
        'Categories=System;Monitor;',
        'X-GNOME-Autostart-enabled=true',
        '',
      ].join('\n'),
    );
  });

  it('quotes Exec per the Desktop Entry spec', () => {
    expect(quoteExecArg('/opt/Dash Light/dashlight')).toBe('"/opt/Dash Light/dashlight"');
    expect(quoteExecArg('/home/a$b/x')).toBe('"/home/a\\\\$b/x"');
    expect(quoteExecArg('/we"ird/x')).toBe('"/we\\\\"ird/x"');
    expect(quoteExecArg('/back\\slash')).toBe('"/back\\\\\\\\slash"');
    expect(quoteExecArg('/100%/x')).toBe('/100%%/x');
    expect(() => quoteExecArg('/a\nb')).toThrow(/control character/);
    expect(autostartDesktopFile({ exec: '/opt/Dash Light/dashlight' })).toContain(
      'Exec="/opt/Dash Light/dashlight" --hidden\n',
    );
  });
});

describe('setLaunchAtLogin', () => {
  let home: string;
  beforeEach(() => {
    fake.reset();
    home = mkdtempSync(join(tmpdir(), 'dashlight-home-'));
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  const base = () => ({ app: electron.app, execPath: '/usr/lib/dashlight/dashlight', home, xdgConfigHome: null });

  it('uses login items on macOS', () => {
    setLaunchAtLogin(true, { ...base(), platform: 'darwin' });
    expect(electron.app.loginItem).toEqual({ openAtLogin: true });
    setLaunchAtLogin(false, { ...base(), platform: 'darwin' });
    expect(electron.app.loginItem).toEqual({ openAtLogin: false });
  });

  it('starts hidden from the Run key on Windows', () => {
    setLaunchAtLogin(true, { ...base(), platform: 'win32', execPath: 'C:\\Program Files\\Dashlight\\Dashlight.exe' });
    expect(electron.app.loginItem).toEqual({
      openAtLogin: true,
      path: 'C:\\Program Files\\Dashlight\\Dashlight.exe',
      args: ['--hidden'],
    });
  });

  it('writes and removes ~/.config/autostart/dashlight.desktop on Linux', () => {
    const file = join(home, '.config', 'autostart', 'dashlight.desktop');
    expect(autostartFilePath(base())).toBe(file);
    setLaunchAtLogin(true, { ...base(), platform: 'linux' });
    expect(readFileSync(file, 'utf8')).toContain('Exec=/usr/lib/dashlight/dashlight --hidden\n');
    expect(electron.app.loginItem).toBeNull();
    setLaunchAtLogin(false, { ...base(), platform: 'linux' });
    expect(existsSync(file)).toBe(false);
    setLaunchAtLogin(false, { ...base(), platform: 'linux' });
  });

  it('starts the AppImage, not its temporary mount, and honours XDG_CONFIG_HOME', () => {
    const configHome = join(home, 'cfg');
    setLaunchAtLogin(true, {
      ...base(),
      platform: 'linux',
      execPath: '/tmp/.mount_DashlXYZ/dashlight',
      appImage: '/home/me/Apps/Dash light.AppImage',
      xdgConfigHome: configHome,
    });
    const text = readFileSync(join(configHome, 'autostart', 'dashlight.desktop'), 'utf8');
    expect(text).toContain('Exec="/home/me/Apps/Dash light.AppImage" --hidden\n');
    expect(text).not.toContain('.mount_');
  });
});
