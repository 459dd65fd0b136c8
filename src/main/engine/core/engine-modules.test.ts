import { describe, expect, it, vi } from 'vitest';
import type { Sample } from '../../../shared/sample.js';
import type { MethodName } from '../../../shared/contract.js';
import { DEFAULT_SETTINGS, type Settings } from '../../../shared/settings.js';
import { silentLogger } from '../log/logger.js';
import { ENGINE_MODULES } from '../modules.js';
import { mergeHandlers } from './merge-handlers.js';
import { SampleStream } from './sample-stream.js';
import { SettingsService } from './settings-service.js';

describe('the engine modules', () => {
  it('serve the contract between them, each method from exactly one module', () => {
    expect(Object.fromEntries(ENGINE_MODULES.map((m) => [m.name, [...m.methods]]))).toEqual({
      settings: ['getSettings', 'updateSettings'],
      queries: ['latest', 'list', 'history', 'stats', 'rolling'],
      alerts: ['listRules', 'saveRule', 'deleteRule', 'testRule', 'alertHistory', 'acknowledge', 'snooze'],
      export: ['export', 'cancelExport'],
      push: ['pushStatus', 'pushNow', 'pausePush', 'resumePush', 'testTarget', 'pushDeadLetters'],
      diagnostics: ['diagnostics'],
      prometheus: ['prometheusStatus'],
      mqtt: ['mqttStatus', 'testMqtt'],
      processes: ['topProcesses', 'liveProcesses'],
      probes: [],
      sampling: ['sampleNow', 'pause', 'resume', 'status'],
    });
    expect(Object.fromEntries(ENGINE_MODULES.map((m) => [m.name, [...m.sections]]))).toEqual({
      settings: ['log'],
      queries: [],
      alerts: ['alerts', 'processes'],
      export: ['archive'],
      push: ['push'],
      diagnostics: [],
      prometheus: ['prometheus', 'sampling', 'processes'],
      mqtt: ['mqtt', 'sampling'],
      processes: ['processes'],
      probes: ['probes'],
      sampling: ['sampling', 'storage'],
    });
  });
});

describe('mergeHandlers', () => {
  const handler = async () => null;
  const everyOther = (except: string): MethodName[] =>
    ENGINE_MODULES.flatMap((m): readonly MethodName[] => m.methods).filter((method) => method !== except);

  it('refuses a method served twice, declared without a handler, or served by nobody', () => {
    const all = {
      name: 'all',
      methods: everyOther(''),
      handlers: Object.fromEntries(everyOther('').map((m) => [m, handler])),
    };
    expect(() => mergeHandlers([all, { name: 'again', methods: ['status'], handlers: { status: handler } }])).toThrow(
      'engine modules "all" and "again" both serve "status"',
    );
    const rest = everyOther('diagnostics');
    const partial = { name: 'rest', methods: rest, handlers: Object.fromEntries(rest.map((m) => [m, handler])) };
    expect(() => mergeHandlers([partial])).toThrow('no engine module serves "diagnostics"');
    expect(() => mergeHandlers([partial, { name: 'diag', methods: ['diagnostics'], handlers: {} }])).toThrow(
      'engine module "diag" declares "diagnostics" but has no handler for it',
    );
  });
});

describe('SampleStream', () => {
  it('hands every sample to each reader in order; a reader that throws costs only itself', () => {
    const log = silentLogger();
    const errors = vi.spyOn(log, 'error');
    const stream = new SampleStream(log);
    const seen: string[] = [];
    stream.subscribe('first', (s) => void seen.push(`first ${s.ts}`));
    stream.subscribe('broken', () => {
      throw new Error('boom');
    });
    stream.subscribe('last', (s) => void seen.push(`last ${s.ts}`));
    const sample: Sample = { ts: 1, values: {} };
    stream.publish(sample);
    stream.publish({ ts: 2, values: {} });
    expect(seen).toEqual(['first 1', 'last 1', 'first 2', 'last 2']);
    expect(errors).toHaveBeenCalledTimes(2);
    expect(errors.mock.calls[0]![1]).toBe('a sample reader failed on this sample');
  });
});

describe('SettingsService', () => {
  it('saves only what every module accepted, and applies only what was saved', async () => {
    const saved: number[] = [];
    const applied: number[] = [];
    const service = new SettingsService(
      DEFAULT_SETTINGS,
      {
        save: async (next: Settings) => {
          saved.push(next.sampling.interval);
          return next;
        },
      },
      {
        check: (next) => {
          if (next.sampling.interval === 7000) throw new Error('sampling.interval: 7 s is refused by a module');
        },
        apply: (next) => void applied.push(next.sampling.interval),
      },
    );
    await expect(service.update({ sampling: { interval: '7s' } })).rejects.toThrow('refused by a module');
    expect(saved).toEqual([]);
    expect(service.current().sampling.interval).toBe(2000);
    await expect(service.update({ sampling: { interval: '10ms' } })).rejects.toThrow(/sampling\.interval/);
    expect((await service.update({ sampling: { interval: '5s' } })).sampling.interval).toBe(5000);
    expect(saved).toEqual([5000]);
    expect(applied).toEqual([5000]);
    expect(service.current().sampling.interval).toBe(5000);
  });
});
