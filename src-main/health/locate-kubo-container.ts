// The I/O around pickKuboContainer: list the node's containers, and only when the cheap rules
// cannot tell which kubo is the node's (a shared Docker engine, host networking, no stored name or
// matching label), read the `api` file each candidate's kubo writes in its repo while it runs
// (`/ip4/127.0.0.12/tcp/5001`) over SSH, and choose again. The same file the adopt wizard reads;
// unlike the repo's config, it holds no key.
import type Docker from 'dockerode';
import { PinfleetError } from '../../src-preload/contract/errors.js';
import type { NodeRecord } from '../../src-preload/contract/types.js';
import type { NodeConnector } from '../connections/node-connector.js';
import { chooseKuboContainer, containersToProbe, noContainerMessage, repoHostPath, type ContainerSummary, type KuboContainerChoice, type KuboIdentity } from './kubo-container.js';

const API_FILE_TIMEOUT_MS = 5_000;

export interface LocatedContainer {
  summary: ContainerSummary;
  docker: Docker;
}

export interface KuboContainerLookup extends KuboContainerChoice {
  docker: Docker;
  identity: KuboIdentity;
  /** Every container on the node's Docker engine, as listed. */
  containers: ContainerSummary[];
}

/** The choice with the rule that made it: decommission refuses a guess where health takes it. */
export async function lookUpKuboContainer(connector: NodeConnector, node: NodeRecord): Promise<KuboContainerLookup> {
  const docker = await connector.docker(node);
  const containers = (await docker.listContainers({ all: true })) as unknown as ContainerSummary[];
  const identity: KuboIdentity = { name: node.name, apiAddress: node.apiAddress, kuboContainer: node.kuboContainer ?? null };
  const apiListen = new Map<string, string>();
  for (const candidate of containersToProbe(containers, identity)) {
    const repo = repoHostPath(candidate);
    if (repo === null) continue;
    const result = await connector.exec(node, ['cat', `${repo}/api`], { timeoutMs: API_FILE_TIMEOUT_MS }).catch(() => null);
    // No file: that kubo is not running; it cannot be told apart by its address then.
    if (result?.code === 0) apiListen.set(candidate.Id, result.stdout.trim());
  }
  return { ...chooseKuboContainer(containers, identity, apiListen), docker, identity, containers };
}

export async function locateKuboContainer(connector: NodeConnector, node: NodeRecord): Promise<LocatedContainer> {
  const lookup = await lookUpKuboContainer(connector, node);
  if (lookup.chosen === null) throw new PinfleetError('not_found', noContainerMessage(lookup.containers, lookup.identity));
  return { summary: lookup.chosen, docker: lookup.docker };
}
