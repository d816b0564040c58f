// The web transport over real HTTP and WebSocket on 127.0.0.1, with the real router and a real
// inventory in a temporary data directory.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createAppContext, type AppContext } from '../../../src-main/app/compose.js';
import { startWebServer, type RunningWebServer } from '../../../src-main/web/server.js';

let dir: string;
let app: AppContext;
let server: RunningWebServer;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'pinfleet-web-'));
  const renderer = path.join(dir, 'renderer');
  await mkdir(renderer);
  await writeFile(path.join(renderer, 'index.html'), '<!doctype html><title>Pinfleet</title>');
  await writeFile(path.join(dir, 'secret.txt'), 'outside the root');
  app = createAppContext({ dataDir: path.join(dir, 'data'), actor: 'web' });
  server = await startWebServer({ router: app.router, bus: app.bus, rendererRoot: renderer });
});

afterAll(async () => {
  await server?.close();
  await app?.close();
  await rm(dir, { recursive: true, force: true });
});

/** A raw request so the test controls Host and Origin exactly as a hostile page would. */
function request(
  method: string,
  urlPath: string,
  options: { headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: server.port, method, path: urlPath, headers: options.headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const api = (channel: string, input: unknown, headers: Record<string, string> = {}) =>
  request('POST', `/api/${channel}`, {
    headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(input),
  });

describe('pinfleet serve', () => {
  it('prints a loopback URL with the token in the fragment', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{43}$/);
  });

  it('answers the contract with the token', async () => {
    const added = await api('nodes.add', { name: 'web1', host: '10.0.0.5' });
    expect(added.status).toBe(200);
    expect(JSON.parse(added.body)).toMatchObject({ ok: true, data: { name: 'web1', sshPort: 22 } });
    const listed = JSON.parse((await api('nodes.list', {})).body);
    expect(listed.data.map((n: { name: string }) => n.name)).toContain('web1');
  });

  it('names the field of a bad payload and keeps running', async () => {
    const bad = await api('nodes.add', { name: 'web2', host: '10.0.0.6', sshPort: 70000 });
    expect(JSON.parse(bad.body)).toEqual({ ok: false, error: { code: 'invalid_input', message: 'sshPort: 70000 is not a port: use 1–65535' } });
    const garbage = await request('POST', '/api/nodes.add', { headers: { Authorization: `Bearer ${server.token}` }, body: '{not json' });
    expect(garbage.status).toBe(400);
    expect((await api('app.info', {})).status).toBe(200);
  });

  it('refuses a missing or wrong token', async () => {
    const none = await request('POST', '/api/nodes.list', { body: '{}' });
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body).error.code).toBe('unauthorized');
    const wrong = await api('nodes.list', {}, { Authorization: 'Bearer nope' });
    expect(wrong.status).toBe(401);
  });

  it('refuses foreign origins and rebinding host names', async () => {
    const foreign = await api('nodes.list', {}, { Origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    expect(JSON.parse(foreign.body).error.code).toBe('forbidden_origin');
    const rebound = await api('nodes.list', {}, { Host: `evil.example:${server.port}` });
    expect(rebound.status).toBe(403);
    const ours = await api('nodes.list', {}, { Origin: server.origin });
    expect(ours.status).toBe(200);
  });

  it('serves the renderer with a strict CSP and nothing outside it', async () => {
    const index = await request('GET', '/');
    expect(index.status).toBe(200);
    expect(index.headers['content-security-policy']).toContain("script-src 'self'");
    expect(index.headers['content-security-policy']).not.toContain('unsafe');
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect((await request('GET', '/../secret.txt')).status).toBe(404);
    expect((await request('GET', '/%2e%2e/secret.txt')).status).toBe(404);
  });

  it('pushes events to an authenticated socket and refuses others', async () => {
    const wsUrl = `ws://127.0.0.1:${server.port}/events`;
    const refused = new WebSocket(`${wsUrl}?token=wrong`);
    await expect(new Promise((_, reject) => refused.on('error', reject))).rejects.toThrow(/403/);

    const socket = new WebSocket(`${wsUrl}?token=${server.token}`, { origin: server.origin });
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const message = new Promise<unknown>((resolve) => socket.once('message', (data) => resolve(JSON.parse(String(data)))));
    await api('nodes.add', { name: 'web3', host: '10.0.0.7' });
    expect(await message).toEqual({ event: 'inventory.changed', payload: { change: 'added', names: ['web3'] } });
    socket.close();
  });

  it('refuses to listen beyond loopback without --allow-remote', async () => {
    await expect(
      startWebServer({ router: app.router, bus: app.bus, rendererRoot: dir, host: '0.0.0.0' }),
    ).rejects.toThrow(/Refusing to listen on 0.0.0.0/);
  });
});
