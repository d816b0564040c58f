// One HTTP request to a Cluster REST API (over the SSH tunnel's local URL), with basic auth, a
// deadline, and the X-Stream-Error trailer that streamed answers use to report a failure after
// their 200. Transport failures become PinfleetErrors a tired admin can act on.
import http from 'node:http';
import type { Readable } from 'node:stream';
import { PinfleetError } from '../../src-preload/contract/errors.js';
import { errorMessageOf } from './cluster-answers.js';

export interface ClusterEndpoint {
  /** http://127.0.0.1:<port> of the tunnel. */
  baseUrl: string;
  /** Who is behind it, for messages: "node1's Cluster peer (127.0.0.11:9094)". */
  label: string;
  auth?: { user: string; password: string };
}

export interface ClusterRequest {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  timeoutMs?: number;
  body?: { contentType: string; stream: Readable };
  signal?: AbortSignal;
}

export interface ClusterReply {
  status: number;
  body: string;
  trailerError: string | undefined;
}

export function requestUrl(baseUrl: string, path: string, query: ClusterRequest['query'] = {}): string {
  const url = new URL(path, baseUrl);
  for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, String(value));
  return url.toString();
}

/** What an HTTP status from Cluster means for the admin. */
export function statusError(endpoint: Pick<ClusterEndpoint, 'label'>, request: Pick<ClusterRequest, 'method' | 'path'>, status: number, body: string): PinfleetError {
  const message = errorMessageOf(body);
  const what = `${request.method} ${request.path}`;
  if (status === 401 || status === 403) {
    return new PinfleetError('auth_failed', `${endpoint.label} refused the REST API login (${message}). Check the cluster user and password in Cluster settings (restapi.basic_auth_credentials in service.json).`);
  }
  if (status === 404) return new PinfleetError('not_found', `${endpoint.label}: ${message} (${what})`);
  if (status === 400) return new PinfleetError('invalid_input', `${endpoint.label} refused ${what}: ${message}`);
  return new PinfleetError('remote_failed', `${endpoint.label} failed ${what} with HTTP ${status}: ${message}`);
}

export function transportError(endpoint: Pick<ClusterEndpoint, 'label'>, error: Error & { code?: string }, timeoutMs: number): PinfleetError {
  if (error instanceof PinfleetError) return error;
  // Our own deadline aborts the request: Node reports an AbortError whose cause is the TimeoutError.
  if (error.name === 'TimeoutError' || error.name === 'AbortError' || error.code === 'ETIMEDOUT') {
    return new PinfleetError('timeout', `${endpoint.label} did not answer within ${Math.round(timeoutMs / 1000)} s: the peer may be overloaded or stuck.`);
  }
  // Through the SSH tunnel a refused port shows up as a reset or hung-up local socket.
  return new PinfleetError(
    'unreachable',
    `${endpoint.label} does not answer (${error.code ?? error.message}): is ipfs-cluster-service running there, and is its REST API on that address?`,
  );
}

export function clusterRequest(endpoint: ClusterEndpoint, request: ClusterRequest): Promise<ClusterReply> {
  const timeoutMs = request.timeoutMs ?? 30_000;
  const url = requestUrl(endpoint.baseUrl, request.path, request.query);
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (endpoint.auth) headers.Authorization = `Basic ${Buffer.from(`${endpoint.auth.user}:${endpoint.auth.password}`).toString('base64')}`;
  if (request.body) headers['Content-Type'] = request.body.contentType;
  return new Promise<ClusterReply>((resolve, reject) => {
    const signals = [AbortSignal.timeout(timeoutMs), ...(request.signal ? [request.signal] : [])];
    const req = http.request(url, { method: request.method, headers, signal: AbortSignal.any(signals) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', (error) => reject(transportError(endpoint, error, timeoutMs)));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const status = res.statusCode ?? 0;
        if (status >= 300) return reject(statusError(endpoint, request, status, body));
        const trailer = res.trailers['x-stream-error'];
        resolve({ status, body, trailerError: trailer && trailer.trim() !== '' ? trailer : undefined });
      });
    });
    req.on('error', (error) => {
      if (request.signal?.aborted) return reject(request.signal.reason as Error);
      reject(transportError(endpoint, error, timeoutMs));
    });
    if (request.body) {
      request.body.stream.on('error', (error) => req.destroy(error));
      request.body.stream.pipe(req);
    } else {
      req.end();
    }
  });
}
