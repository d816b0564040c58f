// Keeps server state fresh without polling: refetch when main announces an inventory change
// (from this window, another window, the CLI) and after the link to main comes back.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useApi } from '../shared/api/api-context';
import { invalidateInventory } from '../shared/api/inventory-queries';
import { useConnectionStore } from '../shared/connection/connection-store';

export function useInventorySync(): void {
  const api = useApi();
  const queryClient = useQueryClient();
  const reconnects = useConnectionStore((state) => state.reconnects);

  useEffect(
    () => api.events.onInventoryChanged(() => void invalidateInventory(queryClient)),
    [api, queryClient],
  );

  useEffect(() => {
    // Events sent while we were away are lost: refetch everything once we are back.
    if (reconnects > 0) void queryClient.invalidateQueries();
  }, [reconnects, queryClient]);
}
