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
import { EventEmitter } from 'node:events';

type Listener = (...args: unknown[]) => unknown;

/** An Electron-like event emitter whose `emit` returns what the listeners returned. */
class Emitter extends EventEmitter {
  fire(event: string, ...args: unknown[]): void {
    this.emit(event, ...args);
  }
}

export class FakeWebContents extends Emitter {
  readonly sent: { channel: string; payload: unknown }[] = [];
  destroyed = false;
  url = '';
  windowOpenHandler: ((details: { url: string }) => { action: 'allow' | 'deny' }) | null = null;
  readonly mainFrame = { url: '', parent: null as unknown };
  send(channel: string, payload: unknown): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent.push({ channel, payload });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'allow' | 'deny' }): void {
    this.windowOpenHandler = handler;
  }
  getURL(): string {
    return this.url;
  }
}

export class FakeBrowserWindow extends Emitter {
  static all: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  loaded: { file?: string; url?: string; hash?: string } | null = null;
  visible = false;
  destroyed = false;
  focused = false;
  bounds = { x: 0, y: 0, width: 0, height: 0 };
  constructor(readonly options: Record<string, unknown> & { webPreferences?: Record<string, unknown> }) {
    super();
    this.bounds = {
      x: Number(options.x ?? 0),
      y: Number(options.y ?? 0),
      width: Number(options.width ?? 800),
      height: Number(options.height ?? 600),
    };
    FakeBrowserWindow.all.push(this);
    fake.windows.push(this);
  }
  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.all.filter((w) => !w.destroyed);
  }
  async loadFile(file: string, options?: { hash?: string }): Promise<void> {
    // `hash` is recorded only when given, so `loaded` stays `{ file }` for callers that pass none.
    this.loaded = options?.hash === undefined ? { file } : { file, hash: options.hash };
    this.webContents.url = `file://${file}${options?.hash === undefined ? '' : `#${options.hash}`}`;
    this.webContents.mainFrame.url = this.webContents.url;
  }
  async loadURL(url: string): Promise<void> {
    this.loaded = { url };
    this.webContents.url = url;
    this.webContents.mainFrame.url = url;
  }
  show(): void {
    this.visible = true;
    this.fire('show');
  }
  hide(): void {
    this.visible = false;
    this.fire('hide');
  }
  focus(): void {
    this.focused = true;
  }
  backgroundColor = '';
  setBackgroundColor(color: string): void {
    this.backgroundColor = color;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  getBounds() {
    return { ...this.bounds };
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** What the user closing the window does: `close`, then (unless prevented) `closed`. */
  close(): void {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (prevented) return;
    this.destroy();
  }
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.visible = false;
    this.webContents.destroyed = true;
    this.fire('closed');
  }
}

export class FakeNativeImage {
  constructor(
    readonly bitmap: Buffer | null,
    readonly size: { width: number; height: number },
    readonly scaleFactor = 1,
  ) {}
  template = false;
  readonly representations: { scaleFactor: number; buffer?: Buffer }[] = [];
  addRepresentation(options: { scaleFactor: number; buffer?: Buffer }): void {
    this.representations.push(options);
  }
  setTemplateImage(on: boolean): void {
    this.template = on;
  }
  isEmpty(): boolean {
    return this.bitmap === null;
  }
  getSize() {
    return this.size;
  }
}

export class FakeTray extends Emitter {
  title: string | null = null;
  tooltip: string | null = null;
  image: unknown;
  menu: FakeMenu | null = null;
  readonly calls: string[] = [];
  destroyed = false;
  constructor(image: unknown) {
    super();
    this.image = image;
    fake.trays.push(this);
  }
  setTitle(title: string, options?: unknown): void {
    this.title = title;
    this.calls.push(`setTitle:${title}:${JSON.stringify(options ?? null)}`);
  }
  setToolTip(tooltip: string): void {
    this.tooltip = tooltip;
    this.calls.push(`setToolTip:${tooltip}`);
  }
  setImage(image: unknown): void {
    this.image = image;
    this.calls.push('setImage');
  }
  setContextMenu(menu: FakeMenu): void {
    this.menu = menu;
    this.calls.push('setContextMenu');
  }
  destroy(): void {
    this.destroyed = true;
  }
}

export class FakeMenu {
  constructor(readonly template: readonly Record<string, unknown>[]) {}
  static buildFromTemplate(template: readonly Record<string, unknown>[]): FakeMenu {
    return new FakeMenu(template);
  }
}

export class FakeNotification extends Emitter {
  static supported = true;
  shown = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    fake.notifications.push(this);
  }
  static isSupported(): boolean {
    return FakeNotification.supported;
  }
  show(): void {
    this.shown = true;
  }
}

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
  windows: [] as FakeBrowserWindow[],
  trays: [] as FakeTray[],
  notifications: [] as FakeNotification[],
  platform: process.platform as NodeJS.Platform,
  reset(): void {
    fake.windows.length = 0;
    fake.trays.length = 0;
    fake.notifications.length = 0;
    FakeBrowserWindow.all.length = 0;
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
