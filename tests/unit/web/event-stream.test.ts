// The event socket's heartbeat: a client stuck in the middle of a frame (or gone without a FIN)
// is ended by the server, not kept forever; a client that answers pings stays.
import http from 'node:http';
import type { Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { EventBus } from '../../../src-main/core/events.js';
import { createEventStream, type EventStream } from '../../../src-main/web/event-stream.js';

const TOKEN = 'test-token';
let server: http.Server;
let stream: EventStream;
let port: number;

beforeAll(async () => {
  stream = createEventStream({ bus: new EventBus(), token: TOKEN, trusted: () => true, heartbeatMs: 200 });
  server = http.createServer((_req, res) => res.end());
  server.on('upgrade', stream.onUpgrade);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  stream.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const open = async () => {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/events?token=${TOKEN}`);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  return ws;
};

describe('the event socket heartbeat', () => {
  it('ends a socket stuck in the middle of a frame', async () => {
    const ws = await open();
    const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
    // A binary frame header announcing 1000 masked bytes, then only 10 of them.
    const header = Buffer.from([0x82, 0xfe, 0x03, 0xe8, 1, 2, 3, 4]);
    (ws as unknown as { _socket: Socket })._socket.write(Buffer.concat([header, Buffer.alloc(10)]));
    await closed;
    expect(ws.readyState).toBe(WebSocket.CLOSED);
  });

  it('keeps a socket that answers its pings', async () => {
    const ws = await open();
    let pings = 0;
    ws.on('ping', () => pings++);
    await expect.poll(() => pings, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
    expect(ws.readyState).toBe(WebSocket.OPEN);
    ws.close();
  });
});
