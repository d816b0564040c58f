// Local paths over the web transport, through the real `pinfleet serve` server and router: a
// browser (or anything holding the token) may name only files it sent to POST /upload first.
// Anything else on this computer (an SSH key, the inventory itself through `incoming/..`) is
// refused with forbidden_path before a handler reads it, and nothing is queued.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../../src-main/app/compose.js';
import { startWebServer, type RunningWebServer } from '../../src-main/web/server.js';
import { MemorySecrets } from '../support/memory-secrets.js';

const work = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pinfleet-web-paths-')));
const dataDir = path.join(work, 'data');
// A private key outside incoming/, standing in for ~/.ssh/id_ed25519 (which may not exist here).
const outsideKey = path.join(work, 'home', '.ssh', 'id_ed25519');
let app: AppContext;
let server: RunningWebServer;

beforeAll(async () => {
  fs.mkdirSync(path.dirname(outsideKey), { recursive: true });
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', outsideKey]);
  const renderer = path.join(work, 'renderer');
  fs.mkdirSync(renderer);
  fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Pinfleet</title>');
  app = createAppContext({ dataDir, actor: 'web', secrets: new MemorySecrets() });
  server = await startWebServer({ router: app.router, bus: app.bus, rendererRoot: renderer, dataDir });
});

afterAll(async () => {
  await server?.close();
  await app?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

const auth = () => ({ Authorization: `Bearer ${server.token}` });

async function api(channel: string, input: unknown): Promise<{ ok: boolean; data?: unknown; error?: { code: string; message: string } }> {
  const response = await fetch(`${server.origin}/api/${channel}`, { method: 'POST', headers: { ...auth(), 'Content-Type': 'application/json' }, body: JSON.stringify(input) });
  return (await response.json()) as { ok: boolean; data?: unknown; error?: { code: string; message: string } };
}

async function send(name: string, bytes: Buffer): Promise<string> {
  const response = await fetch(`${server.origin}/upload?name=${encodeURIComponent(name)}`, { method: 'POST', headers: auth(), body: bytes });
  const answer = (await response.json()) as { ok: boolean; data: { path: string } };
  expect(answer.ok).toBe(true);
  return answer.data.path;
}

const hostilePaths = () => [
  '/root/.ssh/id_ed25519',
  outsideKey,
  '~/.ssh/id_ed25519',
  `${dataDir}/incoming/../pinfleet.db`,
  path.join(dataDir, 'pinfleet.db'),
];

describe('uploads over the web transport', () => {
  it.each(hostilePaths().map((p) => [p]))('refuses uploads.start of %s and queues nothing', async (hostile) => {
    const answer = await api('uploads.start', { paths: [hostile] });
    expect(answer.ok).toBe(false);
    expect(answer.error?.code).toBe('forbidden_path');
    expect(answer.error?.message).toMatch(/^paths\.0: .*add the file again on the Uploads page/);
    const listed = await api('uploads.list', {});
    expect(listed.data).toEqual([]);
  });

  it('refuses uploads.plan of a path it did not receive (it would measure any file on this computer)', async () => {
    const answer = await api('uploads.plan', { items: [{ name: 'key', size: 1, path: outsideKey }] });
    expect(answer.error?.code).toBe('forbidden_path');
  });

  it('accepts a file it received: the plan measures it, and uploads.start reaches the upload service', async () => {
    const received = await send('photo.jpg', Buffer.alloc(4321, 7));
    const plan = await api('uploads.plan', { items: [{ name: 'photo.jpg', size: 1, path: received }] });
    expect(plan.ok).toBe(true);
    expect((plan.data as { size: number }[])[0]?.size).toBe(4321);
    // No node in this inventory: the service itself answers (no room anywhere), not the path guard.
    const started = await api('uploads.start', { paths: [received] });
    expect(started.error?.code).toBe('no_space');
  });

  it('refuses a file planted beside a received one', async () => {
    const received = await send('a.bin', Buffer.from('a'));
    const planted = path.join(path.dirname(received), 'planted.bin');
    fs.writeFileSync(planted, 'not received');
    expect((await api('uploads.start', { paths: [planted] })).error?.code).toBe('forbidden_path');
  });

  it('the CLI (the router without the web guard) still takes any path: the admin\'s own shell', async () => {
    const answer = await app.router.call('uploads.plan', { items: [{ name: 'key', size: 1, path: outsideKey }] });
    expect(answer.ok).toBe(true);
  });
});

describe('credentials over the web transport', () => {
  beforeAll(async () => {
    const added = await api('nodes.add', { name: 'web1', host: '127.0.0.9' });
    expect(added.ok).toBe(true);
  });

  it.each(hostilePaths().map((p) => [p]))('refuses credentials.set with the key file %s and stores nothing', async (hostile) => {
    const answer = await api('credentials.set', { name: 'web1', method: 'keyFile', keyPath: hostile });
    expect(answer.error?.code).toBe('forbidden_path');
    expect(answer.error?.message).toMatch(/^keyPath: /);
    expect((await api('credentials.get', { name: 'web1' })).data).toMatchObject({ method: null, keyPath: null });
  });

  it('accepts a key file sent to the console first', async () => {
    const received = await send('id_ed25519', fs.readFileSync(outsideKey));
    const answer = await api('credentials.set', { name: 'web1', method: 'keyFile', keyPath: received });
    expect(answer.ok).toBe(true);
    expect((await api('credentials.get', { name: 'web1' })).data).toMatchObject({ method: 'keyFile', keyPath: received });
  });

  it('refuses a provisioning key file or image tar it did not receive', async () => {
    const target = { host: '127.0.0.9', fingerprint: `SHA256:${'A'.repeat(43)}`, login: { method: 'keyFile', keyPath: outsideKey } };
    const preflight = await api('provisioning.preflight', { ...target, dataPath: '/srv/ipfs' });
    expect(preflight.error).toMatchObject({ code: 'forbidden_path', message: expect.stringMatching(/^login\.keyPath: /) as unknown });
    const image = await api('provisioning.provision', { ...target, login: { method: 'agent' }, name: 'web2', dataPath: '/srv/ipfs', imageSource: 'send', imageFile: outsideKey });
    expect(image.error).toMatchObject({ code: 'forbidden_path', message: expect.stringMatching(/^imageFile: /) as unknown });
  });
});
