import { describe, expect, it } from 'vitest';
import type { PlacementCandidate } from '../../../src-main/placement/pick-target-nodes.js';
import { planItem, tooBigForEveryNode } from '../../../src-main/uploads/placement-input.js';

const MiB = 1024 * 1024;
const node = (name: string, usableFree: number, extra: Partial<PlacementCandidate> = {}): PlacementCandidate => ({
  name, health: 'online', usableFree, committed: 0, priority: 0, region: null, tags: [], ...extra,
});
const fleet = [node('node1', 100 * MiB), node('node2', 200 * MiB), node('node3', 300 * MiB)];
const item = { name: 'f.bin', size: 10 * MiB };
const targets = (plan: ReturnType<typeof planItem>) => (plan.ok ? plan.targets.map((t) => t.node) : plan.reason);

describe('planItem', () => {
  it('places on the roomiest node by default', () => {
    expect(targets(planItem(item, fleet, 1))).toEqual(['node3']);
  });
  it('forces the first replica onto --node and places the others as usual', () => {
    const plan = planItem(item, fleet, 2, { node: 'node1' });
    expect(targets(plan)).toEqual(['node1', 'node3']);
    expect(plan.ok && plan.targets[0]!.why).toBe('chosen by the admin (--node)');
  });
  it('refuses --node when that node is too small, naming it and the shortfall', () => {
    const plan = planItem({ name: 'big', size: 150 * MiB }, fleet, 1, { node: 'node1' });
    expect(plan.ok).toBe(false);
    expect(!plan.ok && plan.reason).toMatch(/node1 has 100 MiB usable.*50.0 MiB short/);
    expect(!plan.ok && plan.shortfallBytes).toBe(50 * MiB);
  });
  it('leaves out nodes that already failed the item', () => {
    expect(targets(planItem(item, fleet, 1, { exclude: new Set(['node3']) }))).toEqual(['node2']);
  });
  it('counts bytes in flight against a node', () => {
    const busy = fleet.map((c) => (c.name === 'node3' ? { ...c, committed: 250 * MiB } : c));
    expect(targets(planItem(item, busy, 1))).toEqual(['node2']);
  });
  it('names the shortfall when every node is full, instead of only "no healthy node"', () => {
    const full = fleet.map((c) => ({ ...c, health: 'full' as const, usableFree: MiB }));
    const plan = planItem(item, full, 1);
    expect(plan.ok).toBe(false);
    expect(!plan.ok && plan.reason).toMatch(/^No node has room right now.*9.00 MiB short/);
    expect(!plan.ok && plan.shortfallBytes).toBe(9 * MiB);
  });
});

describe('tooBigForEveryNode', () => {
  it.each([
    { size: 10, totals: [5, 20], problem: false },
    { size: 20, totals: [5, 20], problem: false },
    { size: 21, totals: [5, 20], problem: true },
    { size: 0, totals: [], problem: true },
  ])('$size bytes over $totals → refused: $problem', ({ size, totals, problem }) => {
    expect(tooBigForEveryNode(size, totals) !== null).toBe(problem);
  });
  it('says by how much', () => {
    expect(tooBigForEveryNode(3 * MiB, [MiB])).toBe('Needs 3.00 MiB but the largest node holds 1.00 MiB usable in total: 2.00 MiB short even with every node empty.');
  });
});
