// One ipfs-cluster-service container as specified, shared by the add-a-server wizard's cluster step
// and "Set up a cluster": the image present, the state folder the peer's user's (made by Pinfleet), the
// container made (or kept when its settings-hash label matches), then its /id awaited. Compares
// what runs with what is wanted and changes only the difference; every change can be undone.
import type Docker from 'dockerode';
import { PinfleetError } from '../../../src-preload/contract/errors.js';
import type { ClusterClient } from '../../cluster/cluster-client.js';
import type { ExecResult } from '../../connections/node-connector.js';
import { CLUSTER_SPEC_LABEL } from './cluster-peer-plan.js';
import { inspectContainer, type Inspected } from '../steps/container-state.js';
import { imagePresent, pullImage } from '../steps/image-transfer.js';
import { prepareStateDir } from './cluster-state-folder.js';
import type { UndoAction } from '../steps/undo-actions.js';

const START_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_S = 60;

export type ContainerAction = 'create' | 'replace' | 'start' | 'keep';

/** Pure: what reaching the wanted container takes; a same-named container Pinfleet did not make is refused. */
export function containerAction(current: Inspected | null, name: string, specHash: string): ContainerAction {
  if (!current) return 'create';
  if (current.Config.Labels?.['pinfleet.provisioned'] !== '1') {
    throw new PinfleetError('duplicate', `a container named ${name} already exists on the server and was not made by Pinfleet: remove or rename it, or choose another cluster container name`);
  }
  if (current.Config.Labels?.[CLUSTER_SPEC_LABEL] !== specHash) return 'replace';
  return current.State.Running ? 'keep' : 'start';
}

export interface ClusterContainerHost {
  docker: Docker;
  /** The server's name, for messages. */
  server: string;
  /** Runs argv on the server (each argument quoted by the connector). */
  run(argv: readonly string[]): Promise<ExecResult>;
  say(message: string): void;
  undo(action: UndoAction): void;
  bytes?(done: number, total: number | null): void;
}

export interface WantedClusterContainer {
  image: string;
  stateDir: string;
  /** uid:gid the peer runs as; its state folder is made theirs. */
  runAs: string;
  spec: { name: string; options: Record<string, unknown>; hash: string };
}

/** Brings the server to the wanted container; returns what it changed (empty: it already ran as asked). */
export async function ensureClusterContainer(host: ClusterContainerHost, want: WantedClusterContainer): Promise<{ action: ContainerAction; changes: string[] }> {
  const { docker } = host;
  const changes: string[] = [];
  if (!(await imagePresent(docker, want.image))) {
    host.say(`pulling ${want.image} on the server`);
    host.undo({ kind: 'remove-image', ref: want.image });
    await pullImage(docker, want.image, (done, total) => host.bytes?.(done, total));
    changes.push(`pulled ${want.image}`);
  }

  // Only a folder Pinfleet made changes owner (see cluster-state-folder.ts).
  const folder = await prepareStateDir(host, want.stateDir, want.runAs, host.server);
  if (folder === 'create') changes.push(`created ${want.stateDir}`);

  const { name } = want.spec;
  const action = containerAction(await inspectContainer(docker, name), name, want.spec.hash);
  if (action === 'start') {
    await docker.getContainer(name).start();
    changes.push(`started ${name}`);
  } else if (action === 'create' || action === 'replace') {
    if (action === 'replace') {
      // A clean stop first: Cluster's pebble store keeps recent pinset writes in memory until the
      // peer shuts down, so a killed peer (remove --force alone) comes back with them lost.
      await docker.getContainer(name).stop({ t: STOP_TIMEOUT_S }).catch((error: { statusCode?: number }) => {
        if (error.statusCode !== 304) throw error; // 304: already stopped
      });
      await docker.getContainer(name).remove({ force: true });
      changes.push(`replaced ${name} (its settings changed)`);
    }
    await docker.createContainer({ ...want.spec.options } as Docker.ContainerCreateOptions);
    host.undo({ kind: 'remove-container', name });
    await docker.getContainer(name).start();
    changes.push(`created and started ${name} from ${want.image}`);
  }
  for (const change of changes) host.say(change);
  return { action, changes };
}

/** Its /id through the tunnel; a container that exits or restarts meanwhile fails at once. */
export async function waitForPeer(own: ClusterClient, docker: Docker, name: string, timeoutMs = START_TIMEOUT_MS): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      return (await own.id()).id;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    const state = await inspectContainer(docker, name);
    if (!state || !state.State.Running || state.RestartCount > 0) {
      throw new PinfleetError('remote_failed', `ipfs-cluster-service in ${name} stopped (${state ? `${state.State.Status}, exit code ${state.State.ExitCode}` : 'container gone'}): see \`docker logs ${name}\` on the server`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new PinfleetError('timeout', `the Cluster peer in ${name} did not answer within ${timeoutMs / 1000} s (${last})`);
}
