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

/** pin/add with progress: reads kubo's stream to the end; an error line or trailer fails it. */
export async function pinAdd(baseUrl: string, cid: string, onBlocks?: (fetched: number) => void, signal?: AbortSignal): Promise<void> {
  const url = `${baseUrl.replace(/\/$/, '')}/api/v0/pin/add?arg=${encodeURIComponent(cid)}&recursive=true&progress=true`;
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', signal });
  } catch (error) {
    throw new PinfleetError('unreachable', `kubo's RPC API did not answer pin/add (${describeFetchError(error)})`);
  }
  const body = await response.text();
  const trailer = response.headers.get('x-stream-error');
  const lines = body.split('\n').filter((l) => l.trim());
  let pinned = false;
  for (const line of lines) {
    const parsed = JSON.parse(line) as { Pins?: string[]; Progress?: number; Message?: string; Type?: string };
    if (parsed.Type === 'error' || (parsed.Message && !parsed.Pins)) throw new PinfleetError('remote_failed', `kubo could not pin ${cid}: ${parsed.Message}`);
    if (typeof parsed.Progress === 'number') onBlocks?.(parsed.Progress);
    if (parsed.Pins) pinned = true;
  }
  if (!response.ok || trailer || !pinned) {
    throw new PinfleetError('remote_failed', `kubo could not pin ${cid}: ${trailer ?? lines.at(-1) ?? `HTTP ${response.status}`}`);
  }
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
