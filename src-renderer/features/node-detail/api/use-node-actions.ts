// What the admin can do to a node from its page. Each settles by refetching what it changed (the
// node's health, the inventory), so the page shows what main stored, not what we hoped.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCall } from '../../../shared/api/call';
import { invalidateHealth } from '../../../shared/api/health-queries';
import { invalidateInventory } from '../../../shared/api/inventory-queries';

function useNodeMutation<O>(run: () => Promise<O>, onSuccess?: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess,
    onSettled: () => Promise.all([invalidateInventory(queryClient), invalidateHealth(queryClient)]),
  });
}

export function useSetAdminState(name: string, state: 'active' | 'draining') {
  const call = useCall();
  return useNodeMutation(() => call('nodes.update', { name, changes: { state } }));
}

export function useRestartContainer(name: string) {
  const call = useCall();
  return useNodeMutation(() => call('nodes.restartContainer', { name }));
}

export function useRunGc(name: string) {
  const call = useCall();
  return useNodeMutation(() => call('nodes.runGc', { name }));
}

export function usePollNow(name: string) {
  const call = useCall();
  return useNodeMutation(() => call('health.pollNow', { name }));
}

/**
 * `onRemoved` runs before the refetch: once the inventory no longer holds the node its page
 * unmounts, and a callback passed to mutate() would never run.
 */
export function useRemoveNode(name: string, onRemoved: () => void) {
  const call = useCall();
  return useNodeMutation(() => call('nodes.remove', { name }), onRemoved);
}
