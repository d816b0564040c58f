import { describe, expect, it } from 'vitest';
import { reasonAfterFullNodes } from '../../../src-main/uploads/full-nodes-reason.js';
import type { ItemPlan } from '../../../src-preload/contract/upload-types.js';

const MiB = 1024 * 1024;
const fits = (...targets: [string, number][]): ItemPlan => ({
  name: 'a.bin', size: MiB, ok: true, targets: targets.map(([node, freeAfter]) => ({ node, freeAfter, why: 'most usable space' })),
});

describe('reasonAfterFullNodes', () => {
  it('passes on the fresh reading\'s shortfall when the fleet really is full', () => {
    const full: ItemPlan = { name: 'a.bin', size: MiB, ok: false, reason: 'a.bin (1.00 MiB) fits nowhere: 512 KiB short on node1', shortfallBytes: MiB / 2 };
    expect(reasonAfterFullNodes(['node1'], full)).toBe('a.bin (1.00 MiB) fits nowhere: 512 KiB short on node1');
  });

  it('waits for the next reading when the room is on nodes that did not refuse it', () => {
    expect(reasonAfterFullNodes(['node1', 'node2'], fits(['node3', 5 * MiB]))).toBe(
      'node1 and node2 ran out of space while receiving it; waiting for the next capacity reading',
    );
  });

  it('names a node that refused it as full although a fresh reading gives it room, and what clears that', () => {
    const reason = reasonAfterFullNodes(['node1', 'node2'], fits(['node2', 180 * MiB], ['node3', 9 * MiB], ['node1', 3 * MiB]));
    expect(reason).toBe(
      'node2 and node1 refused it as full, yet a reading just now leaves room to spare after it (node2 180 MiB, node1 3.00 MiB). ' +
        'If this repeats, kubo is holding on to an earlier disk-full error (its datastore keeps one until kubo restarts): ' +
        'restart kubo on node2 and node1 (the node\'s page, Restart container) and this item goes on by itself',
    );
  });
});
