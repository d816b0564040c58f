// What the admin is told when Pinfleet cannot start, e.g. an inventory written by a newer
// version (db_newer_than_app). A PinfleetError's message is written for the admin and shown as
// is; anything else is a bug, shown with its text so it can be reported.
import { isPinfleetError } from '../../src-preload/contract/errors.js';

export interface StartupFailureDialog {
  title: string;
  message: string;
}

export function describeStartupFailure(error: unknown, dataDir: string): StartupFailureDialog {
  if (isPinfleetError(error)) {
    return { title: 'Pinfleet cannot open its inventory', message: `${error.message}\n\nData folder: ${dataDir}` };
  }
  const text = error instanceof Error ? error.message : String(error);
  return {
    title: 'Pinfleet failed to start',
    message: `An unexpected error stopped Pinfleet from starting: ${text}\n\nData folder: ${dataDir}`,
  };
}
