import { describe, expect, it } from 'vitest';
import { parseSettings } from '../../../shared/settings.js';
import { splitIssues } from '../../lib/forms/issue-fields.js';
import { buildPatch, checkDraft, draftFromSettings, fieldOfPath } from './settings-draft.js';

const settings = parseSettings({ archive: { enabled: true, folder: '/srv/archive' } });

describe('buildPatch', () => {
  it('is empty for an untouched draft', () => {
    expect(buildPatch(draftFromSettings(settings), settings)).toEqual({});
  });

  it('holds only the changed fields, nested as the settings are', () => {
    const draft = { ...draftFromSettings(settings), slowInterval: '2m', hourDays: 30, archiveFolder: '  ' };
    expect(buildPatch(draft, settings)).toEqual({
      sampling: { slowInterval: '2m' },
      storage: { retention: { hourDays: 30 } },
      archive: { folder: null },
    });
  });

  it('compares durations by value, and sends text it cannot read for the engine to name', () => {
    const draft = draftFromSettings(settings);
    expect(buildPatch({ ...draft, interval: '2000ms' }, settings)).toEqual({});
    expect(buildPatch({ ...draft, interval: '1500' }, settings)).toEqual({ sampling: { interval: 1500 } });
    expect(buildPatch({ ...draft, interval: 'fast' }, settings)).toEqual({ sampling: { interval: 'fast' } });
  });
});

describe('checkDraft and issue paths', () => {
  it('requires retention days', () => {
    expect(checkDraft({ ...draftFromSettings(settings), minuteDays: null })).toEqual({
      minuteDays: 'enter a number of days',
    });
  });

  it('maps nested issue paths to fields and keeps the rest', () => {
    expect(fieldOfPath('desktop.trayMetrics.2')).toBe('trayMetrics');
    expect(fieldOfPath('desktop.trayMetricsX')).toBeNull();
    expect(
      splitIssues(
        { 'storage.retention.rawDays': 'too big', 'alerts.rules': 'bad', '(root)': 'disk full' },
        fieldOfPath,
      ),
    ).toEqual({
      fields: { rawDays: 'too big' },
      other: ['alerts.rules: bad', 'disk full'],
    });
  });
});
