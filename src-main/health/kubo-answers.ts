// The few fields the poller reads from kubo's RPC answers, checked rather than trusted: a proxy
// or an old kubo answering with another shape must surface as an error, not as zeros.
import { PinfleetError } from '../../src-preload/contract/errors.js';
import type { BandwidthFigures } from '../../src-preload/contract/health-types.js';

export interface RepoStat {
  repoSize: number;
  storageMax: number;
}

type Json = Record<string, unknown>;

function object(value: unknown, what: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new PinfleetError('remote_failed', `kubo's ${what} answer is not a JSON object`);
  }
  return value as Json;
}

function count(json: Json, field: string, what: string): number {
  const value = json[field];
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new PinfleetError('remote_failed', `kubo's ${what} answer has no valid ${field}`);
  }
  return value;
}

function text(json: Json, field: string, what: string): string {
  const value = json[field];
  if (typeof value !== 'string' || value.length === 0) {
    throw new PinfleetError('remote_failed', `kubo's ${what} answer has no ${field}`);
  }
  return value;
}

/** `repo/stat?size-only=true` */
export function readRepoStat(answer: unknown): RepoStat {
  const json = object(answer, 'repo/stat');
  const repoSize = count(json, 'RepoSize', 'repo/stat');
  // kubo's flatfs keeps a running disk-usage count; after a crash mid-GC it can go below zero and
  // come back as a huge unsigned number (seen: 18446744073709001495). Showing that as "full" would
  // be wrong, so the reading is refused with what fixes it.
  if (repoSize > Number.MAX_SAFE_INTEGER) {
    throw new PinfleetError(
      'remote_failed',
      `kubo reported an impossible repo size (${json.RepoSize}): its disk-usage cache is damaged. Stop kubo, delete blocks/diskUsage.cache in its repo, and start it again.`,
    );
  }
  return { repoSize, storageMax: count(json, 'StorageMax', 'repo/stat') };
}

/** `swarm/peers`: kubo answers `"Peers": null` when it has none. */
export function readPeerCount(answer: unknown): number {
  const peers = object(answer, 'swarm/peers').Peers;
  if (peers === null || peers === undefined) return 0;
  if (!Array.isArray(peers)) throw new PinfleetError('remote_failed', "kubo's swarm/peers answer has no Peers list");
  return peers.length;
}

/** `version` */
export function readVersion(answer: unknown): string {
  return text(object(answer, 'version'), 'Version', 'version');
}

/** `id` */
export function readPeerId(answer: unknown): string {
  return text(object(answer, 'id'), 'ID', 'id');
}

/** `stats/bw` */
export function readBandwidth(answer: unknown): BandwidthFigures {
  const json = object(answer, 'stats/bw');
  return {
    rateIn: count(json, 'RateIn', 'stats/bw'),
    rateOut: count(json, 'RateOut', 'stats/bw'),
    totalIn: count(json, 'TotalIn', 'stats/bw'),
    totalOut: count(json, 'TotalOut', 'stats/bw'),
  };
}
