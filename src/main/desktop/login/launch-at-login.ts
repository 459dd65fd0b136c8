/**
 * Start Dashlight when the user logs in, hidden in the tray. macOS and Windows have an API for
 * it (login items / the Run key, through `app.setLoginItemSettings`); Linux desktops follow the
 * XDG autostart spec: a `.desktop` file in `~/.config/autostart`.
 *
 * @example
 * setLaunchAtLogin(true, { platform: process.platform, app, execPath: process.execPath, appImage: process.env.APPIMAGE, home: homedir() });
 * autostartDesktopFile({ exec: '/opt/Dash Light/dashlight' }); // Exec="/opt/Dash Light/dashlight" --hidden
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import type { App } from 'electron';

/** The argument the app reads to start in the tray without opening the dashboard. */
export const HIDDEN_ARG = '--hidden';
export const AUTOSTART_FILE_NAME = 'dashlight.desktop';

export interface LaunchAtLoginOptions {
  readonly platform: NodeJS.Platform;
  readonly app: Pick<App, 'setLoginItemSettings'>;
  /** `process.execPath`: the app's executable. */
  readonly execPath: string;
  /** `process.env.APPIMAGE`: set when running from an AppImage, whose execPath is a temporary mount. */
  readonly appImage?: string | undefined;
  readonly home: string;
  /** `$XDG_CONFIG_HOME`; undefined reads the environment, null means `~/.config`. */
  readonly xdgConfigHome?: string | null;
}

/** Characters that make the Desktop Entry spec require an argument to be double-quoted. */
const RESERVED = /[\s"'\\><~|&;$*?#()`]/;

/**
 * Quotes one `Exec` argument per the Desktop Entry spec: `%` doubled (field codes), reserved
 * characters inside double quotes with `"`, `` ` ``, `$` and `\` backslash-escaped, and then
 * every backslash doubled again, because string unescaping runs before the Exec unquoting.
 */
export function quoteExecArg(arg: string): string {
  // eslint-disable-next-line no-control-regex -- a control character cannot be represented at all
  if (/[\u0000-\u001f\u007f]/.test(arg))
    throw new Error(`cannot put a control character in an Exec line: ${JSON.stringify(arg)}`);
  const percent = arg.replaceAll('%', '%%');
  if (!RESERVED.test(percent) && percent !== '') return percent;
  const quoted = `"${percent.replace(/["`$\\]/g, '\\$&')}"`;
  return quoted.replaceAll('\\', '\\\\');
}

/** The autostart entry (pure); `exec` is the program to start, without arguments. */
export function autostartDesktopFile({ exec }: { readonly exec: string }): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    'Name=Dashlight',
    'Comment=Resource monitor in the tray: CPU, memory, disks, network and alerts',
    `Exec=${quoteExecArg(exec)} ${HIDDEN_ARG}`,
    'Icon=dashlight',
    'Terminal=false',
    'Categories=System;Monitor;',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** The program autostart should run: the AppImage itself (stable path), else the executable. */
export function autostartExec(options: Pick<LaunchAtLoginOptions, 'execPath' | 'appImage'>): string {
  return options.appImage ? options.appImage : options.execPath;
}

export function autostartFilePath(options: Pick<LaunchAtLoginOptions, 'home' | 'xdgConfigHome'>): string {
  const fromEnv = options.xdgConfigHome === undefined ? process.env.XDG_CONFIG_HOME : options.xdgConfigHome;
  // The spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
  const configHome = fromEnv && isAbsolute(fromEnv) ? fromEnv : join(options.home, '.config');
  return join(configHome, 'autostart', AUTOSTART_FILE_NAME);
}

/** Turns launching at login on or off; throws with the reason when the OS setting cannot be written. */
export function setLaunchAtLogin(enabled: boolean, options: LaunchAtLoginOptions): void {
  const { platform, app } = options;
  // No `openAsHidden`: Electron 45 dropped it (macOS 13 ignored it). Nothing to hide anyway: the
  // app starts as a tray icon (LSUIElement) and only opens the dashboard when asked.
  if (platform === 'darwin') {
    app.setLoginItemSettings({ openAtLogin: enabled });
    return;
  }
  // Windows: the Run key entry gets `--hidden`, the same argument the Linux entry passes.
  if (platform === 'win32') {
    app.setLoginItemSettings({ openAtLogin: enabled, path: options.execPath, args: [HIDDEN_ARG] });
    return;
  }
  const file = autostartFilePath(options);
  if (!enabled) {
    rmSync(file, { force: true });
    return;
  }
  if (!options.home && !options.xdgConfigHome)
    throw new Error('cannot enable launch at login: the home folder is unknown');
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, autostartDesktopFile({ exec: autostartExec(options) }), { encoding: 'utf8', mode: 0o644 });
  renameSync(temp, file);
}
