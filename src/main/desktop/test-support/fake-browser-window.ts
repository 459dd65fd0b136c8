/**
 * The fake `BrowserWindow` and its `webContents`: what the shell loaded, showed, sent and closed.
 * `FakeBrowserWindow.all` lists every window created since the last `fake.reset()`.
 */
import { Emitter } from './fake-emitter.js';

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
