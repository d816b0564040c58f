// Search and sort of the inventory table. Pure: the table shows what these return, and the
// unit tests pin down exactly which nodes a search finds and in which order they appear.
import type { NodeRecord } from '../../../../src-preload/contract/types';

export type SortKey = 'name' | 'address' | 'user' | 'region' | 'priority' | 'state' | 'pinned';
export type SortDirection = 'ascending' | 'descending';
export interface SortOrder {
  key: SortKey;
  direction: SortDirection;
}

export const DEFAULT_SORT: SortOrder = { key: 'name', direction: 'ascending' };

/**
 * Every word of the query must appear in the node's name, host, region or one of its tags
 * (case-insensitive), so "eu ssd" narrows rather than widens.
 */
export function matchesSearch(node: NodeRecord, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = [node.name, node.host, node.region ?? '', ...node.tags].map((s) => s.toLowerCase());
  return words.every((word) => haystack.some((field) => field.includes(word)));
}

export function filterNodes(nodes: readonly NodeRecord[], query: string): NodeRecord[] {
  return nodes.filter((node) => matchesSearch(node, query));
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

type Compare = (a: NodeRecord, b: NodeRecord) => number;

const COMPARE: Record<SortKey, Compare> = {
  name: (a, b) => collator.compare(a.name, b.name),
  address: (a, b) => collator.compare(a.host, b.host) || a.sshPort - b.sshPort,
  user: (a, b) => collator.compare(a.sshUser, b.sshUser),
  region: (a, b) => collator.compare(a.region ?? '', b.region ?? ''),
  priority: (a, b) => a.priority - b.priority,
  state: (a, b) => collator.compare(a.state, b.state),
  pinned: (a, b) => Number(a.hostKeyFingerprint !== null) - Number(b.hostKeyFingerprint !== null),
};

/** Nodes without a region always sort last, whatever the direction: a blank is not a value. */
function blankLast(key: SortKey): Compare {
  return (a, b) => (key === 'region' ? Number(a.region === null) - Number(b.region === null) : 0);
}

export function sortNodes(nodes: readonly NodeRecord[], order: SortOrder): NodeRecord[] {
  const sign = order.direction === 'ascending' ? 1 : -1;
  const compare = COMPARE[order.key];
  const blanks = blankLast(order.key);
  return [...nodes].sort(
    (a, b) => blanks(a, b) || sign * compare(a, b) || collator.compare(a.name, b.name),
  );
}

/** Clicking the sorted column flips it; clicking another sorts by it, ascending. */
export function nextSort(current: SortOrder, key: SortKey): SortOrder {
  if (current.key !== key) return { key, direction: 'ascending' };
  return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
}
