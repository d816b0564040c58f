import { describe, expect, it } from 'vitest';
import { decideAlerts } from '../../../src-main/health/alert-rules.js';
import { DEFAULT_HEALTH_SETTINGS } from '../../../src-main/health/health-settings.js';
import { nodeHealthFrom, type NodeReading } from '../../../src-main/health/node-reading.js';
import type { NodeRecord } from '../../../src-preload/contract/types.js';

const MiB = 1024 ** 2;

describe('decideAlerts', () => {
  const up = (fillRatio: number | null) => ({ state: 'online' as const, fillRatio, reason: 'ok' });
  const down = { state: 'unreachable' as const, fillRatio: 0.5, reason: 'connection refused' };

  it('raises each fill level once, when crossed upwards', () => {
    expect(decideAlerts('n', up(0.5), up(0.85)).map((a) => a.kind)).toEqual(['fill-80']);
    expect(decideAlerts('n', up(0.85), up(0.9))).toEqual([]);
    expect(decideAlerts('n', up(0.9), up(0.96)).map((a) => a.kind)).toEqual(['fill-95']);
    expect(decideAlerts('n', up(0.96), up(0.99))).toEqual([]);
  });

  it('reports a jump over both levels as one alert, the higher', () => {
    const alerts = decideAlerts('node1', up(0.1), up(1));
    expect(alerts).toEqual([{ kind: 'fill-95', message: 'node1 is 100 % full (crossed 95 %)' }]);
  });

  it('raises again only after the node went back below the level', () => {
    expect(decideAlerts('n', up(0.85), up(0.7))).toEqual([]);
    expect(decideAlerts('n', up(0.7), up(0.82)).map((a) => a.kind)).toEqual(['fill-80']);
  });

  it('says once that a node went down, with its error, and once that it came back', () => {
    expect(decideAlerts('node2', up(0.5), down)).toEqual([{ kind: 'unreachable', message: 'node2 is unreachable: connection refused' }]);
    expect(decideAlerts('node2', down, down)).toEqual([]);
    expect(decideAlerts('node2', down, up(0.5)).map((a) => a.kind)).toEqual(['recovered']);
  });

  it('treats a first poll as a crossing from nothing', () => {
    expect(decideAlerts('n', null, down).map((a) => a.kind)).toEqual(['unreachable']);
    expect(decideAlerts('n', null, up(0.3))).toEqual([]);
  });
});

const node = { name: 'node1', state: 'active' } as NodeRecord;
const ok = <T>(value: T) => ({ ok: true as const, value });
const failed = (error: string) => ({ ok: false as const, error });
const container = { name: 'k', state: 'running', restartCount: 0, image: 'kubo', startedAt: null, cpuPercent: null, memoryBytes: null };

function reading(over: Partial<NodeReading> = {}): NodeReading {
  return {
    repo: ok({ repoSize: 10 * MiB, storageMax: 200 * MiB }),
    disk: ok({ total: 256 * MiB, free: 240 * MiB }),
    peers: ok(2),
    version: ok('0.43.0'),
    peerId: ok('12D3Koo'),
    bandwidth: ok({ rateIn: 0, rateOut: 0, totalIn: 1, totalOut: 2 }),
    container: ok(container),
    latencyMs: 12,
    ...over,
  };
}

