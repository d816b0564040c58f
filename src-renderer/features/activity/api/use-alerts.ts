import { useQuery } from '@tanstack/react-query';
import { useCall } from '../../../shared/api/call';
import { queryKeys } from '../../../shared/api/query-keys';

export const ALERTS_PAGE_SIZE = 200;

/** Alerts the health poller raised (fill thresholds, unreachable, recovered), newest first. */
export function useAlerts(limit = ALERTS_PAGE_SIZE) {
  const call = useCall();
  return useQuery({
    queryKey: queryKeys.alerts.list(limit),
    queryFn: () => call('alerts.list', { limit }),
    select: (entries) => [...entries].sort((a, b) => b.id - a.id),
  });
}
