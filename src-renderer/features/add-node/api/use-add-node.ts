import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { NodeInput } from '../../../../src-preload/contract/schemas';
import { useCall } from '../../../shared/api/call';
import { invalidateInventory } from '../../../shared/api/inventory-queries';

export function useAddNode() {
  const call = useCall();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: NodeInput) => call('nodes.add', input),
    onSettled: () => invalidateInventory(queryClient),
  });
}
