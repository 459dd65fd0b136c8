/**
 * `npm run bench`: runs every registered section in order, prints each figure next to its budget
 * from docs/ARCHITECTURE.md ("Budgets") with PASS/FAIL and ratios to peers measured in the same run, and
 * writes the same to `.bench/results.json`.
 *
 * Environment:
 * - BENCH_SECONDS: measuring window of time-based sections (default 60; 10 for a quick look).
 * - BENCH_ONLY: comma-separated section names to run (default: all).
 * - BENCH_KEEP_TMP: keep the temporary folder (databases, peer CSVs) for inspection.
 * - CI: a missing peer is an error instead of a loud warning.
 *
 * Exit code: 0 if every budget passed and nothing failed; 1 if a budget FAILed, a section threw,
 * or a section recorded a failure; 2 for bad settings.
 *
 * Run with `npm run bench` (builds the CLI first) or `npx tsx bench/run.ts` after `npm run build`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { alertsSection } from './alerts.js';
import { dashboardSection } from './dashboard.js';
import { exportSection } from './export.js';
import { integrationsSection } from './integrations.js';
import { insightSection } from './insight.js';
import { overheadSection } from './overhead.js';
import { pushBacklogSection } from './push-backlog.js';
import { pushEncodingSection } from './push-encoding.js';
import { scaleSection } from './scale.js';
import { storageSection } from './storage.js';
import { stopAllGroups } from './process-group.js';
import { formatReport, summarize, writeResultsJson, type SectionReport } from './report.js';
import type { BenchContext, BenchSection } from './section.js';

/**
 * The sections, in running order. To add one: write `bench/<name>.ts` exporting a BenchSection
 * (see bench/section.ts; return BenchResult rows with the budget from docs/ARCHITECTURE.md) and list it here.
 */
const SECTIONS: readonly BenchSection[] = [
  overheadSection, // engine CPU/RSS vs collectd and Glances at 1 Hz
  storageSection, // synthetic year: bytes per row, 1-year size, history latency, insert rate
  scaleSection, // history 1 h…5 y, 845 series, 200 interfaces, serve-mode memory
  alertsSection, // alert evaluation cost per tick with 50 rules
  exportSection, // CSV export ≥ half the speed of `sqlite3 -csv` on the same rows
  pushEncodingSection, // encode + gzip time per batch, for each kind
  pushBacklogSection, // 7-day backlog to a local VictoriaMetrics ≤ 30 s
  integrationsSection, // /metrics scrape and MQTT publish cost, beside node_exporter
  dashboardSection, // live update per tick and 1-year history paint, in Chromium
  insightSection, // process history and sensors: CPU beside Glances and collectd+processes, disk, topProcesses
];

const root = dirname(dirname(fileURLToPath(import.meta.url)));

function settings(): { seconds: number; only: string[] | null } {
  const seconds = Number(process.env.BENCH_SECONDS ?? 60);
  if (!Number.isFinite(seconds) || seconds < 1) {
    process.stderr.write(`bench: BENCH_SECONDS must be a number of seconds ≥ 1, not "${process.env.BENCH_SECONDS}"\n`);
    process.exit(2);
  }
  const only = process.env.BENCH_ONLY
    ? process.env.BENCH_ONLY.split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : null;
  const unknown = only?.filter((name) => !SECTIONS.some((s) => s.name === name)) ?? [];
  if (unknown.length) {
    process.stderr.write(
      `bench: BENCH_ONLY names unknown section(s) ${unknown.join(', ')}; known: ${SECTIONS.map((s) => s.name).join(', ')}\n`,
    );
    process.exit(2);
  }
  return { seconds, only };
}

async function main(): Promise<number> {
  const { seconds, only } = settings();
  const ci = Boolean(process.env.CI);
  const tmpDir = mkdtempSync(join(tmpdir(), 'dashlight-bench-'));
  const failures: string[] = [];
  const reports: SectionReport[] = [];
  const resultsFile = join(root, '.bench', 'results.json');
  const log = (message: string) => process.stderr.write(`bench: ${message}\n`);

  try {
    for (const section of SECTIONS) {
      if (only && !only.includes(section.name)) continue;
      log(`── ${section.name}: ${section.title}`);
      const ctx: BenchContext = {
        root,
        tmpDir: mkdtempSync(join(tmpDir, `${section.name}-`)),
        seconds,
        ci,
        log: (message) => log(`[${section.name}] ${message}`),
        fail: (message) => failures.push(`${section.name}: ${message}`),
      };
      const started = performance.now();
      try {
        reports.push({ name: section.name, title: section.title, results: await section.run(ctx) });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        failures.push(`${section.name}: ${message}`);
        reports.push({
          name: section.name,
          title: section.title,
          results: [{ name: `${section.name} section`, value: null, unit: '', note: `threw: ${message}` }],
        });
      } finally {
        await stopAllGroups();
      }
      log(`── ${section.name} done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
  } finally {
    if (process.env.BENCH_KEEP_TMP) log(`kept ${tmpDir}`);
    else rmSync(tmpDir, { recursive: true, force: true });
  }

  process.stdout.write(`\n${formatReport(reports)}\n`);
  if (failures.length) {
    process.stdout.write(`\n!!!!!!!! BENCHMARK FAILURES !!!!!!!!\n${failures.map((f) => `!! ${f}`).join('\n')}\n`);
  }
  await writeResultsJson(reports, resultsFile, { seconds, ci, only, failures });
  process.stdout.write(`\nresults written to ${resultsFile}\n`);
  return failures.length || summarize(reports.flatMap((r) => r.results)).FAIL ? 1 : 0;
}

process.exitCode = await main();