describe('nodeHealthFrom', () => {
  const at = '2025-03-14T10:00:00.000Z';

  it('computes usable free as the tighter of the watermark and the disk reserve', () => {
    const health = nodeHealthFrom(node, reading(), null, DEFAULT_HEALTH_SETTINGS, at);
    expect(health.state).toBe('online');
    // StorageMax × 90 % − RepoSize = 170 MiB; disk: 240 MiB − min(1 GiB, 5 % of 256 MiB) = 227.2 MiB.
    expect(health.capacity).toMatchObject({ usableFree: 170 * MiB, limitedBy: 'storage-max', repoSize: 10 * MiB });
    expect(health).toMatchObject({ checkedAt: at, lastSeenAt: at, peers: 2, kuboVersion: '0.43.0' });
  });

  it('is full when the disk leaves less than the threshold', () => {
    const health = nodeHealthFrom(node, reading({ disk: ok({ total: 256 * MiB, free: 13 * MiB }) }), null, DEFAULT_HEALTH_SETTINGS, at);
    expect(health.state).toBe('full');
    expect(health.capacity?.limitedBy).toBe('disk');
  });

  it('is unreachable with kubo\'s error and the container state, keeping what it last showed', () => {
    const before = nodeHealthFrom(node, reading(), null, DEFAULT_HEALTH_SETTINGS, at);
    const later = '2025-03-14T10:00:30.000Z';
    const down = nodeHealthFrom(
      node,
      reading({ repo: failed("kubo's RPC API did not answer (connection refused: is kubo running?)"), container: ok({ ...container, state: 'exited' }), latencyMs: null }),
      before,
      DEFAULT_HEALTH_SETTINGS,
      later,
    );
    expect(down.state).toBe('unreachable');
    expect(down.reason).toBe("kubo's RPC API did not answer (connection refused: is kubo running?) (its kubo container is exited)");
    expect(down).toMatchObject({ checkedAt: later, lastSeenAt: at, peers: null });
    expect(down.capacity).toEqual(before.capacity);
  });

  it('is degraded, with the fix, when kubo refuses writes though every read answers', () => {
    const health = nodeHealthFrom(node, reading({ writes: ok('kubo refused pin/add: no space left on device') }), null, DEFAULT_HEALTH_SETTINGS, at);
    expect(health.state).toBe('degraded');
    expect(health.reason).toMatch(/^refusing writes: no space left on device\. .*Restart container\)$/u);
    expect(health.capacity?.usableFree).toBe(170 * MiB);
    expect(nodeHealthFrom(node, reading({ writes: ok(null) }), null, DEFAULT_HEALTH_SETTINGS, at).state).toBe('online');
    // A full node shows as full: its disk is the thing to fix first.
    expect(nodeHealthFrom(node, reading({ disk: ok({ total: 256 * MiB, free: 13 * MiB }), writes: ok('no space left on device') }), null, DEFAULT_HEALTH_SETTINGS, at).state).toBe('full');
    // A probe that got no answer says nothing about writes.
    expect(nodeHealthFrom(node, reading({ writes: failed('timeout') }), null, DEFAULT_HEALTH_SETTINGS, at).state).toBe('online');
  });

  it('is degraded when only some parts answered', () => {
    const health = nodeHealthFrom(node, reading({ peers: failed('x'), container: failed('y') }), null, DEFAULT_HEALTH_SETTINGS, at);
    expect(health).toMatchObject({ state: 'degraded', reason: 'no answer for: peers (x), container (y)' });
  });

  it('keeps the previous disk figures when df alone failed', () => {
    const before = nodeHealthFrom(node, reading(), null, DEFAULT_HEALTH_SETTINGS, at);
    const health = nodeHealthFrom(node, reading({ disk: failed('df failed') }), before, DEFAULT_HEALTH_SETTINGS, at);
    expect(health.state).toBe('degraded');
    expect(health.capacity?.diskFree).toBe(240 * MiB);
    const first = nodeHealthFrom(node, reading({ disk: failed('df failed') }), null, DEFAULT_HEALTH_SETTINGS, at);
    // kubo answered, the disk was never read: reachable, with its disk unknown (e.g. a direct-URL node without SSH).
    expect(first).toMatchObject({ state: 'degraded', reason: 'disk free unknown: df failed', capacity: null });
  });

  it('shows a drained node as draining while it answers', () => {
    const health = nodeHealthFrom({ ...node, state: 'draining' }, reading(), null, DEFAULT_HEALTH_SETTINGS, at);
    expect(health.state).toBe('draining');
  });
});
