// Pure: how the Cluster page names and colours Cluster's per-peer pin states, and its filters.
import type { ClusterPinState } from '../../../../src-preload/contract/cluster-types';

export type PinsFilter = 'all' | 'underReplicated' | 'pinned' | 'pinning' | 'queued' | 'error' | 'unexpectedly_unpinned';

export const FILTERS: { id: PinsFilter; label: string }[] = [
  { id: 'all', label: 'All' },
  { id: 'underReplicated', label: 'Under-replicated' },
  { id: 'pinned', label: 'Pinned' },
  { id: 'pinning', label: 'Pinning' },
  { id: 'queued', label: 'Queued' },
  { id: 'error', label: 'Errors' },
  { id: 'unexpectedly_unpinned', label: 'Unexpectedly unpinned' },
];

export type Tone = 'ok' | 'busy' | 'bad' | 'quiet';

export function toneOf(state: ClusterPinState): Tone {
  switch (state) {
    case 'pinned':
      return 'ok';
    case 'pinning':
    case 'pin_queued':
    case 'queued':
    case 'unpinning':
    case 'unpin_queued':
      return 'busy';
    case 'pin_error':
    case 'unpin_error':
    case 'cluster_error':
    case 'error':
    case 'unexpectedly_unpinned':
      return 'bad';
    default:
      return 'quiet';
  }
}

/** Words for the admin; 'remote' means "allocated elsewhere", not a problem. */
export function stateLabel(state: ClusterPinState): string {
  if (state === 'remote') return 'elsewhere';
  return state.replace(/_/g, ' ');
}

export function replicationLabel(min: number | null, max: number | null): string {
  const one = (v: number | null) => (v === null ? '?' : v === -1 ? 'all' : v === 0 ? 'default' : String(v));
  return min === max ? one(min) : `${one(min)}–${one(max)}`;
}

export function shortCid(cid: string): string {
  return cid.length > 20 ? `${cid.slice(0, 10)}…${cid.slice(-6)}` : cid;
}
