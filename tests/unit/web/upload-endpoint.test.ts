// `POST /upload` of `pinfleet serve` over real HTTP on 127.0.0.1: the token is required, names that
// would leave incoming/ are refused, and the body lands in a file byte for byte.
import { randomBytes } from 'node:crypto';
import { mkdtemp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../../../src-main/app/compose.js';
import { startWebServer, type RunningWebServer } from '../../../src-main/web/server.js';

let dir: string;
let dataDir: string;
let app: AppContext;
let server: RunningWebServer;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'pinfleet-upload-web-'));
  const renderer = path.join(dir, 'renderer');
  await mkdir(renderer);
  await writeFile(path.join(renderer, 'index.html'), '<!doctype html><title>Pinfleet</title>');
  dataDir = path.join(dir, 'data');
  app = createAppContext({ dataDir, actor: 'web' });
  server = await startWebServer({ router: app.router, bus: app.bus, rendererRoot: renderer, dataDir });
});

afterAll(async () => {
  await server?.close();
  await app?.close();
  await rm(dir, { recursive: true, force: true });
});

interface Answer {
  status: number;
  body: { ok: boolean; data?: { path: string }; error?: { code: string; message: string } };
}

/** Sends the body in several chunks, as a browser streaming a File does. */
function upload(name: string, body: Buffer, headers: Record<string, string> = { Authorization: `Bearer ${server.token}` }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1', port: server.port, method: 'POST', path: `/upload?name=${encodeURIComponent(name)}`,
        headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': body.length, ...headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Answer['body'] }));
      },
    );
    // A refusal closes the connection early; what matters is the answer.
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
    for (let at = 0; at < body.length; at += 64 * 1024) req.write(body.subarray(at, at + 64 * 1024));
    req.end();
  });
}

const incomingFiles = async () => (await readdir(path.join(dataDir, 'incoming'), { recursive: true }).catch(() => [])).length;

describe('POST /upload', () => {
  it('refuses a request without the token, or with a wrong one, and writes nothing', async () => {
    const none = await upload('a.bin', Buffer.from('x'), {});
    expect(none.status).toBe(401);
    expect(none.body.error?.code).toBe('unauthorized');
    const wrong = await upload('a.bin', Buffer.from('x'), { Authorization: 'Bearer nope' });
    expect(wrong.status).toBe(401);
    expect(await incomingFiles()).toBe(0);
  });

  it.each(['../escape.bin', 'a/../../escape.bin', '/etc/passwd', 'bad\nname'])('refuses the name %j', async (name) => {
    const answer = await upload(name, Buffer.from('payload'));
    expect(answer.status).toBe(400);
    expect(answer.body.error?.code).toBe('invalid_input');
    expect(await incomingFiles()).toBe(0);
  });

  it('streams the body to a file under <dataDir>/incoming with the same bytes', async () => {
    const bytes = randomBytes(3 * 1024 * 1024 + 17);
    const answer = await upload('folder/data.bin', bytes);
    expect(answer.status).toBe(200);
    const received = answer.body.data!.path;
    expect(received.startsWith(path.join(dataDir, 'incoming') + path.sep)).toBe(true);
    expect(path.basename(received)).toBe('data.bin');
    expect((await readFile(received)).equals(bytes)).toBe(true);
  });

  it('refuses a file the local disk cannot hold', async () => {
    const answer = await upload('huge.bin', Buffer.alloc(16), { Authorization: `Bearer ${server.token}`, 'Content-Length': String(2 ** 52) });
    expect(answer.status).toBe(507);
    expect(answer.body.error?.code).toBe('no_space');
  });
});
