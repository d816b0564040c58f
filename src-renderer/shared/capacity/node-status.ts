// What to say under a node's bar: why it is in its state, when it was last seen (for nodes that
// do not answer now) and when it was last checked. Pure; `nowMs` comes from the caller's clock.
import type { NodeHealth } from '../../../src-preload/contract/health-types';
import { formatRelativeTime } from '../lib/relative-time';

export interface NodeStatusWords {
  /** The poller's reason (the error when unreachable); null when there is nothing to add. */
  reason: string | null;
  /** "last seen 3 min ago" / "never seen": only for nodes that are not answering. */
  lastSeen: string | null;
  /** "checked 20 s ago" / "never polled". */
  checked: string;
}

export function nodeStatusWords(health: NodeHealth | null, nowMs: number): NodeStatusWords {
  // Before the first poll there is nothing to explain: main's placeholder reason would only repeat it.
  if (!health || health.checkedAt === null) return { reason: null, lastSeen: null, checked: 'never polled' };
  const offline = health.state === 'unreachable';
  return {
    reason: health.state === 'online' ? null : health.reason || null,
    lastSeen: offline
      ? health.lastSeenAt
        ? `last seen ${formatRelativeTime(health.lastSeenAt, nowMs)}`
        : 'never seen'
      : null,
    checked: `checked ${formatRelativeTime(health.checkedAt, nowMs)}`,
  };
}
