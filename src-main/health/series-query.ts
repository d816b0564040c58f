// Capacity graphs from SQLite: per node, or the fleet summed per bucket. Averages within a node
// and bucket first, then sums across nodes, so a node polled twice in a bucket is not counted twice.
import type Database from 'better-sqlite3';
import type { SeriesPoint } from '../../src-preload/contract/health-types.js';
import type { Resolution } from './downsample.js';
import type { SeriesPlan } from './series-plan.js';
import { tierWindows } from './series-plan.js';

export function querySeries(
  db: Database.Database,
  plan: SeriesPlan,
  rolledTo: (tier: Resolution) => string | null,
  nodeId: number | null,
): SeriesPoint[] {
  const windows = tierWindows(plan, rolledTo);
  const params: Record<string, string | number> = { bucket: plan.bucketMs / 1000 };
  // node_id first: it leads the (node_id, resolution, at) index, and for the fleet an IN over
  // the nodes lets SQLite seek that index once per node instead of scanning every sample.
  const nodes = nodeId === null ? 'node_id IN (SELECT id FROM nodes)' : 'node_id = @node';
  if (nodeId !== null) params.node = nodeId;
  const parts = windows.map((w, i) => {
    params[`res${i}`] = w.resolution;
    params[`from${i}`] = w.from;
    if (w.to !== null) params[`to${i}`] = w.to;
    const range = `resolution = @res${i} AND at >= @from${i}${w.to !== null ? ` AND at < @to${i}` : ''}`;
    // The fleet's rolled tiers are summed already (fleet_capacity_samples): one row per bucket
    // instead of one per node. Raw samples are summed here, after averaging each node per bucket.
    if (nodeId === null && w.resolution !== 'raw') {
      return `SELECT (unixepoch(at) / CAST(@bucket AS INTEGER)) * CAST(@bucket AS INTEGER) AS bucket,
                     CAST(AVG(used) AS INTEGER) AS used, CAST(AVG(usable_free) AS INTEGER) AS free
              FROM fleet_capacity_samples WHERE ${range} GROUP BY bucket`;
    }
    return `SELECT bucket, SUM(used) AS used, SUM(free) AS free FROM (
              SELECT node_id, (unixepoch(at) / CAST(@bucket AS INTEGER)) * CAST(@bucket AS INTEGER) AS bucket,
                     CAST(AVG(repo_size) AS INTEGER) AS used, CAST(AVG(usable_free) AS INTEGER) AS free
              FROM capacity_samples
              WHERE ${nodes} AND ${range} AND repo_size IS NOT NULL
              GROUP BY node_id, bucket
            ) GROUP BY bucket`;
  });
  // A bucket where two tiers meet is averaged, never added: both parts are whole-fleet figures.
  const sql = `
    SELECT bucket * 1000 AS at, CAST(AVG(used) AS INTEGER) AS used, CAST(AVG(free) AS INTEGER) AS usableFree
    FROM (${parts.join(' UNION ALL ')})
    GROUP BY bucket ORDER BY bucket`;
  return db.prepare(sql).all(params) as SeriesPoint[];
}
