// "Set up a cluster": the form as typed → the contract's `cluster.setup` input, or the first thing
// to fix. Pure, so the defaults and the wording are pinned by unit tests; main validates again.
import type { ClusterSetupPeer, ClusterSetupProgress, ClusterSetupReport } from '../../../../src-preload/contract/cluster-types';
import { stateDirProblem } from '../../../../src-preload/contract/cluster-state-dir';

export interface SetupDraft {
  /** Nodes the admin unticked; every other active node gets a peer (new nodes start ticked). */
  unchecked: string[];
  replicationMin: string;
  replicationMax: string;
  image: string;
  runAs: string;
  /** Per node; empty: `ipfs-cluster` beside kubo's repo. */
  stateDirs: Record<string, string>;
}

export const emptySetupDraft = (): SetupDraft => ({ unchecked: [], replicationMin: '', replicationMax: '', image: '', runAs: '1000:100', stateDirs: {} });

/** What main uses when a replication field is empty: min 2 (1 on one node), max 3 capped at the node count. */
export function defaultReplication(nodeCount: number): { min: number; max: number } {
  return { min: nodeCount <= 1 ? 1 : 2, max: Math.max(1, Math.min(3, nodeCount)) };
}

export function chosenNodes(activeNodes: readonly string[], draft: SetupDraft): string[] {
  return activeNodes.filter((name) => !draft.unchecked.includes(name));
}

export interface SetupInput {
  nodes: string[];
  replicationMin?: number;
  replicationMax?: number;
  image?: string;
  runAs: string;
  stateDirs?: Record<string, string>;
  dryRun: boolean;
}

function replicationField(label: string, text: string): number | undefined | string {
  if (text.trim() === '') return undefined;
  const value = Number(text.trim());
  if (!Number.isInteger(value) || value < -1) return `${label} is a whole number: -1 (every peer) or more.`;
  return value;
}

/** A state folder field's error as typed (empty: the default beside kubo's repo); the same rule as main's. */
export function stateDirError(typed: string | undefined): string | undefined {
  const dir = typed?.trim() ?? '';
  const problem = dir === '' ? null : stateDirProblem(dir);
  return problem ? `this folder ${problem}.` : undefined;
}

/** The input for `cluster.setup`, or what to fix first (in words for the admin). */
export function setupInput(activeNodes: readonly string[], draft: SetupDraft, dryRun: boolean): SetupInput | string {
  const nodes = chosenNodes(activeNodes, draft);
  if (nodes.length === 0) return 'Choose at least one node to run a Cluster peer.';
  const min = replicationField('Replication min', draft.replicationMin);
  if (typeof min === 'string') return min;
  const max = replicationField('Replication max', draft.replicationMax);
  if (typeof max === 'string') return max;
  const fallback = defaultReplication(nodes.length);
  const effectiveMin = min ?? fallback.min;
  const effectiveMax = max ?? fallback.max;
  if (effectiveMax !== -1 && effectiveMin > effectiveMax) return `Replication min (${effectiveMin}) must not exceed replication max (${effectiveMax}).`;
  const runAs = draft.runAs.trim();
  if (!/^\d{1,10}:\d{1,10}$/.test(runAs)) return 'Run as is uid:gid, e.g. 1000:100.';
  const stateDirs = Object.fromEntries(nodes.map((n) => [n, draft.stateDirs[n]?.trim() ?? '']).filter(([, dir]) => dir !== ''));
  for (const node of nodes) {
    const problem = stateDirError(draft.stateDirs[node]);
    if (problem) return `State folder on ${node}: ${problem}`;
  }
  return {
    nodes,
    ...(min === undefined ? {} : { replicationMin: min }),
    ...(max === undefined ? {} : { replicationMax: max }),
    ...(draft.image.trim() ? { image: draft.image.trim() } : {}),
    runAs,
    ...(Object.keys(stateDirs).length > 0 ? { stateDirs } : {}),
    dryRun,
  };
}

/** What a peer's action says in the plan (future) and in the summary (done). */
export const ACTION_TEXT: Record<'plan' | 'done', Record<ClusterSetupPeer['action'], string>> = {
  plan: { create: 'create a peer', replace: 'replace its peer', start: 'start its stopped peer', keep: 'keep its peer' },
  done: { create: 'created', replace: 'replaced', start: 'started', keep: 'kept as it was' },
};

/** "kept: 12 of 12 existing pins checked, 0 missing". */
export function keptSentence(kept: ClusterSetupReport['kept']): string {
  const missing = kept.missing.length;
  return `kept: ${kept.checked - missing} of ${kept.checked} existing pins checked, ${missing} missing`;
}

/** The live log: every progress event in order, and the latest one for the bar. */
export interface SetupLog {
  entries: ClusterSetupProgress[];
  latest: ClusterSetupProgress | null;
}

export const emptySetupLog = (): SetupLog => ({ entries: [], latest: null });

export function applySetupProgress(log: SetupLog, event: ClusterSetupProgress): SetupLog {
  return { entries: [...log.entries, event], latest: event };
}

/** "node2: started the peer", or the message alone for a fleet-wide step. */
export function progressLine(event: ClusterSetupProgress): string {
  return event.node ? `${event.node}: ${event.message}` : event.message;
}
