// What the provisioning wizards answer: preflight findings and the adopt report.

export type FindingStatus = 'pass' | 'warn' | 'fail';

export interface PreflightFinding {
  /** os, arch, disk, memory, docker, port-4001, port-5001, port-8080, clock */
  check: string;
  status: FindingStatus;
  /** What was seen, in one line. */
  summary: string;
  /** What to do about it; null when nothing is needed. */
  action: string | null;
}

export interface PreflightReport {
  host: string;
  dataPath: string;
  findings: PreflightFinding[];
  /** The worst status of all findings. */
  verdict: FindingStatus;
}

export type KuboRuntime =
  | { kind: 'container'; id: string; name: string; image: string; state: string }
  | { kind: 'native'; pid: number; user: string; command: string };

export type ListenExposure = 'loopback' | 'beyond-loopback' | 'none';

export interface AdoptReport {
  host: string;
  sshPort: number;
  sshUser: string;
  fingerprint: string;
  runtime: KuboRuntime;
  /** kubo's repo (IPFS_PATH) on the server's own filesystem. */
  repoPath: string | null;
  version: string;
  peerId: string;
  storageMax: string | null;
  gcWatermarkPercent: number | null;
  /** host:port to store in the inventory, as seen from the server. */
  apiAddress: string;
  gatewayAddress: string | null;
  /** The multiaddrs kubo's config lists. */
  apiListen: string[];
  gatewayListen: string[];
  exposure: { api: ListenExposure; gateway: ListenExposure };
  warnings: string[];
}

/** The add-a-server wizard's steps, in the order they run. */
export const PROVISION_STEPS = ['connect', 'preflight', 'docker', 'image', 'container', 'configure', 'cluster', 'verify', 'register'] as const;
/** The steps a run has: the cluster peer only when it was asked for. */
export function provisionStepsFor(input: { clusterPeer?: boolean }): ProvisionStepName[] {
  return PROVISION_STEPS.filter((step) => step !== 'cluster' || input.clusterPeer === true);
}
export type ProvisionStepName = (typeof PROVISION_STEPS)[number];

/** done: it changed the server; skipped: already as wanted (or before the step resumed from); failed: stopped here. */
export type ProvisionStepStatus = 'pending' | 'running' | 'done' | 'skipped' | 'failed';

export interface ProvisionStepReport {
  step: ProvisionStepName;
  status: ProvisionStepStatus;
  /** Whether it changed the server or the inventory (false: already as asked, or a check). */
  changed: boolean;
  /** How long it ran; null when it did not run. */
  durationMs: number | null;
  /** One line: what the step found or did, or why it stopped. */
  summary: string;
  lines: string[];
}

export interface ProvisionReport {
  runId: number;
  host: string;
  name: string;
  status: 'done' | 'failed';
  /** The step that stopped the run; retry from it once the reason is fixed. */
  failedStep: ProvisionStepName | null;
  error: { code: string; message: string } | null;
  steps: ProvisionStepReport[];
  /** False when the server already was exactly as asked (a re-run). */
  changed: boolean;
  /** When Docker is missing: the distribution's install commands, shown before anything runs. */
  dockerInstall: string[] | null;
  /** The registered node's health after its first poll. */
  health: { state: string; reason: string; usableTotal: number | null } | null;
}

/** Streamed while a wizard runs: a step starts or ends, prints a line, or moves bytes. */
export interface ProvisionProgress {
  runId: number;
  host: string;
  kind: 'provision' | 'rollback' | 'decommission';
  step: string;
  status: ProvisionStepStatus;
  line: string | null;
  bytes: { done: number; total: number | null } | null;
}

export interface RollbackReport {
  host: string;
  /** The runs whose changes were undone. */
  runIds: number[];
  /** What was undone, newest first. */
  undone: string[];
  /** Undo actions that failed (the rest still ran). */
  failures: string[];
}

/** One thing a rollback will undo, in the order it runs. */
export interface RollbackPlanAction {
  runId: number;
  step: string;
  kind: 'remove-container' | 'remove-path' | 'remove-image' | 'remove-node' | 'remove-cluster-peer';
  description: string;
  /** Files on the server are deleted: needs the typed confirmation. */
  deletesData: boolean;
  /** When the path is a kubo repo: the node it belongs to. */
  repoOf?: string;
  /** Not undone, and why (the kubo container of a node that stays registered). */
  kept?: string;
}

export interface RollbackPlanRun {
  runId: number;
  status: string;
  createdAt: string;
  /** The node the run was for (null for runs recorded before it was kept). */
  node: string | null;
}

/** What provisioning.rollback would do, shown before anything happens (provisioning.rollbackPlan). */
export interface RollbackPlan {
  host: string;
  /** The runs it undoes: the unfinished attempt, or the run named. */
  runIds: number[];
  runs: RollbackPlanRun[];
  actions: RollbackPlanAction[];
  /** Runs of this host it does not touch. */
  leftAlone: RollbackPlanRun[];
  deletesData: boolean;
  /** What to type (confirm) to allow the data-deleting actions; null when none deletes data. */
  confirmWord: string | null;
  /** Why it refuses to run at all; while any is here, nothing is undone. */
  blocked: string[];
  /** Sentences for the admin: what is chosen and why. */
  explanation: string[];
}

export interface HostKeyProbeReport {
  host: string;
  port: number;
  keyType: string;
  fingerprint: string;
}

/** What a decommission will do, shown before anything changes (and answered alone by a dry run). */
export interface DecommissionPlan {
  mode: 'standalone' | 'cluster';
  /** The steps in order, as the admin reads them. */
  steps: string[];
  /** The kubo container that will be stopped (and removed when asked); null when none runs in Docker. */
  kuboContainer: string | null;
  /** Paths on the server that will be deleted. */
  deletes: string[];
  cluster: {
    peerId: string | null;
    peerName: string | null;
    /** The peer container Pinfleet made for the node (removed with its state folder); null when none. */
    container: string | null;
    stateDir: string | null;
    /** Pins of the pinset Cluster must re-allocate off the node. */
    pins: number;
    /** Peers that stay. */
    remainingPeers: number;
  } | null;
  /** The run deletes data: the node's name must be typed to confirm. */
  confirmationRequired: boolean;
}

export interface DecommissionReport {
  name: string;
  dryRun: boolean;
  plan: DecommissionPlan;
  /** Every recursive pin the node held, and where it now lives. */
  moved: { cid: string; to: string[] }[];
  /** CIDs that could not be placed or verified: the node was NOT removed when this is not empty. */
  problems: string[];
  containerRemoved: boolean;
  dataRemoved: boolean;
  removedFromInventory: boolean;
  lines: string[];
}
