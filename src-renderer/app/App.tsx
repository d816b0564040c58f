import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import type { PinfleetApi } from '../../src-preload/api';
import { ApiProvider } from '../shared/api/api-context';
import { AppFrame } from './AppFrame';

export function App({ api, queryClient }: { api: PinfleetApi; queryClient: QueryClient }) {
  return (
    <ApiProvider api={api}>
      <QueryClientProvider client={queryClient}>
        <AppFrame />
      </QueryClientProvider>
    </ApiProvider>
  );
}
