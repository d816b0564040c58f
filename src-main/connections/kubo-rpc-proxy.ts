// A local HTTP proxy on 127.0.0.1:<random> in front of a node's kubo RPC API, for the two cases the
// plain SSH tunnel cannot serve: a direct URL (http or https, possibly behind a reverse proxy with a
// path prefix) and a credential kubo's API.Authorizations expects (`Authorization: Bearer …` or
// `Basic …`). Callers keep using a plain `http://127.0.0.1:<port>` base URL, exactly as with the
// tunnel, so health, uploads and node actions do not know which mode a node uses.
//
// Why a proxy rather than handing callers a URL plus headers: every caller (fetch in health, the
// streamed multipart of uploads, provisioning) would have to carry the secret and TLS settings, and
// any one forgetting would leak or fail. Here the secret lives in one closure in main and is added
// on the way out. Bodies are piped both ways (never buffered), so a multi-GB add streams through
// with backpressure, and kubo's streamed answers and trailers (X-Stream-Error) pass unchanged.
//
// Trust boundary: like the tunnel, the listener is loopback-only; any process of this machine's
// users could reach it, the same as the tunnel. (A secret path prefix would not survive callers
// that build `new URL('/api/v0/…', base)`, as uploads do.)
//
// A 401/403 from kubo is answered with a kubo-shaped JSON error and `x-pinfleet-error:
// kubo_auth_failed`; an upstream that cannot be reached with `x-pinfleet-error: unreachable`.
// kuboCall turns those headers into PinfleetErrors with that code.
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';

export const PROXY_ERROR_HEADER = 'x-pinfleet-error';

export interface KuboProxyOptions {
  /** Base URL of kubo's RPC API (http/https, optional path prefix); requests' paths are appended. */
  upstream: string;
  /** The whole Authorization header value, or null to send none. Never logged. */
  authorization: string | null;
  /** Words for error messages: the node's name and how the admin fixes a refused credential. */
  node: string;
  log?: (message: string) => void;
}

export interface KuboProxy {
  /** `http://127.0.0.1:<port>` */
  url: string;
  close(): Promise<void>;
}

// Hop-by-hop headers (RFC 9110 §7.6.1) are per connection: never forwarded.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'proxy-authorization', 'te', 'transfer-encoding', 'upgrade']);

/** The request headers sent upstream: hop-by-hop and Host dropped, the caller's Authorization replaced by ours. */
export function upstreamRequestHeaders(incoming: http.IncomingHttpHeaders, authorization: string | null): http.OutgoingHttpHeaders {
  const out: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(incoming)) {
    if (value === undefined || HOP_BY_HOP.has(name) || name === 'host' || name === 'authorization') continue;
    out[name] = value;
  }
  if (authorization !== null) out.authorization = authorization;
  return out;
}

export function downstreamResponseHeaders(incoming: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  const out: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(incoming)) {
    if (value === undefined || HOP_BY_HOP.has(name)) continue;
    out[name] = value;
  }
  return out;
}

/** `https://h:5001/prefix` + `/api/v0/add?x=1` → `https://h:5001/prefix/api/v0/add?x=1`. */
export function upstreamUrl(upstream: string, requestPath: string): URL {
  const base = new URL(upstream);
  const prefix = base.pathname.replace(/\/+$/, '');
  const path = requestPath.startsWith('/') ? requestPath : `/${requestPath}`;
  return new URL(`${base.origin}${prefix}${path}`);
}

/** What the admin reads when kubo refuses the request (401/403). Pure, so the wording is tested. */
export function refusedMessage(node: string, shownUrl: string, status: number, sentCredential: boolean, kuboSaid: string): string {
  const said = kuboSaid ? ` (kubo said: ${kuboSaid.slice(0, 120)})` : '';
  return sentCredential
    ? `kubo at ${shownUrl} refused the RPC credential of ${node} (HTTP ${status})${said}: check API.Authorizations on the server and ` +
        `\`pinfleet credentials set ${node} --api-token-stdin\` (or --api-basic-stdin).`
    : `kubo at ${shownUrl} requires an RPC credential (API.Authorizations) and ${node} has none (HTTP ${status})${said}: ` +
        `set it with \`pinfleet credentials set ${node} --api-token-stdin\` (or --api-basic-stdin).`;
}

function kuboError(res: http.ServerResponse, status: number, code: string, message: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify({ Message: message, Code: 0, Type: 'error' });
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), [PROXY_ERROR_HEADER]: code });
  res.end(body);
}

/** The URL as the admin may see it in a message: origin and path only (it never carries a secret). */
export function shownUrl(upstream: string): string {
  const url = new URL(upstream);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

export async function openKuboProxy(options: KuboProxyOptions): Promise<KuboProxy> {
  const base = new URL(options.upstream);
  const secure = base.protocol === 'https:';
  const agent = secure ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
  const shown = shownUrl(options.upstream);
  const log = options.log ?? (() => {});

  const server = http.createServer((req, res) => {
    const target = upstreamUrl(options.upstream, req.url ?? '/');
    const send = secure ? https.request : http.request;
    const upstream = send(target, { method: req.method, headers: upstreamRequestHeaders(req.headers, options.authorization), agent }, (answer) => {
      const status = answer.statusCode ?? 502;
      if (status === 401 || status === 403) {
        // kubo's own body is a short text ("403 - Forbidden"); read a little of it for the message.
        const chunks: Buffer[] = [];
        let size = 0;
        answer.on('data', (chunk: Buffer) => {
          if (size < 512) chunks.push(chunk);
          size += chunk.length;
        });
        answer.on('end', () => {
          const said = Buffer.concat(chunks).toString('utf8').trim().replace(/\s+/g, ' ');
          kuboError(res, status, 'kubo_auth_failed', refusedMessage(options.node, shown, status, options.authorization !== null, said));
        });
        return;
      }
      res.writeHead(status, answer.statusMessage, downstreamResponseHeaders(answer.headers));
      // end: false, so kubo's trailers (X-Stream-Error on streamed answers) can follow the body.
      answer.pipe(res, { end: false });
      answer.on('end', () => {
        if (Object.keys(answer.trailers).length > 0) res.addTrailers(answer.trailers);
        res.end();
      });
      answer.on('error', () => res.destroy());
    });
    upstream.on('error', (error: NodeJS.ErrnoException) => {
      const why = error.code === 'ECONNREFUSED' ? 'connection refused: is kubo running and listening there?' : error.message;
      log(`kubo RPC of ${options.node} at ${shown}: ${why}`);
      kuboError(res, 502, 'unreachable', `kubo's RPC API of ${options.node} at ${shown} cannot be reached (${why})`);
    });
    // The caller went away (aborted upload, deadline): stop the upstream request too.
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.on('error', () => upstream.destroy());
    req.pipe(upstream);
  });
  // Long streamed uploads: no overall request deadline here; callers bring their own.
  server.requestTimeout = 0;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Loopback only: the proxy adds a credential, it must never be reachable from another machine.
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        agent.destroy();
        server.close(() => resolve());
      }),
  };
}
