// Handlers for the provisioning channels (issue #6). Each request opens its own short SSH session to
// the target (it is not in the inventory yet, so it is not in the pool), and closes it when done.
import { PinfleetError } from '../../src-preload/contract/errors.js';
import type { ValidatedInput } from '../../src-preload/contract/contract.js';
import type { EventBus } from '../core/events.js';
import type { Handlers } from '../core/router.js';
import type { CredentialsInput } from '../connections/credential-service.js';
import { openTargetSession, type TargetSession } from '../connections/target-connector.js';
import type Database from 'better-sqlite3';
import type { Actor, Inventory } from '../inventory/index.js';
import { detectKubo } from '../provisioning/adopt-detect.js';
import { registerAdopted } from '../provisioning/adopt-register.js';
import { runPreflight } from '../provisioning/preflight.js';

type ProvisioningChannels = 'provisioning.preflight' | 'provisioning.adoptDetect' | 'provisioning.adoptRegister';

type TargetInput = Pick<ValidatedInput<'provisioning.preflight'>, 'host' | 'port' | 'user' | 'fingerprint' | 'login'>;

export interface ProvisioningDeps {
  inventory: Inventory;
  db: Database.Database;
  bus: EventBus;
  actor: Actor;
  setCredentials(input: CredentialsInput): Promise<unknown>;
  environment?: NodeJS.ProcessEnv;
  log?: (message: string) => void;
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
  };
}

/** The pool's mismatch advice names `hostkeys replace`, which is for inventory nodes; here the pin is the admin's input. */
function hostKeyAdvice(error: unknown): unknown {
  if (!(error instanceof PinfleetError) || error.code !== 'host_key_mismatch') return error;
  const [what] = error.message.split(' Only if you have checked');
  return new PinfleetError('host_key_mismatch', `${what} Compare the key on the server itself (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub) and give that fingerprint; nothing was sent to the server.`);
}
