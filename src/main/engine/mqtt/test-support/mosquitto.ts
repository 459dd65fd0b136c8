/**
 * A real, private mosquitto (Debian `mosquitto`, tested with 2.0) on 127.0.0.1 for the MQTT tests:
 * its own port, config and password file (`mosquitto_passwd`) in a temp dir, no persistence (a
 * restart forgets retained messages, as a broker that lost its disk would), and optionally a TLS
 * listener with a CA and certificate made by openssl for the test. `restart()` stops it and starts
 * it again on the same port, for the reconnection tests.
 *
 * `watch()` subscribes with Debian's own `mosquitto_sub` (mosquitto-clients), so what the tests see
 * is read by a client that shares no code with Dashlight's; `publish()` uses `mosquitto_pub`.
 *
 * @example
 * const broker = await startMosquitto({ users: { dashlight: 'secret-pass' } });
 * const seen = await broker.watch(['dashlight/#'], { user: 'dashlight', password: 'secret-pass' });
 * await seen.until((m) => m.topic === 'dashlight/desk/availability' && m.payload === 'online');
 * await broker.stop();
 */
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, freePorts } from '../../push/test-support/free-port.js';
import {
  isPortClash,
  makeTempDir,
  removeNow,
  spawnManaged,
  type ManagedProcess,
} from '../../push/test-support/managed-process.js';
import { requireBinary } from '../../push/test-support/system-binary.js';

export interface Credentials {
  readonly user: string;
  readonly password: string;
}

export interface MosquittoOptions {
  /** User → password; with none, anonymous clients are allowed. */
  readonly users?: Readonly<Record<string, string>>;
  /** Also a TLS listener, with a CA made for the test (`caFile`). */
  readonly tls?: boolean;
}

export interface Message {
  readonly retained: boolean;
  readonly topic: string;
  readonly payload: string;
}

export interface Watch {
  readonly messages: readonly Message[];
  /** Resolves with the first message (already seen or to come) that matches. */
  until(match: (message: Message) => boolean, timeoutMs?: number): Promise<Message>;
  stop(): Promise<void>;
}

export interface Mosquitto {
  readonly url: string;
  readonly port: number;
  /** `mqtts://127.0.0.1:<port>` when started with `tls`. */
  readonly tlsUrl: string | null;
  /** The CA that signed the TLS listener's certificate. */
  readonly caFile: string | null;
  readonly dir: string;
  watch(topics: readonly string[], credentials?: Credentials): Promise<Watch>;
  publish(topic: string, payload: string, credentials?: Credentials, retain?: boolean): void;
  /** Stops it and deletes its dir. */
  stop(): Promise<void>;
  /** Stops it and starts it again on the same port(s), with nothing retained. */
  restart(): Promise<void>;
}

const openssl = (args: string[], cwd: string) => execFileSync('openssl', args, { cwd, stdio: 'pipe' });

