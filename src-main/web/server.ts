// `pinfleet serve`: the same router of handlers over HTTP + WebSocket, on loopback, for a browser.
//   POST /api/<channel>   JSON input → JSON Result (Authorization: Bearer <token>)
//   GET  /events?token=…  WebSocket of { event, payload } messages from the event bus (event-stream.ts)
//   POST /upload?name=…   a file's body streamed to <dataDir>/incoming/ (upload-receiver.ts)
//   POST /session         { nonce } of a `--open` link traded once for the token (open-nonce.ts)
//   GET  /…               the renderer build, with a strict CSP
// No request may end the process: every listener answers or closes its own connection, and a
// failure inside a handler becomes a 4xx/5xx answer, never an uncaught error.
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { pipeline } from 'node:stream';
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
import { createEventStream } from './event-stream.js';
import { createOpenNonces } from './open-nonce.js';
import { readJsonBody } from './request-body.js';
import { decodePathSegment, splitRequestTarget } from './request-target.js';
import { contentTypeFor, resolveStaticPath } from './static-files.js';
import { guardLocalPaths, NO_LOCAL_FILES } from '../files/local-path-policy.js';
import { removeIncomingWhenDone, startIncoming } from './incoming-sweep.js';
import { UploadReceiver } from './upload-receiver.js';

/** Node's own default: a client gets this long to send a whole request (uploads excepted). */
export const REQUEST_TIMEOUT_MS = 300_000;
/** An upload may take hours, but not sit silent this long. */
export const UPLOAD_STALL_MS = 60_000;

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
  /** Deadline for receiving a whole non-upload request; tests shorten it. */
  requestTimeoutMs?: number;
  /** Longest silence within an upload's body before it is cut off; tests shorten it. */
  uploadStallMs?: number;
  /** Lifetime of a `--open` nonce; tests shorten it. */
  openNonceTtlMs?: number;
}

