// Keeps health and capacity fresh without polling from here: main's poller announces each cycle
// with `health.updated`, and every health query (fleet, node, series) refetches from SQLite.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useApi } from '../shared/api/api-context';
import { invalidateHealth } from '../shared/api/health-queries';

export function useHealthSync(): void {
  const api = useApi();
  const queryClient = useQueryClient();
  useEffect(() => api.events.onHealthUpdated(() => void invalidateHealth(queryClient)), [api, queryClient]);
}
