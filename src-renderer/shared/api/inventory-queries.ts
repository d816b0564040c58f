// Server state read by more than one feature: the node list and the app info. Each feature
// reads it through these hooks; none keeps a copy of it.
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { useCall } from './call';
import { queryKeys } from './query-keys';

export function useNodes() {
  const call = useCall();
  return useQuery({ queryKey: queryKeys.inventory.nodes(), queryFn: () => call('nodes.list') });
}

export function useAppInfo() {
  const call = useCall();
  return useQuery({ queryKey: queryKeys.appInfo(), queryFn: () => call('app.info') });
}

/** After any change to the inventory (ours, or announced by main), refetch what depends on it. */
export function invalidateInventory(queryClient: QueryClient): Promise<void> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: queryKeys.inventory.all() }),
    // Backups and the read-only state live in app.info and can change with an import.
    queryClient.invalidateQueries({ queryKey: queryKeys.appInfo() }),
    // Health lists the inventory's nodes, and draining a node changes its health state.
    queryClient.invalidateQueries({ queryKey: queryKeys.health.all() }),
  ]).then(() => undefined);
}
