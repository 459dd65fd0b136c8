/**
 * `dashlight doctor`: one line per check, whether or not it found something: Node, settings, the
 * database and its integrity, the data folder, quarantined files, alerts, push targets, the hourly
 * archive, the Prometheus endpoint, MQTT and every collector.
 */
import type { Command } from 'commander';
import { access, constants, readdir, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { createCollectors } from '../../engine/collect/create-collectors.js';
import { jsonFileBackend } from '../../engine/settings/json-file-backend.js';
import { SettingsStore } from '../../engine/settings/settings-store.js';
import { resolveDataPaths } from '../../engine/paths.js';
import { EXIT_FAILURE, type CliIo } from '../cli-io.js';
import { countOf, json, localTime, table } from '../format.js';
import { formatUnit } from '../../../shared/units.js';
import { openEngine, type CommonFlags } from '../options.js';
import { secretLabel } from '../secret-lines.js';
import { diskSpaceFinding, featureFindings, type Finding, type Status } from './doctor-features.js';
import { integrationFindings } from './doctor-integrations.js';
import { writerFindings } from './doctor-live.js';
import { WriterLock } from '../../engine/store/writer-lock.js';
import { failedFileSystem } from '../../engine/store/failed-file-system.js';
import { failedText } from '../../engine/store/data-path.js';
import { errorCode, readFailureText } from '../../engine/store/sqlite-errors.js';
import { damageOrFailedRead, PageReadError } from '../../engine/store/page-check.js';
import { systemClock } from '../../engine/schedule/clock.js';
import type { Engine } from '../../engine/engine.js';

export function registerDoctor(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('doctor')
    .description(
      'check settings, the database, the data folder, alerts, push, the archive, Prometheus, MQTT and every collector',
    )
    .option('--db <file>', 'database file (default: the data folder)')
    .option('--config <file>', 'settings file to apply over config.json')
    .option('--json', 'machine-readable output')
    .action(async (flags: CommonFlags) => {
      const findings: Finding[] = [];
      const add = (check: string, status: Status, detail: string) => findings.push({ check, status, detail });
      const paths = resolveDataPaths({ db: flags.db, env: io.env });
      const failed = failedFileSystem(paths.dataDir);
      const addWriter = (lastWriter: Parameters<typeof writerFindings>[1]) => {
        for (const finding of writerFindings(paths.dbFile, lastWriter, systemClock.wall(), failed))
          add(finding.check, finding.status, finding.detail);
      };
      add('node', 'ok', `Node.js ${process.versions.node}`);

      try {
        new SettingsStore({ backend: jsonFileBackend(paths.configFile) }).load(flags.config);
        // Both files are read: the stored settings, and the --config file over them.
        add('settings', 'ok', flags.config ? `${resolve(flags.config)} over ${paths.configFile}` : paths.configFile);
      } catch (error) {
        add('settings', 'fail', `${(error as Error).message}`);
      }

      try {
        const { engine, close, settings } = await openEngine(
          { db: flags.db, config: flags.config },
          { ...io, err: () => {} },
          { access: 'read' },
        );
        try {
          const unusable = engine.secretProblems();
          if (unusable.length === 0) add('secrets', 'ok', 'every secret in the settings can be used here');
          for (const { path, problem } of unusable) add(`secret ${secretLabel(settings, path)}`, 'fail', problem);
          if (engine.dbQuarantined) {
            add(
              'database',
              'warn',
              `was corrupt or unreadable at open; moved to ${engine.dbQuarantined}, a fresh database was created`,
            );
          }
          const integrity = integrityOrReadFailure(engine);
          const status = await engine.status();
          add(
            'database',
            integrity === 'ok' ? 'ok' : 'fail',
            integrity === 'ok'
              ? `${paths.dbFile}: integrity ok, ${countOf(status.db.rows.raw, 'raw row')}, ${formatUnit('bytes', status.db.sizeBytes)}`
              : integrity instanceof PageReadError
                ? integrity.message
                : `${paths.dbFile}: integrity_check reports: ${integrity}. Stop Dashlight and move the file aside; it will start fresh`,
          );
          addWriter(() => engine.lastWriter());
          add(
            'last sample',
            'ok',
            status.lastSampleTs === null
              ? 'none yet: "dashlight sample" takes one, "dashlight run" samples until stopped'
              : `${localTime(status.lastSampleTs)} (${new Date(status.lastSampleTs).toISOString()})`,
          );
          for (const finding of await featureFindings(engine)) add(finding.check, finding.status, finding.detail);
          for (const finding of await integrationFindings(engine)) add(finding.check, finding.status, finding.detail);
        } finally {
          await close();
        }
      } catch (error) {
        add('database', 'fail', databaseFailure(error, paths.dbFile));
        // Who writes it is in the lock file, not the database: still worth saying.
        addWriter(() => ({ holder: WriterLock.holder(paths.dbFile), openBy: undefined }));
      }

      try {
        await access(paths.dataDir, constants.W_OK);
        const leftovers = (await readdir(paths.dataDir)).filter((name) =>
          name.startsWith(`${basename(paths.dbFile)}.corrupt-`),
        );
        if (failed) add('data folder', 'fail', `${paths.dataDir}: ${failedText(failed)}`);
        else add('data folder', 'ok', `${paths.dataDir} is writable`);
        const space = diskSpaceFinding(paths.dataDir);
        add(space.check, space.status, space.detail);
        if (leftovers.length === 0) add('quarantine', 'ok', 'no corrupt database set aside');
        for (const name of leftovers) {
          const info = await stat(`${paths.dataDir}/${name}`);
          add(
            'quarantine',
            'warn',
            `${name} (${formatUnit('bytes', info.size)}) is a corrupt database set aside on ${info.mtime.toISOString()}; keep it for recovery or delete it`,
          );
        }
      } catch (error) {
        add('data folder', 'fail', `${paths.dataDir} is not writable: ${(error as Error).message}`);
      }

      // Two reads a moment apart, so rate-based collectors show what they really produce.
      const { hot, slow } = createCollectors();
      const collectors = [...hot, ...slow];
      await Promise.allSettled(collectors.map((c) => c.collect(performance.now())));
      await new Promise((resolve) => setTimeout(resolve, 250));
      for (const collector of collectors) {
        try {
          const count = Object.keys(await collector.collect(performance.now())).length;
          add(`collector ${collector.name}`, 'ok', count > 0 ? `${count} series` : 'nothing to report on this machine');
        } catch (error) {
          add(`collector ${collector.name}`, 'fail', (error as Error).message);
        }
      }
      await Promise.all(collectors.map((c) => c.close?.()));

      const ok = findings.every((f) => f.status !== 'fail');
      if (flags.json) io.out(json({ ok, findings }));
      else
        io.out(
          table(
            [{ header: 'check' }, { header: 'status' }, { header: 'detail' }],
            findings.map((f) => [f.check, f.status, f.detail]),
          ),
        );
      if (!ok) setExit(EXIT_FAILURE);
    });
}

/**
 * The integrity check's answer, or the page the device could not read: the rest of the report
 * still runs, since other checks may read pages the kernel holds in memory.
 */
function integrityOrReadFailure(engine: Engine): string | PageReadError {
  try {
    return engine.integrityCheck();
  } catch (error) {
    if (error instanceof PageReadError) return error;
    throw error;
  }
}

/**
 * Why the database could not be opened or read; a raw I/O error from a query says what it is, and
 * so does a read the disk cut short, which SQLite calls a malformed file.
 */
function databaseFailure(error: unknown, dbFile: string): string {
  const failure = damageOrFailedRead(error, dbFile);
  const code = errorCode(failure);
  if (!code.startsWith('SQLITE_IOERR') && code !== 'EIO') return (failure as Error).message;
  return readFailureText('the database', dbFile, failure);
}
