// A tiny client for the short kubo RPC calls health, node actions and provisioning make, over the
// base URL the connector hands out (the SSH tunnel to the node's apiAddress, or a direct URL).
//
// Why node:http and not fetch: a poll cycle over 500 nodes makes thousands of these calls, and
// fetch's WHATWG streams cost about twice the CPU of a plain request per call (measured with
// bench/poll-cycle.ts). The keep-alive agent reuses a socket per node between polls, which through
// the SSH tunnel also spares a new forwarded channel per call.
import http from 'node:http';
import https from 'node:https';
import { ERROR_CODES, PinfleetError, isPinfleetError, type ErrorCode } from '../../src-preload/contract/errors.js';

/** Set by the connections' RPC proxy on the errors it answers itself (kubo_auth_failed, unreachable). */
const PROXY_ERROR_HEADER = 'x-pinfleet-error';

/** Sockets idle this long are closed: longer than a short poll interval, short enough not to pile up. */
const KEEP_ALIVE_MS = 60_000;
/** Per node: the poller's five calls run at once; more than that only queue. */
const SOCKETS_PER_NODE = 6;
/** A short RPC answer is small; a larger one is a misbehaving endpoint, not kubo. */
const MAX_ANSWER_BYTES = 64 * 1024 * 1024;

const agents = {
  'http:': new http.Agent({ keepAlive: true, keepAliveMsecs: 15_000, maxSockets: SOCKETS_PER_NODE, maxFreeSockets: SOCKETS_PER_NODE, timeout: KEEP_ALIVE_MS }),
  'https:': new https.Agent({ keepAlive: true, keepAliveMsecs: 15_000, maxSockets: SOCKETS_PER_NODE, maxFreeSockets: SOCKETS_PER_NODE, timeout: KEEP_ALIVE_MS }),
};

interface Answer {
  status: number;
  body: string;
  /** The code the connections' RPC proxy answered with itself (x-pinfleet-error), if any. */
  proxied: string | undefined;
}

function post(url: URL, signal: AbortSignal | undefined): Promise<Answer> {
  const client = url.protocol === 'https:' ? https : http;
  const agent = url.protocol === 'https:' ? agents['https:'] : agents['http:'];
  return new Promise<Answer>((resolve, reject) => {
    const request = client.request(url, { method: 'POST', agent, signal, headers: { 'content-length': '0' } }, (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_ANSWER_BYTES) {
          request.destroy(new PinfleetError('remote_failed', `the answer to ${url.pathname} is over ${MAX_ANSWER_BYTES / 1024 ** 2} MiB: is this kubo?`));
          return;
        }
        chunks.push(chunk);
      });
      const proxied = response.headers[PROXY_ERROR_HEADER];
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks, size).toString('utf8'), proxied: typeof proxied === 'string' ? proxied : undefined }),
      );
      response.on('error', reject);
      response.on('aborted', () => reject(new Error('the connection was closed mid-answer')));
    });
    request.on('error', reject);
    request.end();
  });
}

/** POSTs `/api/v0/<path>` and parses the JSON answer; kubo's own error message when it refuses. */
export async function kuboCall(baseUrl: string, path: string, signal?: AbortSignal): Promise<unknown> {
  const url = new URL(`${baseUrl.replace(/\/$/, '')}/api/v0/${path}`);
  let answer: Answer;
  try {
    answer = await post(url, signal);
  } catch (error) {
    if (signal?.aborted && isPinfleetError(signal.reason)) throw signal.reason;
    if (isPinfleetError(error)) throw error;
    throw new PinfleetError('unreachable', `kubo's RPC API did not answer (${describeFetchError(error)})`);
  }
  const what = path.split('?')[0];
  // The RPC proxy's own answers (a refused credential, an upstream it cannot reach) carry their code.
  if (answer.proxied && (ERROR_CODES as readonly string[]).includes(answer.proxied)) {
    throw new PinfleetError(answer.proxied as ErrorCode, kuboMessage(answer.body) ?? `HTTP ${answer.status}`);
  }
  if (answer.status === 401 || answer.status === 403) {
    throw new PinfleetError(
      'kubo_auth_failed',
      `kubo refused ${what} (HTTP ${answer.status}): its API.Authorizations did not accept Pinfleet's RPC credential; set it with pinfleet credentials set NAME --api-token-stdin`,
    );
  }
  if (answer.status < 200 || answer.status >= 300) {
    throw new PinfleetError('remote_failed', `kubo refused ${what}: ${kuboMessage(answer.body) ?? `HTTP ${answer.status}`}`);
  }
  try {
    return JSON.parse(answer.body) as unknown;
  } catch {
    throw new PinfleetError('remote_failed', `kubo's ${what} answer is not JSON: "${answer.body.slice(0, 80)}"`);
  }
}

function kuboMessage(body: string): string | null {
  try {
    const parsed = JSON.parse(body) as { Message?: unknown };
    return typeof parsed.Message === 'string' ? parsed.Message : null;
  } catch {
    return body.trim().slice(0, 200) || null;
  }
}

/**
 * The socket error an admin needs to read ("connection refused"), from a node:http error (code on
 * the error) or a fetch error (code hidden in `cause`).
 */
export function describeFetchError(error: unknown): string {
  const direct = error as { code?: string; message?: string } | null;
  const cause = (error as { cause?: { code?: string; message?: string } } | null)?.cause;
  const code = direct?.code ?? cause?.code;
  if (code === 'ECONNREFUSED') return 'connection refused: is kubo running?';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') return 'the connection was closed: kubo may have stopped';
  return cause?.message ?? (error instanceof Error ? error.message : String(error));
}
