// Where each CID of a node being decommissioned goes: onto the remaining nodes with the most usable
// free space (less what this plan already promised them), skipping nodes that already hold it,
// until it has `replicas` copies. Pure; decommission.ts does the pinning and verifying. Also what
// the admin is shown first, and the typed confirmation a run that deletes data needs.
import { PinfleetError } from '../../../src-preload/contract/errors.js';
import type { DecommissionPlan } from '../../../src-preload/contract/provisioning-types.js';

export interface PinToMove {
  cid: string;
  /** Cumulative size in bytes (what a new copy will take). */
  bytes: number;
  /** Remaining nodes that already pin it. */
  heldBy: string[];
}

export interface TargetNode {
  name: string;
  usableFree: number;
}

export interface MovePlan {
  moves: { cid: string; to: string[]; already: string[] }[];
  /** CIDs that cannot get enough copies, with why. */
  unplaceable: { cid: string; reason: string }[];
}

export function planMoves(pins: readonly PinToMove[], targets: readonly TargetNode[], replicas: number): MovePlan {
  const free = new Map(targets.map((t) => [t.name, t.usableFree]));
  const wanted = Math.min(replicas, targets.length);
  const plan: MovePlan = { moves: [], unplaceable: [] };
  if (targets.length === 0 && pins.length > 0) {
    for (const pin of pins) plan.unplaceable.push({ cid: pin.cid, reason: 'no other healthy node to hold it' });
    return plan;
  }
  // Biggest first: they are the hardest to place.
  for (const pin of [...pins].sort((a, b) => b.bytes - a.bytes || a.cid.localeCompare(b.cid))) {
    const already = pin.heldBy.filter((n) => free.has(n));
    const need = Math.max(0, wanted - already.length);
    const candidates = [...free.entries()]
      .filter(([name, space]) => !already.includes(name) && space >= pin.bytes)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, need)
      .map(([name]) => name);
    if (candidates.length < need) {
      plan.unplaceable.push({ cid: pin.cid, reason: `needs ${need} more cop${need === 1 ? 'y' : 'ies'} of ${pin.bytes} bytes, but only ${candidates.length} remaining node(s) have that much usable free space` });
      continue;
    }
    for (const name of candidates) free.set(name, free.get(name)! - pin.bytes);
    plan.moves.push({ cid: pin.cid, to: candidates, already });
  }
  return plan;
}

/** What the admin is shown before a decommission: the steps in order, what is deleted, whether to type the name. */
export function describeDecommission(facts: {
  node: string;
  mode: 'standalone' | 'cluster';
  kuboContainer: string | null;
  removeContainer: boolean;
  removeData: boolean;
  /** Server paths the data removal deletes (the repo mount, the wizard's init scripts). */
  dataPaths: readonly string[];
  replicas: number;
  cluster: DecommissionPlan['cluster'];
}): DecommissionPlan {
  const { node, cluster } = facts;
  const removeContainer = facts.removeContainer || facts.removeData;
  const deletes = facts.removeData ? [...facts.dataPaths] : [];
  if (cluster?.container && cluster.stateDir) deletes.push(cluster.stateDir);
  const steps = [`mark ${node} draining: no new uploads go to it`];
  if (facts.mode === 'cluster' && cluster) {
    if (cluster.peerId) {
      steps.push(`remove its Cluster peer ${cluster.peerId} from the peerset (peers rm): Cluster re-allocates its ${cluster.pins} pin(s) to the ${cluster.remainingPeers} remaining peer(s)`);
      steps.push('wait until each of those pins is pinned on its replication minimum of remaining peers, then check with their kubos\' own pin ls (nothing is unpinned on a kubo directly)');
    }
    if (cluster.container) steps.push(`stop and remove the peer container ${cluster.container}${cluster.stateDir ? ` and delete its state folder ${cluster.stateDir} (the peer's key and the cluster secret)` : ''}`);
    else if (cluster.peerId) steps.push('leave the peer container alone: Pinfleet did not make it (stop it by hand)');
    // CRDT trust is in each remaining peer's settings; changing it restarts them, which is the set-up's job.
    if (cluster.peerId) steps.push(`delete its identity from the secret store; its ID stays in the remaining peers' trusted list (with no key left to use it) until \`pinfleet cluster setup\` runs again over them`);
  } else {
    steps.push(`pin every CID ${node} holds on the other nodes (${facts.replicas} cop${facts.replicas === 1 ? 'y' : 'ies'} each), checked with their own pin ls`);
    steps.push(`unpin those CIDs on ${node}`);
  }
  if (facts.kuboContainer) steps.push(`${removeContainer ? 'stop and remove' : 'stop'} the kubo container ${facts.kuboContainer}`);
  else steps.push(`no kubo container in Docker: stop kubo on ${node} by hand`);
  if (deletes.length > 0 && facts.removeData) steps.push(`delete ${facts.dataPaths.join(', ')} on the server`);
  steps.push(`remove ${node} from the inventory`);
  return { mode: facts.mode, steps, kuboContainer: facts.kuboContainer, deletes, cluster, confirmationRequired: deletes.length > 0 };
}

/** A run that deletes data needs the node's name typed; anything else is refused before a change. */
export function checkConfirmation(node: string, plan: DecommissionPlan, confirm: string | undefined): void {
  if (!plan.confirmationRequired || confirm === node) return;
  throw new PinfleetError(
    'invalid_input',
    confirm === undefined
      ? `decommissioning ${node} deletes ${plan.deletes.join(', ')}: type the node's name to confirm (--confirm ${node}); nothing was changed`
      : `the confirmation "${confirm}" is not the node's name ${node}; nothing was changed`,
  );
}
