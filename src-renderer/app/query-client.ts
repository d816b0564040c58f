import { QueryClient } from '@tanstack/react-query';
import { isPinfleetError } from '../../src-preload/contract/errors';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Pinfleet talks only to its own main process: the laptop being offline changes nothing,
        // so never let react-query pause requests for lack of a network.
        networkMode: 'always',
        // A refusal from the router will not change on retry; a dropped link may.
        retry: (failures, error) => !isPinfleetError(error) && failures < 3,
        refetchOnWindowFocus: false,
        staleTime: 5_000,
      },
      mutations: { networkMode: 'always', retry: false },
    },
  });
}
