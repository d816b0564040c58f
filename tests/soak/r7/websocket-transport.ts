// R7 over WebSocket: hostile upgrade requests (targets, tokens, origins, handshake headers) and
// hostile frames on an authenticated event socket, against a real `pinfleet serve` child. An
// upgrade must be refused (4xx or closed); a frame must be dropped (the socket still answers a
// ping) or end only its own connection; the child must stay up and the inventory unchanged.
import type { Socket } from 'node:net';
import fc from 'fast-check';
import WebSocket from 'ws';
import { checkAfterServeRun, createFixture, emptyCounts, inParallel, type TransportCounts } from './fixture.js';
import { generate, hostilePair, hostileString, hostileValueJson, percentEncode } from './hostile-values.js';
import { rawExchange } from './raw-socket.js';
import { startServeChild, type ServeChild } from './serve-child.js';

type Upgrade = { kind: 'upgrade'; build: (host: string, token: string) => Buffer };
type Frame = { kind: 'frame'; send: (ws: WebSocket) => void };

const KEY = 'dGhlIHNhbXBsZSBub25jZQ==';
const upgradeRequest = (target: string, headers: string[]) =>
  Buffer.from(`GET ${target} HTTP/1.1\r\n${headers.join('\r\n')}\r\n\r\n`, 'latin1');
const standard = (host: string) => [`Host: ${host}`, 'Connection: Upgrade', 'Upgrade: websocket', 'Sec-WebSocket-Version: 13', `Sec-WebSocket-Key: ${KEY}`];
const ascii = (s: string) => percentEncode(s);

const upgrade: fc.Arbitrary<Upgrade> = fc.oneof(
  // A token that is not ours.
  hostileString.filter((s) => s.length < 3000).map((bad): Upgrade => ({ kind: 'upgrade', build: (host) => upgradeRequest(`/events?token=${ascii(bad)}`, standard(host)) })),
  // Targets that do not parse as URLs (the crash of issue 12), with the right token.
  fc.constantFrom('//[', 'http://[', 'http://a:b@[::1', '//a:99999/', '/events/../events', '/%E0%A4%A', '*', '/events?token=%ZZ', '/events#x')
    .map((target): Upgrade => ({ kind: 'upgrade', build: (host, token) => upgradeRequest(target.includes('token') ? target : `${target}?token=${token}`, standard(host)) })),
  // The right token from a foreign origin or host name (DNS rebinding).
  fc.constantFrom('Origin: http://evil.example', 'Origin: null', 'Origin: http://127.0.0.1.evil.example').map((origin): Upgrade => ({
    kind: 'upgrade', build: (host, token) => upgradeRequest(`/events?token=${token}`, [...standard(host), origin]),
  })),
  fc.constantFrom('evil.example', 'localhost.evil', '127.0.0.1:1').map((badHost): Upgrade => ({
    kind: 'upgrade', build: (_host, token) => upgradeRequest(`/events?token=${token}`, standard(badHost)),
  })),
  // The right token with a broken handshake.
  // (Version 8, hybi-08, is a real protocol ws speaks, so it is not among them.)
  fc.constantFrom('Sec-WebSocket-Version: 7', 'Sec-WebSocket-Version: x', 'Sec-WebSocket-Key: short', 'Sec-WebSocket-Key: ', 'Upgrade: h2c').map((broken): Upgrade => ({
    kind: 'upgrade', build: (host, token) => {
      const name = broken.split(':')[0]!;
      return upgradeRequest(`/events?token=${token}`, [...standard(host).filter((h) => !h.startsWith(`${name}:`)), broken]);
    },
  })),
);

