import { describe, expect, it } from 'vitest';
import type { TrayState } from './tray-state.js';
import { FIGURE_SPACE as F, TOOLTIP_MAX, trayTitle, trayTooltip, truncateTooltip } from './tray-text.js';

const base: TrayState = {
  values: {},
  sampling: 'running',
  push: 'none',
  alerts: [],
  metrics: ['cpu.total', 'mem.percent'],
};
const alert = {
  instanceId: 1,
  ruleId: 'r',
  ruleName: 'CPU busy',
  series: 'cpu.total',
  severity: 'critical',
  value: 95,
} as const;

describe('trayTitle', () => {
  it('shows short labels with integer percents padded by figure spaces', () => {
    expect(trayTitle({ ...base, values: { 'cpu.total': 23.4, 'mem.percent': 61.2 } })).toBe(`CPU ${F}23% MEM ${F}61%`);
    expect(trayTitle({ ...base, values: { 'cpu.total': 100, 'mem.percent': 5 } })).toBe(`CPU 100% MEM ${F}${F}5%`);
  });

  it('keeps the same width as the digits change', () => {
    const widths = [0, 4.6, 9.5, 42, 99.4, 100].map(
      (v) => trayTitle({ ...base, values: { 'cpu.total': v, 'mem.percent': v } }).length,
    );
    expect(new Set(widths).size).toBe(1);
    const rates = [0, 999, 1_234_567, 12_345_678, 999_999].map(
      (v) => trayTitle({ ...base, metrics: ['net.rx'], values: { 'net.rx': v } }).length,
    );
    expect(new Set(rates).size).toBe(1);
  });

  it('shortens rates, temperatures and loads; uses the key for other metrics', () => {
    const state = {
      ...base,
      metrics: ['net.rx', 'net.tx', 'temp.cpu', 'load.1', 'battery.percent', 'gpu.util[0]'],
      values: {
        'net.rx': 1_234_567,
        'net.tx': 80_000,
        'temp.cpu': 54.6,
        'load.1': 1.234,
        'battery.percent': 80,
        'gpu.util[0]': 12,
      },
    };
    expect(trayTitle(state)).toBe(`NET↓ 1.2M NET↑ ${F}80K TEMP 55°C LOAD ${F}1.23 BAT ${F}80% gpu.util[0] ${F}12%`);
    expect(trayTitle({ ...base, metrics: ['net.rx'], values: { 'net.rx': 999_700 } })).toBe('NET↓ 1.0M');
    expect(trayTitle({ ...base, metrics: ['net.rx'], values: { 'net.rx': 12 } })).toBe(`NET↓ ${F}12B`);
  });

  it('shows a dash before the first value and a pause sign when paused', () => {
    expect(trayTitle(base)).toBe('CPU — MEM —');
    expect(trayTitle({ ...base, values: { 'cpu.total': Number.NaN } })).toBe('CPU — MEM —');
    expect(trayTitle({ ...base, sampling: 'paused', values: { 'cpu.total': 7 } })).toBe(`⏸ CPU ${F}${F}7% MEM —`);
    expect(trayTitle({ ...base, metrics: [] })).toBe('');
  });
});

describe('trayTooltip', () => {
  it('is just the name before the first sample', () => {
    expect(trayTooltip(base)).toBe('Dashlight');
  });

  it('says first that samples are not being saved', () => {
    const state: TrayState = {
      ...base,
      values: { 'cpu.total': 5 },
      writeProblem: 'Not saving samples: the disk is full',
    };
    expect(trayTooltip(state)).toBe('Dashlight\n⚠ Not saving samples: the disk is full\nCPU 5.0 %');
  });

  it('lists CPU, memory, the busiest disk, network, alerts and pause', () => {
    const state: TrayState = {
      ...base,
      sampling: 'paused',
      alerts: [alert, { ...alert, instanceId: 2 }],
      values: {
        'cpu.total': 23,
        'mem.percent': 61.24,
        'fs.used_pct[/]': 40,
        'fs.used_pct[/home]': 91,
        'net.rx': 1_234_567,
        'net.tx': 80_000,
      },
    };
    expect(trayTooltip(state)).toBe(
      [
        'Dashlight',
        'CPU 23.0 %',
        'Memory 61.2 %',
        'Disk /home 91.0 %',
        'Network ↓ 1.2 MiB/s ↑ 78.1 KiB/s',
        '2 alerts firing',
        'Sampling paused',
      ].join('\n'),
    );
    expect(trayTooltip({ ...base, alerts: [alert], values: { 'disk.used_pct': 55, 'net.tx': 1000 } })).toBe(
      'Dashlight\nDisk 55.0 %\nNetwork ↓ — ↑ 1000 B/s\n1 alert firing',
    );
  });

  it('caps the text at 127 UTF-16 units', () => {
    const mount = `/mnt/${'very-long-name-'.repeat(12)}`;
    const text = trayTooltip({ ...base, values: { 'cpu.total': 5, [`fs.used_pct[${mount}]`]: 50 } });
    expect(text.length).toBe(TOOLTIP_MAX);
    expect(text.startsWith('Dashlight\nCPU 5.0 %\nDisk /mnt/very-long-name-')).toBe(true);
    expect(text.endsWith('…')).toBe(true);
  });
});

describe('truncateTooltip', () => {
  it('leaves short text alone', () => {
    expect(truncateTooltip('abc', 3)).toBe('abc');
  });

  it('never splits a surrogate pair or ends on a newline', () => {
    expect(truncateTooltip('ab😀cd', 4)).toBe('ab…');
    expect(truncateTooltip('abc\ndef', 5)).toBe('abc…');
    expect(truncateTooltip('x'.repeat(200))).toBe(`${'x'.repeat(126)}…`);
  });
});
