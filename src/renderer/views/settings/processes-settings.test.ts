/** The Settings form's process history, probe and tray icon fields: what they show and the patch they send. */
import { describe, expect, it } from 'vitest';
import { mergeSettings, parseSettings } from '../../../shared/settings.js';
import {
  buildPatch,
  draftFromSettings,
  fieldOfPath,
  probeLines,
  probeTargetsOf,
  trayChoices,
} from './settings-draft.js';

const settings = parseSettings({});

describe('process history and probes in the Settings form', () => {
  it('shows the OS default as an empty interval, and sends only what changed', () => {
    const draft = draftFromSettings(settings);
    expect(draft).toMatchObject({
      processesEnabled: true,
      processInterval: '',
      probeTargets: '',
      probeInterval: '10s',
      probeTimeout: '2s',
      trayIcon: 'digits',
    });
    expect(buildPatch(draft, settings)).toEqual({});
    expect(buildPatch({ ...draft, processesEnabled: false, processInterval: '10s' }, settings)).toEqual({
      processes: { enabled: false, interval: '10s' },
    });
    const custom = mergeSettings(settings, { processes: { interval: '10s' } });
    expect(buildPatch({ ...draftFromSettings(custom), processInterval: ' ' }, custom)).toEqual({
      processes: { interval: null },
    });
    expect(buildPatch({ ...draft, trayIcon: 'bar' }, settings)).toEqual({ desktop: { trayIcon: 'bar' } });
  });

  it('reads probe targets one a line, named or not, IPv6 in brackets; what it cannot read goes to the engine', () => {
    expect(probeTargetsOf(' db.lan:5432 \n\nweb=10.0.0.5:443\n[::1]:8080\nbroken')).toEqual([
      { host: 'db.lan', port: 5432 },
      { host: '10.0.0.5', port: 443, name: 'web' },
      { host: '::1', port: 8080 },
      { host: 'broken', port: '' },
    ]);
    const withTargets = mergeSettings(settings, {
      probes: {
        targets: [
          { host: 'db.lan', port: 5432 },
          { host: '10.0.0.5', port: 443, name: 'web' },
          { host: '::1', port: 8080 },
        ],
      },
    });
    expect(probeLines(withTargets.probes.targets)).toBe('db.lan:5432\nweb=10.0.0.5:443\n[::1]:8080');
    const draft = draftFromSettings(withTargets);
    expect(buildPatch(draft, withTargets)).toEqual({});
    expect(buildPatch({ ...draft, probeTargets: 'db.lan:5432' }, withTargets)).toEqual({
      probes: { targets: [{ host: 'db.lan', port: 5432 }] },
    });
    expect(fieldOfPath('probes.targets.1.port')).toBe('probeTargets');
  });

  it('offers any series this machine reports for the tray, after the usual ones', () => {
    const choices = trayChoices(
      ['sensor.temp_celsius[k10temp/Tctl]', 'cpu.total', 'not.a.series', 'probe.connect_seconds[db]'],
      ['fs.used_pct[/]'],
    );
    expect(choices.slice(-3)).toEqual([
      'fs.used_pct[/]',
      'probe.connect_seconds[db]',
      'sensor.temp_celsius[k10temp/Tctl]',
    ]);
    expect(choices.filter((c) => c === 'cpu.total')).toHaveLength(1);
  });
});
