/**
 * Regenerates the icons in resources/ from the drawing code in src/main/desktop/tray, so the shipped
 * files and what the tray draws at run time cannot drift apart.
 *
 * @example
 * npx tsx scripts/make-icons.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderAppIcon } from '../src/main/desktop/tray/app-icon.js';
import { encodeIco } from '../src/main/desktop/tray/ico.js';
import { encodePng } from '../src/main/desktop/tray/png.js';
import { type IconInput, type IconSize, type IconStyle, renderTrayIcon } from '../src/main/desktop/tray/tray-icon.js';

const OUT = join(import.meta.dirname, '..', 'resources');
// The idle state (no sample yet): an empty frame, which is what the tray shows until the first tick.
const IDLE: IconInput = { percent: null, alert: 'none', paused: false };

function trayPng(size: IconSize, style: IconStyle): Buffer {
  const { width, height, rgba } = renderTrayIcon(IDLE, size, style);
  return encodePng(width, height, rgba);
}

function write(name: string, data: Buffer): void {
  writeFileSync(join(OUT, name), data);
  process.stdout.write(`resources/${name} (${data.length} bytes)\n`);
}

mkdirSync(OUT, { recursive: true });
write('trayTemplate.png', trayPng(16, 'template'));
write('trayTemplate@2x.png', trayPng(32, 'template'));
const icoSizes: IconSize[] = [16, 20, 24, 32, 48];
write('tray.ico', encodeIco(icoSizes.map((s) => ({ width: s, height: s, png: trayPng(s, 'color') }))));
write('tray.png', trayPng(32, 'color'));
const app = renderAppIcon(512);
write('icon.png', encodePng(app.width, app.height, app.rgba));
// The Windows installer and taskbar icon: 16 to 256 px in one ICO.
write(
  'icon.ico',
  encodeIco(
    [16, 24, 32, 48, 64, 128, 256].map((size) => {
      const icon = renderAppIcon(size);
      return { width: size, height: size, png: encodePng(icon.width, icon.height, icon.rgba) };
    }),
  ),
);
