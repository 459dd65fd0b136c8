import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, mergeSettings, parseSettings, SettingsError } from './settings.js';

describe('settings schema', () => {
  it('fills every default', () => {
    expect(DEFAULT_SETTINGS).toEqual({
      sampling: { interval: 2000, slowInterval: 60_000, snapshots: [] },
      storage: {
        commitInterval: 10_000,
        maxEntitiesPerMetric: 256,
        retention: { rawDays: 7, minuteDays: 90, hourDays: 1825, maxSizeMb: null },
      },
      log: { level: 'info' },
      alerts: { rules: DEFAULT_SETTINGS.alerts.rules, quietHours: null, webhook: null },
      push: { targets: [] },
      archive: { enabled: false, folder: null },
      desktop: {
        trayMetrics: ['cpu.total', 'mem.percent'],
        trayIcon: 'digits',
        theme: 'system',
        launchAtLogin: false,
        allowPlainTextSecrets: false,
      },
      prometheus: { enabled: false, host: '127.0.0.1', port: 9437, auth: null },
      mqtt: {
        enabled: false,
        url: 'mqtt://127.0.0.1:1883',
        username: null,
        password: null,
        clientId: null,
        nodeId: null,
        topicPrefix: 'dashlight',
        discovery: true,
        discoveryPrefix: 'homeassistant',
        interval: 10_000,
        qos: 1,
        retain: false,
        keepalive: 60_000,
        series: [
          'cpu.total',
          'load.1',
          'mem.percent',
          'swap.percent',
          'fs.used_pct',
          'disk.read',
          'disk.write',
          'net.rx',
          'net.tx',
          'temp.cpu',
          'battery.percent',
          'battery.charging',
        ],
        tls: { ca: null, cert: null, key: null, verify: true },
      },
      processes: { enabled: true, interval: null },
      probes: { targets: [], interval: 10_000, timeout: 2000 },
    });
    expect(DEFAULT_SETTINGS.alerts.rules).toHaveLength(5);
  });

  it('validates push targets and the archive with field paths', () => {
    const target = { name: 'vm', kind: 'influx', url: 'http://127.0.0.1:8428' };
    expect(parseSettings({ push: { targets: [target] } }).push.targets[0]).toMatchObject({
      batchSize: 5000,
      interval: 60_000,
      gzip: true,
      start: 'oldest',
      influx: { version: 1, db: 'dashlight', measurement: 'dashlight' },
    });
    const problems = (input: unknown) => {
      try {
        parseSettings(input);
      } catch (error) {
        return (error as SettingsError).issues.map((i) => i.path);
      }
      return [];
    };
    expect(problems({ push: { targets: [{ ...target, kind: 'graphite' }] } })).toEqual(['push.targets.0.kind']);
    expect(problems({ push: { targets: [{ ...target, url: 'udp://x' }] } })).toEqual(['push.targets.0.url']);
    expect(problems({ push: { targets: [{ ...target, batchSize: 50_000 }] } })).toEqual(['push.targets.0.batchSize']);
    expect(problems({ push: { targets: [{ ...target, auth: { type: 'bearer' } }] } })).toEqual([
      'push.targets.0.auth.token',
    ]);
    expect(problems({ push: { targets: [target, target] } })).toEqual(['push.targets.1.name']);
    expect(problems({ archive: { enabled: true } })).toEqual(['archive.folder']);
  });

  it('accepts durations as text and stores milliseconds', () => {
    const settings = parseSettings({
      sampling: { interval: '1s', slowInterval: '30s', snapshots: [{ cron: '0 6 * * *' }] },
    });
    expect(settings.sampling.interval).toBe(1000);
    expect(settings.sampling.slowInterval).toBe(30_000);
    expect(settings.sampling.snapshots).toEqual([{ cron: '0 6 * * *', tz: 'UTC' }]);
  });

  it('names the field path and the problem for each bad value', () => {
    const attempt = () =>
      parseSettings({
        sampling: { interval: '500ms', snapshots: [{ cron: 'daily' }] },
        storage: { retention: { rawDays: -1 } },
      });
    expect(attempt).toThrow(SettingsError);
    try {
      attempt();
    } catch (error) {
      const paths = (error as SettingsError).issues.map((i) => i.path);
      expect(paths).toEqual(
        expect.arrayContaining(['sampling.interval', 'sampling.snapshots.0.cron', 'storage.retention.rawDays']),
      );
      expect((error as Error).message).toMatch(
        /sampling\.interval: must be a duration such as 2s, between 1s and 1h \(got "500ms"\)/,
      );
    }
  });

  it('rejects unknown keys so typos do not pass silently', () => {
    expect(() => parseSettings({ sampling: { intervall: '2s' } })).toThrow(/sampling: Unrecognized key.*intervall/);
  });

  it('keeps each coarser tier at least as long as the finer one it is rolled from', () => {
    expect(() => parseSettings({ storage: { retention: { rawDays: 30, minuteDays: 7 } } })).toThrow(
      'storage.retention.rawDays: 30 days is longer than minuteDays (7): 1-minute aggregates must be kept at least as long as raw samples; lower rawDays or raise minuteDays',
    );
    expect(() => parseSettings({ storage: { retention: { hourDays: 60 } } })).toThrow(
      'storage.retention.minuteDays: 90 days is longer than hourDays (60): hourly aggregates must be kept at least as long as minute aggregates; lower minuteDays or raise hourDays',
    );
    const equal = parseSettings({ storage: { retention: { rawDays: 30, minuteDays: 30, hourDays: 30 } } });
    expect(equal.storage.retention).toMatchObject({ rawDays: 30, minuteDays: 30, hourDays: 30 });
  });

  it('rejects an interval above one hour', () => {
    expect(() => parseSettings({ sampling: { interval: '2h' } })).toThrow(/sampling\.interval/);
  });
});

describe('mergeSettings', () => {
  it('deep-merges a partial patch and validates the result', () => {
    const merged = mergeSettings(DEFAULT_SETTINGS, { storage: { retention: { maxSizeMb: 200 } } });
    expect(merged.storage.retention).toEqual({ rawDays: 7, minuteDays: 90, hourDays: 1825, maxSizeMb: 200 });
    expect(merged.sampling).toEqual(DEFAULT_SETTINGS.sampling);
  });

  it('refuses a bad patch and leaves the base untouched', () => {
    expect(() => mergeSettings(DEFAULT_SETTINGS, { log: { level: 'loud' } })).toThrow(/log\.level/);
    expect(() => mergeSettings(DEFAULT_SETTINGS, [1, 2])).toThrow(/expected an object/);
    expect(DEFAULT_SETTINGS.log.level).toBe('info');
  });
});
