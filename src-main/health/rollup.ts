// The downsampling job: raw samples become 5-minute averages, 5-minute averages become hourly
// ones, and each tier is pruned once it is both rolled up and past its retention (raw 48 h,
// 5-minute 30 days). Idempotent: a watermark per tier (in `settings`) records how far it has
// rolled, so running it twice, or after a week off, rolls every complete bucket exactly once.
import type Database from 'better-sqlite3';
import { RESOLUTION_MS, RETENTION, type Resolution } from './downsample.js';
import type { SettingsStore } from './settings-store.js';

type Tier = Exclude<Resolution, 'raw'>;

/** Each rolled tier and the finer one it is built from. */
const TIERS: { tier: Tier; from: Resolution }[] = [
  { tier: '5m', from: 'raw' },
  { tier: '1h', from: '5m' },
];

export const watermarkKey = (tier: Tier) => `health.rolledUpTo.${tier}`;

const iso = (ms: number) => new Date(ms).toISOString();

/** `at` (ISO-8601 text) → its bucket's start, as the same ISO-8601 text. */
const bucketSql = `strftime('%Y-%m-%dT%H:%M:%fZ', (unixepoch(at) / CAST(@seconds AS INTEGER)) * CAST(@seconds AS INTEGER), 'unixepoch')`;

const ROLL_SQL = `
  INSERT INTO capacity_samples (node_id, at, resolution, repo_size, storage_max, disk_free, disk_total, peers,
    usable_free, latency_ms, state, error)
  SELECT node_id, ${bucketSql}, @tier, CAST(AVG(repo_size) AS INTEGER), CAST(AVG(storage_max) AS INTEGER),
    CAST(AVG(disk_free) AS INTEGER), CAST(AVG(disk_total) AS INTEGER), CAST(AVG(peers) AS INTEGER),
    CAST(AVG(usable_free) AS INTEGER), CAST(AVG(latency_ms) AS INTEGER),
    -- A bucket where the node answered only part of the time is summarised as degraded.
    CASE WHEN COUNT(repo_size) = COUNT(*) THEN 'online' ELSE 'degraded' END, NULL
  FROM capacity_samples
  WHERE node_id = @node AND resolution = @from AND at >= @start AND at < @end
  GROUP BY 2
  -- A bucket in which the node never answered has nothing to average: the graph shows a gap.
  HAVING COUNT(repo_size) > 0`;

// Sums the nodes' means of each rolled bucket into one fleet row: every node's row of a bucket
// carries the same bucket-start `at`, so grouping by it lines them up.
const ROLL_FLEET_SQL = `
  INSERT OR REPLACE INTO fleet_capacity_samples (resolution, at, used, usable_free, nodes)
  SELECT resolution, at, SUM(repo_size), SUM(usable_free), COUNT(*)
  FROM capacity_samples
  WHERE resolution = @tier AND at >= @start AND at < @end AND repo_size IS NOT NULL AND usable_free IS NOT NULL
  GROUP BY at`;

/** Writes the fleet-wide rows of one tier for [start, end); the rollup and benchmarks' seeds use it. */
export function rollFleetTier(db: Database.Database, tier: Tier, start: string, end: string): number {
  return db.prepare(ROLL_FLEET_SQL).run({ tier, start, end }).changes;
}

export interface RollupReport {
  rolled: Record<Tier, number>;
  pruned: number;
}

export function runRollup(db: Database.Database, settings: SettingsStore, now: number): RollupReport {
  const report: RollupReport = { rolled: { '5m': 0, '1h': 0 }, pruned: 0 };
  db.transaction(() => {
    const nodeIds = (db.prepare('SELECT id FROM nodes').all() as { id: number }[]).map((r) => r.id);
    const roll = db.prepare(ROLL_SQL);
    for (const { tier, from } of TIERS) {
      const size = RESOLUTION_MS[tier];
      // Only complete buckets roll: the current one is still filling.
      const end = Math.floor(now / size) * size;
      const start = settings.get<string>(watermarkKey(tier)) ?? earliest(db, from);
      if (start === null || start >= iso(end)) continue;
      for (const node of nodeIds) {
        report.rolled[tier] += roll.run({ node, tier, from, start, end: iso(end), seconds: size / 1000 }).changes;
      }
      rollFleetTier(db, tier, start, iso(end));
      settings.put(watermarkKey(tier), iso(end));
    }
    report.pruned = prune(db, settings, nodeIds, now);
  })();
  return report;
}

function earliest(db: Database.Database, resolution: Resolution): string | null {
  const row = db.prepare('SELECT MIN(at) AS at FROM capacity_samples WHERE resolution = ?').get(resolution) as { at: string | null };
  return row.at;
}

/** Deletes what is past retention, but never what has not been rolled up yet. */
function prune(db: Database.Database, settings: SettingsStore, nodeIds: number[], now: number): number {
  const limits: { resolution: Resolution; keep: number; rolledTo: string | null }[] = [
    { resolution: 'raw', keep: RETENTION.rawFor, rolledTo: settings.get<string>(watermarkKey('5m')) },
    { resolution: '5m', keep: RETENTION.fiveMinuteFor, rolledTo: settings.get<string>(watermarkKey('1h')) },
  ];
  const remove = db.prepare('DELETE FROM capacity_samples WHERE node_id = ? AND resolution = ? AND at < ?');
  let pruned = 0;
  for (const { resolution, keep, rolledTo } of limits) {
    if (rolledTo === null) continue;
    const cutoff = [iso(now - keep), rolledTo].sort()[0]!;
    for (const node of nodeIds) pruned += remove.run(node, resolution, cutoff).changes;
    if (resolution === '5m') db.prepare("DELETE FROM fleet_capacity_samples WHERE resolution = '5m' AND at < ?").run(cutoff);
  }
  return pruned;
}
