import { describe, expect, it } from 'vitest';
import { brokerError } from './broker-errors.js';
import { reconnectWaitMs } from './mqtt-link.js';

const B = 'mqtt://ha.lan:1883';
const coded = (code: string | number, message = 'x') => Object.assign(new Error(message), { code });

describe('reconnectWaitMs', () => {
  it('doubles from 1 s to a minute, ±20 %', () => {
    const middle = () => 0.5;
    expect([1, 2, 3, 4, 5, 6, 7, 50].map((n) => reconnectWaitMs(n, middle))).toEqual([
      1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000,
    ]);
    expect(reconnectWaitMs(1, () => 0)).toBe(800);
    expect(reconnectWaitMs(1, () => 1)).toBe(1200);
    expect(reconnectWaitMs(0, middle)).toBe(1000);
  });
});

describe('brokerError', () => {
  it('says what to fix, for each way a broker says no', () => {
    expect(brokerError(coded(5, 'Connection refused: Not authorized'), B)).toBe(
      `${B} refused the user name or password (not authorized): check mqtt.username and mqtt.password`,
    );
    expect(brokerError(coded(4), B)).toBe(
      `${B} refused the user name or password (bad user name or password): check mqtt.username and mqtt.password`,
    );
    expect(brokerError(coded(2), B)).toBe(
      `${B} refused the client id: set another mqtt.clientId (two clients with one id push each other off)`,
    );
    expect(brokerError(coded('ECONNREFUSED'), B)).toBe(
      `nothing answers at ${B} (connection refused): is the broker running, and is mqtt.url right?`,
    );
    expect(brokerError(coded('ENOTFOUND'), B)).toBe(`cannot find the broker's host in ${B}: check mqtt.url`);
    expect(brokerError(coded('DEPTH_ZERO_SELF_SIGNED_CERT'), 'mqtts://ha.lan:8883')).toBe(
      'mqtts://ha.lan:8883 presented a certificate this machine does not trust (DEPTH_ZERO_SELF_SIGNED_CERT): set mqtt.tls.ca to the CA file that signed it',
    );
    expect(brokerError(new Error('connack timeout'), B)).toBe(`${B} did not answer the connection request in time`);
    expect(brokerError(new Error('something new'), B)).toBe(`${B}: something new`);
  });
});
