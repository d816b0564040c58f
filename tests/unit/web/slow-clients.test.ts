// Uploads are exempt from the whole-request deadline (a large file over a slow link takes longer
// than Node's 300 s), but not from a stall timeout; every other request keeps a deadline. The
// deadlines are shortened here so a slow-but-moving upload outlasts the request deadline.
import { mkdtemp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../../../src-main/app/compose.js';
import { startWebServer, type RunningWebServer } from '../../../src-main/web/server.js';

const REQUEST_DEADLINE_MS = 200;
const STALL_MS = 1_500;

let dir: string;
let dataDir: string;
let app: AppContext;
let server: RunningWebServer;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'pinfleet-slow-'));
  const renderer = path.join(dir, 'renderer');
  await mkdir(renderer);
  await writeFile(path.join(renderer, 'index.html'), '<!doctype html><title>Pinfleet</title>');
  dataDir = path.join(dir, 'data');
  app = createAppContext({ dataDir, actor: 'web' });
  server = await startWebServer({
    router: app.router, bus: app.bus, rendererRoot: renderer, dataDir,
    requestTimeoutMs: REQUEST_DEADLINE_MS, uploadStallMs: STALL_MS,
  });
});

afterAll(async () => {
  await server?.close();
  await app?.close();
  await rm(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Outcome {
  status: number;
  body: string;
  /** True when the server closed the connection before answering. */
  cut: boolean;
}

/**
 * Sends `chunks` one by one, `gapMs` apart, then either ends the request or (stallAfter) stops
 * sending without ending it. Resolves with the server's answer, or cut when it only closed.
 */
function trickle(urlPath: string, chunks: Buffer[], gapMs: number, declaredLength: number, stallAfter = chunks.length): Promise<Outcome> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (outcome: Outcome) => {
      if (!settled) resolve(outcome);
      settled = true;
    };
    const req = http.request(
      {
        host: '127.0.0.1', port: server.port, method: 'POST', path: urlPath,
        headers: { Authorization: `Bearer ${server.token}`, 'Content-Length': declaredLength },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => settle({ status: res.statusCode ?? 0, body, cut: false }));
        res.on('error', () => settle({ status: res.statusCode ?? 0, body, cut: true }));
      },
    );
    req.on('error', () => settle({ status: 0, body: '', cut: true }));
    void (async () => {
      for (const [i, chunk] of chunks.entries()) {
        if (settled || i >= stallAfter) return;
        req.write(chunk);
        await sleep(gapMs);
      }
      req.end();
    })();
  });
}

describe('slow clients of pinfleet serve', () => {
  it('lets an upload that keeps moving run past the request deadline', async () => {
    const chunks = Array.from({ length: 30 }, (_, i) => Buffer.alloc(1024, i));
    const started = Date.now();
    const outcome = await trickle('/upload?name=slow.bin', chunks, 25, 30 * 1024);
    // The premise, not a timing assertion: the upload really outlasted the request deadline.
    expect(Date.now() - started).toBeGreaterThan(REQUEST_DEADLINE_MS);
    expect(outcome.status).toBe(200);
    const stored = (JSON.parse(outcome.body) as { data: { path: string } }).data.path;
    expect(await readFile(stored)).toEqual(Buffer.concat(chunks));
  });

  it('cuts off an upload that stops sending, answers 408 and keeps nothing of it', async () => {
    const before = await readdir(path.join(dataDir, 'incoming')).catch(() => []);
    const outcome = await trickle('/upload?name=stalled.bin', [Buffer.alloc(1024)], 10, 100 * 1024, 1);
    expect(outcome.cut || outcome.status === 408).toBe(true);
    if (!outcome.cut) expect(JSON.parse(outcome.body)).toMatchObject({ ok: false, error: { code: 'timeout' } });
    // The receiver removes the partial file's folder once the body is cut off.
    await expect.poll(async () => (await readdir(path.join(dataDir, 'incoming'))).length).toBe(before.length);
  });

  it('keeps a deadline on every other request: a trickled API body is cut off with 408', async () => {
    const outcome = await trickle('/api/app.info', [Buffer.from('{"a":')], 10, 100, 1);
    expect(outcome.cut || outcome.status === 408).toBe(true);
    if (!outcome.cut) expect(JSON.parse(outcome.body)).toMatchObject({ ok: false, error: { code: 'timeout' } });
  });
});
