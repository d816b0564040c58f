// The decommission wizard. First, before anything changes, it works out the plan and refuses what
// is unsafe: which kubo container is the node's (the same locator as health, never a guess by name),
// and in Cluster mode which peer is the node's and what the cluster must re-allocate. A dry run
// answers that plan; a run that deletes data needs the node's name typed. Then: drain the node
// (placement skips draining nodes); in a standalone fleet copy every recursive pin it holds onto
// the remaining nodes, verified with their own `pin ls`, and unpin here; in Cluster mode remove its
// peer from the peerset and wait (bounded) for Cluster's re-allocation, checked on the remaining
// kubos, then remove the peer container Pinfleet made and its state folder, never unpinning a kubo
// underneath the pinset. Last, stop (and optionally remove) the kubo container and data, and remove
// the node from the inventory. Anything unsafe stops before the node is touched.
import type Docker from 'dockerode';
import { PinfleetError } from '../../../src-preload/contract/errors.js';
import type { ValidatedInput } from '../../../src-preload/contract/contract.js';
import type { DecommissionPlan, DecommissionReport } from '../../../src-preload/contract/provisioning-types.js';
import type { NodeRecord } from '../../../src-preload/contract/types.js';
import type { ContainerSummary } from '../../health/kubo-container.js';
import { lookUpKuboContainer } from '../../health/locate-kubo-container.js';
import { writeAudit } from '../../inventory/audit-log.js';
import { pinRm } from '../../uploads/kubo-pins.js';
import { planThroughCluster, reallocateThroughCluster, removeOwnPeer, type ClusterContext, type ClusterPlanned } from './decommission-cluster.js';
import { judgeDecommissionContainer } from './decommission-container.js';
import { dataPathsOf, repin, stopKuboContainer } from './decommission-kubo.js';
import { checkConfirmation, describeDecommission } from './decommission-plan.js';
import type { WizardDeps } from '../steps/provision-env.js';
import { ProvisionRunStore } from '../steps/provision-run-store.js';

export type DecommissionInput = ValidatedInput<'provisioning.decommission'>;

interface Checked {
  docker: Docker;
  kubo: ContainerSummary | null;
  kuboUrl: string;
  cluster: ClusterPlanned | null;
  plan: DecommissionPlan;
}

/** Everything that can refuse, before anything changes; the plan the admin is shown. */
async function check(deps: WizardDeps, node: NodeRecord, input: DecommissionInput, say: (line: string) => void): Promise<Checked> {
  const lookup = await lookUpKuboContainer(deps.connector, node).catch((error: unknown) => {
    throw new PinfleetError(error instanceof PinfleetError ? error.code : 'unreachable', `${node.name}'s Docker could not be asked which kubo container is its (${error instanceof Error ? error.message : String(error)}); nothing was changed`);
  });
  const verdict = judgeDecommissionContainer(lookup, lookup.identity, lookup.containers);
  const kubo = verdict.kind === 'chosen' ? verdict.container : null;
  say(verdict.kind === 'chosen' ? `${node.name}'s kubo container is ${verdict.name} (${verdict.why})` : verdict.why);
  const kuboUrl = await deps.connector.kuboApiUrl(node);
  const clusterMode = deps.cluster?.enabled() ?? false;
  const cluster = clusterMode ? await planThroughCluster({ deps, node, docker: lookup.docker, kuboUrl, say }) : null;
  const plan = describeDecommission({
    node: node.name,
    mode: cluster ? 'cluster' : 'standalone',
    kuboContainer: verdict.kind === 'chosen' ? verdict.name : null,
    removeContainer: input.removeContainer,
    removeData: input.removeData,
    dataPaths: kubo ? dataPathsOf(kubo) : [],
    replicas: input.replicas,
    cluster: cluster
      ? {
          peerId: cluster.plan.peerId,
          peerName: cluster.plan.peerName,
          container: cluster.plan.container?.name ?? null,
          stateDir: cluster.plan.container?.stateDir ?? null,
          pins: cluster.plan.pins.length,
          remainingPeers: cluster.plan.remaining.length,
        }
      : null,
  });
  return { docker: lookup.docker, kubo, kuboUrl, cluster, plan };
}

