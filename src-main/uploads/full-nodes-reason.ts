// Why an item waits after every node that had room refused it as full. kubo's datastore (leveldb)
// keeps a disk-full write error until kubo restarts, so a node can go on refusing with "no space
// left on device" long after the space came back. When a fresh reading says such a node has room,
// the admin must read that, and what clears it, rather than "waiting for space" that is already there.
import { formatBytes } from '../../src-preload/contract/format.js';
import type { ItemPlan } from '../../src-preload/contract/upload-types.js';

export function reasonAfterFullNodes(refused: readonly string[], fresh: ItemPlan): string {
  if (!fresh.ok) return fresh.reason;
  const roomy = fresh.targets.filter((t) => refused.includes(t.node));
  if (roomy.length === 0) return `${listOf(refused)} ran out of space while receiving it; waiting for the next capacity reading`;
  const room = roomy.map((t) => `${t.node} ${formatBytes(t.freeAfter)}`).join(', ');
  const names = listOf(roomy.map((t) => t.node));
  return (
    `${names} refused it as full, yet a reading just now leaves room to spare after it (${room}). ` +
    `If this repeats, kubo is holding on to an earlier disk-full error (its datastore keeps one until kubo restarts): ` +
    `restart kubo on ${names} (the node's page, Restart container) and this item goes on by itself`
  );
}

function listOf(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? 'no node') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`;
}
