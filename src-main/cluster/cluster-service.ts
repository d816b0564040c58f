// The console's side of IPFS Cluster: finds a peer that answers (the configured node's, else the
// first active node's whose peer does), reaches it through the node's SSH connection, and serves
// the cluster channels. The REST answers are judged by the pure functions of cluster-views.ts.
import type { ClusterGcReport, ClusterImportReport, ClusterOverview, ClusterPin, ClusterPinsPage, ClusterSettings } from '../../src-preload/contract/cluster-types.js';
import { PinfleetError } from '../../src-preload/contract/errors.js';
import type { NodeRecord } from '../../src-preload/contract/types.js';
import type { NodeConnector } from '../connections/node-connector.js';
import type { EventBus } from '../core/events.js';
import type { Inventory } from '../inventory/inventory.js';
import type { RawPin } from './cluster-answers.js';
import { ClusterClient, type PinOptions } from './cluster-client.js';
import type { ClusterSettingsChanges, ClusterSettingsStore } from './cluster-settings.js';
import { clusterAddressOf, clusterApiUrl } from './cluster-tunnel.js';
import { importPins } from './cluster-import.js';
import { alertViews, matchesFilter, peerViews, pinView, type PinsFilter } from './cluster-views.js';

export interface ClusterServiceDeps {
  inventory: Inventory;
  connector: NodeConnector;
  settings: ClusterSettingsStore;
  bus: EventBus;
}

export interface Reached {
  client: ClusterClient;
  via: string;
}

export class ClusterService {
  /** The node whose peer answered last: asked first next time. */
  private preferred: string | null = null;
  // A node's cluster tunnel is closed with its connection (connections/index.ts), e.g. when it is removed.
  constructor(private readonly deps: ClusterServiceDeps) {}

  /** Uploads go through the cluster. */
  enabled(): boolean {
    return this.deps.settings.stored().enabled;
  }

  storedSettings() {
    return this.deps.settings.stored();
  }

  nodes(): NodeRecord[] {
    return this.deps.inventory.listNodes();
  }

  settings(): Promise<ClusterSettings> {
    return this.deps.settings.view();
  }

  async updateSettings(changes: ClusterSettingsChanges): Promise<ClusterSettings> {
    if (changes.node) this.deps.inventory.getNode(changes.node); // not_found for a typo
    const updated = await this.deps.settings.update(changes);
    this.preferred = null;
    return updated;
  }

  /** A client for a peer that answers /id; tries the configured node only, else every active node. */
  async reach(): Promise<Reached> {
    const settings = this.deps.settings.stored();
    const candidates = this.candidates(settings.node);
    if (candidates.length === 0) throw new PinfleetError('not_found', 'there is no node in the inventory whose Cluster peer could be asked: add a node first');
    const password = settings.user ? await this.deps.settings.password() : null;
    const failures: string[] = [];
    let last: unknown = null;
    for (const node of candidates) {
      const address = clusterAddressOf(node, settings.apiAddresses);
      const label = `${node.name}'s Cluster peer (${address})`;
      try {
        const baseUrl = await clusterApiUrl(this.deps.connector, node, address);
        const client = new ClusterClient({ baseUrl, label, ...(settings.user ? { auth: { user: settings.user, password: password ?? '' } } : {}) });
        await client.id();
        this.preferred = node.name;
        return { client, via: node.name };
      } catch (error) {
        last = error;
        // A refused login is the same on every peer: say so now rather than trying the rest.
        if (error instanceof PinfleetError && error.code === 'auth_failed') throw error;
        failures.push(`${node.name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (candidates.length === 1 && last instanceof PinfleetError) throw last;
    throw new PinfleetError('unreachable', `no Cluster peer answers. ${failures.join(' | ')}`);
  }

  private candidates(configured: string | null): NodeRecord[] {
    if (configured) return [this.deps.inventory.getNode(configured)];
    const active = this.deps.inventory.listNodes().filter((n) => n.state === 'active');
    const first = active.filter((n) => n.name === this.preferred);
    return [...first, ...active.filter((n) => n.name !== this.preferred)];
  }

  async overview(): Promise<ClusterOverview> {
    const { client, via } = await this.reach();
    const [self, peers, metricNames, alerts] = await Promise.all([client.id(), client.peers(), client.metricNames(), client.alerts()]);
    const wanted = metricNames.filter((n) => n === 'freespace' || n === 'ping' || n.startsWith('tag:'));
    const metrics = (await Promise.all(wanted.map((n) => client.metrics(n)))).flat();
    const views = peerViews(peers, metrics, alerts, this.deps.inventory.listNodes(), BigInt(Date.now()) * 1_000_000n);
    return { via, peerId: self.id, version: self.version, peers: views, alerts: alertViews(alerts, views), metricNames };
  }

  async alerts(): Promise<ClusterOverview['alerts']> {
    return (await this.overview()).alerts;
  }

  async pins(input: { cid?: string; filter: PinsFilter; limit: number }): Promise<ClusterPinsPage> {
    const { client, via } = await this.reach();
    const names = await this.peerNames(client);
    if (input.cid) {
      const [status, pin] = await Promise.all([client.status(input.cid), notFoundAsUndefined(client.allocation(input.cid))]);
      // Cluster answers a status for any CID; one it does not know is "unpinned" everywhere.
      if (!pin && status.peers.every((p) => p.status === 'unpinned')) {
        throw new PinfleetError('not_found', `${input.cid} is not in the cluster pinset: pin it with \`pinfleet cluster pin ${input.cid}\``);
      }
      const view = pinView(status, pin, names);
      return { via, pins: [view], total: 1, underReplicated: view.underReplicated ? 1 : 0 };
    }
    const [statuses, pinset] = await Promise.all([client.statusAll(), client.allocations()]);
    const byCid = new Map<string, RawPin>(pinset.map((p) => [p.cid, p]));
    const all = statuses.map((s) => pinView(s, byCid.get(s.cid), names));
    const matching = all.filter((p) => matchesFilter(p, input.filter));
    // Trouble first, then newest: what needs the admin is at the top.
    matching.sort((a, b) => Number(b.underReplicated) - Number(a.underReplicated) || b.created.localeCompare(a.created));
    return { via, pins: matching.slice(0, input.limit), total: matching.length, underReplicated: all.filter((p) => p.underReplicated).length };
  }

