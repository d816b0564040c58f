// The figures of a node's page, as label/value pairs in words. Pure: the page renders what these
// return, and the unit tests pin down what is said when something was never measured.
import type { BandwidthFigures, CapacityFigures, ContainerInfo } from '../../../../src-preload/contract/health-types';
import { formatBytes, formatPercent, formatRate } from '../../../shared/lib/format-bytes';
import { formatRelativeTime } from '../../../shared/lib/relative-time';
import { formatTimestamp } from '../../../shared/lib/format-time';

export interface Figure {
  label: string;
  value: string;
  /** A stable name for tests and styling. */
  id: string;
}

export const NOT_MEASURED = 'not measured yet';

export function bindingLimit(limitedBy: CapacityFigures['limitedBy']): string {
  return limitedBy === 'disk' ? 'Disk free minus the reserve' : 'StorageMax × GC watermark';
}

export function capacityFigures(capacity: CapacityFigures | null): Figure[] {
  if (!capacity) return [{ id: 'capacity', label: 'Capacity', value: NOT_MEASURED }];
  return [
    { id: 'repo-size', label: 'Repo size (RepoSize)', value: formatBytes(capacity.repoSize) },
    { id: 'storage-max', label: 'StorageMax', value: formatBytes(capacity.storageMax) },
    { id: 'disk', label: 'Disk free / total', value: `${formatBytes(capacity.diskFree)} of ${formatBytes(capacity.diskTotal)}` },
    { id: 'usable-free', label: 'Usable free', value: `${formatBytes(capacity.usableFree)} of ${formatBytes(capacity.usableTotal)}` },
    { id: 'reserved', label: 'Reserved', value: formatBytes(capacity.reserved) },
    { id: 'fill', label: 'Fill', value: formatPercent(capacity.fillRatio) },
    { id: 'limit', label: 'Limit that binds', value: bindingLimit(capacity.limitedBy) },
  ];
}

export function bandwidthWords(bandwidth: BandwidthFigures | null): string {
  if (!bandwidth) return NOT_MEASURED;
  return `in ${formatRate(bandwidth.rateIn)}, out ${formatRate(bandwidth.rateOut)} (total ${formatBytes(bandwidth.totalIn)} in, ${formatBytes(bandwidth.totalOut)} out)`;
}

export function startedWords(startedAt: string | null, nowMs: number): string {
  if (!startedAt) return 'not running';
  return `${formatTimestamp(startedAt)} (${formatRelativeTime(startedAt, nowMs)})`;
}

export function containerFigures(container: ContainerInfo | null, nowMs: number): Figure[] {
  if (!container) return [{ id: 'container', label: 'Container', value: NOT_MEASURED }];
  return [
    { id: 'container-name', label: 'Name', value: container.name },
    { id: 'container-state', label: 'State', value: container.state },
    { id: 'restarts', label: 'Restarts', value: String(container.restartCount) },
    { id: 'image', label: 'Image', value: container.image },
    { id: 'started', label: 'Started', value: startedWords(container.startedAt, nowMs) },
    { id: 'cpu', label: 'CPU', value: container.cpuPercent === null ? NOT_MEASURED : `${container.cpuPercent.toFixed(1)} %` },
    { id: 'memory', label: 'Memory', value: container.memoryBytes === null ? NOT_MEASURED : formatBytes(container.memoryBytes) },
  ];
}