/** A CA, and a server certificate for 127.0.0.1 signed by it (EC keys: quick to make). */
async function makeCertificates(dir: string): Promise<void> {
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  const days = ['-days', '3650'];
  openssl(
    ['req', '-x509', ...ec, ...days, '-keyout', 'ca.key', '-out', 'ca.crt', '-subj', '/CN=Dashlight test CA'],
    dir,
  );
  openssl(['req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1'], dir);
  await writeFile(join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1\n');
  const ca = ['-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial'];
  openssl(['x509', '-req', '-in', 'server.csr', ...ca, ...days, '-out', 'server.crt', '-extfile', 'san.ext'], dir);
}

export async function startMosquitto(options: MosquittoOptions = {}): Promise<Mosquitto> {
  const binary = requireBinary('mosquitto');
  const dir = await makeTempDir('dashlight-mosquitto-');
  const users = Object.entries(options.users ?? {});
  const passwords = join(dir, 'passwords');
  if (users.length > 0) {
    const tool = requireBinary('mosquitto_passwd');
    await writeFile(passwords, '');
    for (const [user, password] of users) execFileSync(tool, ['-b', passwords, user, password]);
  }
  if (options.tls) await makeCertificates(dir);
  const [port, tlsPort] = options.tls ? await freePorts(2) : [await freePort(), undefined];
  const config = [
    `listener ${port} 127.0.0.1`,
    ...(tlsPort === undefined
      ? []
      : [
          `listener ${tlsPort} 127.0.0.1`,
          `cafile ${join(dir, 'ca.crt')}`,
          `certfile ${join(dir, 'server.crt')}`,
          `keyfile ${join(dir, 'server.key')}`,
        ]),
    'per_listener_settings false',
    users.length > 0 ? `allow_anonymous false\npassword_file ${passwords}` : 'allow_anonymous true',
    'persistence false',
    'log_dest stderr',
    'log_type error',
    'log_type warning',
    // Run as root (CI), mosquitto would switch to its own user, who cannot read this temp dir.
    ...(process.getuid?.() === 0 ? ['user root'] : []),
  ].join('\n');
  const configFile = join(dir, 'mosquitto.conf');
  await writeFile(configFile, `${config}\n`);

  let server: ManagedProcess | null = null;
  const launch = async (): Promise<void> => {
    for (let attempt = 1; ; attempt++) {
      const started = spawnManaged(binary, ['-c', configFile], 'mosquitto');
      try {
        await started.waitUntilReady(async () => probe(port), 20_000);
        server = started;
        return;
      } catch (error) {
        // Right after a stop the port may still be held for a moment.
        if (attempt >= 5 || !isPortClash(new Error(started.output()))) throw error;
        await sleep(200);
      }
    }
  };
  await launch();

  const clientArgs = (credentials?: Credentials) =>
    credentials ? ['-u', credentials.user, '-P', credentials.password] : [];
  const publish = (topic: string, payload: string, credentials?: Credentials, retain = false): void => {
    const args = ['-h', '127.0.0.1', '-p', String(port), ...clientArgs(credentials), '-t', topic, '-m', payload];
    execFileSync(requireBinary('mosquitto_pub'), [...args, ...(retain ? ['-r'] : [])]);
  };
  const halt = async (): Promise<void> => {
    await server?.stop();
    server = null;
  };
  return {
    url: `mqtt://127.0.0.1:${port}`,
    port,
    tlsUrl: tlsPort === undefined ? null : `mqtts://127.0.0.1:${tlsPort}`,
    caFile: tlsPort === undefined ? null : join(dir, 'ca.crt'),
    dir,
    async watch(topics, credentials) {
      const sub = requireBinary('mosquitto_sub');
      const args = ['-h', '127.0.0.1', '-p', String(port), '-q', '1', '-F', '%r %t %p', ...clientArgs(credentials)];
      const watcher = spawnManaged(
        sub,
        [...args, ...topics.flatMap((t) => ['-t', t]), '-t', 'watch/ready'],
        'mosquitto_sub',
      );
      const messages: Message[] = [];
      let buffered = '';
      watcher.child.stdout?.on('data', (chunk: Buffer) => {
        buffered += chunk.toString('utf8');
        let newline: number;
        while ((newline = buffered.indexOf('\n')) >= 0) {
          const line = buffered.slice(0, newline);
          buffered = buffered.slice(newline + 1);
          const [retained = '', topic = '', ...rest] = line.split(' ');
          messages.push({ retained: retained === '1', topic, payload: rest.join(' ') });
        }
      });
      const until = async (match: (m: Message) => boolean, timeoutMs = 30_000): Promise<Message> => {
        const deadline = performance.now() + timeoutMs;
        for (;;) {
          const found = messages.find(match);
          if (found) return found;
          if (performance.now() > deadline)
            throw new Error(
              `no such message within ${timeoutMs} ms; seen:\n${messages.map((m) => `${m.topic} ${m.payload}`).join('\n')}`,
            );
          await sleep(50);
        }
      };
      // Subscribed once it sees what is published after it started.
      for (let i = 0; !messages.some((m) => m.topic === 'watch/ready'); i++) {
        if (i > 100) throw new Error(`mosquitto_sub never subscribed: ${watcher.output()}`);
        publish('watch/ready', String(i), credentials);
        await sleep(100);
      }
      return { messages, until, stop: () => watcher.stop() };
    },
    publish,
    async stop() {
      await halt();
      removeNow(dir);
    },
    async restart() {
      await halt();
      await launch();
    },
  };
}

/** Whether something accepts TCP connections on the port yet. */
async function probe(port: number): Promise<boolean> {
  const { connect } = await import('node:net');
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}