export interface RunningWebServer {
  /** The URL to print, token in the fragment so it never reaches a server log or a Referer. */
  url: string;
  /** A URL safe to put on a command line: a fresh single-use nonce instead of the token. */
  openUrl(): string;
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

const UNAUTHORIZED: ErrorInfo = { code: 'unauthorized', message: 'missing or wrong access token: open the URL `pinfleet serve` printed' };

function sendResult(response: ServerResponse, status: number, result: Result<unknown>): void {
  // A second answer to one request cannot be sent; ending the connection is the only honest move.
  if (response.headersSent) return void response.destroy();
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

/**
 * Answers (when still possible) and closes the connection of a client too slow to finish its
 * request. The request itself is destroyed with the error, not only its socket: once a response
 * has finished, Node no longer aborts its request when the socket closes, and whoever is reading
 * the body (an upload's pipeline, with its disk reservation) would wait forever.
 */
function cutOff(request: IncomingMessage, response: ServerResponse, message: string): void {
  const error = new PinfleetError('timeout', message);
  if (!response.headersSent) {
    response.setHeader('Connection', 'close');
    refuse(response, 408, error.toInfo());
    response.once('finish', () => request.destroy(error));
  } else {
    request.destroy(error);
  }
}

export async function startWebServer(options: WebServerOptions): Promise<RunningWebServer> {
  const host = options.host ?? '127.0.0.1';
  checkBindAddress({ host, allowRemote: options.allowRemote ?? false, tls: options.tls !== undefined });
  const token = options.token ?? randomBytes(32).toString('base64url');
  const scheme = options.tls ? 'https' : 'http';
  const nonces = createOpenNonces({ ttlMs: options.openNonceTtlMs });
  const requestTimeoutMs = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  const uploadStallMs = options.uploadStallMs ?? UPLOAD_STALL_MS;
  // A browser names local files only as what POST /upload received (upload-receiver.ts); at start the
  // files of finished or forgotten uploads are removed from incoming/ (incoming-sweep.ts).
  const receiver = options.dataDir !== undefined ? new UploadReceiver({ dataDir: options.dataDir }) : null;
  if (receiver) await startIncoming(receiver, options.router);
  const router = guardLocalPaths(options.router, receiver ?? NO_LOCAL_FILES);
  // Filled in once the port is known; requests cannot arrive before listen() resolves.
  let allowedHosts: string[] = [];
  let allowedOrigins: string[] = [];
  let csp = '';

  const trusted = (request: IncomingMessage) =>
    isAllowedHostHeader(request.headers.host, allowedHosts) && isAllowedOrigin(request.headers.origin, allowedOrigins);

  async function handleApi(request: IncomingMessage, response: ServerResponse, rawChannel: string) {
    const channel = decodePathSegment(rawChannel);
    if (channel === null) {
      return refuse(response, 400, { code: 'invalid_input', message: 'the channel name in the address is not valid percent-encoding' });
    }
    if (request.method !== 'POST') return refuse(response, 405, { code: 'invalid_input', message: 'use POST' });
    if (!tokenMatches(bearerToken(request.headers.authorization), token)) return refuse(response, 401, UNAUTHORIZED);
    let input: unknown;
    try {
      input = await readJsonBody(request);
    } catch (error) {
      const info = error instanceof PinfleetError ? error.toInfo() : { code: 'invalid_input' as const, message: String(error) };
      return refuse(response, 400, info);
    }
    sendResult(response, 200, await router.call(channel, input));
  }

  async function handleSession(request: IncomingMessage, response: ServerResponse) {
    if (request.method !== 'POST') return refuse(response, 405, { code: 'invalid_input', message: 'use POST' });
    let body: unknown;
    try {
      body = await readJsonBody(request, 4096);
    } catch (error) {
      return refuse(response, 400, error instanceof PinfleetError ? error.toInfo() : { code: 'invalid_input', message: String(error) });
    }
    const nonce = typeof body === 'object' && body !== null ? (body as { nonce?: unknown }).nonce : undefined;
    if (!nonces.redeem(nonce)) {
      return refuse(response, 401, {
        code: 'unauthorized',
        message: 'this link was already used or has expired: open the URL `pinfleet serve` printed',
      });
    }
    sendResult(response, 200, { ok: true, data: { token } });
  }

  async function handleUpload(request: IncomingMessage, response: ServerResponse, receiver: UploadReceiver) {
    if (request.method !== 'POST') return refuse(response, 405, { code: 'invalid_input', message: 'use POST' });
    if (!tokenMatches(bearerToken(request.headers.authorization), token)) return refuse(response, 401, UNAUTHORIZED);
    const name = splitRequestTarget(request.url).query.get('name');
    // No overall deadline for an upload (a large file over a slow link may take hours), only a
    // limit on silence: the socket's idle timer, re-armed by every byte.
    request.setTimeout(uploadStallMs, () =>
      cutOff(request, response, `the upload sent nothing for ${Math.round(uploadStallMs / 1000)} s and was cut off`),
    );
    try {
      sendResult(response, 200, { ok: true, data: { path: await receiver.receive(request, name) } });
    } catch (error) {
      if (!(error instanceof PinfleetError)) throw error;
      // The client may still be sending: answer, then close instead of reading the rest.
      if (!response.headersSent) response.setHeader('Connection', 'close');
      refuse(response, error.code === 'no_space' ? 507 : 400, error.toInfo());
    } finally {
      request.socket?.setTimeout(0);
    }
  }

  async function handleStatic(request: IncomingMessage, response: ServerResponse, pathname: string) {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return refuse(response, 405, { code: 'invalid_input', message: 'use GET' });
    }
    const file = resolveStaticPath(options.rendererRoot, pathname);
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
    // pipeline, not pipe: a file that vanishes mid-read must end this response, not the process.
    pipeline(createReadStream(file), response, () => undefined);
  }

  async function route(request: IncomingMessage, response: ServerResponse) {
    if (!trusted(request)) {
      return refuse(response, 403, { code: 'forbidden_origin', message: 'request from an unknown origin or host name refused' });
    }
    const { pathname } = splitRequestTarget(request.url);
    const isUpload = pathname === '/upload' && receiver !== null;
    if (!isUpload) {
      // Node's own request deadline is off (it would cut long uploads); this one stands in for it.
      const deadline = setTimeout(() => {
        if (!request.complete) cutOff(request, response, 'the request was not received in time');
      }, requestTimeoutMs);
      response.once('close', () => clearTimeout(deadline));
    }
    if (pathname.startsWith('/api/')) return handleApi(request, response, pathname.slice('/api/'.length));
    if (pathname === '/session') return handleSession(request, response);
    if (isUpload) return handleUpload(request, response, receiver!);
    return handleStatic(request, response, pathname);
  }

  const onRequest = (request: IncomingMessage, response: ServerResponse) => {
    // Errors of a connection the client broke are that connection's business only.
    response.on('error', () => response.destroy());
    route(request, response).catch((error: unknown) => {
      try {
        refuse(response, 500, { code: 'internal', message: String(error) });
      } catch {
        response.destroy();
      }
    });
  };

  const server = options.tls
    ? https.createServer({ cert: options.tls.cert, key: options.tls.key }, onRequest)
    : http.createServer(onRequest);
  server.requestTimeout = 0;
  // A malformed request line or header, or a slow header section: answer when possible, never throw.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    try {
      if (error.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
      const status = error.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large'
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout'
          : '400 Bad Request';
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    } catch {
      socket.destroy();
    }
  });
  // After listen, an 'error' without a listener would be thrown; nothing here is worth dying for.
  server.on('error', (error) => console.error(`pinfleet serve: ${String(error)}`));
  const stopRemovingIncoming = receiver ? removeIncomingWhenDone(options.bus, options.router, receiver) : () => undefined;
  const events = createEventStream({ bus: options.bus, token, trusted });
  server.on('upgrade', events.onUpgrade);

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
    openUrl: () => `${origin}/#nonce=${nonces.issue()}`,
    origin,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        stopRemovingIncoming();
        events.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
