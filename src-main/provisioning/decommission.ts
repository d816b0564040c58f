// The decommission wizard: drain the node (placement skips draining nodes, so uploads stop going to
// it), copy every recursive pin it holds onto the remaining nodes (planMoves: their usable free
// space and the replication target), verify each copy with the target's own `pin ls`, and only when
// every CID is safe unpin it here, stop (and optionally remove) its container and data, and remove
// the node from the inventory. Anything unsafe stops before the node is touched.
import type Docker from 'dockerode';
import { PinfleetError } from '../../src-preload/contract/errors.js';
import type { ValidatedInput } from '../../src-preload/contract/contract.js';
import type { DecommissionReport } from '../../src-preload/contract/provisioning-types.js';
import type { NodeRecord } from '../../src-preload/contract/types.js';
import { pickKuboContainer, repoHostPath, type ContainerSummary } from '../health/kubo-container.js';
import { kuboCall } from '../health/kubo-rpc.js';
import { writeAudit } from '../inventory/audit-log.js';
import { isPinned, peerIdentity, pinAdd, pinRm, swarmConnect } from '../uploads/kubo-pins.js';
import { planMoves, type PinToMove } from './decommission-plan.js';
import type { WizardDeps } from './provision-env.js';
import { ProvisionRunStore } from './provision-run-store.js';

export type DecommissionInput = ValidatedInput<'provisioning.decommission'>;

export async function decommissionNode(deps: WizardDeps, input: DecommissionInput): Promise<DecommissionReport> {
  const node = deps.inventory.getNode(input.name);
  const store = new ProvisionRunStore(deps.db);
  const runId = store.startRun(node.host, 'decommission');
  const report: DecommissionReport = { name: node.name, moved: [], problems: [], containerRemoved: false, dataRemoved: false, removedFromInventory: false, lines: [] };
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
    const sourceUrl = await deps.connector.kuboApiUrl(node);
    const moved = await phase('repin', () => repin(deps, node, sourceUrl, input.replicas, report, say));
    if (report.problems.length > 0) {
      throw new PinfleetError('no_space', `${report.problems.length} CID(s) could not be moved safely, so ${node.name} was left draining and untouched: ${report.problems.slice(0, 3).join('; ')}`);
    }
    await phase('unpin', async () => {
      for (const cid of moved) await pinRm(sourceUrl, cid);
      say(`unpinned ${moved.length} CID(s) on ${node.name}`);
    });
    await phase('container', () => stopContainer(deps, node, input, report, say));
    await phase('remove', async () => {
      deps.inventory.removeNode(node.name, deps.actor);
      deps.bus.publish('inventory.changed', { change: 'removed', names: [node.name] });
      report.removedFromInventory = true;
      say(`removed ${node.name} from the inventory`);
    });
    writeAudit(deps.db, { at: new Date().toISOString(), actor: deps.actor, action: 'provisioning.decommission', target: node.name, detail: { runId, moved: report.moved.length, containerRemoved: report.containerRemoved, dataRemoved: report.dataRemoved } });
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

async function repin(deps: WizardDeps, node: NodeRecord, sourceUrl: string, replicas: number, report: DecommissionReport, say: (line: string) => void): Promise<string[]> {
  const listed = (await kuboCall(sourceUrl, 'pin/ls?type=recursive')) as { Keys?: Record<string, unknown> };
  const cids = Object.keys(listed.Keys ?? {}).sort();
  say(`${node.name} holds ${cids.length} recursive pin(s)`);
  const targets: { node: NodeRecord; url: string; usableFree: number }[] = [];
  for (const other of deps.inventory.listNodes()) {
    if (other.name === node.name || other.state === 'draining') continue;
    const health = await deps.pollNode(other.name).catch(() => null);
    if (!health || !health.capacity || !['online', 'degraded'].includes(health.state)) {
      say(`not using ${other.name}: ${health ? `${health.state} (${health.reason})` : 'it could not be polled'}`);
      continue;
    }
    targets.push({ node: other, url: await deps.connector.kuboApiUrl(other), usableFree: health.capacity.usableFree });
  }
  const pins: PinToMove[] = [];
  for (const cid of cids) {
    const stat = (await kuboCall(sourceUrl, `files/stat?arg=${encodeURIComponent(`/ipfs/${cid}`)}`).catch(() => ({}))) as { CumulativeSize?: number };
    const heldBy: string[] = [];
    for (const t of targets) if (await isPinned(t.url, cid)) heldBy.push(t.node.name);
    pins.push({ cid, bytes: stat.CumulativeSize ?? 0, heldBy });
  }
  const plan = planMoves(pins, targets.map((t) => ({ name: t.node.name, usableFree: t.usableFree })), replicas);
  for (const u of plan.unplaceable) report.problems.push(`${u.cid}: ${u.reason}`);
  if (plan.unplaceable.length > 0) return [];
  const source = await peerIdentity(sourceUrl);
  const safe: string[] = [];
  for (const move of plan.moves) {
    for (const name of move.to) {
      const target = targets.find((t) => t.node.name === name)!;
      await swarmConnect(target.url, source);
      await pinAdd(target.url, move.cid);
      if (!(await isPinned(target.url, move.cid))) {
        report.problems.push(`${move.cid}: ${name} answered the pin but its pin ls does not show it`);
        continue;
      }
      say(`${move.cid} pinned and verified on ${name}`);
    }
    report.moved.push({ cid: move.cid, to: [...move.already, ...move.to] });
    if (move.to.length === 0) say(`${move.cid} already on ${move.already.join(', ')}`);
    safe.push(move.cid);
  }
  return safe;
}

async function stopContainer(deps: WizardDeps, node: NodeRecord, input: { removeContainer: boolean; removeData: boolean }, report: DecommissionReport, say: (line: string) => void): Promise<void> {
  let docker: Docker;
  let containers: ContainerSummary[];
  try {
    docker = await deps.connector.docker(node);
    containers = (await docker.listContainers({ all: true })) as unknown as ContainerSummary[];
  } catch (error) {
    say(`Docker could not be asked (${error instanceof Error ? error.message : String(error)}): stop kubo on ${node.name} by hand`);
    return;
  }
  const chosen = pickKuboContainer(containers, node.name);
  if (!chosen) {
    say(`no kubo container could be tied to ${node.name}: stop kubo there by hand`);
    return;
  }
  const name = chosen.Names[0]?.replace(/^\//, '') ?? chosen.Id.slice(0, 12);
  const container = docker.getContainer(chosen.Id);
  if (chosen.State === 'running') await container.stop({ t: 10 });
  say(`stopped ${name}`);
  if (!input.removeContainer && !input.removeData) return;
  await container.remove({ force: true });
  report.containerRemoved = true;
  say(`removed ${name}`);
  if (!input.removeData) return;
  // Only what the wizard itself laid out: the repo mount and (for its own containers) the init scripts.
  const paths: (string | null | undefined)[] = [repoHostPath(chosen)];
  if (chosen.Labels['pinfleet.provisioned'] === '1') paths.push(chosen.Mounts.find((m) => m.Destination === '/container-init.d')?.Source);
  for (const path of paths) {
    if (!path || path.split('/').filter(Boolean).length < 2) continue;
    const result = await deps.connector.exec(node, ['rm', '-rf', '--one-file-system', '--', path], { timeoutMs: 120_000 });
    if (result.code !== 0) throw new PinfleetError('remote_failed', `could not remove ${path} on ${node.name}: ${result.stderr.trim()}`);
    say(`removed ${path}`);
  }
  report.dataRemoved = true;
}
