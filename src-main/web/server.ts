// `pinfleet serve`: the same router of handlers over HTTP + WebSocket, on loopback, for a browser.
//   POST /api/<channel>   JSON input → JSON Result (Authorization: Bearer <token>)
//   GET  /events?token=…  WebSocket of { event, payload } messages from the event bus
//   POST /upload?name=…   a file's body streamed to <dataDir>/incoming/ (upload-receiver.ts)
//   GET  /…               the renderer build, with a strict CSP
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { Router } from '../core/router.js';
import type { EventBus } from '../core/events.js';
import type { ErrorInfo, Result } from '../../src-preload/contract/errors.js';
import { PinfleetError } from '../../src-preload/contract/errors.js';
import {
  bearerToken,
  checkBindAddress,
  contentSecurityPolicy,
  isAllowedHostHeader,
  isAllowedOrigin,
  tokenMatches,
} from './access-policy.js';
import { readJsonBody } from './request-body.js';
import { contentTypeFor, resolveStaticPath } from './static-files.js';
import { receiveUpload, removeIncomingWhenDone } from './upload-receiver.js';

export interface WebServerOptions {
  router: Router;
  bus: EventBus;
  rendererRoot: string;
  host?: string;
  port?: number;
  allowRemote?: boolean;
  tls?: { cert: Buffer; key: Buffer };
  /** Where `POST /upload` puts received files (under incoming/); without it there is no /upload. */
  dataDir?: string;
  /** Fixed token for tests; a random one per run otherwise. */
  token?: string;
}

export interface RunningWebServer {
  /** The URL to open, token in the fragment so it never reaches a server log or a Referer. */
  url: string;
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

function sendResult(response: ServerResponse, status: number, result: Result<unknown>): void {
  const body = JSON.stringify(result);
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(body),
  });
  response.end(body);
}

const refuse = (response: ServerResponse, status: number, error: ErrorInfo) =>
  sendResult(response, status, { ok: false, error });

export async function startWebServer(options: WebServerOptions): Promise<RunningWebServer> {
  const host = options.host ?? '127.0.0.1';
  checkBindAddress({ host, allowRemote: options.allowRemote ?? false, tls: options.tls !== undefined });
  const token = options.token ?? randomBytes(32).toString('base64url');
  const scheme = options.tls ? 'https' : 'http';
  // Filled in once the port is known; requests cannot arrive before listen() resolves.
  let allowedHosts: string[] = [];
  let allowedOrigins: string[] = [];
  let csp = '';

  const trusted = (request: IncomingMessage) =>
    isAllowedHostHeader(request.headers.host, allowedHosts) && isAllowedOrigin(request.headers.origin, allowedOrigins);

  async function handleApi(request: IncomingMessage, response: ServerResponse, channel: string) {
    if (request.method !== 'POST') return refuse(response, 405, { code: 'invalid_input', message: 'use POST' });
    if (!tokenMatches(bearerToken(request.headers.authorization), token)) {
      return refuse(response, 401, { code: 'unauthorized', message: 'missing or wrong access token: open the URL `pinfleet serve` printed' });
    }
    let input: unknown;
    try {
      input = await readJsonBody(request);
    } catch (error) {
      const info = error instanceof PinfleetError ? error.toInfo() : { code: 'invalid_input' as const, message: String(error) };
      return refuse(response, 400, info);
    }
    sendResult(response, 200, await options.router.call(channel, input));
  }

  async function handleUpload(request: IncomingMessage, response: ServerResponse, dataDir: string) {
    if (request.method !== 'POST') return refuse(response, 405, { code: 'invalid_input', message: 'use POST' });
    if (!tokenMatches(bearerToken(request.headers.authorization), token)) {
      return refuse(response, 401, { code: 'unauthorized', message: 'missing or wrong access token: open the URL `pinfleet serve` printed' });
    }
    const name = new URL(request.url ?? '/', 'http://placeholder').searchParams.get('name');
    try {
      sendResult(response, 200, { ok: true, data: { path: await receiveUpload(request, name, { dataDir }) } });
    } catch (error) {
      if (!(error instanceof PinfleetError)) throw error;
      // The client may still be sending: answer, then close instead of reading the rest.
      response.setHeader('Connection', 'close');
      refuse(response, error.code === 'no_space' ? 507 : 400, error.toInfo());
    }
  }

  async function handleStatic(request: IncomingMessage, response: ServerResponse) {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return refuse(response, 405, { code: 'invalid_input', message: 'use GET' });
    }
    const file = resolveStaticPath(options.rendererRoot, request.url ?? '/');
    const info = file ? await stat(file).catch(() => null) : null;
    if (!file || !info?.isFile()) {
      response.writeHead(404, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
      response.end('not found');
      return;
    }
    const isHtml = file.endsWith('.html');
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': contentTypeFor(file),
      'Content-Length': info.size,
      'Cache-Control': isHtml ? 'no-store' : 'no-cache',
      ...(isHtml ? { 'Content-Security-Policy': csp } : {}),
    });
    if (request.method === 'HEAD') return void response.end();
    createReadStream(file).pipe(response);
  }

  const onRequest = (request: IncomingMessage, response: ServerResponse) => {
    if (!trusted(request)) {
      return refuse(response, 403, { code: 'forbidden_origin', message: 'request from an unknown origin or host name refused' });
    }
    const pathname = (request.url ?? '/').split('?')[0]!;
    const work = pathname.startsWith('/api/')
      ? handleApi(request, response, decodeURIComponent(pathname.slice('/api/'.length)))
      : pathname === '/upload' && options.dataDir !== undefined
        ? handleUpload(request, response, options.dataDir)
        : handleStatic(request, response);
    work.catch((error: unknown) => {
      if (!response.headersSent) refuse(response, 500, { code: 'internal', message: String(error) });
      else response.destroy();
    });
  };

  const server = options.tls
    ? https.createServer({ cert: options.tls.cert, key: options.tls.key }, onRequest)
    : http.createServer(onRequest);
  const stopRemovingIncoming = options.dataDir ? removeIncomingWhenDone(options.bus, options.router, options.dataDir) : () => undefined;
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });

  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://placeholder');
    if (url.pathname !== '/events' || !trusted(request) || !tokenMatches(url.searchParams.get('token'), token)) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => {
      const unsubscribe = options.bus.subscribe((event, payload) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ event, payload }));
      });
      // Keep idle connections alive through proxies and notice dead peers.
      const ping = setInterval(() => ws.ping(), 30_000);
      ws.on('close', () => {
        clearInterval(ping);
        unsubscribe();
      });
      ws.on('error', () => ws.terminate());
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const origin = `${scheme}://${urlHost}:${port}`;
  allowedHosts = [`${urlHost}:${port}`.toLowerCase(), ...(host === '127.0.0.1' ? [`localhost:${port}`] : [])];
  allowedOrigins = allowedHosts.map((h) => `${scheme}://${h}`);
  csp = contentSecurityPolicy(`${scheme === 'https' ? 'wss' : 'ws'}://${urlHost}:${port}`);

  return {
    url: `${origin}/#token=${token}`,
    origin,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        stopRemovingIncoming();
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
