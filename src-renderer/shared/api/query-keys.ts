// One factory for every react-query key, so invalidation after a change names the same keys
// the queries use. Everything the inventory feeds sits under `inventory`; everything the
// health poller feeds under `health`, so one `health.updated` event refreshes all of it.
import type { SeriesRange } from '../../../src-preload/contract/health-types';

export const queryKeys = {
  appInfo: () => ['app', 'info'] as const,
  inventory: {
    all: () => ['inventory'] as const,
    nodes: () => ['inventory', 'nodes'] as const,
    status: () => ['inventory', 'status'] as const,
    audit: (limit: number) => ['inventory', 'audit', limit] as const,
  },
  health: {
    all: () => ['health'] as const,
    fleet: () => ['health', 'fleet'] as const,
    node: (name: string) => ['health', 'node', name] as const,
    /** name null: the fleet-wide series. */
    series: (name: string | null, range: SeriesRange) => ['health', 'series', name, range] as const,
  },
  alerts: {
    all: () => ['alerts'] as const,
    list: (limit: number) => ['alerts', 'list', limit] as const,
  },
  uploads: {
    all: () => ['uploads'] as const,
    /** search '' lists everything (newest first, as main answers). */
    list: (search: string) => ['uploads', 'list', search] as const,
  },
  connections: {
    all: (name: string) => ['connections', name] as const,
    credentials: (name: string) => ['connections', name, 'credentials'] as const,
    hostKey: (name: string) => ['connections', name, 'host-key'] as const,
  },
};
