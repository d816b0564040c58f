import { describe, expect, it } from 'vitest';
import { formatBytes } from '../../../src-main/placement/format-bytes.js';
import { pickTargetNodes, type PlacementCandidate } from '../../../src-main/placement/pick-target-nodes.js';

const GiB = 1024 ** 3;
const node = (name: string, freeGiB: number, extra: Partial<PlacementCandidate> = {}): PlacementCandidate => ({
  name,
  health: 'online',
  usableFree: freeGiB * GiB,
  committed: 0,
  priority: 0,
  region: null,
  tags: [],
  ...extra,
});
const names = (plan: ReturnType<typeof pickTargetNodes>) => (plan.ok ? plan.targets.map((t) => t.name) : plan.reason);

describe('pickTargetNodes', () => {
  it.each([
    ['the emptiest node wins', [node('a', 10), node('b', 30), node('c', 20)], 1, ['b']],
    ['in-flight bytes count against a node', [node('a', 10), node('b', 30, { committed: 25 * GiB })], 1, ['a']],
    ['priority breaks a tie', [node('a', 10), node('b', 10, { priority: 5 })], 1, ['b']],
    ['the name breaks a full tie', [node('b', 10), node('a', 10)], 1, ['a']],
    ['draining, full, degraded and unreachable nodes are skipped', [
      node('a', 90, { health: 'draining' }), node('b', 80, { health: 'full' }), node('c', 70, { health: 'unreachable' }),
      node('d', 60, { health: 'degraded' }), node('e', 1),
    ], 1, ['e']],
    ['replicas go to distinct nodes', [node('a', 10), node('b', 30), node('c', 20)], 2, ['b', 'c']],
    ['replicas spread over regions first', [
      node('a', 50, { region: 'eu' }), node('b', 40, { region: 'eu' }), node('c', 10, { region: 'us' }),
    ], 2, ['a', 'c']],
    ['and fall back to the same region when no other fits', [
      node('a', 50, { region: 'eu' }), node('b', 40, { region: 'eu' }), node('c', 0.5, { region: 'us' }),
    ], 2, ['a', 'b']],
    ['replicas spread over tags when regions are equal', [
      node('a', 50, { tags: ['rack1'] }), node('b', 40, { tags: ['rack1'] }), node('c', 30, { tags: ['rack2'] }),
    ], 2, ['a', 'c']],
  ] as const)('%s', (_why, candidates, replicas, expected) => {
    expect(names(pickTargetNodes(candidates, 1 * GiB, replicas))).toEqual(expected);
  });

  it('refuses a file that fits nowhere, saying how much is missing and where', () => {
    const plan = pickTargetNodes([node('a', 1), node('b', 2)], 5 * GiB, 1);
    expect(plan).toEqual({
      ok: false,
      reason: 'Needs 5.00 GiB but the roomiest healthy node (b has 2.00 GiB usable): 3.00 GiB short.',
      shortfallBytes: 3 * GiB,
    });
  });

  it('refuses when not enough nodes fit the replicas', () => {
    const plan = pickTargetNodes([node('a', 10), node('b', 2)], 5 * GiB, 2);
    expect(plan.ok).toBe(false);
    if (!plan.ok) expect(plan.reason).toBe('Only 1 of 2 replicas fit: the next node (b has 2.00 GiB usable) is 3.00 GiB short of 5.00 GiB.');
  });

  it('refuses when no node is healthy', () => {
    expect(names(pickTargetNodes([node('a', 10, { health: 'unreachable' })], 1, 1))).toMatch(/No healthy node/);
  });

  it('says there are too few healthy nodes when each has room but replicas outnumber them', () => {
    const plan = pickTargetNodes([node('a', 10), node('b', 10, { health: 'unreachable' })], GiB, 2);
    expect(plan.ok).toBe(false);
    if (!plan.ok) expect(plan.reason).toBe('Only 1 healthy node for 2 replicas (1 other node is not online): each replica needs a node of its own.');
  });

  it('names what keeps a degraded node out (a node refusing writes takes nothing)', () => {
    const plan = pickTargetNodes([node('a', 10, { health: 'degraded', healthReason: 'refusing writes: no space left on device' })], 1, 1);
    expect(plan.ok).toBe(false);
    if (!plan.ok) expect(plan.reason).toBe('No healthy node can take uploads right now (none is online and not draining). a is degraded: refusing writes: no space left on device.');
  });

  it('says why each node was chosen and what is left', () => {
    const plan = pickTargetNodes([node('a', 10, { region: 'eu' }), node('b', 30, { region: 'us' })], GiB, 2);
    expect(plan.ok && plan.targets).toEqual([
      { name: 'b', freeAfter: 29 * GiB, why: 'most usable free space among healthy nodes, in region us' },
      { name: 'a', freeAfter: 9 * GiB, why: 'next most usable free space (#2), in region eu' },
    ]);
  });

  it('takes zero-byte files', () => {
    expect(names(pickTargetNodes([node('a', 0)], 0, 1))).toEqual(['a']);
  });
});

describe('formatBytes', () => {
  it.each([
    [0, '0 B'], [1023, '1023 B'], [1024, '1.00 KiB'], [1536, '1.50 KiB'], [10 * 1024 ** 2, '10.0 MiB'], [300 * GiB, '300 GiB'], [-2 * GiB, '-2.00 GiB'],
  ])('%i → %s', (bytes, text) => expect(formatBytes(bytes)).toBe(text));
});
