// Pure readers of IPFS Cluster v1.1.6 REST answers (shapes from api/types.go and captured from the
// test fleet's daemons). Each takes parsed JSON (or NDJSON text) and returns the console's types,
// refusing what is not the expected shape instead of passing `undefined` along.
import { PinfleetError } from '../../src-preload/contract/errors.js';
import type { ClusterPinState } from '../../src-preload/contract/cluster-types.js';

export interface RawId {
  id: string;
  peername: string;
  version: string;
  addresses: string[];
  clusterPeers: string[];
  ipfsId: string;
  ipfsAddresses: string[];
  error: string;
}

export interface RawMetric {
  name: string;
  peer: string;
  value: string;
  expire: number;
  valid: boolean;
  weight: number;
}

export interface RawAlert extends RawMetric {
  triggeredAt: string;
}

export interface RawPeerStatus {
  peer: string;
  peerName: string;
  ipfsId: string;
  status: ClusterPinState;
  error: string;
  at: string;
}

export interface RawPinStatus {
  cid: string;
  name: string;
  allocations: string[];
  created: string;
  peers: RawPeerStatus[];
}

export interface RawPin {
  cid: string;
  name: string;
  allocations: string[];
  replicationMin: number;
  replicationMax: number;
  timestamp: string;
}

export interface RawAddOutput {
  name: string;
  cid: string;
  size: number;
  allocations: string[];
}

export interface RawGc {
  peer: string;
  peerName: string;
  removed: number;
  error: string;
}

const STATES: ReadonlySet<string> = new Set<ClusterPinState>([
  'undefined', 'cluster_error', 'pin_error', 'unpin_error', 'error', 'pinned', 'pinning', 'unpinning', 'unpinned',
  'remote', 'pin_queued', 'unpin_queued', 'queued', 'sharded', 'unexpectedly_unpinned',
]);

type Obj = Record<string, unknown>;

function shapeError(what: string, detail: string): PinfleetError {
  return new PinfleetError('remote_failed', `the cluster's ${what} answer is not what Cluster v1.x sends (${detail})`);
}

function obj(value: unknown, what: string): Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw shapeError(what, 'not an object');
  return value as Obj;
}

const str = (o: Obj, key: string): string => (typeof o[key] === 'string' ? (o[key] as string) : '');
const num = (o: Obj, key: string): number => (typeof o[key] === 'number' ? (o[key] as number) : 0);
const strings = (o: Obj, key: string): string[] => (Array.isArray(o[key]) ? (o[key] as unknown[]).filter((v): v is string => typeof v === 'string') : []);

function requiredString(o: Obj, key: string, what: string): string {
  const value = o[key];
  if (typeof value !== 'string' || value === '') throw shapeError(what, `no "${key}"`);
  return value;
}

/**
 * Streamed endpoints (/peers, /pins, /allocations, /pins/recover, /add) send one JSON value per
 * line in v1.x; a failure after the 200 arrives only in the X-Stream-Error trailer, so the caller
 * passes that too. An array body (a v0.x peer or `stream-channels=false`) is accepted as well.
 */
export function parseNdjson(body: string, what: string, trailerError?: string): unknown[] {
  if (trailerError) throw new PinfleetError('remote_failed', `the cluster stopped its ${what} answer: ${trailerError}`);
  const trimmed = body.trim();
  if (trimmed === '') return [];
  if (trimmed.startsWith('[')) {
    try {
      return JSON.parse(trimmed) as unknown[];
    } catch {
      throw shapeError(what, 'truncated JSON array');
    }
  }
  return trimmed.split('\n').filter((line) => line.trim() !== '').map((line) => {
    try {
      return JSON.parse(line) as unknown;
    } catch {
      throw shapeError(what, `a line is not JSON: "${line.slice(0, 80)}"`);
    }
  });
}

export function parseId(value: unknown): RawId {
  const o = obj(value, '/id');
  const ipfs = typeof o.ipfs === 'object' && o.ipfs !== null ? (o.ipfs as Obj) : {};
  return {
    id: requiredString(o, 'id', '/id'),
    peername: str(o, 'peername'),
    version: str(o, 'version'),
    addresses: strings(o, 'addresses'),
    clusterPeers: strings(o, 'cluster_peers'),
    ipfsId: str(ipfs, 'id'),
    ipfsAddresses: strings(ipfs, 'addresses'),
    // A peer the answering peer could not reach comes back with only its id and this error.
    error: str(o, 'error') || str(ipfs, 'error'),
  };
}

