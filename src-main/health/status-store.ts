// The latest health of each node (`node_status`) and its capacity samples. One transaction per
// poll: the graph never shows a sample the fleet view does not, nor the other way round.
import { prepared } from '../inventory/prepared.js';
import type Database from 'better-sqlite3';
import type { NodeHealth } from '../../src-preload/contract/health-types.js';

interface StatusRow {
  name: string;
  state: NodeHealth['state'];
  reason: string;
  checked_at: string | null;
  last_seen_at: string | null;
  capacity: string | null;
  kubo_version: string | null;
  peer_id: string | null;
  peers: number | null;
  bandwidth: string | null;
  container: string | null;
  latency_ms: number | null;
}

const parse = <T>(json: string | null): T | null => (json === null ? null : (JSON.parse(json) as T));

function toHealth(row: StatusRow): NodeHealth {
  return {
    name: row.name,
    state: row.state,
    reason: row.reason,
    checkedAt: row.checked_at,
    lastSeenAt: row.last_seen_at,
    capacity: parse(row.capacity),
    kuboVersion: row.kubo_version,
    peerId: row.peer_id,
    peers: row.peers,
    bandwidth: parse(row.bandwidth),
    container: parse(row.container),
    latencyMs: row.latency_ms,
  };
}

const SELECT_STATUS = `
  SELECT n.name, s.state, s.reason, s.checked_at, s.last_seen_at, s.capacity, s.kubo_version, s.peer_id,
         s.peers, s.bandwidth, s.container, s.latency_ms
  FROM node_status s JOIN nodes n ON n.id = s.node_id`;

export class StatusStore {
  constructor(private readonly db: Database.Database) {}

  /** Keyed by node name, as the inventory spells it. */
  all(): Map<string, NodeHealth> {
    const rows = prepared(this.db, SELECT_STATUS).all() as StatusRow[];
    return new Map(rows.map((row) => [row.name, toHealth(row)]));
  }

  get(nodeId: number): NodeHealth | null {
    const row = prepared(this.db, `${SELECT_STATUS} WHERE s.node_id = ?`).get(nodeId) as StatusRow | undefined;
    return row ? toHealth(row) : null;
  }

  /**
   * Saves a poll: the latest status, and a raw capacity sample. A node that did not answer gets
   * a sample with only its state and error (its last capacity stays in node_status, not in the graph).
   */
  record(nodeId: number, health: NodeHealth, measured: boolean): void {
    this.db.transaction(() => {
      const c = measured ? health.capacity : null;
      prepared(
        this.db,
        `INSERT INTO capacity_samples (node_id, at, resolution, repo_size, storage_max, disk_free, disk_total, peers,
             usable_free, latency_ms, state, error)
         VALUES (?, ?, 'raw', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
          nodeId, health.checkedAt, c?.repoSize ?? null, c?.storageMax ?? null, c?.diskFree ?? null, c?.diskTotal ?? null,
          health.peers, c?.usableFree ?? null, health.latencyMs, health.state, measured ? null : health.reason,
        );
      prepared(
        this.db,
        `INSERT INTO node_status (node_id, state, reason, checked_at, last_seen_at, capacity, kubo_version, peer_id,
             peers, bandwidth, container, latency_ms)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (node_id) DO UPDATE SET state = excluded.state, reason = excluded.reason,
             checked_at = excluded.checked_at, last_seen_at = excluded.last_seen_at, capacity = excluded.capacity,
             kubo_version = excluded.kubo_version, peer_id = excluded.peer_id, peers = excluded.peers,
             bandwidth = excluded.bandwidth, container = excluded.container, latency_ms = excluded.latency_ms`,
      ).run(
          nodeId, health.state, health.reason, health.checkedAt, health.lastSeenAt, json(health.capacity),
          health.kuboVersion, health.peerId, health.peers, json(health.bandwidth), json(health.container), health.latencyMs,
        );
    })();
  }
}

const json = (value: unknown) => (value === null ? null : JSON.stringify(value));
