// What the console knows about each node's health and capacity. Plain data.

export type HealthState = 'online' | 'degraded' | 'full' | 'unreachable' | 'draining' | 'unknown';

export interface CapacityFigures {
  /** kubo RepoSize, bytes. */
  repoSize: number;
  /** kubo StorageMax, bytes. */
  storageMax: number;
  /** Free and total bytes of the filesystem holding the kubo repo on the server (`df`). */
  diskFree: number;
  diskTotal: number;
  /** min(StorageMax × GC watermark − RepoSize, disk free − reserve), ≥ 0. */
  usableFree: number;
  usableTotal: number;
  reserved: number;
  fillRatio: number;
  limitedBy: 'storage-max' | 'disk';
}

export interface ContainerInfo {
  name: string;
  state: string;
  restartCount: number;
  image: string;
  startedAt: string | null;
  cpuPercent: number | null;
  memoryBytes: number | null;
}

export interface BandwidthFigures {
  /** Bytes per second, as kubo's stats/bw reports. */
  rateIn: number;
  rateOut: number;
  totalIn: number;
  totalOut: number;
}

export interface NodeHealth {
  name: string;
  state: HealthState;
  /** Why it is in that state, in words for the admin (the error when unreachable). */
  reason: string;
  /** When the last poll finished, ISO-8601; null before the first. */
  checkedAt: string | null;
  /** When the node last answered, ISO-8601; shown as "last seen" when offline. */
  lastSeenAt: string | null;
  capacity: CapacityFigures | null;
  kuboVersion: string | null;
  peerId: string | null;
  peers: number | null;
  bandwidth: BandwidthFigures | null;
  container: ContainerInfo | null;
  latencyMs: number | null;
}

export interface FleetHealth {
  nodes: NodeHealth[];
  totals: { used: number; usableFree: number; usableTotal: number };
  byState: Record<HealthState, number>;
  pollIntervalMs: number;
  /** When the last full poll cycle finished, ISO-8601. */
  lastCycleAt: string | null;
}

export type SeriesRange = '1h' | '24h' | '7d' | '30d';

export interface SeriesPoint {
  /** Milliseconds since the epoch. */
  at: number;
  used: number;
  usableFree: number;
}

export type CapacityForecast =
  | { kind: 'full-at'; at: number; bytesPerDay: number }
  | { kind: 'not-filling'; bytesPerDay: number }
  | { kind: 'unknown'; reason: string };

export interface CapacitySeries {
  /** null for the fleet-wide series. */
  name: string | null;
  range: SeriesRange;
  points: SeriesPoint[];
  forecast: CapacityForecast;
}

export type AlertKind = 'fill-80' | 'fill-95' | 'unreachable' | 'recovered';

export interface AlertEntry {
  id: number;
  at: string;
  node: string;
  kind: AlertKind;
  message: string;
}

export interface HealthSettings {
  pollIntervalSeconds: number;
  /** Datastore.StorageGCWatermark as a percentage. */
  gcWatermarkPercent: number;
  diskReserveBytes: number;
  fullBelowBytes: number;
}
