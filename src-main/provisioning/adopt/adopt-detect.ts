// Finds the kubo already running on a server and reads what the inventory needs about it: a
// container (Docker over the SSH connection) or a native `ipfs daemon`, its repo, the RPC address
// from the repo's `api` file, then version, identity and config through the SSH tunnel.
import { PinfleetError } from '../../../src-preload/contract/errors.js';
import type { AdoptReport, KuboRuntime } from '../../../src-preload/contract/provisioning-types.js';
import type { NodeRecord } from '../../../src-preload/contract/types.js';
import type { NodeConnector } from '../../connections/index.js';
import { pickKuboContainer, repoHostPath, type ContainerSummary } from '../../health/kubo-container.js';
import { kuboCall } from '../../health/kubo-rpc.js';
import { exposureOf, exposureWarnings } from '../steps/exposure.js';
import {
  PS_ARGV,
  homeFromPasswd,
  ipfsPathFromEnviron,
  isContainerised,
  kuboContainers,
  listOf,
  parseIpfsDaemons,
  reachableAddress,
  watermarkOf,
} from './kubo-detect.js';

const TIMEOUT = { timeoutMs: 20_000 };
const DEFAULT_API = '/ip4/127.0.0.1/tcp/5001';

interface Located {
  runtime: KuboRuntime;
  repoPath: string | null;
}

export async function detectKubo(connector: NodeConnector, node: NodeRecord, nameHint?: string): Promise<AdoptReport> {
  const cat = async (path: string) => {
    const result = await connector.exec(node, ['cat', path], TIMEOUT);
    return result.code === 0 ? result.stdout : null;
  };
  // Connect first, so a refused host key or login is the answer rather than "no kubo".
  await connector.exec(node, ['true'], TIMEOUT);
  const notes: string[] = [];
  const located = (await inContainer(connector, node, nameHint, cat, notes)) ?? (await asNativeProcess(connector, node, cat, notes));
  if (!located) {
    throw new PinfleetError('not_found', `no kubo found on ${node.host}: ${notes.join('; ')}. To set kubo up there, run the provisioning wizard (start with pinfleet preflight).`);
  }
  const apiFile = located.repoPath ? await cat(`${located.repoPath}/api`) : null;
  const apiAddress = reachableAddress(apiFile?.trim() || DEFAULT_API);
  if (!apiAddress) throw new PinfleetError('remote_failed', `kubo on ${node.host} listens on "${apiFile?.trim() ?? ''}", which Pinfleet cannot reach over SSH (only TCP addresses are supported).`);

  const baseUrl = await connector.kuboApiUrl({ ...node, apiAddress });
  let config: Record<string, unknown>;
  let version: { Version?: string };
  let identity: { ID?: string };
  try {
    [config, version, identity] = (await Promise.all([kuboCall(baseUrl, 'config/show'), kuboCall(baseUrl, 'version'), kuboCall(baseUrl, 'id')])) as [Record<string, unknown>, { Version?: string }, { ID?: string }];
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new PinfleetError('unreachable', `kubo was found on ${node.host} (${describe(located.runtime)}) but its RPC API at ${apiAddress} did not answer through SSH: ${why}`);
  }
  const addresses = (config.Addresses ?? {}) as Record<string, unknown>;
  const datastore = (config.Datastore ?? {}) as Record<string, unknown>;
  const apiListen = listOf(addresses.API);
  const gatewayListen = listOf(addresses.Gateway);
  const gatewayAddress = gatewayListen.map(reachableAddress).find((a) => a !== null) ?? null;
  const warnings = exposureWarnings(apiListen, gatewayListen);
  if (gatewayAddress === null) warnings.push('kubo has no TCP gateway (Addresses.Gateway): the console will show the node but cannot serve files from it.');
  return {
    host: node.host,
    sshPort: node.sshPort,
    sshUser: node.sshUser,
    fingerprint: node.hostKeyFingerprint ?? '',
    runtime: located.runtime,
    repoPath: located.repoPath,
    version: version.Version ?? 'unknown',
    peerId: identity.ID ?? 'unknown',
    storageMax: typeof datastore.StorageMax === 'string' ? datastore.StorageMax : null,
    gcWatermarkPercent: watermarkOf(datastore.StorageGCWatermark),
    apiAddress,
    gatewayAddress,
    apiListen,
    gatewayListen,
    exposure: { api: exposureOf(apiListen), gateway: exposureOf(gatewayListen) },
    warnings,
  };
}

