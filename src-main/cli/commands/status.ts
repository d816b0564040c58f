// `pinfleet status [--offline] [--json]`: the fleet at a glance. It polls every node once first
// (health.pollNow), unless --offline, in which case it shows what the last poll recorded.
import type { FleetHealth, NodeHealth } from '../../../src-preload/contract/health-types.js';
import { formatBytes } from '../../placement/format-bytes.js';
import { call, type CommandContext } from '../command.js';
import { table } from '../output.js';

const percent = (ratio: number) => `${(ratio * 100).toFixed(1)} %`;

/** "12 s ago", "3 min ago", … relative to `now`; "never" before the first answer. */
export function ago(iso: string | null, now: Date): string {
  if (iso === null) return 'never';
  const seconds = Math.max(0, Math.round((now.getTime() - Date.parse(iso)) / 1000));
  if (seconds < 90) return `${seconds} s ago`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 36 * 3600) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86_400)} d ago`;
}

export function nodeRow(node: NodeHealth, now: Date): string[] {
  const c = node.capacity;
  return [
    node.name,
    node.state,
    c ? `${formatBytes(c.repoSize)} / ${formatBytes(c.usableTotal)}` : '-',
    c ? percent(c.fillRatio) : '-',
    ago(node.lastSeenAt, now),
    node.state === 'online' ? '' : node.reason,
  ];
}

export function describeFleetHealth(health: FleetHealth, now: Date): string[] {
  const { totals, byState } = health;
  const states = Object.entries(byState)
    .filter(([, count]) => count > 0)
    .map(([state, count]) => `${count} ${state}`)
    .join(', ');
  return [
    `Capacity:   ${formatBytes(totals.usableTotal)} usable, ${formatBytes(totals.used)} used, ${formatBytes(totals.usableFree)} free` +
      (totals.usableTotal > 0 ? ` (${percent(totals.used / totals.usableTotal)} full)` : ''),
    `Health:     ${states || '-'}  (last poll: ${ago(health.lastCycleAt ?? latestCheck(health), now)})`,
    ...(health.nodes.length > 0
      ? ['', table(['NODE', 'STATE', 'USED / USABLE', 'FILL', 'LAST SEEN', 'WHY'], health.nodes.map((n) => nodeRow(n, now)))]
      : []),
  ];
}

function latestCheck(health: FleetHealth): string | null {
  return health.nodes.map((n) => n.checkedAt).filter((at): at is string => at !== null).sort().at(-1) ?? null;
}

export async function statusCommand(ctx: CommandContext): Promise<void> {
  // `--offline` reaches here once the argument parser knows it; until then status always polls.
  const offline = (ctx.flags as { offline?: boolean }).offline === true;
  if (!offline) await call(ctx, 'health.pollNow', {});
  const status = await call(ctx, 'status.get');
  const health = await call(ctx, 'health.fleet');
  ctx.out.data({ ...status, health }, () =>
    [
      `Nodes:      ${status.nodes.total} (${status.nodes.active} active, ${status.nodes.draining} draining)`,
      `Regions:    ${status.regions.join(', ') || '-'}`,
      `Inventory:  ${status.inventory.path} (schema ${status.inventory.schemaVersion})`,
      ...(status.inventory.readOnly ? [`WARNING:    read-only — ${status.inventory.readOnlyReason}`] : []),
      ...describeFleetHealth(health, new Date()),
    ].join('\n'),
  );
}
