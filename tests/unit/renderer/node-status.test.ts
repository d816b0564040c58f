import { describe, expect, it } from 'vitest';
import type { NodeHealth } from '../../../src-preload/contract/health-types';
import { nodeStatusWords } from '../../../src-renderer/shared/capacity/node-status';
import { bindingLimit, capacityFigures, containerFigures } from '../../../src-renderer/features/node-detail/lib/node-figures';

const now = Date.parse('2026-03-01T12:00:00Z');

function health(fields: Partial<NodeHealth>): NodeHealth {
  return {
    name: 'node1', state: 'online', reason: '', checkedAt: '2026-03-01T11:59:40Z', lastSeenAt: '2026-03-01T11:59:40Z',
    capacity: null, kuboVersion: null, peerId: null, peers: null, bandwidth: null, container: null, latencyMs: null,
    ...fields,
  };
}

describe('what is said under a node', () => {
  it('says a node nothing has polled was never polled, and invents nothing', () => {
    expect(nodeStatusWords(null, now)).toEqual({ reason: null, lastSeen: null, checked: 'never polled' });
    expect(nodeStatusWords(health({ state: 'unknown', checkedAt: null, lastSeenAt: null, reason: 'not polled yet' }), now))
      .toEqual({ reason: null, lastSeen: null, checked: 'never polled' });
  });

  it('gives an unreachable node its error and when it was last seen', () => {
    const words = nodeStatusWords(health({
      state: 'unreachable', reason: 'connect ECONNREFUSED 127.0.0.11:5001', checkedAt: '2026-03-01T11:59:55Z',
      lastSeenAt: '2026-03-01T11:57:00Z',
    }), now);
    expect(words).toEqual({ reason: 'connect ECONNREFUSED 127.0.0.11:5001', lastSeen: 'last seen 3 min ago', checked: 'checked just now' });
  });

  it('says "never seen" for a node that has never answered', () => {
    expect(nodeStatusWords(health({ state: 'unreachable', reason: 'timed out', lastSeenAt: null }), now).lastSeen).toBe('never seen');
  });

  it('adds no reason for an online node, and no last-seen for one that answers', () => {
    expect(nodeStatusWords(health({ reason: 'all good' }), now)).toEqual({ reason: null, lastSeen: null, checked: 'checked 20 s ago' });
    expect(nodeStatusWords(health({ state: 'full', reason: 'usable free space is below the threshold' }), now).lastSeen).toBeNull();
  });
});

describe('node figures', () => {
  it('say "not measured yet" rather than zero', () => {
    expect(capacityFigures(null)).toEqual([{ id: 'capacity', label: 'Capacity', value: 'not measured yet' }]);
    expect(containerFigures(null, now)).toEqual([{ id: 'container', label: 'Container', value: 'not measured yet' }]);
  });

  it('name the limit that binds', () => {
    expect(bindingLimit('disk')).toBe('Disk free minus the reserve');
    expect(bindingLimit('storage-max')).toBe('StorageMax × GC watermark');
  });

  it('show repo and disk as the poller measured them', () => {
    const MiB = 1024 ** 2;
    const figures = capacityFigures({
      repoSize: 12 * MiB, storageMax: 200 * MiB, diskFree: 180 * MiB, diskTotal: 256 * MiB, usableFree: 160 * MiB,
      usableTotal: 172 * MiB, reserved: 28 * MiB, fillRatio: 12 / 172, limitedBy: 'disk',
    });
    expect(Object.fromEntries(figures.map((f) => [f.id, f.value]))).toEqual({
      'repo-size': '12.0 MiB', 'storage-max': '200 MiB', disk: '180 MiB of 256 MiB', 'usable-free': '160 MiB of 172 MiB',
      reserved: '28.0 MiB', fill: '7 %', limit: 'Disk free minus the reserve',
    });
  });
});
