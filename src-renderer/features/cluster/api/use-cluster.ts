// Server state of the Cluster page: peers and alerts, the pinset (polled while the page is open:
// Cluster has no events to push), the settings, and the actions that invalidate them.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput } from '../../../../src-preload/contract/contract';
import { useCall } from '../../../shared/api/call';
import type { PinsFilter } from '../lib/pin-states';

export const clusterKeys = {
  all: () => ['cluster'] as const,
  peers: () => ['cluster', 'peers'] as const,
  pins: (filter: PinsFilter) => ['cluster', 'pins', filter] as const,
  settings: () => ['cluster', 'settings'] as const,
};

/** Often enough to watch a re-allocation converge, rarely enough for a large pinset. */
const POLL_MS = 5_000;

export function useClusterPeers() {
  const call = useCall();
  return useQuery({ queryKey: clusterKeys.peers(), queryFn: () => call('cluster.peers'), refetchInterval: POLL_MS, retry: false });
}

export function useClusterPins(filter: PinsFilter) {
  const call = useCall();
  return useQuery({
    queryKey: clusterKeys.pins(filter),
    queryFn: () => call('cluster.pins', { filter, limit: 500 }),
    refetchInterval: POLL_MS,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

export function useClusterSettings() {
  const call = useCall();
  return useQuery({ queryKey: clusterKeys.settings(), queryFn: () => call('cluster.settings') });
}

function useClusterMutation<I, O>(run: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: run, onSettled: () => queryClient.invalidateQueries({ queryKey: clusterKeys.all() }) });
}

export function useRecover() {
  const call = useCall();
  return useClusterMutation((cid: string | undefined) => call('cluster.recover', cid ? { cid } : {}));
}

export function useSetReplication() {
  const call = useCall();
  return useClusterMutation((input: ChannelInput<'cluster.setReplication'>) => call('cluster.setReplication', input));
}

export function useUnpin() {
  const call = useCall();
  return useClusterMutation((cid: string) => call('cluster.unpin', { cid }));
}

export function useClusterGc() {
  const call = useCall();
  return useClusterMutation(() => call('cluster.gc'));
}

export function useUpdateClusterSettings() {
  const call = useCall();
  return useClusterMutation((changes: ChannelInput<'cluster.updateSettings'>) => call('cluster.updateSettings', changes));
}
