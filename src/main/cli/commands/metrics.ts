/**
 * `dashlight metrics`: every series key this machine has stored, with its unit, how often it is
 * read and what it means; the keys `history --metric`, `export --metrics` and alert rules take.
 * Before anything is stored, the catalogue's machine-wide series, and how to get the rest.
 */
import type { Command } from 'commander';
import { metricInfo, type Unit } from '../../../shared/metrics.js';
import type { CliIo } from '../cli-io.js';
import { json, sortKeys, table } from '../format.js';
import { openEngine, type CommonFlags } from '../options.js';
import { catalogueKeys } from '../series-names.js';

/** A unit as the tables print it. */
const UNIT_TEXT: Record<Unit, string> = {
  percent: '%',
  bytes: 'bytes',
  bytes_per_second: 'bytes/s',
  celsius: '°C',
  seconds: 's',
  load: 'load',
  boolean: '0/1',
  watts: 'W',
  watt_hours: 'Wh',
  hertz: 'Hz',
  rpm: 'RPM',
  count: 'count',
};

export interface SeriesEntry {
  readonly key: string;
  readonly unit: Unit;
  /** `hot`: every tick; `slow`: on the slow cadence (60 s by default). */
  readonly cadence: 'hot' | 'slow';
  readonly description: string;
}

export function registerMetrics(program: Command, io: CliIo): void {
  program
    .command('metrics')
    .description('every series this machine has, with unit and description (the keys --metric takes)')
    .option('--db <file>', 'database file (default: the data folder)')
    .option('--json', 'machine-readable output')
    .action(async (flags: CommonFlags) => {
      const { engine, close } = await openEngine(flags, io, { access: 'read' });
      let stored: string[];
      try {
        stored = engine.knownSeries();
      } finally {
        await close();
      }
      const entries = seriesEntries(stored.length > 0 ? stored : catalogueKeys());
      if (flags.json) {
        io.out(json({ stored: stored.length > 0, data: entries }));
        return;
      }
      if (stored.length === 0) {
        io.err(
          'dashlight: nothing stored yet; these are the series every machine can have. ' +
            '"dashlight sample" takes one reading and adds this machine\'s cores, interfaces, disks and mounts.',
        );
      }
      io.out(metricsTable(entries));
    });
}

/** Catalogued keys only (a foreign key in an old database is skipped), in catalogue order. */
export function seriesEntries(keys: readonly string[]): SeriesEntry[] {
  return sortKeys(keys).flatMap((key) => {
    const info = metricInfo(key);
    return info ? [{ key, unit: info.unit, cadence: info.cadence, description: info.label }] : [];
  });
}

export function metricsTable(entries: readonly SeriesEntry[]): string {
  return table(
    [{ header: 'series' }, { header: 'unit' }, { header: 'read' }, { header: 'description' }],
    entries.map((e) => [e.key, UNIT_TEXT[e.unit], e.cadence === 'hot' ? 'every tick' : 'slow set', e.description]),
  );
}
