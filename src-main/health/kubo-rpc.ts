// A tiny client for the few kubo RPC calls health needs, over the base URL the connector hands
// out (the SSH tunnel to the node's apiAddress). Plain fetch: every call is one short POST.
import { PinfleetError, isPinfleetError } from '../../src-preload/contract/errors.js';

/** POSTs `/api/v0/<path>` and parses the JSON answer; kubo's own error message when it refuses. */
export async function kuboCall(baseUrl: string, path: string, signal?: AbortSignal): Promise<unknown> {
  const url = `${baseUrl.replace(/\/$/, '')}/api/v0/${path}`;
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', signal });
  } catch (error) {
    if (signal?.aborted && isPinfleetError(signal.reason)) throw signal.reason;
    throw new PinfleetError('unreachable', `kubo's RPC API did not answer (${describeFetchError(error)})`);
  }
  const body = await response.text();
  if (!response.ok) {
    throw new PinfleetError('remote_failed', `kubo refused ${path.split('?')[0]}: ${kuboMessage(body) ?? `HTTP ${response.status}`}`);
  }
  try {
    return JSON.parse(body) as unknown;
  } catch {
    throw new PinfleetError('remote_failed', `kubo's ${path.split('?')[0]} answer is not JSON: "${body.slice(0, 80)}"`);
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

/** fetch hides the socket error in `cause`: "connection refused" is what the admin needs to read. */
export function describeFetchError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } } | null)?.cause;
  if (cause?.code === 'ECONNREFUSED') return 'connection refused: is kubo running?';
  if (cause?.code === 'ECONNRESET' || cause?.code === 'UND_ERR_SOCKET') return 'the connection was closed: kubo may have stopped';
  return cause?.message ?? (error instanceof Error ? error.message : String(error));
}
