// The NodeConnector over SSH: every command, the kubo RPC tunnel and Docker ride the node's one
// pooled connection (see ssh-pool.ts). Tunnels and the Docker client are made once per node and
// reused; disconnect(name) closes all three.
import type { Client, ClientChannel } from 'ssh2';
import type Docker from 'dockerode';
import { PinfleetError } from '../../src-preload/contract/errors.js';
import type { NodeRecord } from '../../src-preload/contract/types.js';
import { splitHostPort } from './connect-config.js';
import { dockerOverSsh, type DockerOverSsh } from './docker-agent.js';
import { parseDockerHost, type DockerEndpoint } from './docker-host.js';
import { openLocalForward, type LocalForward } from './local-forward.js';
import type { ExecOptions, ExecResult, NodeConnector } from './node-connector.js';
import { commandLabel, isDeadConnectionError, runOnClient } from './remote-exec.js';
import { buildRemoteCommand } from './shell-quote.js';
import type { SshPool } from './ssh-pool.js';

interface KuboTunnel {
  apiAddress: string;
  forward: Promise<LocalForward>;
}

interface DockerLink {
  endpoint: Promise<DockerEndpoint>;
  client: DockerOverSsh;
}

export class SshNodeConnector implements NodeConnector {
  private readonly tunnels = new Map<string, KuboTunnel>();
  private readonly dockers = new Map<string, DockerLink>();
  /** The latest record seen per node, so that tunnels opened later use its current address. */
  private readonly latest = new Map<string, NodeRecord>();

  constructor(
    private readonly pool: SshPool,
    private readonly log: (message: string) => void = () => {},
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
    this.pool.disconnect(name);
    if (tunnel) await tunnel.forward.then((f) => f.close(), () => {});
  }

  async close(): Promise<void> {
    this.pool.close(); // First and synchronously: every SSH connection starts closing now.
    const names = new Set([...this.tunnels.keys(), ...this.dockers.keys()]);
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
