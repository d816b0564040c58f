// The NodeConnector over SSH: every command, the kubo RPC tunnel and Docker ride the node's one
// pooled connection (see ssh-pool.ts). Tunnels and the Docker client are made once per node and
// reused; disconnect(name) closes all of them.
//
// kubo's RPC has two modes. By default the SSH tunnel to apiAddress. When the
// node has an apiUrl, a local proxy to that URL instead, with no SSH involved (df and Docker still
// need SSH: a node with only a direct URL and no SSH login gets kubo's figures but no disk or
// container). When an API.Authorizations credential is configured, the proxy adds it, in front of
// the tunnel too. Either way callers get one plain http://127.0.0.1:<port> base URL.
import type { Client, ClientChannel } from 'ssh2';
import type Docker from 'dockerode';
import { PinfleetError } from '../../src-preload/contract/errors.js';
import type { NodeRecord } from '../../src-preload/contract/types.js';
import { splitHostPort } from './connect-config.js';
import { dockerOverSsh, type DockerOverSsh } from './docker-agent.js';
import { SshChannelAgent } from './channel-agent.js';
import { parseDockerHost, type DockerEndpoint } from './docker-host.js';
import { openLocalForward, type LocalForward } from './local-forward.js';
import { openKuboProxy, type KuboProxy } from './kubo-rpc-proxy.js';
import { apiAccessWarnings, type ApiAuthorization } from './api-credentials.js';
import type { ExecOptions, ExecResult, KuboRequestTarget, NodeConnector } from './node-connector.js';
import { commandLabel, isDeadConnectionError, runOnClient } from './remote-exec.js';
import { buildRemoteCommand } from './shell-quote.js';
import { statvfsOver } from './sftp-disk.js';
import type { SshPool } from './ssh-pool.js';

interface KuboTunnel {
  apiAddress: string;
  forward: Promise<LocalForward>;
}

interface ProxyLink {
  /** The upstream and the credential's version it was opened for: a change reopens it. */
  key: string;
  proxy: Promise<KuboProxy>;
}

/** Where the RPC proxy gets a node's API.Authorizations credential (none by default, e.g. wizard sessions). */
export interface ApiAuthorizationSource {
  authorization(node: NodeRecord): Promise<ApiAuthorization>;
}

const NO_API_AUTHORIZATION: ApiAuthorizationSource = { authorization: () => Promise.resolve({ header: null, version: '' }) };

interface DockerLink {
  endpoint: Promise<DockerEndpoint>;
  client: DockerOverSsh;
}

export class SshNodeConnector implements NodeConnector {
  private readonly tunnels = new Map<string, KuboTunnel>();
  private readonly dockers = new Map<string, DockerLink>();
  private readonly proxies = new Map<string, ProxyLink>();
  /** Tunnels to other services on a node (serviceUrl), keyed by serviceKey(name, address). */
  private readonly services = new Map<string, Promise<LocalForward>>();
  /** Per node: the agent whose connections are SSH channels to kubo's RPC (kuboRequestTarget). */
  private readonly kuboAgents = new Map<string, SshChannelAgent>();
  /** The latest record seen per node, so that tunnels opened later use its current address. */
  private readonly latest = new Map<string, NodeRecord>();

  constructor(
    private readonly pool: SshPool,
    private readonly log: (message: string) => void = () => {},
    private readonly apiAccess: ApiAuthorizationSource = NO_API_AUTHORIZATION,
  ) {}

  async exec(node: NodeRecord, argv: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
    const command = buildRemoteCommand(argv);
    const label = { node: node.name, argv };
    try {
      return await this.withClient(node, (client) => runOnClient(client, command, label, options));
    } catch (error) {
      if (error instanceof PinfleetError) throw error;
      throw new PinfleetError('remote_failed', `\`${commandLabel(argv)}\` could not be started on ${node.name}: ${(error as Error).message}`);
    }
  }

