import { afterEach, describe, expect, it } from 'vitest';
import type { WebhookSettings } from '../../../../shared/alert-settings.js';
import { silentLogger } from '../../log/logger.js';
import { alertEvent, closedPort, startServer, type TestServer } from './notify-test-support.js';
import { notificationFor } from './title.js';
import { webhookBody } from './webhook-body.js';
import { WebhookDeliveryError, WebhookNotifier } from './webhook-notifier.js';

const TOKEN = 'sekret-token-7f3a9c';
const n = notificationFor(alertEvent(), 'build-box');

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function settings(overrides: Partial<WebhookSettings> = {}): WebhookSettings {
  return { url: `${server?.url}/hooks/alerts`, token: TOKEN, timeout: 5000, attempts: 4, enabled: true, ...overrides };
}

/** A notifier whose waits are recorded and skipped, with jitter pinned so waits are exact. */
function notifier(s: WebhookSettings, random = 0.5) {
  const sleeps: number[] = [];
  const hook = new WebhookNotifier(s, {
    log: silentLogger(),
    sleep: async (ms) => void sleeps.push(ms),
    random: () => random,
  });
  return { hook, sleeps };
}

describe('WebhookNotifier', () => {
  it('POSTs the versioned JSON body with content-type, user-agent and the bearer token', async () => {
    server = await startServer((_req, res) => res.writeHead(204).end());
    await notifier(settings()).hook.send(n);
    expect(server.requests).toHaveLength(1);
    const [req] = server.requests;
    expect(req?.method).toBe('POST');
    expect(req?.path).toBe('/hooks/alerts');
    expect(req?.headers['content-type']).toBe('application/json');
    expect(req?.headers['user-agent']).toMatch(/^dashlight\/\S+$/);
    expect(req?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(JSON.parse(req?.body ?? '')).toEqual(webhookBody(n));
  });

  it('sends no authorization header when no token is set', async () => {
    server = await startServer((_req, res) => res.end('ok'));
    await notifier(settings({ token: null })).hook.send(n);
    expect(server.requests[0]?.headers).not.toHaveProperty('authorization');
  });

  it('retries 503 with exponential backoff and delivers once on the third attempt', async () => {
    server = await startServer((_req, res, i) => (i < 2 ? res.writeHead(503).end('busy') : res.end('ok')));
    const { hook, sleeps } = notifier(settings());
    await hook.send(n);
    expect(server.requests).toHaveLength(3);
    expect(sleeps).toEqual([1000, 2000]);
  });

  it('honours Retry-After (seconds) on 429 instead of the shorter backoff', async () => {
    server = await startServer((_req, res, i) =>
      i === 0 ? res.writeHead(429, { 'retry-after': '1' }).end() : res.end('ok'),
    );
    // random 0 makes the backoff 800 ms, so only Retry-After can ask for 1000 ms.
    const { hook, sleeps } = notifier(settings(), 0);
    await hook.send(n);
    expect(server.requests).toHaveLength(2);
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThanOrEqual(1000);
  });

  it('does not retry a 400 and rejects with a clear message that never contains the token', async () => {
    // A server that echoes the Authorization header back must not leak it into our message.
    server = await startServer((req, res) => res.writeHead(400).end(`bad request (${req.headers.authorization})`));
    const { hook, sleeps } = notifier(settings({ url: `${server.url}/hooks/alerts?key=query-secret` }));
    const error = await hook.send(n).catch((e: unknown) => e);
    expect(server.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
    expect(error).toBeInstanceOf(WebhookDeliveryError);
    const message = (error as Error).message;
    expect(message).toContain(`${server.url.replace('http://', '')}/hooks/alerts`);
    expect(message).toContain('HTTP 400');
    expect(message).toMatch(/check the webhook URL and token in settings/i);
    expect(message).not.toContain(TOKEN);
    expect(message).not.toContain('query-secret');
    expect((error as WebhookDeliveryError).status).toBe(400);
  });

  it('times out each attempt against a server that never answers, and names the timeout', async () => {
    server = await startServer(() => {});
    const { hook } = notifier(settings({ timeout: 500, attempts: 2 }));
    const error = (await hook.send(n).catch((e: unknown) => e)) as WebhookDeliveryError;
    expect(server.requests).toHaveLength(2);
    expect(error.message).toMatch(/after 2 attempts: no response within 500 ms \(timeout\)/);
    expect(error.message).toMatch(/alerts\.webhook\.timeout/);
    expect(error.code).toBe('TIMEOUT');
  });

  it('rejects with a clear message when the connection is refused', async () => {
    const port = await closedPort();
    const { hook, sleeps } = notifier({
      url: `http://127.0.0.1:${port}/hook`,
      token: TOKEN,
      timeout: 2000,
      attempts: 2,
      enabled: true,
    });
    const error = (await hook.send(n).catch((e: unknown) => e)) as WebhookDeliveryError;
    expect(error.message).toContain(`127.0.0.1:${port}/hook`);
    expect(error.message).toMatch(/connection refused \(ECONNREFUSED\)/);
    expect(error.message).toMatch(/check the host and port of the webhook URL/i);
    expect(error.message).not.toContain(TOKEN);
    expect(sleeps).toHaveLength(1);
  });

  it('reports a redirect instead of following it (a followed POST would become a GET)', async () => {
    server = await startServer((_req, res) => res.writeHead(301, { location: '/v2/hooks' }).end());
    const error = (await notifier(settings())
      .hook.send(n)
      .catch((e: unknown) => e)) as Error;
    expect(server.requests).toHaveLength(1);
    expect(error.message).toMatch(/HTTP 301.*redirects to 127\.0\.0\.1:\d+\/v2\/hooks/);
  });

  it('cancels a response body it does not need, so the socket is freed before the attempt timeout', async () => {
    let freed = false;
    // Headers and a first chunk, then a body that never ends.
    server = await startServer((_req, res) => {
      res.on('close', () => (freed = true));
      res.writeHead(200, { 'content-type': 'text/plain' }).write('accepted, more to come');
    });
    await notifier(settings({ timeout: 60_000 })).hook.send(n);
    await expect.poll(() => freed).toBe(true);
  });

  it('stops retrying once closed', async () => {
    server = await startServer((_req, res) => res.writeHead(503).end());
    // The real (abortable) sleep, with a 30 s wait that close() has to cut short.
    const hook = new WebhookNotifier(settings({ attempts: 10 }), { log: silentLogger(), random: () => 0.5 });
    const sent = hook.send(n).catch((e: unknown) => e);
    await expect.poll(() => server?.requests.length).toBe(1);
    await hook.close();
    expect(((await sent) as Error).message).toMatch(/channel was closed/);
    expect(server.requests).toHaveLength(1);
  });

  it('refuses to send when disabled', async () => {
    server = await startServer((_req, res) => res.end());
    await expect(notifier(settings({ enabled: false })).hook.send(n)).rejects.toThrow(/alerts\.webhook\.enabled/);
    expect(server.requests).toHaveLength(0);
  });
});
