// The SQL side of health against a real better-sqlite3 database in a temp folder.
import { afterEach, describe, expect, it } from 'vitest';
import { openStorage, type Inventory, type OpenedDatabase } from '../../../src-main/inventory/index.js';
import { AlertStore } from '../../../src-main/health/alert-store.js';
import { runRollup, watermarkKey } from '../../../src-main/health/rollup.js';
import { planSeries, tierWindows } from '../../../src-main/health/series-plan.js';
import { querySeries } from '../../../src-main/health/series-query.js';
import { SettingsStore } from '../../../src-main/health/settings-store.js';
import { StatusStore } from '../../../src-main/health/status-store.js';
import type { Resolution } from '../../../src-main/health/downsample.js';
import type { NodeHealth } from '../../../src-preload/contract/health-types.js';
import { sampleNode, tempDir } from '../inventory/inventory-test-kit.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const NOW = Date.parse('2025-03-14T12:00:00.000Z');

let storage: { inventory: Inventory; opened: OpenedDatabase } | null = null;

function open() {
  storage = openStorage({ dataDir: tempDir() });
  const { inventory, opened } = storage;
  const ids = ['node1', 'node2'].map((name, i) => inventory.addNode(sampleNode({ name, host: `10.0.0.${i + 5}` }), 'test').id);
  const settings = new SettingsStore(opened.db, false);
  return { inventory, db: opened.db, ids, settings, statuses: new StatusStore(opened.db) };
}

afterEach(() => {
  storage?.inventory.close();
  storage = null;
});

function health(name: string, at: number, used: number, free: number, state: NodeHealth['state'] = 'online'): NodeHealth {
  return {
    name, state, reason: state, checkedAt: new Date(at).toISOString(), lastSeenAt: new Date(at).toISOString(),
    capacity: { repoSize: used, storageMax: 1000, diskFree: 2000, diskTotal: 3000, usableFree: free, usableTotal: used + free, reserved: 0, fillRatio: used / (used + free), limitedBy: 'storage-max' },
    kuboVersion: '0.43.0', peerId: 'p', peers: 1, bandwidth: null, container: null, latencyMs: 5,
  };
}

/** Records a sample every `stepMs` from `from` to `to` for each node, used growing by one per minute. */
function fill(ctx: ReturnType<typeof open>, from: number, to: number, stepMs: number) {
  const insert = ctx.db.transaction(() => {
    for (let at = from; at < to; at += stepMs) {
      ctx.ids.forEach((id, i) => ctx.statuses.record(id, health(`node${i + 1}`, at, Math.floor(at / MIN) % 1000, 500), true));
    }
  });
  insert();
}

const rolledTo = (settings: SettingsStore) => (tier: Resolution) =>
  tier === 'raw' ? null : settings.get<string>(watermarkKey(tier));

describe('StatusStore', () => {
  it('keeps the latest status per node and a raw sample per poll', () => {
    const ctx = open();
    ctx.statuses.record(ctx.ids[0]!, health('node1', NOW - MIN, 10, 90), true);
    ctx.statuses.record(ctx.ids[0]!, { ...health('node1', NOW, 10, 90, 'unreachable'), reason: 'connection refused' }, false);
    expect(ctx.statuses.get(ctx.ids[0]!)).toMatchObject({ state: 'unreachable', reason: 'connection refused', capacity: { repoSize: 10 } });
    expect([...ctx.statuses.all().keys()]).toEqual(['node1']);
    const samples = ctx.db.prepare('SELECT repo_size, state, error FROM capacity_samples ORDER BY id').all();
    // The unreachable poll is in the graph as a gap with its error, not as stale numbers.
    expect(samples).toEqual([
      { repo_size: 10, state: 'online', error: null },
      { repo_size: null, state: 'unreachable', error: 'connection refused' },
    ]);
  });
});

describe('AlertStore', () => {
  it('lists alerts newest first and writes each to the audit log', () => {
    const ctx = open();
    const alerts = new AlertStore(ctx.db);
    alerts.add('2025-03-14T10:00:00.000Z', 'node1', 'fill-80', 'node1 is 81 % full');
    const second = alerts.add('2025-03-14T10:01:00.000Z', 'node1', 'unreachable', 'node1 is unreachable: x');
    expect(alerts.list(10).map((a) => a.kind)).toEqual(['unreachable', 'fill-80']);
    expect(alerts.list(1)).toEqual([second]);
    expect(ctx.inventory.listAudit(1)[0]).toMatchObject({ actor: 'health', action: 'alert.unreachable', target: 'node1' });
  });
});

describe('SettingsStore', () => {
  it('starts from the defaults and keeps changes', () => {
    const ctx = open();
    expect(ctx.settings.health().pollIntervalSeconds).toBe(30);
    ctx.settings.updateHealth({ pollIntervalSeconds: 60 });
    expect(new SettingsStore(ctx.db, false).health()).toMatchObject({ pollIntervalSeconds: 60, gcWatermarkPercent: 90 });
    expect(() => new SettingsStore(ctx.db, true).updateHealth({ pollIntervalSeconds: 5 })).toThrow(expect.objectContaining({ code: 'read_only' }));
  });
});