  private async peerNames(client: ClusterClient): Promise<Map<string, string>> {
    const peers = await client.peers().catch(() => []);
    return new Map(peers.map((p) => [p.id, p.peername]));
  }

  async pinStatus(client: ClusterClient, cid: string): Promise<ClusterPin> {
    const [status, pin] = await Promise.all([client.status(cid), client.allocation(cid).catch(() => undefined)]);
    return pinView(status, pin, await this.peerNames(client));
  }

  /** Replication left out: the settings' defaults; those unset too: the cluster's own. */
  replicationOf(options: PinOptions): PinOptions {
    const settings = this.deps.settings.stored();
    return {
      ...options,
      replicationMin: options.replicationMin ?? settings.replicationMin ?? undefined,
      replicationMax: options.replicationMax ?? settings.replicationMax ?? undefined,
    };
  }

  async pin(cid: string, options: PinOptions): Promise<ClusterPin> {
    const { client } = await this.reach();
    await client.pin(cid, this.replicationOf(options));
    return this.pinStatus(client, cid);
  }

  async setReplication(cid: string, replicationMin: number, replicationMax: number): Promise<ClusterPin> {
    const { client } = await this.reach();
    // Re-pinning replaces the pin's options: keep its name, or it is lost.
    const current = await client.allocation(cid);
    await client.pin(cid, { name: current.name || undefined, replicationMin, replicationMax });
    return this.pinStatus(client, cid);
  }

  async unpin(cid: string): Promise<{ cid: string; unpinned: boolean }> {
    const { client } = await this.reach();
    await client.unpin(cid);
    return { cid, unpinned: true };
  }

  async recover(cid: string | undefined): Promise<ClusterPin[]> {
    const { client } = await this.reach();
    const names = await this.peerNames(client);
    if (cid) {
      await client.recover(cid);
      return [await this.pinStatus(client, cid)];
    }
    return (await client.recoverAll()).map((s) => pinView(s, undefined, names));
  }

  async gc(): Promise<ClusterGcReport> {
    const { client, via } = await this.reach();
    const peers = await client.gc();
    return { via, peers: peers.map((p) => ({ peer: p.peer, peerName: p.peerName, removed: p.removed, error: p.error })) };
  }

  async importPins(input: { replicationMin?: number; replicationMax?: number; nodes?: string[]; cids?: string[]; dryRun: boolean }): Promise<ClusterImportReport> {
    const { client } = await this.reach();
    const nodes = input.nodes ? input.nodes.map((n) => this.deps.inventory.getNode(n)) : this.deps.inventory.listNodes().filter((n) => n.state === 'active');
    const replication = this.replicationOf({ replicationMin: input.replicationMin, replicationMax: input.replicationMax });
    return importPins(client, this.deps.connector, nodes, { ...input, ...replication });
  }

  /** Nothing of its own to release: the tunnels belong to the nodes' connections. */
  close(): void {}
}

function notFoundAsUndefined<T>(work: Promise<T>): Promise<T | undefined> {
  return work.catch((error: unknown) => {
    if (error instanceof PinfleetError && error.code === 'not_found') return undefined;
    throw error;
  });
}