function describe(runtime: KuboRuntime): string {
  return runtime.kind === 'container' ? `container ${runtime.name}` : `process ${runtime.pid}`;
}

async function inContainer(
  connector: NodeConnector,
  node: NodeRecord,
  nameHint: string | undefined,
  cat: (path: string) => Promise<string | null>,
  notes: string[],
): Promise<Located | null> {
  let containers: ContainerSummary[];
  try {
    const docker = await connector.docker(node);
    containers = (await docker.listContainers({ all: false })) as unknown as ContainerSummary[];
  } catch (error) {
    notes.push(`Docker could not be asked (${(error instanceof Error ? error.message : String(error)).split('\n')[0]})`);
    return null;
  }
  const kubos = kuboContainers(containers);
  if (kubos.length === 0) {
    notes.push(`no kubo container among the ${containers.length} running in Docker`);
    return null;
  }
  // One engine may serve several servers: the name given, else the one whose RPC is on this host.
  let chosen = pickKuboContainer(kubos, nameHint ?? node.host);
  if (!chosen) {
    const onThisHost = [];
    for (const c of kubos) {
      const repo = repoHostPath(c);
      const api = repo ? await cat(`${repo}/api`) : null;
      if (api && api.includes(`/${node.host}/`)) onThisHost.push(c);
    }
    chosen = onThisHost.length === 1 ? onThisHost[0]! : null;
  }
  if (!chosen) {
    // A shared engine (or several kubos): none can be tied to this server, so none is adopted.
    const names = kubos.map((c) => `${c.Names[0]?.replace(/^\//, '') ?? c.Id.slice(0, 12)}${c.Labels['pinfleet.server'] ? ` (for ${c.Labels['pinfleet.server']})` : ''}`).join(', ');
    notes.push(`Docker runs ${kubos.length} kubo containers (${names}) but none is labelled or named for this server, nor has its RPC on ${node.host}`);
    return null;
  }
  return {
    runtime: { kind: 'container', id: chosen.Id, name: chosen.Names[0]?.replace(/^\//, '') ?? chosen.Id.slice(0, 12), image: chosen.Image, state: chosen.State },
    repoPath: repoHostPath(chosen),
  };
}

async function asNativeProcess(connector: NodeConnector, node: NodeRecord, cat: (path: string) => Promise<string | null>, notes: string[]): Promise<Located | null> {
  const ps = await connector.exec(node, PS_ARGV, TIMEOUT);
  const daemons = parseIpfsDaemons(ps.stdout);
  for (const daemon of daemons) {
    const cgroup = await cat(`/proc/${daemon.pid}/cgroup`);
    if (cgroup !== null && isContainerised(cgroup)) continue; // A container's kubo (maybe another server's on a shared engine).
    const environ = await cat(`/proc/${daemon.pid}/environ`);
    let repoPath = environ ? ipfsPathFromEnviron(environ) : null;
    if (!repoPath) {
      const passwd = await connector.exec(node, ['getent', 'passwd', daemon.user], TIMEOUT);
      const home = passwd.code === 0 ? homeFromPasswd(passwd.stdout) : null;
      repoPath = home ? `${home}/.ipfs` : null;
    }
    return { runtime: { kind: 'native', pid: daemon.pid, user: daemon.user, command: daemon.command }, repoPath };
  }
  notes.push(daemons.length === 0 ? 'no `ipfs daemon` process runs' : `the ${daemons.length} \`ipfs daemon\` process(es) all belong to containers`);
  return null;
}
