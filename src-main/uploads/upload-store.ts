// The upload queue and its history in SQLite (tables uploads and upload_replicas of schema v1):
// the queue survives a restart, and an item is only ever 'done' after every replica said pinned.
import type Database from 'better-sqlite3';
import type { ReplicaStatus, UploadItem, UploadStatus } from '../../src-preload/contract/upload-types.js';

interface UploadRow {
  id: number;
  name: string;
  source_path: string | null;
  size: number;
  cid: string | null;
  status: UploadStatus;
  replicas_wanted: number;
  chunker: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
  error: string | null;
}

const FINISHED: UploadStatus[] = ['done', 'failed', 'cancelled'];

export class UploadStore {
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  insert(item: { name: string; sourcePath: string; size: number; replicas: number; chunker: string; targetNodeId?: number | null }): number {
    const at = this.now().toISOString();
    const result = this.db
      .prepare(`INSERT INTO uploads (name, source_path, size, status, replicas_wanted, chunker, created_at, updated_at, target_node_id)
                VALUES (?, ?, ?, 'queued', ?, ?, ?, ?, ?)`)
      .run(item.name, item.sourcePath, item.size, item.replicas, item.chunker, at, at, item.targetNodeId ?? null);
    return Number(result.lastInsertRowid);
  }

  /** The node the admin chose for this upload, if any and still in the inventory. */
  targetNode(id: number): string | null {
    const row = this.db
      .prepare('SELECT n.name FROM uploads u JOIN nodes n ON n.id = u.target_node_id WHERE u.id = ?')
      .get(id) as { name: string } | undefined;
    return row?.name ?? null;
  }

  /** Moves an item on; `error` null clears it. Finishing states stamp finished_at. */
  setStatus(id: number, status: UploadStatus, fields: { cid?: string | null; error?: string | null } = {}): void {
    const at = this.now().toISOString();
    this.db
      .prepare(`UPDATE uploads SET status = ?, updated_at = ?, finished_at = ?, error = ?, cid = COALESCE(?, cid) WHERE id = ?`)
      .run(status, at, FINISHED.includes(status) ? at : null, fields.error ?? null, fields.cid ?? null, id);
  }

  setReplica(uploadId: number, nodeId: number, status: ReplicaStatus, error: string | null = null): void {
    const pinnedAt = status === 'pinned' ? this.now().toISOString() : null;
    this.db
      .prepare(`INSERT INTO upload_replicas (upload_id, node_id, status, pinned_at, error) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (upload_id, node_id) DO UPDATE SET status = excluded.status, pinned_at = excluded.pinned_at, error = excluded.error`)
      .run(uploadId, nodeId, status, pinnedAt, error);
  }

  /** Replicas still marked in progress when the item stopped (cancelled, failed) are not left 'pinning'. */
  settleReplicas(uploadId: number, error: string): void {
    this.db
      .prepare(`UPDATE upload_replicas SET status = 'failed', error = ? WHERE upload_id = ? AND status IN ('pending', 'pinning')`)
      .run(error, uploadId);
  }

  /** Replicas that failed on a node after the item's CID was known: their pin (if any) may still be there. */
  failedReplicasWithCid(): { uploadId: number; node: string; nodeId: number; cid: string }[] {
    return this.db
      .prepare(`SELECT r.upload_id AS uploadId, n.name AS node, n.id AS nodeId, u.cid FROM upload_replicas r
                JOIN uploads u ON u.id = r.upload_id JOIN nodes n ON n.id = r.node_id
                WHERE r.status = 'failed' AND u.cid IS NOT NULL AND u.status IN ('done', 'failed', 'cancelled')`)
      .all() as { uploadId: number; node: string; nodeId: number; cid: string }[];
  }

  get(id: number): UploadItem | null {
    const row = this.db.prepare('SELECT * FROM uploads WHERE id = ?').get(id) as UploadRow | undefined;
    return row ? this.toItem(row) : null;
  }

  /** Newest first; `search` matches the name (case-insensitive) or the start of the CID. */
  list(search: string | undefined, limit: number): UploadItem[] {
    const rows = (
      search
        ? this.db
            .prepare(`SELECT * FROM uploads WHERE name LIKE ? ESCAPE '\\' OR cid LIKE ? ESCAPE '\\' ORDER BY id DESC LIMIT ?`)
            .all(`%${escapeLike(search)}%`, `${escapeLike(search)}%`, limit)
        : this.db.prepare('SELECT * FROM uploads ORDER BY id DESC LIMIT ?').all(limit)
    ) as UploadRow[];
    return rows.map((row) => this.toItem(row));
  }

  withStatus(statuses: readonly UploadStatus[]): UploadItem[] {
    const rows = this.db
      .prepare(`SELECT * FROM uploads WHERE status IN (${statuses.map(() => '?').join(', ')}) ORDER BY id`)
      .all(...statuses) as UploadRow[];
    return rows.map((row) => this.toItem(row));
  }

  private toItem(row: UploadRow): UploadItem {
    const replicas = this.db
      .prepare(`SELECT n.name AS node, r.status, r.pinned_at AS pinnedAt, r.error FROM upload_replicas r
                JOIN nodes n ON n.id = r.node_id WHERE r.upload_id = ? ORDER BY n.name`)
      .all(row.id) as UploadItem['replicas'];
    return {
      id: row.id, name: row.name, sourcePath: row.source_path, size: row.size, cid: row.cid, status: row.status,
      replicasWanted: row.replicas_wanted, chunker: row.chunker, createdAt: row.created_at, updatedAt: row.updated_at,
      finishedAt: row.finished_at, error: row.error, replicas,
    };
  }
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
