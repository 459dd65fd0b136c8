/**
 * One TCP connect to host:port, timed on the monotonic clock: the time to the completed handshake,
 * or why there was none (refused, unreachable, no answer within the timeout). The connection is
 * closed as soon as it is made; nothing is sent.
 *
 * @example
 * await tcpConnect('db.lan', 5432, 2000, clock) // { seconds: 0.0031 } or { error: 'refused' }
 */
import net from 'node:net';
import type { Clock } from '../../schedule/clock.js';

export type ConnectResult = { readonly seconds: number } | { readonly error: string };

export function tcpConnect(
  host: string,
  port: number,
  timeoutMs: number,
  clock: Pick<Clock, 'mono'>,
): Promise<ConnectResult> {
  return new Promise((resolve) => {
    const started = clock.mono();
    const socket = net.connect({ host, port });
    let settled = false;
    const finish = (result: ConnectResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => finish({ error: `no answer within ${timeoutMs} ms` }), timeoutMs);
    socket.once('connect', () => finish({ seconds: (clock.mono() - started) / 1000 }));
    socket.once('error', (error: NodeJS.ErrnoException) =>
      finish({ error: error.code === 'ECONNREFUSED' ? 'refused' : (error.code ?? error.message) }),
    );
  });
}
