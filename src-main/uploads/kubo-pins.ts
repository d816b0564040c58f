// The kubo calls replication and verification need, over a node's tunnel URL: who the node is,
// connecting one node to another, pinning (with kubo's progress stream) and asking what is pinned.
import { PinfleetError } from '../../src-preload/contract/errors.js';
import { describeFetchError, kuboCall } from '../health/kubo-rpc.js';

export interface PeerIdentity {
  id: string;
  addresses: string[];
}

export async function peerIdentity(baseUrl: string): Promise<PeerIdentity> {
  const answer = (await kuboCall(baseUrl, 'id')) as { ID?: string; Addresses?: string[] | null };
  if (typeof answer.ID !== 'string') throw new PinfleetError('remote_failed', 'kubo id answered without a peer ID');
  return { id: answer.ID, addresses: answer.Addresses ?? [] };
}

/** Connects `baseUrl`'s node to the peer; true when one of its addresses took. */
export async function swarmConnect(baseUrl: string, peer: PeerIdentity): Promise<boolean> {
  const withId = peer.addresses.map((a) => (a.includes('/p2p/') ? a : `${a}/p2p/${peer.id}`));
  for (const address of withId) {
    try {
      await kuboCall(baseUrl, `swarm/connect?arg=${encodeURIComponent(address)}`);
      return true;
    } catch {
      // Try the next address; a node can announce some it cannot be reached on.
    }
  }
  return false;
}

/**
 * pin/add with progress: kubo streams a line per progress step ({"Progress": blocks fetched so
 * far, "Bytes": their bytes (kubo v0.43 sends both)}) and a last one with the pins; each step is
 * reported as it arrives. An error line or trailer fails it.
 */
export async function pinAdd(
  baseUrl: string, cid: string, onProgress?: (fetchedBlocks: number, fetchedBytes: number | undefined) => void, signal?: AbortSignal,
): Promise<void> {
  const url = `${baseUrl.replace(/\/$/, '')}/api/v0/pin/add?arg=${encodeURIComponent(cid)}&recursive=true&progress=true`;
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', signal });
  } catch (error) {
    throw new PinfleetError('unreachable', `kubo's RPC API did not answer pin/add (${describeFetchError(error)})`);
  }
  let pinned = false;
  let last = '';
  const onLine = (line: string) => {
    if (!line.trim()) return;
    last = line;
    let parsed: { Pins?: string[]; Progress?: number; Bytes?: number; Message?: string; Type?: string };
    try {
      parsed = JSON.parse(line) as typeof parsed;
    } catch {
      throw new PinfleetError('remote_failed', `kubo's pin/add answer is not JSON: "${line.slice(0, 120)}"`);
    }
    if (parsed.Type === 'error' || (parsed.Message && !parsed.Pins)) throw new PinfleetError('remote_failed', `kubo could not pin ${cid}: ${parsed.Message}`);
    if (typeof parsed.Progress === 'number') onProgress?.(parsed.Progress, typeof parsed.Bytes === 'number' ? parsed.Bytes : undefined);
    if (parsed.Pins) pinned = true;
  };
  try {
    await eachLine(response, onLine);
  } catch (error) {
    if (error instanceof PinfleetError || signal?.aborted) throw error;
    throw new PinfleetError('unreachable', `the pin/add stream broke off (${describeFetchError(error)})`);
  }
  const trailer = response.headers.get('x-stream-error');
  if (!response.ok || trailer || !pinned) {
    throw new PinfleetError('remote_failed', `kubo could not pin ${cid}: ${trailer ?? (last || `HTTP ${response.status}`)}`);
  }
}

/** Calls `onLine` for each line of a streamed body as it arrives. */
async function eachLine(response: Response, onLine: (line: string) => void): Promise<void> {
  if (!response.body) return;
  const decoder = new TextDecoder();
  let pending = '';
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    pending += decoder.decode(chunk, { stream: true });
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines) onLine(line);
  }
  onLine(pending + decoder.decode());
}

/** True when the node holds a recursive pin of the CID (its own `pin ls`). */
export async function isPinned(baseUrl: string, cid: string): Promise<boolean> {
  try {
    const answer = (await kuboCall(baseUrl, `pin/ls?arg=${encodeURIComponent(cid)}&type=recursive`)) as { Keys?: Record<string, unknown> };
    return Object.hasOwn(answer.Keys ?? {}, cid);
  } catch (error) {
    if (error instanceof PinfleetError && /not pinned/.test(error.message)) return false;
    throw error;
  }
}

/** Removes a pin; "not pinned" counts as done (a broken-off add leaves no pin, only loose blocks). */
export async function pinRm(baseUrl: string, cid: string): Promise<void> {
  try {
    await kuboCall(baseUrl, `pin/rm?arg=${encodeURIComponent(cid)}`);
  } catch (error) {
    if (error instanceof PinfleetError && /not pinned/.test(error.message)) return;
    throw error;
  }
}
