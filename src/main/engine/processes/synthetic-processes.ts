/**
 * Writes a synthetic year of process history into a database, as a year of the defaults would
 * leave it: minutes for the last 90 days, hours for the whole year, the catalogue of apps and
 * commands. For the benchmarks (disk for a year, `topProcesses` latency). The machine is a busy
 * desktop: some fifty services and daemons, a few desktop apps used by day, kernel threads, and
 * jobs (builds, scripts) that start about ten times an hour and run for minutes, each a new
 * command. Deterministic: the same options write the same bytes.
 *
 * @example
 * const report = await writeSyntheticProcesses('/tmp/year.db', { end: Date.UTC(2026, 0, 1) });
 * report.minutes // 129_600
 */
import type { AppKind } from '../../../shared/processes.js';
import { openEngineStore } from '../test-support/open-engine-store.js';
import { AppCatalog } from './app-catalog.js';
import type { AppTotals, BucketData } from './bucket-codec.js';
import { BucketMerger } from './bucket-merger.js';
import { ProcessHistory } from './process-history.js';
import { COARSE_KEEP, MINUTE_KEEP } from './process-tiers.js';
import { selectTop } from './top-selection.js';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

export interface SyntheticProcessOptions {
  /** End of the history (exclusive), UTC ms; rounded down to the hour. */
  readonly end: number;
  readonly days?: number;
  readonly minuteDays?: number;
  readonly cores?: number;
}

export interface SyntheticProcessReport {
  readonly minutes: number;
  readonly hours: number;
  readonly commands: number;
  readonly elapsedMs: number;
}

interface AppModel {
  readonly kind: AppKind;
  readonly name: string;
  /** CPU hundredths per minute at rest, and how much by day. */
  readonly cpu: number;
  readonly dayCpu: number;
  readonly rssKib: number;
  readonly ioKib: number;
  /** A new process (pid and command) every day rather than one for the year. */
  readonly daily: boolean;
}

const SERVICES = [
  'systemd-journald',
  'systemd-logind',
  'systemd-resolved',
  'systemd-udevd',
  'systemd-timesyncd',
  'dbus',
  'NetworkManager',
  'wpa_supplicant',
  'ModemManager',
  'polkit',
  'accounts-daemon',
  'udisks2',
  'upower',
  'bluetooth',
  'cups',
  'cups-browsed',
  'avahi-daemon',
  'cron',
  'rsyslog',
  'snapd',
  'thermald',
  'irqbalance',
  'fwupd',
  'colord',
  'gdm',
  'ssh',
  'docker',
  'containerd',
  'postgresql@15-main',
  'redis-server',
  'nginx',
  'power-profiles-daemon',
  'switcheroo-control',
  'kerneloops',
  'unattended-upgrades',
];
const USER = [
  'pipewire',
  'pipewire-pulse',
  'wireplumber',
  'gnome-shell',
  'Xwayland',
  'gsd-color',
  'tracker-miner-fs-3',
  'evolution-data-server',
  'ibus-daemon',
  'gvfsd',
  'nautilus',
  'gnome-terminal-server',
  'xdg-desktop-portal',
];
const DESKTOP = ['firefox', 'code', 'slack', 'thunderbird', 'spotify', 'chrome'];
const KERNEL = ['kworker', 'ksoftirqd', 'kswapd0', 'rcu_preempt', 'jbd2'];
const JOBS = [
  'make',
  'cc1',
  'gcc',
  'python3',
  'node',
  'git',
  'rg',
  'cargo',
  'rustc',
  'npm',
  'dpkg',
  'tar',
  'rsync',
  'ffmpeg',
  'java',
];

