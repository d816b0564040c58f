// The admin's health settings and how they turn into the policy and thresholds of one node.
// Pure: the settings store reads and writes them, the poller applies them.
import type { HealthSettings } from '../../src-preload/contract/health-types.js';
import type { CapacityPolicy } from './capacity.js';
import { DEFAULT_HEALTH_THRESHOLDS, type HealthThresholds } from './node-health.js';

export const DEFAULT_HEALTH_SETTINGS: HealthSettings = {
  pollIntervalSeconds: 30,
  gcWatermarkPercent: 90,
  diskReserveBytes: 1024 ** 3,
  fullBelowBytes: 256 * 1024 ** 2,
};

/**
 * Small disks would be all reserve with a fixed 1 GiB, and a 200 MB node would always count as
 * full under a fixed 256 MiB threshold. So each is capped by a share of the node itself: the
 * reserve by 5 % of the disk, the full threshold by 5 % of the node's usable ceiling.
 */
export const RESERVE_SHARE_OF_DISK = 0.05;
export const FULL_SHARE_OF_CEILING = 0.05;

export function capacityPolicyFor(settings: HealthSettings, diskTotal: number): CapacityPolicy {
  return {
    gcWatermark: settings.gcWatermarkPercent / 100,
    diskReserve: Math.min(settings.diskReserveBytes, Math.floor(diskTotal * RESERVE_SHARE_OF_DISK)),
  };
}

export function thresholdsFor(settings: HealthSettings, usableCeiling: number): HealthThresholds {
  return {
    ...DEFAULT_HEALTH_THRESHOLDS,
    fullBelowBytes: Math.min(settings.fullBelowBytes, Math.floor(usableCeiling * FULL_SHARE_OF_CEILING)),
  };
}

/** Keeps only known settings with sane values; a hand-edited or older row never breaks polling. */
export function mergeSettings(base: HealthSettings, stored: unknown): HealthSettings {
  if (typeof stored !== 'object' || stored === null) return base;
  const merged = { ...base };
  for (const key of Object.keys(base) as (keyof HealthSettings)[]) {
    const value = (stored as Record<string, unknown>)[key];
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) merged[key] = value;
  }
  return merged;
}
