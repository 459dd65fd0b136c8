/**
 * The tray's text: the macOS menu-bar title and the (Windows/Linux) tooltip.
 *
 * @example
 * trayTitle({ ...state, values: { 'cpu.total': 23.4, 'mem.percent': 61.2 } }) // 'CPU  23% MEM  61%' (figure spaces)
 */
import { metricInfo } from '../../../shared/metrics.js';
import { formatValue } from '../../../shared/units.js';
import type { TrayState } from './tray-state.js';
import { busiestDisk, isPaused, valueOf } from './tray-values.js';

/** U+2007 FIGURE SPACE: as wide as a digit in fonts with tabular figures (the menu bar's system font has them). */
export const FIGURE_SPACE = '\u2007';
/** Windows keeps 128 UTF-16 units for a tray tooltip, including the terminating NUL. */
export const TOOLTIP_MAX = 127;

const SHORT_LABELS: Readonly<Record<string, string>> = {
  'cpu.total': 'CPU',
  'mem.percent': 'MEM',
  'swap.percent': 'SWAP',
  'disk.used_pct': 'DISK',
  'net.rx': 'NET↓',
  'net.tx': 'NET↑',
  'temp.cpu': 'TEMP',
  'battery.percent': 'BAT',
  'load.1': 'LOAD',
};

// Left-padding to a fixed count of digit-wide characters keeps the title from shifting the
// neighbouring menu-bar items each time a value gains or loses a digit.
function pad(text: string, width: number): string {
  return FIGURE_SPACE.repeat(Math.max(0, width - text.length)) + text;
}

/** SI (like formatValue's rates), one decimal below 10, e.g. `1.2M`, `12M`, `980K`, `512B`. */
function shortBytes(value: number): string {
  const units = ['B', 'K', 'M', 'G', 'T'];
  let x = Math.max(0, value);
  let i = 0;
  // 999.5 rather than 1000: a value that would round up to "1000" moves to the next unit instead.
  while (x >= 999.5 && i < units.length - 1) {
    x /= 1000;
    i++;
  }
  const digits = i > 0 && x < 9.95 ? x.toFixed(1) : String(Math.round(x));
  return `${digits}${units[i]}`;
}

function titleValue(key: string, value: number | undefined): string {
  if (value === undefined) return '—';
  switch (metricInfo(key)?.unit) {
    case 'percent':
      return `${pad(String(Math.round(value)), 3)}%`;
    case 'bytes_per_second':
    case 'bytes':
      return pad(shortBytes(value), 4);
    case 'celsius':
      return `${pad(String(Math.round(value)), 2)}°C`;
    case 'load':
      return pad(value.toFixed(2), 5);
    default:
      return formatValue(key, value);
  }
}

/**
 * The menu-bar title: the chosen metrics with short labels and rounded, width-stable values.
 *
 * @example
 * trayTitle({ ...state, sampling: 'paused', metrics: ['net.rx'], values: { 'net.rx': 1_234_567 } }) // '⏸ NET↓ 1.2M'
 */
export function trayTitle(state: TrayState): string {
  const parts = state.metrics.map(
    (key) => `${SHORT_LABELS[key] ?? key} ${titleValue(key, valueOf(state.values, key))}`,
  );
  if (isPaused(state)) parts.unshift('⏸');
  return parts.join(' ');
}

/**
 * Cuts text to `max` UTF-16 units with a trailing ellipsis, never splitting a surrogate pair
 * (a lone surrogate would render as a replacement box) and never leaving a dangling newline.
 *
 * @example
 * truncateTooltip('x'.repeat(200)).length // 127
 */
export function truncateTooltip(text: string, max = TOOLTIP_MAX): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end).trimEnd()}…`;
}

/**
 * The tooltip: one line per headline reading, then alert and paused notes, capped at 127 units.
 *
 * @example
 * trayTooltip({ ...state, values: { 'cpu.total': 23 } }) // 'Dashlight\nCPU 23.0 %'
 */
export function trayTooltip(state: TrayState): string {
  const { values } = state;
  const lines = ['Dashlight'];
  // First: it is what the user must act on, and the tooltip is cut at 127 characters.
  if (state.writeProblem) lines.push(`⚠ ${state.writeProblem}`);
  const cpu = valueOf(values, 'cpu.total');
  if (cpu !== undefined) lines.push(`CPU ${formatValue('cpu.total', cpu)}`);
  const mem = valueOf(values, 'mem.percent');
  if (mem !== undefined) lines.push(`Memory ${formatValue('mem.percent', mem)}`);
  const disk = busiestDisk(values);
  if (disk)
    lines.push(`Disk ${disk.mount === undefined ? '' : `${disk.mount} `}${formatValue('fs.used_pct', disk.value)}`);
  const rx = valueOf(values, 'net.rx');
  const tx = valueOf(values, 'net.tx');
  if (rx !== undefined || tx !== undefined) {
    const show = (key: string, v: number | undefined) => (v === undefined ? '—' : formatValue(key, v));
    lines.push(`Network ↓ ${show('net.rx', rx)} ↑ ${show('net.tx', tx)}`);
  }
  const n = state.alerts.length;
  if (n > 0) lines.push(`${n} ${n === 1 ? 'alert' : 'alerts'} firing`);
  if (isPaused(state)) lines.push(state.sampling === 'stopped' ? 'Sampling stopped' : 'Sampling paused');
  return truncateTooltip(lines.join('\n'));
}
