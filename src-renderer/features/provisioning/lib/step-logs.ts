// Folding progress events into what the step list shows: per step its status, its lines (capped)
// and the latest byte count. Pure, so the folding is tested without a browser.
import type { ProvisionProgress, ProvisionStepStatus } from '../../../../src-preload/contract/provisioning-types';

export interface StepLog {
  status: ProvisionStepStatus;
  lines: string[];
  bytes: { done: number; total: number | null } | null;
}

export type StepLogs = Record<string, StepLog>;

const MAX_LINES_PER_STEP = 300;

export function applyProgress(logs: StepLogs, event: ProvisionProgress): StepLogs {
  const current = logs[event.step] ?? { status: 'pending', lines: [], bytes: null };
  const lines = event.line === null ? current.lines : [...current.lines, event.line].slice(-MAX_LINES_PER_STEP);
  return { ...logs, [event.step]: { status: event.status, lines, bytes: event.bytes ?? current.bytes } };
}

/** "120 MiB of 160 MiB (75 %)" or "120 MiB" when the total is unknown. */
export function bytesText(bytes: { done: number; total: number | null }, format: (n: number) => string): string {
  if (!bytes.total) return `${format(bytes.done)} sent`;
  return `${format(bytes.done)} of ${format(bytes.total)} (${Math.floor((bytes.done / bytes.total) * 100)} %)`;
}
