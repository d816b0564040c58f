// R8's end-to-end check: one real provision of the bare server with a Cluster peer whose region
// is hostile but valid (a region may hold any printable text), so the value really travels over
// SSH into `docker run` as the peer's tag. The peer's environment must hold it byte for byte, and
// no canary may appear. Then only that run is rolled back, and the fleet's cluster restored.
import fs from 'node:fs';
import path from 'node:path';
import { createAppContext, type AppContext } from '../../../src-main/app/compose.js';
import { CLUSTER_SECRET_REF } from '../../../src-main/cluster/cluster-settings.js';
import { FileSecretStore } from '../../../src-main/secrets/file-secret-store.js';
import type { NodeRecord } from '../../../src-preload/contract/types.js';
import type { ProvisionReport } from '../../../src-preload/contract/provisioning-types.js';
import { fleetUids } from '../../fleet/egress-guard.js';
import { bareServer, makeBare, onServer, provisionInputFor, targetOf } from '../../integration/provisioning-support.js';
import { restoreFleetCluster } from '../../integration/cluster-setup-support.js';
import { addFleetNodes } from '../../support/fleet-nodes.js';
import { storageServers, type FleetDescription } from '../../fleet/fleet-description.js';
import { CANARY_PREFIX } from './r8-values.js';

const CLUSTER_CONTAINER = 'pinfleet-cluster';

/** At most 64 characters, no ":" or "," (Cluster's tag syntax), every shell metacharacter else. */
export const hostileRegion = (id: string) => `$(touch /tmp/${CANARY_PREFIX}${id})\`id\`;|&<'"-o`;

export interface EndToEnd {
  runs: number;
  quoted: number;
  problems: string[];
}

export async function provisionWithHostileRegion(fleet: FleetDescription, work: string): Promise<EndToEnd> {
  const region = hostileRegion('e0');
  const result: EndToEnd = { runs: 1, quoted: 0, problems: [] };
  await onServer(fleet, ['docker', 'rm', '--force', CLUSTER_CONTAINER]);
  await makeBare(fleet);
  const dataDir = path.join(work, 'provision');
  fs.mkdirSync(dataDir, { recursive: true });
  const secrets = new FileSecretStore({ dataDir, passphrase: 'r8-soak', kdf: { N: 1024, r: 8, p: 1 } });
  await secrets.set(CLUSTER_SECRET_REF, fs.readFileSync(path.join(fleet.stateDir, 'cluster-secret'), 'utf8').trim());
  const app = createAppContext({ dataDir, actor: 'soak', secrets });
  let runId = 0;
  try {
    await addFleetNodes(app, fleet, storageServers(fleet));
    const input = provisionInputFor(fleet, { clusterPeer: true, clusterImage: fleet.images.cluster, clusterRunAs: `${fleetUids.cluster}:${fleetUids.cluster}`, region });
    const answer = await app.router.call('provisioning.provision', input);
    if (!answer.ok) {
      result.problems.push(`provision with region ${JSON.stringify(region)} was refused: ${answer.error.message}`);
      return result;
    }
    const report = answer.data as ProvisionReport;
    runId = report.runId;
    if (report.status !== 'done') result.problems.push(`provision with a hostile region failed at ${report.failedStep}: ${report.error?.message ?? ''}`);
    const quoted = await regionArrived(app, fleet, region);
    if (quoted === null) result.quoted = 1;
    else result.problems.push(quoted);
  } finally {
    await undo(app, fleet, runId, result.problems);
  }
  return result;
}

/** null when the region reached the peer's environment and the inventory exactly as given. */
async function regionArrived(app: AppContext, fleet: FleetDescription, region: string): Promise<string | null> {
  const inspect = await onServer(fleet, ['docker', 'inspect', '--format', '{{json .Config.Env}}', CLUSTER_CONTAINER]);
  if (inspect.code !== 0) return `no ${CLUSTER_CONTAINER} container on the server to read the region from`;
  const env = JSON.parse(inspect.stdout) as string[];
  const tags = env.find((entry) => entry.startsWith('CLUSTER_TAGS_TAGS='));
  const group = bareServer(fleet).tags[0];
  const want = `CLUSTER_TAGS_TAGS=region:${region}${group ? `,group:${group}` : ''}`;
  if (tags !== want) return `the peer's tags are ${JSON.stringify(tags)}, not ${JSON.stringify(want)}`;
  const node = await app.router.call('nodes.get', { name: 'bare' });
  if (!node.ok) return `bare is not in the inventory after the run: ${node.error.message}`;
  const stored = (node.data as NodeRecord).region;
  return stored === region ? null : `the inventory holds region ${JSON.stringify(stored)}, not ${JSON.stringify(region)}`;
}

/** Rolls back only this run (typed confirmation: the node's name), then leaves bare and the fleet's cluster as before. */
async function undo(app: AppContext, fleet: FleetDescription, runId: number, problems: string[]): Promise<void> {
  try {
    if (runId > 0) {
      const rolled = await app.router.call('provisioning.rollback', { ...targetOf(fleet), runId, confirm: 'bare' });
      if (!rolled.ok) problems.push(`rollback of run ${runId} refused: ${rolled.error.message}`);
    }
  } finally {
    await app.close();
    await onServer(fleet, ['docker', 'rm', '--force', CLUSTER_CONTAINER]);
    await makeBare(fleet);
    // CRDT Cluster cannot forget a departed peer: node1-3 are restarted so they stop expecting it.
    if (runId > 0) await restoreFleetCluster(fleet);
  }
}
