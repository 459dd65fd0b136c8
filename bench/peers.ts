/**
 * The peer monitors the engine is compared with, each set up to do the same job at 1 Hz: sample
 * the machine's CPU, load, memory, swap, network, disks and file systems, and store every reading.
 *
 * - collectd: plugins cpu, load, memory, swap, interface, disk, df, written by the csv plugin.
 * - Glances: quiet (no curses UI, no web UI), refresh 1 s, exporting every refresh to CSV.
 *
 * Everything they write (config, pid file, data) lives in the given temporary folder.
 *
 * @example
 * const peer = await collectdPeer('/tmp/bench/collectd');
 * if ('missing' in peer) console.error(peer.missing);
 * else startGroup(peer.name, peer.command, peer.args, { cwd: peer.cwd });
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findExecutable } from './process-group.js';

/** How to start a peer, and how to check that it is storing data. */
export interface PeerSpec {
  readonly name: string;
  readonly version: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  /** Extra environment (merged over the benchmark's own). */
  readonly env?: Readonly<Record<string, string>>;
  /** One line: what it samples and where it stores, for the report's notes. */
  readonly setup: string;
  /** Bytes written so far to its store (CSV files); must grow while it runs. */
  outputBytes(): number;
}

/** A peer that could not be set up, with the reason. */
export interface PeerMissing {
  readonly name: string;
  readonly missing: string;
}

/** System folders searched as well as PATH: collectd installs into /usr/sbin. */
const SBIN = ['/usr/local/sbin', '/usr/sbin', '/sbin'].join(':');

/** Total size of the files under a folder (0 if it does not exist yet). */
export function folderBytes(dir: string): number {
  let total = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += folderBytes(path);
    else if (entry.isFile()) total += fileBytes(path);
  }
  return total;
}

/** A file's size, 0 if it does not exist. */
export function fileBytes(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** The first line matching `pattern` in a command's output, or 'unknown'. */
function versionFrom(command: string, args: string[], pattern: RegExp): string {
  try {
    const out = execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 20_000 });
    return pattern.exec(out)?.[0] ?? 'unknown';
  } catch (error) {
    // `collectd -h` exits 0, but be lenient with versions that exit 1 after printing help.
    const out = (error as { stdout?: string }).stdout ?? '';
    return pattern.exec(out)?.[0] ?? 'unknown';
  }
}

/**
 * collectd's config for the comparison: the engine's hot and slow sets, stored as CSV; with
 * `processes`, also its processes plugin following every process (the peer of process history).
 */
export function collectdConfig(dir: string, options: { processes?: boolean } = {}): string {
  const q = (path: string) => JSON.stringify(path);
  return [
    'Hostname "dashlight-bench"',
    'FQDNLookup false',
    `BaseDir ${q(dir)}`,
    `PIDFile ${q(join(dir, 'collectd.pid'))}`,
    'PluginDir "/usr/lib/collectd"',
    'TypesDB "/usr/share/collectd/types.db"',
    'Interval 1',
    'LoadPlugin logfile',
    '<Plugin logfile>',
    '  LogLevel "info"',
    '  File STDOUT',
    '  Timestamp true',
    '</Plugin>',
    ...['cpu', 'load', 'memory', 'swap', 'interface', 'disk', 'df', 'csv'].map((p) => `LoadPlugin ${p}`),
    ...(options.processes
      ? ['LoadPlugin processes', '<Plugin processes>', '  ProcessMatch "all" ".*"', '</Plugin>']
      : []),
    '<Plugin csv>',
    `  DataDir ${q(join(dir, 'csv'))}`,
    '  StoreRates true',
    '</Plugin>',
    '',
  ].join('\n');
}

/** collectd in the foreground with a private config, pid file and data folder. */
export function collectdPeer(dir: string, options: { processes?: boolean } = {}): PeerSpec | PeerMissing {
  const name = options.processes ? 'collectd+processes' : 'collectd';
  const command = findExecutable('collectd', `${process.env.PATH ?? ''}:${SBIN}`);
  if (!command) return { name, missing: 'collectd is not installed (apt-get install collectd)' };
  mkdirSync(join(dir, 'csv'), { recursive: true });
  const conf = join(dir, 'collectd.conf');
  writeFileSync(conf, collectdConfig(dir, options));
  return {
    name,
    version: versionFrom(command, ['-h'], /collectd \d[^\s,]*/),
    command,
    // -P as well as PIDFile: the command-line flag wins over a system default.
    args: ['-f', '-C', conf, '-P', join(dir, 'collectd.pid')],
    cwd: dir,
    setup: `Interval 1; cpu, load, memory, swap, interface, disk, df${options.processes ? ', processes (ProcessMatch ".*")' : ''} → csv`,
    outputBytes: () => folderBytes(join(dir, 'csv')),
  };
}

/** Glances in quiet mode (no UI), refreshing every second and exporting each refresh to CSV. */
export function glancesPeer(dir: string): PeerSpec | PeerMissing {
  const name = 'glances';
  const command = findExecutable(name);
  if (!command) return { name, missing: 'glances is not installed (apt-get install glances)' };
  mkdirSync(dir, { recursive: true });
  const csv = join(dir, 'glances.csv');
  return {
    name,
    version: versionFrom(command, ['--version'], /Glances v\S+/),
    command,
    // -q: no curses UI; --disable-webui: no web UI either; the CSV export is its store.
    args: ['-q', '-t', '1', '--disable-webui', '--export', 'csv', '--export-csv-file', csv, '--export-csv-overwrite'],
    cwd: dir,
    // Its log file goes under $HOME/.local; keep it (and any user config) out of the way.
    env: { HOME: dir },
    setup: '-q -t 1, default plugins → --export csv',
    outputBytes: () => fileBytes(csv),
  };
}
