/**
 * What went wrong with the broker, in words a user can act on: a refused password names the
 * settings to fix, an untrusted certificate the CA setting, a refused connection the URL. The
 * password never appears (MQTT.js never puts it in an error, and nothing here adds it).
 *
 * @example
 * brokerError(Object.assign(new Error('Connection refused: Not authorized'), { code: 5 }), 'mqtt://ha.lan:1883')
 * // 'mqtt://ha.lan:1883 refused the user name or password (not authorized): check mqtt.username and mqtt.password'
 */

/** MQTT 3.1.1 CONNACK return codes and their MQTT 5 reason codes, by what they mean here. */
const REFUSED: Readonly<Record<number, string>> = {
  1: 'does not speak MQTT 3.1.1 (unacceptable protocol version)',
  2: 'refused the client id: set another mqtt.clientId (two clients with one id push each other off)',
  3: 'is up but unavailable (server unavailable): try again later',
  4: 'refused the user name or password (bad user name or password): check mqtt.username and mqtt.password',
  5: 'refused the user name or password (not authorized): check mqtt.username and mqtt.password',
  133: 'refused the client id: set another mqtt.clientId (two clients with one id push each other off)',
  134: 'refused the user name or password (bad user name or password): check mqtt.username and mqtt.password',
  135: 'refused the user name or password (not authorized): check mqtt.username and mqtt.password',
  136: 'is up but unavailable (server unavailable): try again later',
  137: 'is busy: try again later',
  138: 'has banned this client',
};

const UNTRUSTED = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

export function brokerError(error: unknown, broker: string): string {
  const e = error as NodeJS.ErrnoException & { code?: string | number };
  if (typeof e.code === 'number' && REFUSED[e.code]) return `${broker} ${REFUSED[e.code]}`;
  switch (e.code) {
    case 'ECONNREFUSED':
      return `nothing answers at ${broker} (connection refused): is the broker running, and is mqtt.url right?`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot find the broker's host in ${broker}: check mqtt.url`;
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${broker} cannot be reached (${e.code}): check mqtt.url and the network`;
    case 'ECONNRESET':
    case 'EPIPE':
      return `${broker} closed the connection`;
  }
  if (typeof e.code === 'string' && UNTRUSTED.has(e.code)) {
    return `${broker} presented a certificate this machine does not trust (${e.code}): set mqtt.tls.ca to the CA file that signed it`;
  }
  const message = e.message ?? String(error);
  if (/connack timeout/i.test(message)) return `${broker} did not answer the connection request in time`;
  if (/wrong protocol|SSL routines|EPROTO/i.test(message) || e.code === 'EPROTO') {
    return `${broker} does not speak ${broker.startsWith('mqtts') ? 'TLS' : 'plain MQTT'} there (${message.split('\n')[0]}): check mqtt:// versus mqtts:// and the port`;
  }
  return `${broker}: ${message}`;
}
