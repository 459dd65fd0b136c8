/**
 * A hand-written stand-in for the `electron` module, for tests of the desktop shell under plain
 * Node (the Electron binary cannot run here). It keeps what the shell did (windows created,
 * handlers registered, menus set, notifications shown) so tests can assert on it, and lets a
 * test fire what Electron would fire (app events, IPC calls, power events).
 *
 * @example
 * vi.mock('electron', async () => (await import('./test-support/fake-electron.js')).electron);
 * import { fake } from './test-support/fake-electron.js';
 * fake.reset();
 * // … run the code under test …
 * expect(fake.windows[0].options.webPreferences.sandbox).toBe(true);
 */
import { FakeBrowserWindow } from './fake-browser-window.js';
import { Emitter } from './fake-emitter.js';
import { FakeMenu, FakeNativeImage, FakeNotification, FakeTray } from './fake-tray.js';

export { FakeBrowserWindow, FakeWebContents } from './fake-browser-window.js';
export { FakeMenu, FakeNativeImage, FakeNotification, FakeTray } from './fake-tray.js';

type Listener = (...args: unknown[]) => unknown;

const app = Object.assign(new Emitter(), {
  name: 'Dashlight',
  isPackaged: false,
  lock: true,
  userData: '/tmp/dashlight-fake-userdata',
  quitting: false,
  appUserModelId: null as string | null,
  loginItem: null as unknown,
  dockHidden: false,
  requestSingleInstanceLock(): boolean {
    return app.lock;
  },
  setAppUserModelId(id: string): void {
    app.appUserModelId = id;
  },
  getPath(name: string): string {
    return name === 'userData' ? app.userData : `/tmp/dashlight-fake-${name}`;
  },
  getVersion: () => '0.0.0-test',
  getName: () => 'Dashlight',
  whenReady: () => Promise.resolve(),
  quit(): void {
    app.quitting = true;
    app.emit('before-quit', { preventDefault: () => (app.quitting = false) });
  },
  exit(): void {
    app.quitting = true;
  },
  setLoginItemSettings(settings: unknown): void {
    app.loginItem = settings;
  },
  getLoginItemSettings: () => ({
    openAtLogin: Boolean((app.loginItem as { openAtLogin?: boolean } | null)?.openAtLogin),
  }),
  dock: { hide: () => (app.dockHidden = true), show: () => (app.dockHidden = false) },
});

const ipcMain = Object.assign(new Emitter(), {
  handlers: new Map<string, Listener>(),
  handle(channel: string, handler: Listener): void {
    if (ipcMain.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    ipcMain.handlers.set(channel, handler);
  },
  removeHandler(channel: string): void {
    ipcMain.handlers.delete(channel);
  },
  /** What ipcRenderer.invoke from a frame at `senderUrl` would do. */
  async invoke(channel: string, senderUrl: string, ...args: unknown[]): Promise<unknown> {
    const handler = ipcMain.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    const senderFrame = { url: senderUrl, parent: null };
    return handler({ senderFrame, sender: { getURL: () => senderUrl } }, ...args);
  },
});

const ipcRenderer = Object.assign(new Emitter(), {
  invoked: [] as { channel: string; args: unknown[] }[],
  respond: (async () => ({ ok: true, value: null })) as (channel: string, ...args: unknown[]) => Promise<unknown>,
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    ipcRenderer.invoked.push({ channel, args });
    return ipcRenderer.respond(channel, ...args);
  },
});

const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown): void {
    contextBridge.exposed.set(key, api);
  },
};

const shell = {
  opened: [] as string[],
  async openExternal(url: string): Promise<void> {
    shell.opened.push(url);
  },
  async openPath(path: string): Promise<string> {
    shell.opened.push(path);
    return '';
  },
  showItemInFolder(path: string): void {
    shell.opened.push(path);
  },
};

const safeStorage = {
  available: true,
  backend: 'gnome_libsecret' as string,
  isEncryptionAvailable: () => safeStorage.available,
  getSelectedStorageBackend: () => safeStorage.backend,
  encryptString: (text: string) => Buffer.from(`enc:${Buffer.from(text).toString('base64')}`),
  decryptString: (data: Buffer) => {
    const text = data.toString();
    if (!text.startsWith('enc:'))
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return Buffer.from(text.slice(4), 'base64').toString();
  },
};

const nativeTheme = Object.assign(new Emitter(), { shouldUseDarkColors: false, themeSource: 'system' });
const powerMonitor = new Emitter();
const dialog = {
  nextSavePath: null as string | null,
  async showSaveDialog(): Promise<{ canceled: boolean; filePath?: string }> {
    return dialog.nextSavePath === null ? { canceled: true } : { canceled: false, filePath: dialog.nextSavePath };
  },
  async showMessageBox(): Promise<{ response: number }> {
    return { response: 0 };
  },
  errors: [] as string[],
  showErrorBox(title: string, content: string): void {
    dialog.errors.push(`${title}: ${content}`);
  },
};

const nativeImage = {
  createFromBitmap: (buffer: Buffer, options: { width: number; height: number; scaleFactor?: number }) =>
    new FakeNativeImage(buffer, { width: options.width, height: options.height }, options.scaleFactor ?? 1),
  createFromPath: (path: string) => new FakeNativeImage(Buffer.from(path), { width: 16, height: 16 }),
  createFromBuffer: (buffer: Buffer, options?: { scaleFactor?: number }) =>
    new FakeNativeImage(
      buffer,
      { width: buffer.readUInt32BE(16), height: buffer.readUInt32BE(20) },
      options?.scaleFactor ?? 1,
    ),
  createEmpty: () => new FakeNativeImage(null, { width: 0, height: 0 }),
};

/** What the shell did, and knobs for what Electron would answer. */
export const fake = {
  windows: FakeBrowserWindow.all,
  trays: FakeTray.all,
  notifications: FakeNotification.all,
  platform: process.platform as NodeJS.Platform,
  reset(): void {
    FakeBrowserWindow.all.length = 0;
    FakeTray.all.length = 0;
    FakeNotification.all.length = 0;
    FakeNotification.supported = true;
    app.removeAllListeners();
    app.lock = true;
    app.quitting = false;
    app.appUserModelId = null;
    app.loginItem = null;
    app.dockHidden = false;
    ipcMain.handlers.clear();
    ipcMain.removeAllListeners();
    ipcRenderer.invoked.length = 0;
    ipcRenderer.removeAllListeners();
    contextBridge.exposed.clear();
    shell.opened.length = 0;
    safeStorage.available = true;
    safeStorage.backend = 'gnome_libsecret';
    nativeTheme.shouldUseDarkColors = false;
    nativeTheme.removeAllListeners();
    powerMonitor.removeAllListeners();
    dialog.nextSavePath = null;
    dialog.errors.length = 0;
  },
};

/** The module object `vi.mock('electron', …)` returns. */
export const electron = {
  app,
  BrowserWindow: FakeBrowserWindow,
  Tray: FakeTray,
  Menu: FakeMenu,
  Notification: FakeNotification,
  nativeImage,
  ipcMain,
  ipcRenderer,
  contextBridge,
  shell,
  safeStorage,
  nativeTheme,
  powerMonitor,
  dialog,
};

export default electron;
