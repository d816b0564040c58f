// A kubo killed with SIGKILL can come back with flatfs's disk-usage cache damaged: repo/stat then
// reports a repo size just under 2^64 (an unsigned underflow), and the console rightly shows the node
// unreachable with the fix ("delete blocks/diskUsage.cache"). The fleet's heal does not do that fix,
// so R2 applies it itself, after counting it, so the next iteration starts from a whole fleet.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { docker } from '../../fleet/docker-cli.js';
import { serverNamed, type FleetDescription } from '../../fleet/fleet-description.js';
import { kuboRpc, waitForKubo } from '../../fleet/kubo-node.js';

/** Larger than any disk here: only a damaged cache reports it. */
const IMPOSSIBLE_REPO_SIZE = 2 ** 60;

export async function diskUsageCacheDamaged(fleet: FleetDescription, name: string): Promise<boolean> {
  const stat = await kuboRpc<{ RepoSize: number }>(serverNamed(fleet, name).address, 'repo/stat', [], 30_000);
  return stat.RepoSize > IMPOSSIBLE_REPO_SIZE;
}

/** The fix the console names: stop kubo, delete blocks/diskUsage.cache in its repo, start it again. */
export async function repairDiskUsageCache(fleet: FleetDescription, name: string): Promise<void> {
  const server = serverNamed(fleet, name);
  if (!server.kubo) throw new Error(`${name} runs no kubo`);
  await docker(['stop', '--time', '10', server.kubo.container]);
  rmSync(join(server.dataPath, 'blocks', 'diskUsage.cache'), { force: true });
  await docker(['start', server.kubo.container]);
  await waitForKubo(server);
}