/** mulberry32: a small seeded generator, so every run writes the same history. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function models(rand: () => number): AppModel[] {
  const list: AppModel[] = [];
  for (const name of SERVICES)
    list.push({
      kind: 'unit',
      name: `${name}.service`,
      cpu: rand() * 25,
      dayCpu: 0,
      rssKib: 4000 + rand() * 150_000,
      ioKib: rand() < 0.3 ? rand() * 200 : 0,
      daily: false,
    });
  for (const name of USER)
    list.push({
      kind: 'exe',
      name,
      cpu: rand() * 40,
      dayCpu: rand() * 200,
      rssKib: 8000 + rand() * 400_000,
      ioKib: rand() < 0.2 ? rand() * 500 : 0,
      daily: false,
    });
  for (const name of DESKTOP)
    list.push({
      kind: 'exe',
      name,
      cpu: 5,
      dayCpu: 300 + rand() * 3000,
      rssKib: 300_000 + rand() * 2_500_000,
      ioKib: rand() * 20_000,
      daily: true,
    });
  for (const name of KERNEL)
    list.push({
      kind: 'kernel',
      name,
      cpu: 2 + rand() * 20,
      dayCpu: rand() * 20,
      rssKib: 0,
      ioKib: name === 'jbd2' || name === 'kworker' ? rand() * 3000 : 0,
      daily: false,
    });
  return list;
}

export async function writeSyntheticProcesses(
  file: string,
  options: SyntheticProcessOptions,
): Promise<SyntheticProcessReport> {
  const started = performance.now();
  const end = Math.floor(options.end / HOUR) * HOUR;
  const start = end - (options.days ?? 365) * DAY;
  const minutesFrom = end - (options.minuteDays ?? 90) * DAY;
  const cores = options.cores ?? 8;
  const rand = random(15);
  const apps = models(rand);
  const store = await openEngineStore(file);
  const db = store.connection;
  const catalog = new AppCatalog(db);
  const history = new ProcessHistory(db);
  const appIds = apps.map((app) => catalog.appId(app));
  const jobIds = JOBS.map((name) => catalog.appId({ kind: 'exe', name }));
  let job: { index: number; until: number; command: number; cpu: number; rssKib: number; ioKib: number } | null = null;
  let minutes = 0;
  let hours = 0;
  let pid = 1000;
  const dailyPid = new Map<number, { day: number; command: number }>();
  const stablePid = new Map<number, number>();
  try {
    for (let hour = start; hour < end; hour += HOUR) {
      const merged = new BucketMerger();
      db.transaction(() => {
        for (let at = hour; at < hour + HOUR; at += MINUTE) {
          const day = Math.floor(at / DAY);
          const local = ((at % DAY) / HOUR + 24) % 24;
          const daytime = local >= 8 && local < 20 ? 1 : 0;
          const entries: AppTotals[] = [];
          let total = 0;
          let totalIo = 0;
          apps.forEach((app, i) => {
            const cpuCs = Math.round(app.cpu * (0.5 + rand()) + daytime * app.dayCpu * rand());
            const rssKib = Math.round(app.rssKib * (0.9 + 0.2 * rand()));
            const ioKib = app.ioKib > 0 && rand() < 0.5 ? Math.round(app.ioKib * rand()) : 0;
            total += cpuCs;
            totalIo += ioKib;
            let command: number;
            if (app.daily) {
              let known = dailyPid.get(i);
              if (!known || known.day !== day) {
                known = { day, command: catalog.commandId(appIds[i]!, ++pid, `/usr/bin/${app.name} --day ${day}`, at) };
                dailyPid.set(i, known);
              }
              command = known.command;
            } else {
              let known = stablePid.get(i);
              if (known === undefined)
                stablePid.set(i, (known = catalog.commandId(appIds[i]!, 300 + i, `/usr/sbin/${app.name}`, at)));
              command = known;
            }
            entries.push({ appId: appIds[i]!, cpuCs, peakRssKib: rssKib, ioKib, commandId: command });
          });
          // A job starts about ten times an hour and runs 1 to 10 minutes: a build, a backup, a script.
          if ((!job || at >= job.until) && rand() < 1 / 6) {
            const index = Math.floor(rand() * JOBS.length);
            const until = at + MINUTE * (1 + Math.floor(rand() * 10));
            const command = catalog.commandId(
              jobIds[index]!,
              ++pid,
              `${JOBS[index]} job-${pid} --target build/${pid % 97}`,
              at,
            );
            job = {
              index,
              until,
              command,
              cpu: 500 + rand() * 5500 * Math.min(cores, 4),
              rssKib: 50_000 + rand() * 750_000,
              ioKib: 1000 + rand() * 100_000,
            };
          }
          if (job && at < job.until) {
            const cpuCs = Math.round(job.cpu * (0.7 + 0.3 * rand()));
            total += cpuCs;
            totalIo += Math.round(job.ioKib);
            entries.push({
              appId: jobIds[job.index]!,
              cpuCs,
              peakRssKib: Math.round(job.rssKib),
              ioKib: Math.round(job.ioKib),
              commandId: job.command,
            });
          }
          const minute: BucketData = {
            cores,
            spanMs: MINUTE,
            totalCpuCs: total,
            totalIoKib: totalIo,
            apps: selectTop(entries, MINUTE_KEEP),
          };
          merged.addData(minute);
          if (at >= minutesFrom) {
            history.replace(MINUTE, at, minute);
            minutes += 1;
          }
        }
        history.replace(HOUR, hour, merged.result(COARSE_KEEP));
      })();
      hours += 1;
    }
    history.setWatermark(MINUTE, end);
    history.setWatermark(HOUR, end);
    db.pragma('wal_checkpoint(TRUNCATE)');
    const commands = db.prepare('SELECT count(*) FROM process_commands').pluck().get() as number;
    return { minutes, hours, commands, elapsedMs: performance.now() - started };
  } finally {
    store.close();
  }
}