export async function decommissionNode(deps: WizardDeps, input: DecommissionInput): Promise<DecommissionReport> {
  const node = deps.inventory.getNode(input.name);
  const lines: string[] = [];
  const checked = await check(deps, node, input, (line) => lines.push(line));
  const report: DecommissionReport = { name: node.name, dryRun: input.dryRun, plan: checked.plan, moved: [], problems: [], containerRemoved: false, dataRemoved: false, removedFromInventory: false, lines };
  if (input.dryRun) return report;
  checkConfirmation(node.name, checked.plan, input.confirm);

  const store = new ProvisionRunStore(deps.db);
  const runId = store.startRun(node.host, 'decommission');
  let step = 'drain';
  const say = (line: string) => {
    report.lines.push(line);
    deps.bus.publish('provisioning.progress', { runId, host: node.host, kind: 'decommission', step, status: 'running', line, bytes: null });
  };
  const phase = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    step = name;
    store.stepStarted(runId, name);
    try {
      const value = await work();
      store.stepEnded(runId, name, 'done', { summary: report.lines.at(-1) ?? '', lines: [], undo: [] });
      deps.bus.publish('provisioning.progress', { runId, host: node.host, kind: 'decommission', step: name, status: 'done', line: null, bytes: null });
      return value;
    } catch (error) {
      store.stepEnded(runId, name, 'failed', { summary: error instanceof Error ? error.message : String(error), lines: [], undo: [] });
      throw error;
    }
  };
  try {
    await phase('drain', async () => {
      if (node.state !== 'draining') {
        deps.inventory.updateNode(node.name, { state: 'draining' }, deps.actor);
        deps.bus.publish('inventory.changed', { change: 'updated', names: [node.name] });
      }
      say(`${node.name} is draining: no new uploads go to it`);
    });
    if (checked.cluster) {
      const ctx: ClusterContext = { deps, node, docker: checked.docker, kuboUrl: checked.kuboUrl, say };
      const planned = checked.cluster;
      await phase('reallocate', () => reallocateThroughCluster(ctx, planned, input.reallocationTimeoutSeconds * 1000));
      await phase('peer', () => removeOwnPeer(ctx, planned));
    } else {
      const moved = await phase('repin', () => repin(deps, node, checked.kuboUrl, input.replicas, report, say));
      if (report.problems.length > 0) {
        throw new PinfleetError('no_space', `${report.problems.length} CID(s) could not be moved safely, so ${node.name} was left draining and untouched: ${report.problems.slice(0, 3).join('; ')}`);
      }
      await phase('unpin', async () => {
        for (const cid of moved) await pinRm(checked.kuboUrl, cid);
        say(`unpinned ${moved.length} CID(s) on ${node.name}`);
      });
    }
    await phase('container', () => stopKuboContainer(deps, node, checked.docker, checked.kubo, input, report, say));
    await phase('remove', async () => {
      deps.inventory.removeNode(node.name, deps.actor);
      deps.bus.publish('inventory.changed', { change: 'removed', names: [node.name] });
      report.removedFromInventory = true;
      say(`removed ${node.name} from the inventory`);
    });
    writeAudit(deps.db, {
      at: new Date().toISOString(), actor: deps.actor, action: 'provisioning.decommission', target: node.name,
      detail: { runId, mode: checked.plan.mode, moved: report.moved.length, containerRemoved: report.containerRemoved, dataRemoved: report.dataRemoved, clusterPeer: checked.plan.cluster?.peerId ?? null },
    });
    store.finishRun(runId, 'done');
    deps.bus.publish('provisioning.progress', { runId, host: node.host, kind: 'decommission', step: 'remove', status: 'done', line: `decommissioned ${node.name}`, bytes: null });
    return report;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    store.finishRun(runId, 'failed', message);
    deps.bus.publish('provisioning.progress', { runId, host: node.host, kind: 'decommission', step, status: 'failed', line: message, bytes: null });
    throw error;
  }
}
