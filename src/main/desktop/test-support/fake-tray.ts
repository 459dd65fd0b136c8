/**
 * The fake tray, menu, image and notification classes: what the shell drew and showed.
 */
import { Emitter } from './fake-emitter.js';

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
  /** Every tray created since the last reset. */
  static all: FakeTray[] = [];
  title: string | null = null;
  tooltip: string | null = null;
  image: unknown;
  menu: FakeMenu | null = null;
  readonly calls: string[] = [];
  destroyed = false;
  constructor(image: unknown) {
    super();
    this.image = image;
    FakeTray.all.push(this);
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
  /** Electron's Menu exposes its built items; here they are the template's. */
  get items(): readonly Record<string, unknown>[] {
    return this.template;
  }
  static buildFromTemplate(template: readonly Record<string, unknown>[]): FakeMenu {
    return new FakeMenu(template);
  }
}

export class FakeNotification extends Emitter {
  /** Every notification created since the last reset. */
  static all: FakeNotification[] = [];
  static supported = true;
  shown = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeNotification.all.push(this);
  }
  static isSupported(): boolean {
    return FakeNotification.supported;
  }
  show(): void {
    this.shown = true;
  }
}
