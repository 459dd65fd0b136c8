import { describe, expect, it } from 'vitest';
import { alertEvent } from './notify-test-support.js';
import { notificationFor } from './title.js';
import { webhookBody } from './webhook-body.js';

describe('webhookBody', () => {
  it('maps a firing alert to the documented version 1 body', () => {
    const body = webhookBody(notificationFor(alertEvent(), 'build-box'));
    expect(body).toEqual({
      version: 1,
      kind: 'firing',
      test: false,
      host: 'build-box',
      rule: { id: 'cpu-busy', name: 'CPU busy' },
      series: 'cpu.total',
      severity: 'critical',
      value: 97.5,
      threshold: 95,
      since: '2025-03-14T09:27:54.600Z',
      at: '2025-03-14T09:30:00.000Z',
      heldSeconds: 125,
      instanceId: 42,
      title: 'CPU busy: critical',
      text: 'CPU busy: cpu.total 97.5 % above 95 % for 2 min 5 s (top: node 180 %)',
      topProcesses: {
        byCpu: [
          { pid: 4242, name: 'node', cpuPercent: 180.5, rssBytes: 512_000_000 },
          { pid: 77, name: 'chrome', cpuPercent: 40, rssBytes: 2_100_000_000 },
        ],
        byMemory: [
          { pid: 77, name: 'chrome', cpuPercent: 40, rssBytes: 2_100_000_000 },
          { pid: 4242, name: 'node', cpuPercent: 180.5, rssBytes: 512_000_000 },
        ],
      },
    });
  });

  it('gives null for what a transition lacks, and marks tests', () => {
    const event = alertEvent({ kind: 'resolved', since: null, topProcesses: null, severity: null, instanceId: null });
    const body = webhookBody(notificationFor(event, 'h', true));
    expect(body).toMatchObject({ kind: 'resolved', test: true, since: null, topProcesses: null, severity: null });
    expect(body.title).toBe('Test: CPU busy');
  });

  it('survives a JSON round trip unchanged (no Dates, no undefined)', () => {
    const body = webhookBody(notificationFor(alertEvent(), 'h'));
    expect(JSON.parse(JSON.stringify(body))).toEqual(body);
  });
});
