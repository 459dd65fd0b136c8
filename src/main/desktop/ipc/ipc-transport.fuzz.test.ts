// Fuzz: whatever a renderer sends, every method resolves to a well-formed IpcResult. Nothing
// rejects, nothing carries a stack, and nothing fails to structured-clone back to the renderer.
import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ipcMain } from 'electron';
import { METHOD_NAMES, type MethodName } from '../../../shared/contract.js';
import { CONTRACT_ERROR_NAMES as IPC_ERROR_NAMES } from '../../../shared/contract-errors.js';
import { SUBSCRIBE_CHANNEL, invokeChannel } from '../../../shared/ipc-channels.js';
import { fake, electron as fakeElectron } from '../test-support/fake-electron.js';
import { registerIpc } from './ipc-transport.js';
import { LiveSubscriptions } from './live-subscriptions.js';
import { trustedSenderCheck } from './trusted-sender.js';
import { APP_URL, pathsNamed, stubHandlers, type StubHandlers } from './test-helpers.js';

vi.mock('electron', async () => (await import('../test-support/fake-electron.js')).electron);

/** Field names and values the contract uses, so many payloads get deep into the schemas. */
const fieldName = fc.constantFrom(
  ...['from', 'to', 'page', 'limit', 'series', 'maxPoints', 'id', 'target', 'until', 'state', 'rule', 'offset'],
  ...['name', 'metric', 'comparator', 'critical', 'warning', 'for', 'kind', 'enabled', 'format', 'url', 'type'],
  ...['sampling', 'interval', '__proto__', 'constructor', 'toString'],
);
const fieldValue = fc.oneof(
  fc.integer(),
  fc.integer({ min: 0, max: 2_000_000_000_000 }),
  fc.double(),
  fc.string(),
  fc.constantFrom('cpu.total', 'mem.used_pct', 'fs.used_pct[/]', 'all', 'firing', 'above', '1m', 'csv', 'http://x/'),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(fc.constantFrom('cpu.total', 'nope', ''), { maxLength: 3 }),
  fc.bigInt(),
);
const payload = fc.oneof(
  fc.anything({ maxDepth: 3, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true }),
  fc.dictionary(fieldName, fc.oneof(fieldValue, fc.dictionary(fieldName, fieldValue, { maxKeys: 3 })), {
    maxKeys: 6,
  }),
  fc.constant(undefined),
  fc.constant({}),
);

/** One valid input per method (a Record, so a new method must be added here), so `ok` is reached too. */
const VALID: Record<MethodName, unknown> = {
  latest: undefined,
  list: { page: 2 },
  history: { series: ['cpu.total'], from: 0, to: 1 },
  stats: { from: 0 },
  rolling: {},
  sampleNow: undefined,
  pause: undefined,
  resume: undefined,
  status: undefined,
  getSettings: undefined,
  updateSettings: { theme: 'dark' },
  listRules: undefined,
  saveRule: { name: 'Hot CPU', metric: 'cpu.total', comparator: 'above', critical: 95 },
  deleteRule: { id: 'hot-cpu' },
  testRule: { id: 'hot-cpu' },
  alertHistory: undefined,
  acknowledge: { id: 1 },
  snooze: { target: 'all', until: null },
  export: { format: 'csv', from: 0, to: 1, path: '/tmp/x.csv' },
  cancelExport: { id: 'e1' },
  pushStatus: undefined,
  pushNow: { target: 'influx' },
  pausePush: { target: 'influx' },
  resumePush: { target: 'influx' },
  testTarget: { name: 'influx', kind: 'influx', url: 'http://localhost:8086' },
  pushDeadLetters: { target: 'influx' },
  diagnostics: { integrity: true },
  prometheusStatus: undefined,
  mqttStatus: undefined,
  testMqtt: undefined,
  topProcesses: { from: 0, to: 60_000, by: 'memory' },
  liveProcesses: undefined,
};

let handlers: StubHandlers;
const subscriptions = new LiveSubscriptions();

beforeAll(() => {
  fake.reset();
  handlers = stubHandlers();
  registerIpc({
    ipcMain,
    handlers,
    isTrustedSender: trustedSenderCheck(APP_URL),
    log: { warn: () => {} },
    subscriptions,
  });
});

describe('IPC transport fuzz', () => {
  it.each(METHOD_NAMES)('%s: 1,000 random payloads each resolve to a typed IpcResult', async (name) => {
    const counts = { ok: 0, error: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.oneof({ arbitrary: fc.constant(VALID[name]), weight: 1 }, { arbitrary: payload, weight: 9 }),
        async (raw) => {
          const calls = handlers[name].mock.calls.length;
          const result = (await fakeElectron.ipcMain.invoke(invokeChannel(name), APP_URL, raw)) as Record<
            string,
            unknown
          >;
          expect(pathsNamed(result, 'stack')).toEqual([]);
          expect(() => structuredClone(result)).not.toThrow();
          if (result.ok === true) {
            counts.ok++;
            expect(result).toEqual({ ok: true, value: {} });
            expect(handlers[name].mock.calls.length).toBe(calls + 1);
            return;
          }
          counts.error++;
          expect(result.ok).toBe(false);
          const error = result.error as Record<string, unknown>;
          expect(Object.keys(error).every((key) => ['name', 'message', 'issues'].includes(key))).toBe(true);
          expect(IPC_ERROR_NAMES).toContain(error.name);
          expect(typeof error.message).toBe('string');
          expect(error).not.toBeInstanceOf(Error);
          expect(handlers[name].mock.calls.length).toBe(calls);
        },
      ),
      { numRuns: 1000 },
    );
    // Both branches are exercised for every method, so the property is not vacuous.
    expect(counts.error).toBeGreaterThan(0);
    expect(counts.ok).toBeGreaterThan(0);
  });

  it('subscribe: 1,000 random payloads each resolve to a typed IpcResult, and only a valid one is kept', async () => {
    const counts = { ok: 0, error: 0 };
    const valid = { series: ['cpu.total', 'cpu.core'] };
    await fc.assert(
      fc.asyncProperty(
        fc.oneof({ arbitrary: fc.constant(valid), weight: 1 }, { arbitrary: payload, weight: 9 }),
        async (raw) => {
          const result = (await fakeElectron.ipcMain.invoke(SUBSCRIBE_CHANNEL, APP_URL, raw)) as Record<
            string,
            unknown
          >;
          expect(pathsNamed(result, 'stack')).toEqual([]);
          expect(() => structuredClone(result)).not.toThrow();
          if (result.ok === true) {
            counts.ok++;
            expect(result).toEqual({ ok: true, value: null });
            return;
          }
          counts.error++;
          const error = result.error as Record<string, unknown>;
          expect(Object.keys(error).every((key) => ['name', 'message', 'issues'].includes(key))).toBe(true);
          expect(IPC_ERROR_NAMES).toContain(error.name);
        },
      ),
      { numRuns: 1000 },
    );
    expect(counts.error).toBeGreaterThan(0);
    expect(counts.ok).toBeGreaterThan(0);
  });
});
