// Handlers for the provisioning channels. Each request opens its own short SSH session to
// the target (it is not in the inventory yet, so it is not in the pool), and closes it when done.
import { PinfleetError } from '../../src-preload/contract/errors.js';
import type { ValidatedInput } from '../../src-preload/contract/contract.js';
import type { EventBus } from '../core/events.js';
import type { Handlers } from '../core/router.js';
import type { CredentialsInput } from '../connections/credential-service.js';
import type { ApiCredentialsInput } from '../connections/api-credentials.js';
import type { SecretStore } from '../secrets/secret-store.js';
import type { ClusterPeerAccess } from '../cluster/cluster-peer-access.js';
import { openTargetSession, type TargetSession } from '../connections/target-connector.js';
import type Database from 'better-sqlite3';
import type { Actor, Inventory } from '../inventory/index.js';
import { detectKubo } from '../provisioning/adopt/adopt-detect.js';
import { registerAdopted } from '../provisioning/adopt/adopt-register.js';
import { runPreflight } from '../provisioning/steps/preflight.js';
import { decommissionNode } from '../provisioning/decommission/decommission.js';
import { provisionServer } from '../provisioning/provision/provision-engine.js';
import { rollbackPlan, rollbackProvisioning } from '../provisioning/provision/provision-rollback.js';
import type { NodeConnector } from '../connections/index.js';
import { probeHostKey } from '../connections/host-key-probe.js';
import type { NodeHealth } from '../../src-preload/contract/health-types.js';

type ProvisioningChannels =
  | 'provisioning.preflight'
  | 'provisioning.adoptDetect'
  | 'provisioning.adoptRegister'
  | 'provisioning.hostKey'
  | 'provisioning.provision'
  | 'provisioning.rollbackPlan'
  | 'provisioning.rollback'
  | 'provisioning.decommission';

type TargetInput = Pick<ValidatedInput<'provisioning.preflight'>, 'host' | 'port' | 'user' | 'fingerprint' | 'login'>;

export interface ProvisioningDeps {
  inventory: Inventory;
  db: Database.Database;
  bus: EventBus;
  actor: Actor;
  setCredentials(input: CredentialsInput): Promise<unknown>;
  /** Where a provisioned node's RPC token is kept (rpcToken); absent, the option is refused. */
  secrets?: SecretStore;
  /** Sets a node's kubo RPC credential (credentials.setApi). */
  setApiCredentials?(input: ApiCredentialsInput): Promise<unknown>;
  /** The pooled connector of inventory nodes: peering a new node, decommissioning an old one. */
  connector: NodeConnector;
  /** Polls one node now and answers its health. */
  pollNode(name: string): Promise<NodeHealth>;
  environment?: NodeJS.ProcessEnv;
  log?: (message: string) => void;
  /** The existing IPFS Cluster: the wizard's cluster-peer option and its rollback. */
  cluster?: ClusterPeerAccess;
}

export function provisioningHandlers(deps: ProvisioningDeps): Pick<Handlers, ProvisioningChannels> {
  const open = (input: TargetInput): TargetSession =>
    openTargetSession(
      { host: input.host, port: input.port, user: input.user, fingerprint: input.fingerprint, login: input.login },
      { environment: deps.environment, log: deps.log },
    );
  const withSession = async <T>(input: TargetInput, work: (session: TargetSession) => Promise<T>): Promise<T> => {
    const session = open(input);
    try {
      return await work(session);
    } catch (error) {
      throw hostKeyAdvice(error);
    } finally {
      await session.close();
    }
  };
  return {
    'provisioning.preflight': (input) =>
      withSession(input, (s) => runPreflight(s.connector, s.node, { dataPath: input.dataPath, ...(input.listenHost ? { listenHost: input.listenHost } : {}) })),
    'provisioning.adoptDetect': (input) => withSession(input, (s) => detectKubo(s.connector, s.node, input.name)),
    'provisioning.adoptRegister': async (input) => {
      const node = await registerAdopted({ ...deps, openSession: open }, input);
      deps.bus.publish('inventory.changed', { change: 'added', names: [node.name] });
      return node;
    },
    'provisioning.hostKey': async ({ host, port }) => {
      // Only the key exchange: no login is attempted, so the admin can compare before trusting.
      const stand = { id: 0, name: host, host, sshPort: port, sshUser: 'root', hostKeyFingerprint: null, tags: [], region: null, priority: 0, state: 'active' as const, notes: '', apiAddress: '127.0.0.1:5001', gatewayAddress: '127.0.0.1:8080', createdAt: '', updatedAt: '' };
      const key = await probeHostKey(stand);
      return { host, port, keyType: key.keyType, fingerprint: key.fingerprint };
    },
    'provisioning.provision': async (input) => {
      const report = await provisionServer(deps, input);
      if (report.error?.code === 'host_key_mismatch') report.error = { code: report.error.code, message: (hostKeyAdvice(new PinfleetError('host_key_mismatch', report.error.message)) as Error).message };
      return report;
    },
    'provisioning.rollbackPlan': (input) => rollbackPlan(deps, input.host, input.runId),
    'provisioning.rollback': async (input) => {
      try {
        return await rollbackProvisioning(deps, input);
      } catch (error) {
        throw hostKeyAdvice(error);
      }
    },
    'provisioning.decommission': (input) => decommissionNode(deps, input),
  };
}

/** The pool's mismatch advice names `hostkeys replace`, which is for inventory nodes; here the pin is the admin's input. */
function hostKeyAdvice(error: unknown): unknown {
  if (!(error instanceof PinfleetError) || error.code !== 'host_key_mismatch') return error;
  const [what] = error.message.split(' Only if you have checked');
  return new PinfleetError('host_key_mismatch', `${what} Compare the key on the server itself (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub) and give that fingerprint; nothing was sent to the server.`);
}