  async kuboApiUrl(node: NodeRecord): Promise<string> {
    this.latest.set(node.name, node);
    const auth = await this.apiAccess.authorization(node);
    if (node.apiUrl) return this.proxyUrl(node, node.apiUrl, auth);
    const tunnelUrl = await this.tunnelUrl(node);
    if (auth.header === null) {
      await this.closeProxy(node.name); // A credential was removed: back to the bare tunnel.
      return tunnelUrl;
    }
    return this.proxyUrl(node, tunnelUrl, auth);
  }

  async kuboRequestTarget(node: NodeRecord): Promise<KuboRequestTarget> {
    // Also opens (or closes) the tunnel and proxy as kuboApiUrl always does, and reports an
    // unreachable node or a refused host key here.
    const baseUrl = await this.kuboApiUrl(node);
    if (node.apiUrl || this.proxies.has(node.name)) return { baseUrl };
    let agent = this.kuboAgents.get(node.name);
    if (!agent) {
      const name = node.name;
      agent = new SshChannelAgent(() => {
        // The address as of this request: a record updated since is honoured, as the tunnel does.
        const current = this.latest.get(name) ?? node;
        const target = splitHostPort(current.apiAddress);
        return this.withClient(current, (client) => forwardOut(client, 0, target.host, target.port));
      });
      this.kuboAgents.set(name, agent);
    }
    // baseUrl only fills the request line and Host header (the tunnel's, as kubo always saw it).
    return { baseUrl, agent };
  }

  /** The local proxy to upstream for this node, reopened when the upstream or the credential changed. */
  private async proxyUrl(node: NodeRecord, upstream: string, auth: ApiAuthorization): Promise<string> {
    const key = `${upstream} ${auth.version}`;
    let link = this.proxies.get(node.name);
    if (link && link.key !== key) {
      this.proxies.delete(node.name);
      void link.proxy.then((p) => p.close(), () => {});
      link = undefined;
    }
    if (!link) {
      const name = node.name;
      const proxy = openKuboProxy({ upstream, authorization: auth.header, node: name, log: this.log });
      link = { key, proxy };
      this.proxies.set(name, link);
      proxy.catch(() => {
        if (this.proxies.get(name) === link) this.proxies.delete(name);
      });
      const scheme = auth.header === null ? null : auth.header.startsWith('Basic ') ? 'basic' : 'bearer';
      for (const warning of apiAccessWarnings(node, scheme)) this.log(`${warning.code}: ${warning.message}`);
    }
    return (await link.proxy).url;
  }

  private async closeProxy(name: string): Promise<void> {
    const link = this.proxies.get(name);
    this.proxies.delete(name);
    if (link) await link.proxy.then((p) => p.close(), () => {});
  }

  private async tunnelUrl(node: NodeRecord): Promise<string> {
    let tunnel = this.tunnels.get(node.name);
    if (tunnel && tunnel.apiAddress !== node.apiAddress) {
      this.tunnels.delete(node.name);
      void tunnel.forward.then((f) => f.close(), () => {});
      tunnel = undefined;
    }
    if (!tunnel) {
      const name = node.name;
      const forward = openLocalForward(
        async (socket) => {
          const current = this.latest.get(name) ?? node;
          const target = splitHostPort(current.apiAddress);
          return this.withClient(current, (client) => forwardOut(client, socket.remotePort ?? 0, target.host, target.port));
        },
        (error) => this.log(`kubo tunnel to ${name}: ${(error as Error).message}`),
      );
      tunnel = { apiAddress: node.apiAddress, forward };
      this.tunnels.set(name, tunnel);
      forward.catch(() => this.tunnels.delete(name));
    }
    // Connect now, so that an unreachable node or a refused host key is reported here, not as a reset socket later.
    await this.pool.client(node);
    const { port } = await tunnel.forward;
    return `http://127.0.0.1:${port}`;
  }

  async serviceUrl(node: NodeRecord, address: string): Promise<string> {
    this.latest.set(node.name, node);
    const key = serviceKey(node.name, address);
    let forward = this.services.get(key);
    if (!forward) {
      const name = node.name;
      const target = splitHostPort(address);
      const opened = openLocalForward(
        async (socket) => {
          const current = this.latest.get(name) ?? node;
          return this.withClient(current, (client) => forwardOut(client, socket.remotePort ?? 0, target.host, target.port));
        },
        (error) => this.log(`tunnel to ${address} on ${name}: ${(error as Error).message}`),
      );
      forward = opened;
      this.services.set(key, opened);
      opened.catch(() => {
        if (this.services.get(key) === opened) this.services.delete(key);
      });
    }
    // Connect now, so that an unreachable node or a refused host key is reported here.
    await this.pool.client(node);
    return `http://127.0.0.1:${(await forward).port}`;
  }

