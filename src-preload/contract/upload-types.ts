// Uploads: the plan shown before any byte moves, the queue and its history, and the
// progress events the queue view follows. Plain data.

export type UploadStatus = 'queued' | 'uploading' | 'pinning' | 'done' | 'failed' | 'cancelled';
export type ReplicaStatus = 'pending' | 'pinning' | 'pinned' | 'failed' | 'unpinned';

export interface PlannedTarget {
  node: string;
  /** Usable free bytes left on the node once this item is counted against it. */
  freeAfter: number;
  why: string;
}

/** One planned item: where it would go, or why it cannot go anywhere (and by how much). */
export type ItemPlan =
  | { name: string; size: number; ok: true; targets: PlannedTarget[] }
  | { name: string; size: number; ok: false; reason: string; shortfallBytes: number };

export interface UploadReplica {
  node: string;
  status: ReplicaStatus;
  pinnedAt: string | null;
  error: string | null;
}

export interface UploadItem {
  id: number;
  name: string;
  sourcePath: string | null;
  size: number;
  cid: string | null;
  status: UploadStatus;
  replicasWanted: number;
  chunker: string | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
  /** The failure, or why a queued item is waiting ("waiting for space: …"). */
  error: string | null;
  replicas: UploadReplica[];
}

export interface UploadProgress {
  id: number;
  status: UploadStatus;
  bytesDone: number;
  bytesTotal: number;
  rateBytesPerSec: number;
  /** Seconds left at the current rate; null while the rate is unknown. */
  etaSec: number | null;
  /** The node receiving the bytes (or being pinned on); null while queued. */
  node: string | null;
  cid?: string;
  error?: string;
}

/** What uploads.start queued, and what inside dropped folders it left out and why. */
export interface UploadStarted {
  ids: number[];
  skipped: { path: string; reason: string }[];
}
