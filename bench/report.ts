/**
 * The benchmark result model and its two outputs: an aligned table on stdout (figure | budget |
 * verdict | ratios to peers) and `.bench/results.json`, so figures can be quoted later.
 *
 * @example
 * const rows: BenchResult[] = [{ name: 'engine CPU', value: 0.31, unit: '% core', budget: { op: '<=', value: 0.4 } }];
 * const sections = [{ name: 'overhead', title: 'CPU and memory', results: rows }];
 * console.log(formatReport(sections));
 * await writeResultsJson(sections, '.bench/results.json', { seconds: 60 });
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { arch, cpus, platform, release } from 'node:os';

/** A budget from docs/ARCHITECTURE.md: the measured value must satisfy `value <op> budget.value`. */
export interface Budget {
  readonly op: '<=' | '>=';
  readonly value: number;
}

/** The same quantity measured for a peer (collectd, Glances, sqlite3) in the same run. */
export interface PeerFigure {
  readonly name: string;
  readonly value: number;
  /** ours ÷ theirs; below 1 means we use less (or are faster, for a time). */
  readonly ratio: number;
}

/** One benchmark figure. `value: null` means it could not be measured; `note` says why. */
export interface BenchResult {
  readonly name: string;
  readonly value: number | null;
  readonly unit: string;
  readonly budget?: Budget;
  readonly note?: string;
  readonly peers?: readonly PeerFigure[];
}

/** PASS/FAIL against the budget; `info` without one; `NOT RUN` when nothing was measured. */
export type Verdict = 'PASS' | 'FAIL' | 'info' | 'NOT RUN';

/** Decides a result's verdict. */
export function verdictOf(result: BenchResult): Verdict {
  if (result.value === null || !Number.isFinite(result.value)) return 'NOT RUN';
  if (!result.budget) return 'info';
  const { op, value } = result.budget;
  return (op === '<=' ? result.value <= value : result.value >= value) ? 'PASS' : 'FAIL';
}

/** A number with two or three significant digits, thousands separated, never in exponent notation above 1e-7. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs === 0) return '0';
  if (abs >= 1000) return Math.round(value).toLocaleString('en-US');
  if (abs >= 100) return value.toFixed(0);
  // Three significant digits at most, trailing zeros dropped: 52.9, 2, 0.4, 0.013.
  return String(Number(value.toPrecision(abs >= 1 ? 3 : 2)));
}

function withUnit(value: number, unit: string): string {
  return unit ? `${formatNumber(value)} ${unit}` : formatNumber(value);
}

function peersCell(result: BenchResult): string {
  if (!result.peers?.length) return '';
  return result.peers
    .map(
      (p) =>
        `${Number.isFinite(p.ratio) ? `${formatNumber(p.ratio)}×` : 'n/a'} ${p.name} (${withUnit(p.value, result.unit)})`,
    )
    .join(', ');
}

/** The table rows as text cells, one array per result, header first. */
function cells(results: readonly BenchResult[]): string[][] {
  const header = ['figure', 'value', 'budget', 'verdict', 'vs peers (ours ÷ theirs)'];
  const rows = results.map((r) => [
    r.name,
    r.value === null ? '—' : withUnit(r.value, r.unit),
    r.budget ? `${r.budget.op === '<=' ? '≤' : '≥'} ${withUnit(r.budget.value, r.unit)}` : '',
    verdictOf(r),
    peersCell(r),
  ]);
  return [header, ...rows];
}

/**
 * One section's aligned table, followed by its notes and a loud block for anything not measured.
 * Plain text, no colour, so it can be pasted into issues.
 */
export function formatTable(results: readonly BenchResult[]): string {
  const table = cells(results);
  const widths = table[0]!.map((_, col) => Math.max(...table.map((row) => [...row[col]!].length)));
  const line = (row: readonly string[]) =>
    row
      .map((cell, col) => cell + ' '.repeat(widths[col]! - [...cell].length))
      .join(' | ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('-+-');
  const out = [line(table[0]!), rule, ...table.slice(1).map(line)];

  const noted = results.filter((r) => r.note && verdictOf(r) !== 'NOT RUN');
  if (noted.length) out.push('', 'Notes:', ...noted.map((r) => `  - ${r.name}: ${r.note}`));
  const notRun = results.filter((r) => verdictOf(r) === 'NOT RUN');
  if (notRun.length) {
    out.push(
      '',
      '!!!!!!!! NOT MEASURED !!!!!!!!',
      ...notRun.map((r) => `!! ${r.name}: ${r.note ?? 'no reason given'}`),
    );
  }
  return out.join('\n');
}

/** A section's results under its name and title. */
export interface SectionReport {
  readonly name: string;
  readonly title: string;
  readonly results: readonly BenchResult[];
}

/** The whole report: one table per section, then the verdict counts over all of them. */
export function formatReport(sections: readonly SectionReport[]): string {
  const parts = sections.map((s) => `## ${s.name}: ${s.title}\n\n${formatTable(s.results)}`);
  const counts = summarize(sections.flatMap((s) => s.results));
  parts.push(`${counts.PASS} PASS, ${counts.FAIL} FAIL, ${counts['NOT RUN']} NOT RUN, ${counts.info} informational`);
  return parts.join('\n\n');
}

/** How many results have each verdict. */
export function summarize(results: readonly BenchResult[]): Record<Verdict, number> {
  const counts: Record<Verdict, number> = { PASS: 0, FAIL: 0, info: 0, 'NOT RUN': 0 };
  for (const r of results) counts[verdictOf(r)]++;
  return counts;
}

/** Writes the results with their verdicts and the machine they ran on, for quoting. */
export async function writeResultsJson(
  sections: readonly SectionReport[],
  file: string,
  run: Record<string, unknown> = {},
): Promise<void> {
  const cpu = cpus()[0];
  const body = {
    at: new Date().toISOString(),
    machine: {
      platform: platform(),
      release: release(),
      arch: arch(),
      cpu: cpu?.model ?? 'unknown',
      cores: cpus().length,
      node: process.version,
    },
    run,
    sections: sections.map((s) => ({ ...s, results: s.results.map((r) => ({ ...r, verdict: verdictOf(r) })) })),
  };
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(body, null, 2)}\n`);
}