export function parseMetric(value: unknown): RawMetric {
  const o = obj(value, 'metric');
  return {
    name: requiredString(o, 'name', 'metric'),
    peer: requiredString(o, 'peer', 'metric'),
    value: str(o, 'value'),
    expire: num(o, 'expire'),
    valid: o.valid === true,
    weight: num(o, 'weight'),
  };
}

export function parseMetrics(value: unknown): RawMetric[] {
  if (value === null) return []; // A metric nobody reports yet comes back as null.
  if (!Array.isArray(value)) throw shapeError('metrics', 'not an array');
  return value.map(parseMetric);
}

export function parseAlerts(value: unknown): RawAlert[] {
  if (value === null) return [];
  if (!Array.isArray(value)) throw shapeError('/health/alerts', 'not an array');
  return value.map((entry) => ({ ...parseMetric(entry), triggeredAt: str(obj(entry, 'alert'), 'triggered_at') }));
}

export function parseMetricNames(value: unknown): string[] {
  if (value === null) return [];
  if (!Array.isArray(value)) throw shapeError('/monitor/metrics', 'not an array');
  return value.filter((v): v is string => typeof v === 'string');
}

function state(value: unknown): ClusterPinState {
  return typeof value === 'string' && STATES.has(value) ? (value as ClusterPinState) : 'undefined';
}

export function parsePinStatus(value: unknown): RawPinStatus {
  const o = obj(value, 'pin status');
  const peerMap = typeof o.peer_map === 'object' && o.peer_map !== null ? (o.peer_map as Obj) : {};
  const peers = Object.entries(peerMap).map(([peer, info]): RawPeerStatus => {
    const p = obj(info, 'pin status');
    return { peer, peerName: str(p, 'peername'), ipfsId: str(p, 'ipfs_peer_id'), status: state(p.status), error: str(p, 'error'), at: str(p, 'timestamp') };
  });
  peers.sort((a, b) => a.peerName.localeCompare(b.peerName) || a.peer.localeCompare(b.peer));
  return { cid: requiredString(o, 'cid', 'pin status'), name: str(o, 'name'), allocations: strings(o, 'allocations'), created: str(o, 'created'), peers };
}

export function parsePin(value: unknown): RawPin {
  const o = obj(value, 'pin');
  return {
    cid: requiredString(o, 'cid', 'pin'),
    name: str(o, 'name'),
    allocations: strings(o, 'allocations'),
    replicationMin: num(o, 'replication_factor_min'),
    replicationMax: num(o, 'replication_factor_max'),
    timestamp: str(o, 'timestamp'),
  };
}

export function parseAddOutput(value: unknown): RawAddOutput {
  const o = obj(value, '/add');
  return { name: str(o, 'name'), cid: requiredString(o, 'cid', '/add'), size: num(o, 'size'), allocations: strings(o, 'allocations') };
}

/** /ipfs/gc answers `{peer_map: {peer: {peername, keys: [{key}], error}}}`. */
export function parseGc(value: unknown): RawGc[] {
  const o = obj(value, '/ipfs/gc');
  const peerMap = typeof o.peer_map === 'object' && o.peer_map !== null ? (o.peer_map as Obj) : {};
  return Object.entries(peerMap)
    .map(([peer, info]) => {
      const p = obj(info, '/ipfs/gc');
      const keys = Array.isArray(p.keys) ? p.keys : [];
      return { peer, peerName: str(p, 'peername'), removed: keys.length, error: str(p, 'error') };
    })
    .sort((a, b) => a.peerName.localeCompare(b.peerName));
}

/** Cluster's error body is `{"code": 404, "message": "…"}`; anything else is shown as text. */
export function errorMessageOf(body: string): string {
  try {
    const o = JSON.parse(body) as Obj;
    if (typeof o.message === 'string' && o.message !== '') return o.message;
  } catch {
    // not JSON: fall through
  }
  return body.trim().slice(0, 200) || 'no message';
}
