// Server state of the Uploads page: the plan, the stored queue and history, and the changes
// (start, cancel, retry) that invalidate it. Live progress arrives as uploads.progress events.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useApi } from '../../../shared/api/api-context';
import { useCall } from '../../../shared/api/call';
import { errorMessage } from '../../../shared/api/error-message';
import { queryKeys } from '../../../shared/api/query-keys';
import { useUploadQueue, type ChosenFile } from '../stores/upload-queue-store';
import { localPathsOf, planItemsOf, type FileRoute } from '../lib/file-route';
import { streamFileToMain } from './stream-file';

export const HISTORY_LIMIT = 200;

export function useUploadList(search: string) {
  const call = useCall();
  return useQuery({
    queryKey: queryKeys.uploads.list(search),
    queryFn: () => call('uploads.list', search ? { search, limit: HISTORY_LIMIT } : { limit: HISTORY_LIMIT }),
    placeholderData: keepPreviousData,
  });
}

/** Where the chosen files would go right now; re-asked whenever the files or replicas change. */
export function useUploadPlan(chosen: ChosenFile[], replicas: number, route: FileRoute) {
  const call = useCall();
  const items = planItemsOf(chosen, route);
  return useQuery({
    queryKey: [...queryKeys.uploads.all(), 'plan', replicas, items] as const,
    queryFn: () => call('uploads.plan', { items, replicas }),
    enabled: items.length > 0,
    staleTime: 0,
  });
}

/** Follows uploads.progress while the page is open; a status change refetches the lists. */
export function useUploadProgressSync(): void {
  const api = useApi();
  const queryClient = useQueryClient();
  useEffect(
    () =>
      api.events.onUploadsProgress((progress) => {
        if (useUploadQueue.getState().record(progress)) void queryClient.invalidateQueries({ queryKey: queryKeys.uploads.all() });
      }),
    [api, queryClient],
  );
}

/**
 * Queues the chosen files with uploads.start. In Electron, by their local paths (main streams them
 * from disk); in the browser, each is first sent to main (one at a time) and queued once it arrived.
 */
export function useStartUploads(route: FileRoute) {
  const call = useCall();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ files, replicas }: { files: ChosenFile[]; replicas: number }) => {
      const queue = useUploadQueue.getState();
      if (route.kind === 'paths') {
        const { paths, refused } = localPathsOf(files, route.pathFor);
        if (refused.length > 0) {
          queue.beginSending(refused.map(({ item }) => ({ key: item.key, name: item.name, size: item.file.size, error: null })));
          for (const { item, reason } of refused) queue.finishSending(item.key, reason);
        }
        if (paths.length === 0) return null;
        const started = await call('uploads.start', { paths, replicas });
        queue.addStarted(started.ids);
        return started;
      }
      queue.beginSending(files.map((f) => ({ key: f.key, name: f.name, size: f.file.size, error: null })));
      const paths: string[] = [];
      for (const chosen of files) {
        try {
          paths.push(await streamFileToMain(chosen.file, chosen.name));
          queue.finishSending(chosen.key, null);
        } catch (error) {
          queue.finishSending(chosen.key, errorMessage(error));
        }
      }
      if (paths.length === 0) return null;
      const started = await call('uploads.start', { paths, replicas });
      queue.addStarted(started.ids);
      return started;
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.uploads.all() }),
  });
}

export function useUploadAction(action: 'uploads.cancel' | 'uploads.retry') {
  const call = useCall();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => call(action, { id }),
    onSuccess: (item) => useUploadQueue.getState().forget(item.id),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.uploads.all() }),
  });
}
