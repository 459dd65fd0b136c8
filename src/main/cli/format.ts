/**
 * Human output for the CLI: aligned tables with units, local times with the UTC value beside them.
 *
 * @example
 * table([['cpu.total', '12.0 %'], ['mem.percent', '61.2 %']]) // two aligned columns
 */
import { formatValue } from '../../shared/units.js';
import type { Sample } from '../../shared/sample.js';

/** Pads columns to the widest cell; the last column is left ragged. Right-aligns cells that start with a digit. */
export function table(rows: readonly (readonly string[])[], header?: readonly string[]): string {
  const all = header ? [header, ...rows] : rows;
  const widths: number[] = [];
  for (const row of all) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  const numeric = (cell: string) => /^[-+]?[\d.]/.test(cell);
  const render = (row: readonly string[]) =>
    row
      .map((cell, i) => {
        if (i === row.length - 1) return cell;
        return numeric(cell) && i > 0 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!);
      })
      .join('  ')
      .trimEnd();
  const lines = all.map(render);
  if (header) lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  return lines.join('\n');
}

/** Local time to the second, e.g. `2026-11-23 07:00:02`. */
export function localTime(ts: number): string {
  const d = new Date(ts);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** Series keys in catalogue order: machine-wide first, then per-entity ones grouped by metric. */
export function sortKeys(keys: readonly string[]): string[] {
  return [...keys].sort((a, b) => {
    const ea = a.includes('[');
    const eb = b.includes('[');
    if (ea !== eb) return ea ? 1 : -1;
    return a.localeCompare(b, 'en', { numeric: true });
  });
}

export function sampleTable(sample: Sample): string {
  const title = `Sample at ${localTime(sample.ts)} (${new Date(sample.ts).toISOString()})${sample.gapBefore ? ', after a gap' : ''}`;
  const rows = sortKeys(Object.keys(sample.values)).map((key) => [key, formatValue(key, sample.values[key]!)]);
  return `${title}\n${table(rows, ['series', 'value'])}`;
}

/** Stable JSON for `--json`: two-space indent, one trailing newline. */
export function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