const frame: fc.Arbitrary<Frame> = fc.oneof(
  hostilePair.filter((p) => p.input.length < 60_000).map(({ channel, input }): Frame => ({ kind: 'frame', send: (ws) => ws.send(`{"channel":${JSON.stringify(channel)},"input":${input}}`) })),
  hostileValueJson.filter((v) => v.length < 60_000).map((text): Frame => ({ kind: 'frame', send: (ws) => ws.send(text) })),
  fc.uint8Array({ maxLength: 4096 }).map((bytes): Frame => ({ kind: 'frame', send: (ws) => ws.send(Buffer.from(bytes), { binary: true }) })),
  // Larger than the server's frame limit: it must close this socket (1009), nothing else.
  fc.integer({ min: 65 * 1024, max: 200 * 1024 }).map((n): Frame => ({ kind: 'frame', send: (ws) => ws.send(Buffer.alloc(n, 0x61)) })),
  // Text that is not UTF-8 (1007).
  fc.uint8Array({ minLength: 1, maxLength: 64 }).map((bytes): Frame => ({ kind: 'frame', send: (ws) => ws.send(Buffer.concat([Buffer.from([0xff, 0xc0]), Buffer.from(bytes)]), { binary: false }) })),
  // Bytes that are not a WebSocket frame at all, straight onto the socket (1002).
  fc.uint8Array({ minLength: 2, maxLength: 512 }).map((bytes): Frame => ({
    kind: 'frame', send: (ws) => (ws as unknown as { _socket: Socket })._socket.write(Buffer.from(bytes)),
  })),
);

type Outcome = 'dropped' | 'closed' | 'hung' | 'unopened';

/** Opens an authenticated socket, sends one hostile frame, and asks with a ping whether the socket still stands. */
// Longer than two heartbeats of the server (30 s each): a frame left half-sent is ended by the
// missing pong, which is the server's answer to it.
function sendFrame(child: ServeChild, payload: Frame, deadlineMs = 90_000): Promise<Outcome> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${child.port}/events?token=${child.token}`, { maxPayload: 1024 * 1024 });
    let settled = false;
    const settle = (outcome: Outcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      ws.terminate();
      resolve(outcome);
    };
    const timer = setTimeout(() => settle('hung'), deadlineMs);
    ws.on('error', () => settle(ws.readyState === WebSocket.CONNECTING ? 'unopened' : 'closed'));
    ws.on('close', () => settle('closed'));
    ws.on('pong', () => settle('dropped'));
    ws.on('open', () => {
      try {
        payload.send(ws);
        ws.ping();
      } catch {
        settle('closed');
      }
    });
  });
}

export async function runWebSocketTransport(count: number, seed: number): Promise<{ counts: TransportCounts; extra: Record<string, number>; problems: string[] }> {
  const fixture = await createFixture('ws');
  const counts = emptyCounts();
  const extra = { upgradesRefused: 0, framesDropped: 0, framesEndedTheirSocket: 0 };
  const problems: string[] = [];
  const child = await startServeChild(fixture.dataDir, fixture.rendererDir);
  try {
    const before = fixture.fingerprint();
    const payloads = generate(fc.oneof(upgrade, frame), count, seed);
    await inParallel(payloads, 6, async (payload, i) => {
      if (!child.alive()) return;
      counts.sent++;
      if (payload.kind === 'upgrade') {
        const answer = await rawExchange(child.port, payload.build(`127.0.0.1:${child.port}`, child.token));
        if (answer.hung) {
          counts.hung++;
          problems.push(`ws upgrade #${i}: no answer within the deadline`);
        } else if (answer.status === 0) counts.closedWithoutAnswer++;
        else if (answer.status >= 400 && answer.status < 500) {
          counts.refused++;
          extra.upgradesRefused++;
        } else if (answer.status >= 500) {
          counts.failed++;
          problems.push(`ws upgrade #${i}: ${answer.status}`);
        } else {
          counts.accepted++;
          problems.push(`ws upgrade #${i}: accepted with ${answer.status}`);
        }
        return;
      }
      const outcome = await sendFrame(child, payload);
      if (outcome === 'dropped') {
        counts.refused++;
        extra.framesDropped++;
      } else if (outcome === 'closed') {
        counts.refused++;
        extra.framesEndedTheirSocket++;
      } else if (outcome === 'hung') {
        counts.hung++;
        problems.push(`ws frame #${i}: neither a pong nor a close within the deadline`);
      } else {
        counts.failed++;
        problems.push(`ws frame #${i}: the authenticated socket could not be opened`);
      }
    });
    checkAfterServeRun('ws', child, fixture, before, counts, problems);
  } finally {
    await child.stop();
    await fixture.remove();
  }
  return { counts, extra, problems };
}
