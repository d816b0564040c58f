// The 30-day capacity graph for a 100-node fleet: seeds the tiers a month of polling leaves behind
// (raw samples for 48 h, 5-minute means for 30 days, hourly means) and times health.series.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EventBus } from '../src-main/core/events.js';
import { openStorage } from '../src-main/inventory/index.js';
import { HealthService } from '../src-main/health/health-service.js';
import { rollFleetTier, watermarkKey } from '../src-main/health/rollup.js';
import type { NodeConnector } from '../src-main/connections/node-connector.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

export interface GraphQueryResult {
  nodes: number;
  rows: number;
  seedMs: number;
  fleet30dMs: { median: number; p95: number };
  node30dMs: { median: number; p95: number };
  points: number;
  /** Same-run baseline: reading the hourly rows the graph needs, without aggregating them. */
  baselineReadRowsMs: { median: number };
  ratioFleetToBaseline: number;
}

const stats = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! * 100) / 100;
  return { median: at(0.5), p95: at(0.95) };
};

function time(runs: number, work: () => unknown): number[] {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    work();
    times.push(performance.now() - start);
  }
  return times;
}

export function benchGraphQuery(nodeCount = 100, runs = 30): GraphQueryResult {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pinfleet-bench-graph-'));
  const { inventory, opened } = openStorage({ dataDir });
  try {
    const now = Date.now();
    const seedStart = performance.now();
    const ids: number[] = [];
    for (let i = 0; i < nodeCount; i += 1) ids.push(inventory.addNode({ ...nodeFields(`g${i}`, `10.9.${Math.floor(i / 250)}.${(i % 250) + 1}`) }, 'bench').id);
    const insert = opened.db.prepare(
      `INSERT INTO capacity_samples (node_id, at, resolution, repo_size, storage_max, disk_free, disk_total, peers, usable_free, latency_ms, state)
       VALUES (?, ?, ?, ?, 10000000000, 5000000000, 20000000000, 3, ?, 5, 'online')`,
    );
    let rows = 0;
    const tier = (resolution: string, stepMs: number, fromMs: number, toMs: number) => {
      for (const id of ids) {
        for (let at = Math.floor(fromMs / stepMs) * stepMs; at < toMs; at += stepMs) {
          const used = 1e9 + ((at - (now - 31 * DAY)) / DAY) * 1e7 + id * 1e6;
          insert.run(id, new Date(at).toISOString(), resolution, Math.round(used), Math.round(9e9 - used));
          rows += 1;
        }
      }
    };
    const fiveMinuteEnd = Math.floor(now / (5 * MIN)) * 5 * MIN;
    const hourEnd = Math.floor(now / HOUR) * HOUR;
    opened.db.transaction(() => {
      tier('1h', HOUR, now - 31 * DAY, hourEnd);
      tier('5m', 5 * MIN, now - 30 * DAY, fiveMinuteEnd);
      tier('raw', 30_000, now - 2 * DAY, now);
      // What the downsampling job writes beside the nodes' rows when it rolls these tiers.
      rollFleetTier(opened.db, '1h', new Date(now - 31 * DAY).toISOString(), new Date(hourEnd).toISOString());
      rollFleetTier(opened.db, '5m', new Date(now - 30 * DAY).toISOString(), new Date(fiveMinuteEnd).toISOString());
      const put = opened.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
      put.run(watermarkKey('5m'), JSON.stringify(new Date(fiveMinuteEnd).toISOString()));
      put.run(watermarkKey('1h'), JSON.stringify(new Date(hourEnd).toISOString()));
    })();
    const seedMs = Math.round(performance.now() - seedStart);

    const health = new HealthService({ opened, inventory, bus: new EventBus(), connector: {} as NodeConnector, actor: 'bench' });
    health.series(undefined, '30d'); // warm the statement cache and the page cache
    const fleet = time(runs, () => health.series(undefined, '30d'));
    const node = time(runs, () => health.series(`g${Math.floor(nodeCount / 2)}`, '30d'));
    const points = health.series(undefined, '30d').points.length;
    const from = new Date(now - 30 * DAY).toISOString();
    const read = opened.db.prepare("SELECT node_id, at, repo_size, usable_free FROM capacity_samples WHERE node_id IN (SELECT id FROM nodes) AND resolution = '1h' AND at >= ?");
    const baseline = time(runs, () => read.all(from));
    const fleetStats = stats(fleet);
    const baselineStats = stats(baseline);
    return {
      nodes: nodeCount,
      rows,
      seedMs,
      fleet30dMs: fleetStats,
      node30dMs: stats(node),
      points,
      baselineReadRowsMs: { median: baselineStats.median },
      ratioFleetToBaseline: Math.round((fleetStats.median / baselineStats.median) * 100) / 100,
    };
  } finally {
    inventory.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function nodeFields(name: string, host: string) {
  return {
    name, host, sshPort: 22, sshUser: 'root', hostKeyFingerprint: null, tags: [], region: null, priority: 0,
    state: 'active' as const, notes: '', apiAddress: '127.0.0.1:5001', gatewayAddress: '127.0.0.1:8080',
  };
}