  async diskUsage(node: NodeRecord, path: string): Promise<{ total: number; free: number }> {
    return this.withClient(node, (client) => statvfsOver(client, path));
  }

  async docker(node: NodeRecord): Promise<Docker> {
    this.latest.set(node.name, node);
    let link = this.dockers.get(node.name);
    if (!link) {
      const name = node.name;
      const endpoint = this.exec(node, ['printenv', 'DOCKER_HOST'], { timeoutMs: 20_000 }).then((result) =>
        // printenv exits 1 when the variable is unset: then the standard socket applies.
        parseDockerHost(result.code === 0 ? result.stdout : '', name),
      );
      const client = dockerOverSsh(async () => {
        const current = this.latest.get(name) ?? node;
        const where = await endpoint;
        return this.withClient(current, (ssh) => openDockerChannel(ssh, where));
      });
      link = { endpoint, client };
      this.dockers.set(name, link);
    }
    try {
      await link.endpoint;
    } catch (error) {
      // Not cached: the next call asks the server again (it may have been unreachable).
      if (this.dockers.get(node.name) === link) this.dockers.delete(node.name);
      link.client.close();
      throw error;
    }
    return link.client.docker;
  }

  async disconnect(name: string): Promise<void> {
    const tunnel = this.tunnels.get(name);
    this.tunnels.delete(name);
    const link = this.dockers.get(name);
    this.dockers.delete(name);
    this.latest.delete(name);
    link?.client.close();
    this.kuboAgents.get(name)?.destroy();
    this.kuboAgents.delete(name);
    this.pool.disconnect(name);
    await this.closeProxy(name);
    if (tunnel) await tunnel.forward.then((f) => f.close(), () => {});
    const services = [...this.services].filter(([key]) => key.startsWith(serviceKey(name, '')));
    for (const [key] of services) this.services.delete(key);
    await Promise.all(services.map(([, forward]) => forward.then((f) => f.close(), () => {})));
  }

  async close(): Promise<void> {
    this.pool.close(); // First and synchronously: every SSH connection starts closing now.
    const serviceNodes = [...this.services.keys()].map((key) => key.split('\n')[0]!);
    const names = new Set([...this.tunnels.keys(), ...this.dockers.keys(), ...this.proxies.keys(), ...this.kuboAgents.keys(), ...serviceNodes]);
    await Promise.all([...names].map((name) => this.disconnect(name)));
  }

  /** Runs work on the pooled connection; if that connection turns out to be dead, once more on a fresh one. */
  private async withClient<T>(node: NodeRecord, work: (client: Client) => Promise<T>): Promise<T> {
    const client = await this.pool.client(node);
    try {
      return await work(client);
    } catch (error) {
      if (!isDeadConnectionError(error)) throw error;
      this.pool.discard(node.name, client);
      return work(await this.pool.client(node));
    }
  }
}

/** Node names cannot hold a newline (validated), so it separates the two parts unambiguously. */
const serviceKey = (name: string, address: string): string => `${name}\n${address}`;

function forwardOut(client: Client, srcPort: number, host: string, port: number): Promise<ClientChannel> {
  return new Promise((resolve, reject) => {
    client.forwardOut('127.0.0.1', srcPort, host, port, (error, channel) => (error ? reject(error) : resolve(channel)));
  });
}

function openDockerChannel(client: Client, endpoint: DockerEndpoint): Promise<ClientChannel> {
  if (endpoint.kind === 'tcp') return forwardOut(client, 0, endpoint.host, endpoint.port);
  return new Promise((resolve, reject) => {
    client.openssh_forwardOutStreamLocal(endpoint.path, (error, channel) => (error ? reject(error) : resolve(channel)));
  });
}
