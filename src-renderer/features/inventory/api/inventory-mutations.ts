// Changes to the inventory. Each invalidates the inventory's queries when it settles, so the
// table shows what main stored, not what we hoped it stored.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput } from '../../../../src-preload/contract/contract';
import { useCall } from '../../../shared/api/call';
import { invalidateInventory } from '../../../shared/api/inventory-queries';

function useInventoryMutation<I, O>(run: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: run, onSettled: () => invalidateInventory(queryClient) });
}

export function useUpdateNode() {
  const call = useCall();
  return useInventoryMutation((input: ChannelInput<'nodes.update'>) => call('nodes.update', input));
}

export function useRemoveNode() {
  const call = useCall();
  return useInventoryMutation((name: string) => call('nodes.remove', { name }));
}

export function useImportInventory() {
  const call = useCall();
  return useInventoryMutation((input: ChannelInput<'inventory.import'>) => call('inventory.import', input));
}

/** Export changes nothing, so it is a plain call, not a mutation of the cache. */
export function useExportInventory() {
  const call = useCall();
  return useMutation({ mutationFn: (format: 'json' | 'csv') => call('inventory.export', { format }) });
}
