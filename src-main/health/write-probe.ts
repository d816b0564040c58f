// Whether a node's kubo still takes writes. A kubo whose datastore (leveldb) once met a full disk keeps
// that error until it restarts and refuses every pin afterwards, while every read the poller makes
// (repo/stat, df) still answers normally. Pinning and unpinning an identity CID writes to the
// datastore and fetches nothing, so it finds that state at the cost of two tiny writes.
import { CID } from 'multiformats/cid';
import { identity } from 'multiformats/hashes/identity';
import * as raw from 'multiformats/codecs/raw';
import { kuboCall } from './kubo-rpc.js';

/** The bytes live inside the CID: pinning it needs no block from anywhere. */
export const WRITE_PROBE_CID = CID.createV1(raw.code, identity.digest(new TextEncoder().encode('pinfleet write probe'))).toString();

/** Null when kubo took the pin (and let it go again), else kubo's refusal in its own words. */
export async function writeRefusal(baseUrl: string, signal?: AbortSignal): Promise<string | null> {
  try {
    await kuboCall(baseUrl, `pin/add?arg=${WRITE_PROBE_CID}`, signal);
  } catch (error) {
    if (signal?.aborted) throw error;
    return error instanceof Error ? error.message : String(error);
  }
  await kuboCall(baseUrl, `pin/rm?arg=${WRITE_PROBE_CID}`, signal);
  return null;
}
