// The live log of a running wizard: provisioning.progress events for one host and kind, grouped
// by step. A stream, not state main could answer again, so it is held here while the page shows it.
import { useEffect, useState } from 'react';
import type { ProvisionProgress } from '../../../../src-preload/contract/provisioning-types';
import { useApi } from '../../../shared/api/api-context';
import { applyProgress, type StepLogs } from '../lib/step-logs';

export function useWizardProgress(host: string | null, kinds: readonly ProvisionProgress['kind'][]): { logs: StepLogs; reset(): void } {
  const api = useApi();
  const [logs, setLogs] = useState<StepLogs>({});
  const kindKey = kinds.join(',');
  useEffect(() => {
    if (!host) return undefined;
    return api.events.onProvisioningProgress((event) => {
      if (event.host === host && kindKey.split(',').includes(event.kind)) setLogs((current) => applyProgress(current, event));
    });
  }, [api, host, kindKey]);
  return { logs, reset: () => setLogs({}) };
}
