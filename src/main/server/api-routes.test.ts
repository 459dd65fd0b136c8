import { describe, expect, it } from 'vitest';
import { METHOD_NAMES, NotFoundError } from '../../shared/contract.js';
import { SettingsError } from '../../shared/settings-error.js';
import { bearer, call, request, startTestServer } from './test-support.js';

const json = { 'Content-Type': 'application/json' };

describe('POST /api/<method>', () => {
  it('serves every method of the contract', async () => {
    const { server, engine } = await startTestServer();
    for (const name of METHOD_NAMES) {
      if (name === 'export') continue; // needs a body, and has its own suite (export-downloads.test.ts)
      const reply = await call(server, name);
      // Some methods need input: either way the route exists and answers with the envelope.
      expect([200, 400], name).toContain(reply.status);
      if (reply.status === 200) {
        expect(reply.json(), name).toMatchObject({ ok: true, value: { method: name } });
        expect(engine[name], name).toHaveBeenCalledTimes(1);
      } else {
        expect(reply.json().error?.name, name).toBe('InputError');
        expect(engine[name], name).not.toHaveBeenCalled();
      }
      expect(reply.headers['cache-control'], name).toBe('no-store');
    }
    expect((await call(server, 'list', {})).json()).toEqual({
      ok: true,
      value: { method: 'list', input: { page: 1, limit: 50 } },
    });
    expect((await call(server, 'acknowledge', { id: 3 })).json().value).toEqual({
      method: 'acknowledge',
      input: { id: 3 },
    });
  });

  it('answers 400 InputError with issues, without calling the engine', async () => {
    const { server, engine } = await startTestServer();
    const reply = await call(server, 'list', { page: 0, bogus: 1 });
    expect(reply.status).toBe(400);
    const { error } = reply.json();
    expect(error?.name).toBe('InputError');
    expect(error?.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'page' })]));
    expect(engine.list).not.toHaveBeenCalled();
  });

  it('maps the contract errors to 400 and 404', async () => {
    const { server, engine } = await startTestServer();
    engine.acknowledge.mockRejectedValueOnce(new NotFoundError('no alert 7'));
    const missing = await call(server, 'acknowledge', { id: 7 });
    expect(missing.status).toBe(404);
    expect(missing.json()).toEqual({ ok: false, error: { name: 'NotFoundError', message: 'no alert 7' } });
    engine.updateSettings.mockRejectedValueOnce(
      new SettingsError('invalid settings', [{ path: 'sampling.interval', message: 'too short' }]),
    );
    const bad = await call(server, 'updateSettings', { sampling: { interval: 1 } });
    expect(bad.status).toBe(400);
    expect(bad.json().error).toEqual({
      name: 'SettingsError',
      message: 'invalid settings',
      issues: [{ path: 'sampling.interval', message: 'too short' }],
    });
  });

  it('answers 500 with the message only, and logs the stack', async () => {
    const { server, engine, log } = await startTestServer();
    const bug = new TypeError('x is undefined');
    engine.status.mockRejectedValueOnce(bug);
    const reply = await call(server, 'status');
    expect(reply.status).toBe(500);
    expect(reply.json()).toEqual({ ok: false, error: { name: 'Error', message: 'x is undefined' } });
    expect(reply.body).not.toMatch(/stack|\bat .*:\d+/);
    expect(log.error).toHaveBeenCalledWith({ method: 'status', err: bug }, 'API method failed');
  });

  it('answers 404 for an unknown method, prototype names included', async () => {
    const { server } = await startTestServer();
    for (const name of ['nope', 'constructor', '__proto__', 'toString', '']) {
      const reply = await call(server, name);
      expect(reply.status, name).toBe(404);
      expect(reply.json().error?.name).toBe('NotFoundError');
    }
  });

  it('answers 405 with Allow for the wrong verb', async () => {
    const { server } = await startTestServer();
    const reply = await request(server.port, '/api/status', { headers: bearer(server) });
    expect(reply.status).toBe(405);
    expect(reply.headers.allow).toBe('POST');
    expect(reply.json().ok).toBe(false);
    const events = await request(server.port, '/api/events', {
      method: 'POST',
      headers: { ...bearer(server), ...json },
    });
    expect(events.status).toBe(405);
    expect(events.headers.allow).toBe('GET');
    const page = await request(server.port, '/', { method: 'PUT', headers: bearer(server) });
    expect(page.status).toBe(405);
    expect(page.headers.allow).toBe('GET, HEAD');
  });

  it('answers 415 for anything but JSON (which also stops simple cross-site form posts)', async () => {
    const { server, engine } = await startTestServer();
    for (const type of [
      undefined,
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      const headers: Record<string, string> = { ...bearer(server) };
      if (type) headers['Content-Type'] = type;
      const reply = await request(server.port, '/api/pause', { method: 'POST', headers, body: '{}' });
      expect(reply.status, type).toBe(415);
    }
    expect(engine.pause).not.toHaveBeenCalled();
    const ok = await request(server.port, '/api/pause', {
      method: 'POST',
      headers: { ...bearer(server), 'Content-Type': 'Application/JSON; charset=utf-8' },
      body: '{}',
    });
    expect(ok.status).toBe(200);
  });

  it('answers 413 for a body over 1 MiB, declared or streamed, without reading it all', async () => {
    const { server, engine } = await startTestServer();
    const big = JSON.stringify({ blob: 'x'.repeat(2 * 1024 * 1024) });
    const declared = await request(server.port, '/api/updateSettings', {
      method: 'POST',
      headers: { ...bearer(server), ...json },
      body: big,
    });
    expect(declared.status).toBe(413);
    expect(declared.json().ok).toBe(false);
    const chunked = await request(server.port, '/api/updateSettings', {
      method: 'POST',
      headers: { ...bearer(server), ...json, 'Transfer-Encoding': 'chunked' },
      body: big,
    });
    expect(chunked.status).toBe(413);
    expect(engine.updateSettings).not.toHaveBeenCalled();
  });

  it('answers 400 for malformed JSON, and treats an empty body as no input', async () => {
    const { server, engine } = await startTestServer();
    const reply = await request(server.port, '/api/list', {
      method: 'POST',
      headers: { ...bearer(server), ...json },
      body: '{"page":',
    });
    expect(reply.status).toBe(400);
    expect(reply.json().error).toMatchObject({ name: 'InputError', message: /not valid JSON/ });
    expect(engine.list).not.toHaveBeenCalled();
    const empty = await request(server.port, '/api/latest', {
      method: 'POST',
      headers: { ...bearer(server), ...json },
    });
    expect(empty.json()).toEqual({ ok: true, value: { method: 'latest', input: null } });
    expect(engine.latest).toHaveBeenCalledWith(undefined);
  });
});
