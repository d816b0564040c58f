import { describe, expect, it } from 'vitest';
import type { HealthState, NodeHealth } from '../../../src-preload/contract/health-types';
import type { NodeRecord } from '../../../src-preload/contract/types';
import {
  NO_FILTERS,
  filterOptions,
  filterRows,
  fleetRows,
  sortRows,
  type FleetRow,
} from '../../../src-renderer/features/fleet/lib/fleet-rows';

const MiB = 1024 ** 2;

function node(name: string, fields: Partial<NodeRecord> = {}): NodeRecord {
  return {
    id: name.length, name, host: '192.0.2.1', sshPort: 22, sshUser: 'root', hostKeyFingerprint: null, tags: [],
    region: null, priority: 0, state: 'active', notes: '', apiAddress: '127.0.0.1:5001', gatewayAddress: '127.0.0.1:8080',
    createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', ...fields,
  };
}

function health(name: string, state: HealthState, used: number | null, usableFree = 0): NodeHealth {
  return {
    name, state, reason: '', checkedAt: '2026-01-01T00:00:00Z', lastSeenAt: null,
    capacity: used === null ? null : {
      repoSize: used, storageMax: 0, diskFree: 0, diskTotal: 0, usableFree, usableTotal: used + usableFree,
      reserved: 0, fillRatio: used / (used + usableFree || 1), limitedBy: 'disk',
    },
    kuboVersion: null, peerId: null, peers: null, bandwidth: null, container: null, latencyMs: null,
  };
}

const nodes = [
  node('node10', { tags: ['ssd'], region: 'eu' }),
  node('node2', { tags: ['hdd', 'rack-b'], region: 'us' }),
  node('node1', { tags: ['ssd', 'rack-a'], region: 'eu' }),
  node('fresh', { region: 'eu' }),
];
const measured = [
  health('node10', 'online', 50 * MiB, 50 * MiB), // 50 %
  health('node2', 'full', 90 * MiB, 10 * MiB), // 90 %
  health('node1', 'unreachable', 10 * MiB, 190 * MiB), // 5 %, last known
  health('gone', 'online', 1, 1), // measured, but no longer in the inventory
];
const rows = fleetRows(nodes, measured);
const names = (list: FleetRow[]) => list.map((r) => r.node.name);

describe('fleet rows', () => {
  it('lists every inventory node, unmeasured ones as unknown, and nothing the inventory does not hold', () => {
    expect(rows.map((r) => [r.node.name, r.state])).toEqual([
      ['node10', 'online'], ['node2', 'full'], ['node1', 'unreachable'], ['fresh', 'unknown'],
    ]);
    expect(rows.find((r) => r.node.name === 'fresh')?.health).toBeNull();
  });

  it('still lists the inventory when health could not be read', () => {
    expect(fleetRows(nodes, undefined).map((r) => r.state)).toEqual(['unknown', 'unknown', 'unknown', 'unknown']);
  });
});

describe('sorting the fleet', () => {
  it.each([
    ['name', 'ascending', ['fresh', 'node1', 'node2', 'node10']],
    ['name', 'descending', ['node10', 'node2', 'node1', 'fresh']],
    ['fill', 'descending', ['node2', 'node10', 'node1', 'fresh']],
    ['fill', 'ascending', ['node1', 'node10', 'node2', 'fresh']],
    ['free', 'descending', ['node1', 'node10', 'node2', 'fresh']],
    ['free', 'ascending', ['node2', 'node10', 'node1', 'fresh']],
    ['state', 'ascending', ['node1', 'node2', 'fresh', 'node10']],
    ['state', 'descending', ['node10', 'fresh', 'node2', 'node1']],
  ] as const)('by %s, %s', (key, direction, expected) => {
    expect(names(sortRows(rows, { key, direction }))).toEqual(expected);
  });

  it('breaks ties by name', () => {
    const tied = fleetRows([node('b'), node('a'), node('c')], [health('a', 'online', 1, 1), health('b', 'online', 1, 1), health('c', 'online', 1, 1)]);
    expect(names(sortRows(tied, { key: 'fill', direction: 'descending' }))).toEqual(['a', 'b', 'c']);
  });
});

describe('filtering the fleet', () => {
  it.each([
    [NO_FILTERS, ['node10', 'node2', 'node1', 'fresh']],
    [{ ...NO_FILTERS, tag: 'ssd' }, ['node10', 'node1']],
    [{ ...NO_FILTERS, region: 'eu' }, ['node10', 'node1', 'fresh']],
    [{ ...NO_FILTERS, state: 'unknown' as const }, ['fresh']],
    [{ tag: 'ssd', region: 'eu', state: 'online' as const }, ['node10']],
    [{ ...NO_FILTERS, tag: 'nvme' }, []],
  ])('%j', (filters, expected) => {
    expect(names(filterRows(rows, filters))).toEqual(expected);
  });

  it('offers the tags, regions and states there are, with counts', () => {
    const options = filterOptions(rows);
    expect(options.tags).toEqual(['hdd', 'rack-a', 'rack-b', 'ssd']);
    expect(options.regions).toEqual(['eu', 'us']);
    expect(options.states).toEqual([
      { state: 'online', count: 1 }, { state: 'degraded', count: 0 }, { state: 'full', count: 1 },
      { state: 'unreachable', count: 1 }, { state: 'draining', count: 0 }, { state: 'unknown', count: 1 },
    ]);
  });
});
