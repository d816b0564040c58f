// "Set up a cluster": the dry run (the plan), the real run, and its live log from
// cluster.setupProgress. The log is a stream main cannot answer again, so it is held here while
// the wizard shows it; the run's result invalidates everything the Cluster page reads.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useApi } from '../../../shared/api/api-context';
import { useCall } from '../../../shared/api/call';
import { applySetupProgress, emptySetupLog, type SetupInput, type SetupLog } from '../lib/setup-draft';
import { clusterKeys } from './use-cluster';

export function useSetupPlan() {
  const call = useCall();
  return useMutation({ mutationFn: (input: SetupInput) => call('cluster.setup', { ...input, dryRun: true }) });
}

export function useSetupRun() {
  const call = useCall();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SetupInput) => call('cluster.setup', { ...input, dryRun: false }),
    // Even a run that stopped half-way may have started peers or changed the settings.
    onSettled: () => queryClient.invalidateQueries({ queryKey: clusterKeys.all() }),
  });
}

/** Every cluster.setupProgress event since the last reset (one set-up runs at a time in main). */
export function useSetupProgress(): { log: SetupLog; reset(): void } {
  const api = useApi();
  const [log, setLog] = useState<SetupLog>(emptySetupLog);
  useEffect(() => api.events.onClusterSetupProgress((event) => setLog((current) => applySetupProgress(current, event))), [api]);
  return { log, reset: () => setLog(emptySetupLog()) };
}
