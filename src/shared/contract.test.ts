import { describe, expect, it } from 'vitest';
import { EVENT_NAMES, InputError, METHOD_NAMES, parseInput } from './contract.js';

describe('contract', () => {
  it('declares exactly these methods and events, in this order', () => {
    // Literal lists: a method or event dropped from (or added to) the contract must show up here.
    expect(METHOD_NAMES).toEqual([
      'latest',
      'list',
      'history',
      'stats',
      'rolling',
      'sampleNow',
      'pause',
      'resume',
      'status',
      'getSettings',
      'updateSettings',
      'listRules',
      'saveRule',
      'deleteRule',
      'testRule',
      'alertHistory',
      'acknowledge',
      'snooze',
      'export',
      'cancelExport',
      'pushStatus',
      'pushNow',
      'pausePush',
      'resumePush',
      'testTarget',
      'pushDeadLetters',
      'diagnostics',
      'prometheusStatus',
      'mqttStatus',
      'testMqtt',
      'topProcesses',
      'liveProcesses',
    ]);
    expect(EVENT_NAMES).toEqual(['sample', 'status', 'alert', 'exportProgress', 'exportDone', 'processes']);
  });

  it('parses export and push inputs', () => {
    expect(parseInput('export', { format: 'csv', from: 0, to: 1, path: '/tmp/x.csv' })).toEqual({
      format: 'csv',
      from: 0,
      to: 1,
      resolution: 'auto',
      metrics: null,
      path: '/tmp/x.csv',
    });
    expect(() => parseInput('export', { format: 'csv', from: 5, to: 1, path: 'x' })).toThrow(
      /to: must not be before from/,
    );
    expect(() => parseInput('testTarget', { name: 'x', kind: 'influx', url: 'ftp://x' })).toThrow(/url/);
    expect(parseInput('pushNow', undefined)).toBeUndefined();
  });

  it('parses alert inputs', () => {
    expect(parseInput('alertHistory', undefined)).toEqual({ limit: 100, offset: 0 });
    expect(() => parseInput('snooze', { target: 'cpu-high', until: -5 })).toThrow(/until/);
    expect(() => parseInput('acknowledge', { id: 1.5 })).toThrow(/id/);
    expect(
      parseInput('saveRule', { name: 'Hot', metric: 'cpu.total', comparator: 'above', critical: 95 }),
    ).toMatchObject({ id: 'hot', kind: 'threshold' });
  });

  it('fills list defaults (page 1, 50 per page)', () => {
    expect(parseInput('list', {})).toEqual({ page: 1, limit: 50 });
  });

  it('rejects unknown series, bad ranges and stray fields with field paths', () => {
    expect(() => parseInput('history', { series: ['cpu.totl'], from: 0, to: 1 })).toThrow(InputError);
    expect(() => parseInput('history', { series: ['cpu.totl'], from: 0, to: 1 })).toThrow(/series\.0: unknown series/);
    expect(() => parseInput('list', { limit: 0 })).toThrow(/limit/);
    expect(() => parseInput('stats', { from: -5 })).toThrow(/from/);
    expect(() => parseInput('latest', { extra: true })).toThrow(/latest/);
  });

  it('accepts per-entity series keys', () => {
    const input = parseInput('history', { series: ['net.rx[eth0]', 'fs.used_pct[/]'], from: 0, to: 10 });
    expect(input.maxPoints).toBe(1000);
  });
});
