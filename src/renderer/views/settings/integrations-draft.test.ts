import { describe, expect, it } from 'vitest';
import { parseSettings } from '../../../shared/settings.js';
import { integrationsDraft, integrationsPatch } from './integrations-draft.js';
import { durationInput } from './settings-draft.js';

const stored = parseSettings({
  prometheus: { enabled: true, auth: { type: 'basic', username: 'prom', password: 'stored-password' } },
  mqtt: { enabled: true, username: 'dashlight', password: 'stored-mqtt-pass' },
});

describe('the integrations part of the settings form', () => {
  it('never puts a stored secret in the form, and an empty secret input keeps it', () => {
    const draft = integrationsDraft(stored);
    expect([draft.metricsPassword, draft.metricsToken, draft.mqttPassword]).toEqual(['', '', '']);
    expect(integrationsPatch(draft, stored, durationInput)).toEqual({});
  });

  it('sends a new secret, removes one on request, and keeps the password when only the user changes', () => {
    const draft = integrationsDraft(stored);
    draft.mqttPassword = 'new-mqtt-pass';
    draft.metricsUser = 'scraper';
    expect(integrationsPatch(draft, stored, durationInput)).toEqual({
      prometheus: { auth: { type: 'basic', username: 'scraper', password: 'stored-password' } },
      mqtt: { password: 'new-mqtt-pass' },
    });
    const clear = integrationsDraft(stored);
    clear.mqttClearPassword = true;
    clear.metricsAuth = 'none';
    expect(integrationsPatch(clear, stored, durationInput)).toEqual({
      prometheus: { auth: null },
      mqtt: { password: null },
    });
  });

  it('a bearer token asked for with none typed is sent empty, for the engine to name the field', () => {
    const draft = integrationsDraft(stored);
    draft.metricsAuth = 'bearer';
    expect(integrationsPatch(draft, stored, durationInput)).toEqual({
      prometheus: { auth: { type: 'bearer', token: '' } },
    });
  });

  it('sends the broker, topics, cadence, QoS and series as changed', () => {
    const draft = integrationsDraft(stored);
    draft.mqttUrl = ' mqtts://ha.lan:8883 ';
    draft.mqttInterval = '30s';
    draft.mqttQos = 2;
    draft.mqttSeries = ['cpu.total', 'fs.used_pct'];
    draft.mqttCa = '/etc/ssl/ha-ca.pem';
    draft.mqttNodeId = '';
    expect(integrationsPatch(draft, stored, durationInput)).toEqual({
      mqtt: {
        url: 'mqtts://ha.lan:8883',
        interval: '30s',
        qos: 2,
        series: ['cpu.total', 'fs.used_pct'],
        tls: { ca: '/etc/ssl/ha-ca.pem', cert: null, key: null, verify: true },
      },
    });
  });
});
