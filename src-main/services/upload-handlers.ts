// Answers the upload channels from the upload service. No electron import.
import type { Handlers } from '../core/router.js';
import type { UploadService } from '../uploads/upload-service.js';

type UploadHandlers = Pick<Handlers, 'uploads.plan' | 'uploads.start' | 'uploads.list' | 'uploads.cancel' | 'uploads.retry'>;

export function uploadHandlers(uploads: UploadService): UploadHandlers {
  return {
    'uploads.plan': ({ items, replicas, node }) => uploads.plan(items, replicas, node),
    'uploads.start': ({ paths, replicas, node }) => uploads.start(paths, replicas, node),
    'uploads.list': ({ search, limit }) => uploads.list(search, limit),
    'uploads.cancel': ({ id }) => uploads.cancel(id),
    'uploads.retry': ({ id }) => uploads.retry(id),
  };
}
