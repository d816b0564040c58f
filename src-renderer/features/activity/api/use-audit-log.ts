import { useQuery } from '@tanstack/react-query';
import { useCall } from '../../../shared/api/call';
import { queryKeys } from '../../../shared/api/query-keys';

export const AUDIT_PAGE_SIZE = 200;

/** The audit log, newest first. By id, not time: ids follow commit order even if the clock stepped back. */
export function useAuditLog(limit = AUDIT_PAGE_SIZE) {
  const call = useCall();
  return useQuery({
    queryKey: queryKeys.inventory.audit(limit),
    queryFn: () => call('audit.list', { limit }),
    select: (entries) => [...entries].sort((a, b) => b.id - a.id),
  });
}
