// Decommission's kubo side: in a standalone fleet, copy every recursive pin the node holds onto the
// remaining nodes (planMoves) and verify each with the target's own `pin ls`; in every mode, stop
// (and when asked remove) the one kubo container decommission-container.ts judged to be the node's,
// and delete only the folders the wizard laid out for it.
import type Docker from 'dockerode';
import { PinfleetError } from '../../../src-preload/contract/errors.js';
import type { DecommissionReport } from '../../../src-preload/contract/provisioning-types.js';
import type { NodeRecord } from '../../../src-preload/contract/types.js';
import { repoHostPath, type ContainerSummary } from '../../health/kubo-container.js';
import { kuboCall } from '../../health/kubo-rpc.js';
import { isPinned, peerIdentity, pinAdd, swarmConnect } from '../../uploads/kubo-pins.js';
import { planMoves, type PinToMove } from './decommission-plan.js';
import type { WizardDeps } from '../steps/provision-env.js';

/** The server paths a data removal deletes: the repo mount and (for the wizard's own containers) the init scripts. */
export function dataPathsOf(container: ContainerSummary): string[] {
  const paths: (string | null | undefined)[] = [repoHostPath(container)];
  if (container.Labels['pinfleet.provisioned'] === '1') paths.push(container.Mounts.find((m) => m.Destination === '/container-init.d')?.Source);
  // Never a top-level folder: a mount of / or /srv is not the node's alone.
  return paths.filter((p): p is string => Boolean(p) && p!.startsWith('/') && p!.split('/').filter(Boolean).length >= 2);
}

export async function repin(deps: WizardDeps, node: NodeRecord, sourceUrl: string, replicas: number, report: DecommissionReport, say: (line: string) => void): Promise<string[]> {
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

/** Stops the judged container; removes it and its data only when asked. */
export async function stopKuboContainer(
  deps: WizardDeps,
  node: NodeRecord,
  docker: Docker,
  chosen: ContainerSummary | null,
  input: { removeContainer: boolean; removeData: boolean },
  report: DecommissionReport,
  say: (line: string) => void,
): Promise<void> {
  if (!chosen) {
    say(`no kubo container runs ${node.name} in Docker: stop kubo there by hand`);
    return;
  }
  const name = chosen.Names[0]?.replace(/^\//, '') ?? chosen.Id.slice(0, 12);
  const container = docker.getContainer(chosen.Id);
  if (chosen.State === 'running') {
    await container.stop({ t: 10 }).catch((error: { statusCode?: number }) => {
      if (error.statusCode !== 304) throw error; // 304: already stopped
    });
  }
  say(`stopped ${name}`);
  if (!input.removeContainer && !input.removeData) return;
  await container.remove({ force: true });
  report.containerRemoved = true;
  say(`removed ${name}`);
  if (!input.removeData) return;
  for (const path of dataPathsOf(chosen)) {
    const result = await deps.connector.exec(node, ['rm', '-rf', '--one-file-system', '--', path], { timeoutMs: 120_000 });
    if (result.code !== 0) throw new PinfleetError('remote_failed', `could not remove ${path} on ${node.name}: ${result.stderr.trim()}`);
    say(`removed ${path}`);
  }
  report.dataRemoved = true;
}