describe('runRollup', () => {
  it('rolls complete buckets once, keeps the current one raw, and is idempotent', () => {
    const ctx = open();
    fill(ctx, NOW - 30 * MIN, NOW + 2 * MIN, 30_000);
    const first = runRollup(ctx.db, ctx.settings, NOW + 2 * MIN);
    // Per node: 11:30–12:00 is 6 complete 5-minute buckets and one complete hour (11:00–12:00).
    expect(first.rolled).toEqual({ '5m': 12, '1h': 2 });
    expect(runRollup(ctx.db, ctx.settings, NOW + 2 * MIN).rolled).toEqual({ '5m': 0, '1h': 0 });
    const fiveMinute = ctx.db
      .prepare("SELECT at, repo_size FROM capacity_samples WHERE resolution = '5m' AND node_id = ? ORDER BY at")
      .all(ctx.ids[0]) as { at: string; repo_size: number }[];
    expect(fiveMinute[0]!.at).toBe('2025-03-14T11:30:00.000Z');
    // The mean of the ten samples taken 11:30:00–11:34:30.
    const start = Date.parse('2025-03-14T11:30:00.000Z');
    const used = Array.from({ length: 10 }, (_, i) => Math.floor((start + i * 30_000) / MIN) % 1000);
    expect(fiveMinute[0]!.repo_size).toBe(Math.floor(used.reduce((a, b) => a + b, 0) / used.length));
    expect(fiveMinute).toHaveLength(6);
  });

  it('writes the fleet-wide sum of each rolled bucket beside the nodes\' rows', () => {
    const ctx = open();
    fill(ctx, NOW - 30 * MIN, NOW, 30_000);
    runRollup(ctx.db, ctx.settings, NOW);
    const fleet = ctx.db.prepare("SELECT at, used, nodes FROM fleet_capacity_samples WHERE resolution = '5m' ORDER BY at").all() as { at: string; used: number; nodes: number }[];
    const nodes = ctx.db
      .prepare("SELECT at, SUM(repo_size) AS used FROM capacity_samples WHERE resolution = '5m' GROUP BY at ORDER BY at")
      .all() as { at: string; used: number }[];
    expect(fleet).toHaveLength(6);
    expect(fleet.map(({ at, used }) => ({ at, used }))).toEqual(nodes);
    expect(fleet.every((row) => row.nodes === 2)).toBe(true);
  });

  it('prunes raw samples past 48 h only once they are rolled up', () => {
    const ctx = open();
    fill(ctx, NOW - 50 * HOUR, NOW - 49 * HOUR, 5 * MIN);
    const raw = () => (ctx.db.prepare("SELECT COUNT(*) AS n FROM capacity_samples WHERE resolution = 'raw'").get() as { n: number }).n;
    expect(raw()).toBe(24);
    const report = runRollup(ctx.db, ctx.settings, NOW);
    expect(report.rolled['5m']).toBe(24);
    expect(report.pruned).toBe(24);
    expect(raw()).toBe(0);
  });
});

describe('series', () => {
  it('plans every range under 1,000 points, buckets at least two poll intervals wide', () => {
    for (const range of ['1h', '24h', '7d', '30d'] as const) {
      for (const pollMs of [2_000, 30_000, 3_600_000]) {
        const plan = planSeries(range, NOW, pollMs);
        expect((NOW - plan.fromMs) / plan.bucketMs).toBeLessThanOrEqual(1001);
        expect(plan.bucketMs).toBeGreaterThanOrEqual(2 * pollMs);
      }
    }
    expect(planSeries('30d', NOW, 30_000).tiers).toEqual(['1h', '5m', 'raw']);
  });

  it('reads each tier only where the coarser one has not rolled up', () => {
    const plan = { fromMs: 0, tiers: ['1h', '5m', 'raw'] as Resolution[], bucketMs: HOUR };
    const marks: Record<string, string | null> = { '1h': '1970-01-02T00:00:00.000Z', '5m': '1970-01-02T00:30:00.000Z' };
    expect(tierWindows(plan, (t) => marks[t] ?? null)).toEqual([
      { resolution: '1h', from: '1970-01-01T00:00:00.000Z', to: '1970-01-02T00:00:00.000Z' },
      { resolution: '5m', from: '1970-01-02T00:00:00.000Z', to: '1970-01-02T00:30:00.000Z' },
      { resolution: 'raw', from: '1970-01-02T00:30:00.000Z', to: null },
    ]);
    expect(tierWindows(plan, () => null)).toEqual([{ resolution: 'raw', from: '1970-01-01T00:00:00.000Z', to: null }]);
  });

  it('sums the fleet per bucket and matches a node\'s own series across rolled and raw tiers', () => {
    const ctx = open();
    fill(ctx, NOW - 3 * DAY, NOW, 5 * MIN);
    runRollup(ctx.db, ctx.settings, NOW - 20 * MIN);
    fill(ctx, NOW, NOW + 10 * MIN, 30_000);
    const plan = planSeries('24h', NOW + 10 * MIN, 30_000);
    const node = querySeries(ctx.db, plan, rolledTo(ctx.settings), ctx.ids[0]!);
    const fleet = querySeries(ctx.db, plan, rolledTo(ctx.settings), null);
    expect(node.length).toBeGreaterThan(280);
    expect(node.length).toBeLessThanOrEqual(1000);
    // Both nodes carry the same numbers, so the fleet is exactly twice one node, bucket by bucket.
    expect(fleet).toEqual(node.map((p) => ({ at: p.at, used: 2 * p.used, usableFree: 2 * p.usableFree })));
    // No bucket counted twice where the 5-minute tier hands over to raw samples.
    expect(new Set(node.map((p) => p.at)).size).toBe(node.length);
    expect(node.at(-1)!.at).toBe(NOW + 5 * MIN);
  });
});
