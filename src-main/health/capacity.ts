// Capacity maths: how many more bytes a node can take before kubo's GC watermark or its disk's
// reserve is reached. Pure; placement and the capacity bars both use it.

export interface CapacityReading {
  /** kubo `repo/stat` RepoSize, bytes. */
  repoSize: number;
  /** kubo `repo/stat` StorageMax (Datastore.StorageMax), bytes. */
  storageMax: number;
  /** Free bytes on the filesystem that holds the kubo repo (`df`). */
  diskFree: number;
  /** Size of that filesystem, bytes. */
  diskTotal: number;
}

export interface CapacityPolicy {
  /** Datastore.StorageGCWatermark as a fraction (kubo's default is 90%). */
  gcWatermark: number;
  /** Bytes of disk to leave free for the OS, logs and kubo's own bookkeeping. */
  diskReserve: number;
}

export const DEFAULT_CAPACITY_POLICY: CapacityPolicy = {
  gcWatermark: 0.9,
  diskReserve: 1024 ** 3,
};

export interface CapacityBreakdown {
  used: number;
  /** min(StorageMax × watermark − RepoSize, disk free − reserve), never below zero. */
  usableFree: number;
  /** What the node holds back: the space above the watermark and the disk reserve. */
  reserved: number;
  /** The ceiling the node can ever fill to: used + usableFree. */
  usableTotal: number;
  /** used / usableTotal, 0–1; 1 when there is no usable space at all. */
  fillRatio: number;
  /** Which limit binds, so the UI can say why a node counts as full. */
  limitedBy: 'storage-max' | 'disk';
}

export function capacityOf(reading: CapacityReading, policy: CapacityPolicy = DEFAULT_CAPACITY_POLICY): CapacityBreakdown {
  const byStorageMax = reading.storageMax * policy.gcWatermark - reading.repoSize;
  const byDisk = reading.diskFree - policy.diskReserve;
  const usableFree = Math.max(0, Math.floor(Math.min(byStorageMax, byDisk)));
  const used = Math.max(0, reading.repoSize);
  const usableTotal = used + usableFree;
  const ceiling = Math.min(reading.storageMax, used + Math.max(0, reading.diskFree));
  return {
    used,
    usableFree,
    reserved: Math.max(0, ceiling - usableTotal),
    usableTotal,
    fillRatio: usableTotal === 0 ? 1 : used / usableTotal,
    limitedBy: byDisk < byStorageMax ? 'disk' : 'storage-max',
  };
}

/** Sums a fleet's capacity for the overview totals. */
export function fleetTotals(breakdowns: readonly CapacityBreakdown[]): { used: number; usableFree: number; usableTotal: number } {
  return breakdowns.reduce(
    (sum, b) => ({ used: sum.used + b.used, usableFree: sum.usableFree + b.usableFree, usableTotal: sum.usableTotal + b.usableTotal }),
    { used: 0, usableFree: 0, usableTotal: 0 },
  );
}
