// `GET /events?token=…` upgraded to a WebSocket that carries every event of the bus. Whatever a
// client sends here (a broken target, a reset mid-handshake, frames it should not send) ends at
// most its own connection: a throw out of an upgrade listener would end the whole process.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { EventBus } from '../core/events.js';
import { tokenMatches } from './access-policy.js';
import { splitRequestTarget } from './request-target.js';

/** Events are small; a client has no reason to send more than a control frame. */
const MAX_CLIENT_FRAME_BYTES = 64 * 1024;
/** A socket that has not answered the previous ping by the next one is gone (or stuck mid-frame). */
export const HEARTBEAT_MS = 30_000;

export interface EventStreamOptions {
  bus: EventBus;
  token: string;
  /** Host and Origin checks of the HTTP side, the same for the upgrade. */
  trusted(request: IncomingMessage): boolean;
  /** Ping period; tests shorten it. */
  heartbeatMs?: number;
}

export interface EventStream {
  /** The server's 'upgrade' listener; never throws. */
  onUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): void;
}

function refuseUpgrade(socket: Duplex, status: string): void {
  if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  else socket.destroy();
}

export function createEventStream(options: EventStreamOptions): EventStream {
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_FRAME_BYTES });

  const serve = (ws: WebSocket) => {
    const unsubscribe = options.bus.subscribe((event, payload) => {
      if (ws.readyState !== ws.OPEN) return;
      try {
        ws.send(JSON.stringify({ event, payload }));
      } catch {
        ws.terminate(); // A payload that cannot be sent must not reach back into whoever emitted it.
      }
    });
    // Keep idle connections alive through proxies, and end the ones whose peer is dead or stuck:
    // a client that sent half a frame and stopped leaves the parser waiting for the rest, where
    // even its pong is read as payload, so the missing pong is what ends it.
    let answered = true;
    ws.on('pong', () => (answered = true));
    const ping = setInterval(() => {
      if (!answered) return void ws.terminate();
      answered = false;
      if (ws.readyState === ws.OPEN) ws.ping();
    }, options.heartbeatMs ?? HEARTBEAT_MS);
    // The stream is one-way: whatever a client sends is dropped, never parsed.
    ws.on('message', () => undefined);
    ws.on('close', () => {
      clearInterval(ping);
      unsubscribe();
    });
    // Oversized or malformed frames land here: end that connection, nothing else.
    ws.on('error', () => ws.terminate());
  };

  return {
    onUpgrade(request, socket, head) {
      // Node takes its own error listener off a socket it hands to 'upgrade': without this one a
      // client resetting the connection before the handshake ends would be an uncaught error.
      socket.on('error', () => socket.destroy());
      try {
        const { pathname, query } = splitRequestTarget(request.url);
        if (pathname !== '/events') return refuseUpgrade(socket, '404 Not Found');
        if (!options.trusted(request) || !tokenMatches(query.get('token'), options.token)) {
          return refuseUpgrade(socket, '403 Forbidden');
        }
        sockets.handleUpgrade(request, socket, head, serve);
      } catch {
        socket.destroy();
      }
    },
    close() {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
    },
  };
}
