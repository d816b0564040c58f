// No request ends `pinfleet serve`: malformed targets, request lines, headers and upgrades get a
// 4xx (or a closed connection) and the server keeps answering. Real HTTP on 127.0.0.1, raw sockets.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createAppContext, type AppContext } from '../../../src-main/app/compose.js';
import { startWebServer, type RunningWebServer } from '../../../src-main/web/server.js';
import { rawExchange, sendAndReset, statusOf } from './raw-http.js';

let dir: string;
let app: AppContext;
let server: RunningWebServer;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'pinfleet-hostile-'));
  const renderer = path.join(dir, 'renderer');
  await mkdir(renderer);
  await writeFile(path.join(renderer, 'index.html'), '<!doctype html><title>Pinfleet</title>');
  app = createAppContext({ dataDir: path.join(dir, 'data'), actor: 'web' });
  server = await startWebServer({ router: app.router, bus: app.bus, rendererRoot: renderer, dataDir: path.join(dir, 'data') });
});

afterAll(async () => {
  await server?.close();
  await app?.close();
  await rm(dir, { recursive: true, force: true });
});

const hostLine = () => `Host: 127.0.0.1:${server.port}\r\n`;

/** The server still answers a real request: the check that it survived. */
async function stillServing(): Promise<void> {
  const response = await rawExchange(
    server.port,
    `POST /api/app.info HTTP/1.1\r\n${hostLine()}Authorization: Bearer ${server.token}\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`,
  );
  expect(statusOf(response)).toBe(200);
}

describe('a hostile request to pinfleet serve', () => {
  it('answers a channel name that is not valid percent-encoding with 400, token or not', async () => {
    const bare = await rawExchange(server.port, `GET /api/%E0%A4%A HTTP/1.1\r\n${hostLine()}Connection: close\r\n\r\n`);
    expect(statusOf(bare)).toBe(400);
    expect(bare).toContain('"code":"invalid_input"');
    const authorised = await rawExchange(
      server.port,
      `POST /api/%E0%A4%A HTTP/1.1\r\n${hostLine()}Authorization: Bearer ${server.token}\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`,
    );
    expect(statusOf(authorised)).toBe(400);
    await stillServing();
  });

  it('answers malformed request lines and headers with 4xx', async () => {
    expect(statusOf(await rawExchange(server.port, 'GARBAGE\r\n\r\n'))).toBe(400);
    expect(statusOf(await rawExchange(server.port, `GET / HTTP/1.1\r\n${hostLine()}Bad Header\r\n\r\n`))).toBe(400);
    expect(statusOf(await rawExchange(server.port, `GET / HTTP/1.1\r\n${hostLine()}X-Big: ${'a'.repeat(20_000)}\r\n\r\n`))).toBe(431);
    expect(statusOf(await rawExchange(server.port, `POST /api/app.info HTTP/1.1\r\n${hostLine()}Content-Length: -1\r\n\r\n`))).toBe(400);
    expect(statusOf(await rawExchange(server.port, Buffer.from([0, 1, 2, 255, 13, 10, 13, 10])))).toBe(400);
    await stillServing();
  });

  it('refuses upgrades with unparsable targets instead of throwing', async () => {
    for (const target of ['//[', 'http://[', 'http://a:b@[::1', '//a:99999/', '/events?token=%ZZ']) {
      const response = await rawExchange(
        server.port,
        `GET ${target} HTTP/1.1\r\n${hostLine()}Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`,
      );
      expect([0, 400, 403, 404]).toContain(statusOf(response));
    }
    await stillServing();
  });

  it('survives clients that reset the connection mid-upgrade or mid-request', async () => {
    for (let i = 0; i < 20; i++) {
      await sendAndReset(server.port, `GET /events?token=wrong HTTP/1.1\r\n${hostLine()}Connection: Upgrade\r\nUpgrade: websocket\r\n\r\n`);
      await sendAndReset(server.port, `POST /api/app.info HTTP/1.1\r\n${hostLine()}Authorization: Bearer ${server.token}\r\nContent-Length: 1000\r\n\r\n{"a":`);
      await sendAndReset(server.port, `POST /upload?name=a.bin HTTP/1.1\r\n${hostLine()}Authorization: Bearer ${server.token}\r\nContent-Length: 1000\r\n\r\nabc`);
    }
    await stillServing();
  });

  it('closes only the socket that sends an oversized frame, and ignores frames it should not send', async () => {
    const url = `ws://127.0.0.1:${server.port}/events?token=${server.token}`;
    const chatty = new WebSocket(url);
    await new Promise((resolve, reject) => chatty.once('open', resolve).once('error', reject));
    chatty.send('{"not":"expected"}');
    chatty.send(Buffer.alloc(10));
    const closed = new Promise<number>((resolve) => chatty.once('close', (code) => resolve(code)));
    chatty.send(Buffer.alloc(200 * 1024));
    expect(await closed).toBe(1009);
    await stillServing();
  });
});
