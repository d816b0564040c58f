// Health and capacity as the poller in main last measured them, read by the fleet overview and
// the node detail page. Main answers from SQLite, so these work offline; `health.updated`
// invalidates them (see app/use-health-sync) instead of any polling from here.
import { keepPreviousData, useQuery, type QueryClient } from '@tanstack/react-query';
import type { SeriesRange } from '../../../src-preload/contract/health-types';
import { useCall } from './call';
import { queryKeys } from './query-keys';

export function useFleetHealth() {
  const call = useCall();
  return useQuery({ queryKey: queryKeys.health.fleet(), queryFn: () => call('health.fleet') });
}

export function useNodeHealth(name: string) {
  const call = useCall();
  return useQuery({ queryKey: queryKeys.health.node(name), queryFn: () => call('health.node', { name }) });
}

/** name null: the fleet-wide series. Keeps the old graph on screen while another range loads. */
export function useCapacitySeries(name: string | null, range: SeriesRange) {
  const call = useCall();
  return useQuery({
    queryKey: queryKeys.health.series(name, range),
    queryFn: () => call('health.series', name === null ? { range } : { name, range }),
    placeholderData: keepPreviousData,
  });
}

export function invalidateHealth(queryClient: QueryClient): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: queryKeys.health.all() });
}
