// What every add-a-server step is handed: the validated request, the SSH session to the target,
// the app's services, and the callbacks that stream its log and record what it did.
import type Docker from 'dockerode';
import type Database from 'better-sqlite3';
import type { ValidatedInput } from '../../../src-preload/contract/contract.js';
import type { NodeHealth } from '../../../src-preload/contract/health-types.js';
import type { ProvisionReport } from '../../../src-preload/contract/provisioning-types.js';
import type { CredentialsInput } from '../../connections/credential-service.js';
import type { ApiCredentialsInput } from '../../connections/api-credentials.js';
import type { SecretStore } from '../../secrets/secret-store.js';
import type { ClusterPeerAccess } from '../../cluster/cluster-peer-access.js';
import type { ExecResult, NodeConnector } from '../../connections/index.js';
import type { TargetSession } from '../../connections/target-connector.js';
import type { EventBus } from '../../core/events.js';
import type { Actor, Inventory } from '../../inventory/index.js';
import type { Identity, ServerLayout } from './provision-plan.js';
import type { ServerFacts } from './server-facts.js';
import type { UndoAction } from './undo-actions.js';

export type ProvisionInput = ValidatedInput<'provisioning.provision'>;

export interface WizardDeps {
  inventory: Inventory;
  db: Database.Database;
  bus: EventBus;
  actor: Actor;
  /** The pooled connector of inventory nodes (peers, decommission). */
  connector: NodeConnector;
  setCredentials(input: CredentialsInput): Promise<unknown>;
  /** Where a provisioned node's RPC token is kept (rpcToken); absent, the option is refused. */
  secrets?: SecretStore;
  /** Sets a node's kubo RPC credential (credentials.setApi). */
  setApiCredentials?(input: ApiCredentialsInput): Promise<unknown>;
  /** Polls one node now and returns its health: "the fleet view shows it within one poll". */
  pollNode(name: string): Promise<NodeHealth>;
  environment?: NodeJS.ProcessEnv;
  log?: (message: string) => void;
  /** The existing cluster (its client, the secret and REST login): the cluster step and its rollback. */
  cluster?: ClusterPeerAccess;
}

/** What one run learns once and every step reads: the server's facts and, fetched meanwhile, the fleet's identities. */
export interface RunShared {
  /** Read by the connect step; later steps decide from them instead of asking again. */
  facts: ServerFacts | null;
  factsAskedAt: number;
  factsAnsweredAt: number;
  /** The other inventory nodes' peer identities, asked while the server is being prepared. */
  peers: Promise<{ identities: Identity[]; notes: string[] }>;
}

export interface StepEnv {
  shared: RunShared;
  input: ProvisionInput;
  deps: WizardDeps;
  session: TargetSession;
  image: string;
  swarmHost: string;
  layout: ServerLayout;
  /** Runs argv on the target (each argument quoted by the connector). */
  run(argv: readonly string[], options?: { timeoutMs?: number; stdin?: string }): Promise<ExecResult>;
  docker(): Promise<Docker>;
  /** kubo's RPC base URL through the SSH tunnel (127.0.0.1:5001 on the server). */
  kuboUrl(): Promise<string>;
  say(line: string): void;
  bytes(done: number, total: number | null): void;
  /** Records an undo action the moment the change is made, so a failure later in the step still rolls it back. */
  undo(action: UndoAction): void;
  report: ProvisionReport;
}

export interface StepOutcome {
  changed: boolean;
  summary: string;
}

export function factsOf(env: StepEnv): ServerFacts {
  if (!env.shared.facts) throw new Error('the connect step did not read the server');
  return env.shared.facts;
}

export function firstLine(result: ExecResult): string {
  return (result.stderr.trim() || result.stdout.trim()).split('\n')[0]!.slice(0, 200) || `exit code ${String(result.code)}`;
}
