/**
 * The tray icon, kept current: at most one update per sampling tick, and nothing redrawn or
 * rebuilt when it would look the same. macOS shows the chosen values as the title beside a
 * template icon; Windows and Linux cannot show a title (and Linux AppIndicator ignores
 * tooltips), so the icon itself draws the CPU bar, with a tooltip on Windows.
 *
 * @example
 * const tray = new TrayController({ platform: process.platform, actions });
 * tray.update(state); // from the engine's `sample` event
 */
import { Menu, nativeImage, Tray, type NativeImage } from 'electron';
import { encodePng } from './png.js';
import { digitsInput, digitsKey, renderDigitsIcon } from './tray-digits.js';
import { iconInput, iconKey, renderTrayIcon } from './tray-icon.js';
import { menuKey, trayMenuTemplate, type TrayActions } from './tray-menu.js';
import type { TrayState } from './tray-state.js';
import { trayTitle, trayTooltip } from './tray-text.js';

export interface TrayControllerOptions {
  readonly platform: NodeJS.Platform;
  readonly actions: TrayActions;
}

export class TrayController {
  private readonly tray: Tray;
  private lastIcon = '';
  private lastMenu = '';
  private lastTitle = '';
  private lastTooltip = '';
  private state: TrayState | null = null;
  private menu: Menu | null = null;

  constructor(private readonly options: TrayControllerOptions) {
    this.tray = new Tray(this.image({ values: {}, sampling: 'running', push: 'none', alerts: [], metrics: [] }));
    if (options.platform !== 'darwin') this.tray.on('click', () => options.actions.openDashboard());
  }

  /** Applies a new state; only what changed is sent to the OS. */
  update(state: TrayState): void {
    this.state = state;
    const { platform } = this.options;
    const key = this.digits(state) ? `digits|${digitsKey(digitsInput(state))}` : `bar|${iconKey(iconInput(state))}`;
    if (key !== this.lastIcon) {
      this.lastIcon = key;
      this.tray.setImage(this.image(state));
    }
    if (platform === 'darwin') {
      const title = trayTitle(state);
      if (title !== this.lastTitle) {
        this.lastTitle = title;
        this.tray.setTitle(title, { fontType: 'monospacedDigit' });
      }
    } else {
      const tooltip = trayTooltip(state);
      if (tooltip !== this.lastTooltip) {
        this.lastTooltip = tooltip;
        this.tray.setToolTip(tooltip);
      }
    }
    const menu = menuKey(state);
    if (menu !== this.lastMenu) {
      this.lastMenu = menu;
      // Linux only picks up a changed menu when it is set again.
      this.menu = Menu.buildFromTemplate(trayMenuTemplate(state, this.options.actions).map((item) => ({ ...item })));
      this.tray.setContextMenu(this.menu);
    }
  }

  get current(): TrayState | null {
    return this.state;
  }

  /** The menu last handed to the tray (the OS shows it; the smoke suite's hooks read it). */
  get contextMenu(): Menu | null {
    return this.menu;
  }

  destroy(): void {
    this.tray.destroy();
  }

  /** Windows and Linux draw the first metric as digits unless the settings ask for the bar. */
  private digits(state: TrayState): boolean {
    return this.options.platform !== 'darwin' && state.icon !== 'bar';
  }

  /**
   * macOS: a black-and-alpha template at 1× and 2×; elsewhere a colour icon, digits or bar. Handed
   * over as PNG, not as a raw bitmap, whose byte order (RGBA or BGRA) differs between platforms.
   */
  private image(state: TrayState): NativeImage {
    const darwin = this.options.platform === 'darwin';
    const input = iconInput(state);
    const png = (size: 16 | 24 | 32, style: 'template' | 'color') => {
      const icon = this.digits(state) ? renderDigitsIcon(digitsInput(state), size) : renderTrayIcon(input, size, style);
      return encodePng(icon.width, icon.height, icon.rgba);
    };
    if (!darwin) return nativeImage.createFromBuffer(png(this.options.platform === 'win32' ? 16 : 24, 'color'));
    const image = nativeImage.createFromBuffer(png(16, 'template'), { scaleFactor: 1 });
    image.addRepresentation({ scaleFactor: 2, buffer: png(32, 'template') });
    image.setTemplateImage(true);
    return image;
  }
}
