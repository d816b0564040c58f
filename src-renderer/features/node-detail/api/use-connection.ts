// The node's SSH identity: its credential status (from the secret store, no network) and, on
// request only, a live host-key check (it opens a connection to the server).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCall } from '../../../shared/api/call';
import { invalidateHealth } from '../../../shared/api/health-queries';
import { invalidateInventory } from '../../../shared/api/inventory-queries';
import { queryKeys } from '../../../shared/api/query-keys';

export function useCredentialStatus(name: string) {
  const call = useCall();
  return useQuery({ queryKey: queryKeys.connections.credentials(name), queryFn: () => call('credentials.get', { name }) });
}

/** Not run on its own: `refetch()` when the admin asks, since it connects to the server. */
export function useHostKeyCheck(name: string) {
  const call = useCall();
  return useQuery({
    queryKey: queryKeys.connections.hostKey(name),
    queryFn: () => call('hostKeys.check', { name }),
    enabled: false,
    retry: false,
  });
}

function usePinMutation<I>(run: (input: I) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSettled: () => Promise.all([invalidateInventory(queryClient), invalidateHealth(queryClient)]),
  });
}

export function useTrustHostKey(name: string) {
  const call = useCall();
  return usePinMutation((fingerprint: string) => call('hostKeys.trust', { name, fingerprint }));
}

export function useReplaceHostKey(name: string) {
  const call = useCall();
  return usePinMutation(({ previous, next }: { previous: string; next: string }) =>
    call('hostKeys.replace', { name, previous, next }),
  );
}
