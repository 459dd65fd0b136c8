/**
 * What a benchmark section is: a named async function that measures and returns result rows.
 * Sections are registered in bench/run.ts and run one after another, never concurrently, so
 * they do not disturb each other's timings.
 *
 * @example
 * export const storageSection: BenchSection = { name: 'storage', run: async (ctx) => [...] };
 */
import type { BenchResult } from './report.js';

/** Shared settings and services handed to every section. */
export interface BenchContext {
  /** The project root (where package.json and bin/ live). */
  readonly root: string;
  /** A fresh temporary folder for this run; removed afterwards unless BENCH_KEEP_TMP is set. */
  readonly tmpDir: string;
  /** Measuring window for time-based sections (BENCH_SECONDS, default 60). */
  readonly seconds: number;
  /** True under CI (env CI set): a missing peer or dependency is an error, not a warning. */
  readonly ci: boolean;
  /** Progress line on stderr, so stdout stays the report. */
  log(message: string): void;
  /**
   * Records a hard failure (the run exits non-zero) while letting the section return what it
   * measured. Under CI use this for missing peers; outside CI prefer a NOT RUN row.
   */
  fail(message: string): void;
}

/** One benchmark section. */
export interface BenchSection {
  /** Short kebab-case name, also used by BENCH_ONLY=name1,name2. */
  readonly name: string;
  /** What it measures, one line, printed as the section header. */
  readonly title: string;
  run(ctx: BenchContext): Promise<BenchResult[]>;
}
