// "Set up a cluster": turns a standalone fleet into one IPFS Cluster without a CID ever
// being unpinned. In order: check every chosen node (its kubo, where the peer's state goes, that
// no Cluster peer Pinfleet did not make is already there) and read what its kubo pins; make the
// fleet secret, a REST login and every peer's identity; start a peer beside each kubo; wait until
// every peer lists all the others; turn cluster mode on; import the pins (each CID allocated to
// the nodes that already hold it, see cluster-import.ts); wait for the pinset to settle and read
// every node's pins again. Each phase is idempotent, so running it again continues a run that
// stopped. Nothing is rolled back on failure: the peers are additive, and no pin is touched.
import { randomBytes } from 'node:crypto';
import type Docker from 'dockerode';
import type { ValidatedInput } from '../../../src-preload/contract/contract.js';
import type { ClusterSetupPeer, ClusterSetupPhase, ClusterSetupReport } from '../../../src-preload/contract/cluster-types.js';
import { PinfleetError } from '../../../src-preload/contract/errors.js';
import type { NodeRecord } from '../../../src-preload/contract/types.js';
import { ClusterClient } from '../../cluster/cluster-client.js';
import { importPins, kuboRecursivePins, planImport } from '../../cluster/cluster-import.js';
import type { ClusterSettingsStore } from '../../cluster/cluster-settings.js';
import { generateLibp2pIdentity, type Libp2pIdentity } from '../../cluster/libp2p-identity.js';
import type { NodeConnector } from '../../connections/node-connector.js';
import type { EventBus } from '../../core/events.js';
import { repoHostPath } from '../../health/kubo-container.js';
import { locateKuboContainer } from '../../health/locate-kubo-container.js';
import type { Inventory } from '../../inventory/inventory.js';
import type { SecretStore } from '../../secrets/secret-store.js';
import { defaultClusterImage } from '../cluster-peer/cluster-default-image.js';
import { containerAction, ensureClusterContainer, waitForPeer } from '../cluster-peer/cluster-container.js';
import { CLUSTER_PORTS, CLUSTER_SPEC_LABEL, kuboApiPlacement } from '../cluster-peer/cluster-peer-plan.js';
import { identitySecretRef, setupContainerName } from '../cluster-peer/peer-names.js';
import { SETUP_REST_USER, defaultStateDir, explicitRestAddresses, guardedJoinPins, lostPins, notYetJoined, setupPeerSpecs, setupReplication, type SetupPeerSpec } from './cluster-setup-plan.js';
import { inspectContainer, type Inspected } from '../steps/container-state.js';
import { judgeStateDir, readStateDir } from '../cluster-peer/cluster-state-folder.js';

const PHASES: readonly ClusterSetupPhase[] = ['check', 'secret', 'peers', 'join', 'import', 'verify', 'done'];
const JOIN_TIMEOUT_MS = 120_000;
const SETTLE_TIMEOUT_MS = 180_000;
const PROBE_TIMEOUT_MS = 5_000;
const FOLDER_PLAN = { create: 'a new folder Pinfleet makes', own: 'made by Pinfleet earlier', use: "an existing folder the peer's uid owns, used as it is" } as const;

export type ClusterSetupInput = ValidatedInput<'cluster.setup'>;

export interface ClusterSetupDeps {
  inventory: Inventory;
  connector: NodeConnector;
  settings: ClusterSettingsStore;
  secrets: SecretStore;
  bus: EventBus;
  /** A node whose kubo requires an RPC credential cannot get a peer: Cluster's kubo client sends none. */
  hasRpcCredential(node: NodeRecord): boolean;
  environment?: NodeJS.ProcessEnv;
}

interface CheckedNode {
  node: NodeRecord;
  docker: Docker;
  stateDir: string;
  current: Inspected | null;
  storedIdentity: Libp2pIdentity | null;
  pins: string[];
}

export class ClusterSetup {
  private running = false;

  constructor(private readonly deps: ClusterSetupDeps) {}

  async run(input: ClusterSetupInput): Promise<ClusterSetupReport> {
    if (this.running) throw new PinfleetError('duplicate', 'a cluster set-up is already running: wait for it to end (run it again afterwards if it failed)');
    this.running = true;
    try {
      return await this.setUp(input);
    } finally {
      this.running = false;
    }
  }

  private say(phase: ClusterSetupPhase, node: string | null, message: string): void {
    this.deps.bus.publish('cluster.setupProgress', { phase, node, message, step: PHASES.indexOf(phase) + 1, steps: PHASES.length });
  }

  private chosenNodes(names: readonly string[] | undefined): NodeRecord[] {
    const { inventory } = this.deps;
    const nodes = names ? [...new Set(names)].map((n) => inventory.getNode(n)) : inventory.listNodes().filter((n) => n.state === 'active');
    if (nodes.length === 0) throw new PinfleetError('not_found', 'there is no active node to set up a cluster on: add a node first');
    return nodes;
  }

  private async setUp(input: ClusterSetupInput): Promise<ClusterSetupReport> {
    const { settings, secrets } = this.deps;
    const nodes = this.chosenNodes(input.nodes);
    if (settings.stored().enabled && !input.dryRun) this.say('check', null, 'cluster mode is already on: checking the peers again and importing what is not in the pinset yet');
    this.say('check', null, `checking ${nodes.length} node(s): kubo, the state folder, no other Cluster peer, and what each already pins`);
    const checked = await Promise.all(nodes.map((node) => this.check(node, input)));
    const replication = setupReplication(nodes.length, input);

    this.say('secret', null, 'the fleet secret, the REST login and one identity per peer');
    const storedSecret = await settings.secret();
    const secret = storedSecret ?? (input.dryRun ? randomBytes(32).toString('hex') : (await settings.ensureSecret()).secret);
    const restLogin = await this.restLogin();
    const identities = new Map<string, Libp2pIdentity>();
    for (const c of checked) {
      const identity = c.storedIdentity ?? generateLibp2pIdentity();
      if (!c.storedIdentity && !input.dryRun) await secrets.set(identitySecretRef(c.node.id), JSON.stringify(identity));
      identities.set(c.node.name, identity);
    }
    const image = input.image ?? defaultClusterImage(this.deps.environment);
    const setupNodes = checked.map((c) => ({ name: c.node.name, host: c.node.host, apiAddress: c.node.apiAddress, region: c.node.region, tags: c.node.tags, identity: identities.get(c.node.name)!, stateDir: c.stateDir }));
    const common = { secret, restLogin, image, runAs: input.runAs };
    const specs = setupPeerSpecs(setupNodes, common);
    const actions = new Map(checked.map((c, i) => [c.node.name, containerAction(c.current, specs[i]!.containerName, specs[i]!.spec.hash)]));
    const perNode = new Map(checked.map((c) => [c.node.name, c.pins]));
    const pinsBefore = checked.reduce((sum, c) => sum + c.pins.length, 0);
    const peerViews = (ids: boolean): ClusterSetupPeer[] =>
      specs.map((s) => {
        // A dry run makes no identity: a peer's ID is known once it is stored.
        const known = ids || Boolean(checked.find((c) => c.node.name === s.node)?.storedIdentity);
        return {
          node: s.node,
          peerId: known ? s.peerId : '',
          swarmAddress: known ? s.swarmAddress : s.swarmAddress.replace(/\/p2p\/[^/]+$/, ''),
          restAddress: s.restAddress,
          container: s.containerName,
          stateDir: s.stateDir,
          action: actions.get(s.node)!,
        };
      });

    // A re-run: the pinset as the running peers hold it, before any of them restarts.
    const pinsetBefore = await this.runningPinset(checked, specs, restLogin);

    if (input.dryRun) {
      const plan = planImport(perNode, pinsetBefore ?? new Set());
      this.say('done', null, `plan: ${specs.length} peer(s), ${plan.toPin.length} CID(s) to import; nothing was changed`);
      return {
        dryRun: true, secretGenerated: storedSecret === null, restUser: restLogin.user, ...replication,
        peers: peerViews(false),
        import: { found: checked.map((c) => ({ node: c.node.name, pins: c.pins.length })), toImport: plan.toPin, alreadyInPinset: plan.alreadyInPinset, imported: 0, failed: [] },
        kept: { checked: pinsBefore, missing: [] },
        settings: await settings.view(),
      };
    }

    // New peers joining an existing pinset start guarded (no unpinning) until their kubo's pins are theirs.
    // (A run that stopped half-way left a guarded peer running: it is still joining.)
    const allGuarded = pinsetBefore && pinsetBefore.size > 0 ? setupPeerSpecs(setupNodes, common, new Set(setupNodes.map((n) => n.name))) : null;
    const guarded = new Set(
      allGuarded
        ? checked.filter((c, i) => actions.get(c.node.name) === 'create' || c.current?.Config.Labels?.[CLUSTER_SPEC_LABEL] === allGuarded[i]!.spec.hash).map((c) => c.node.name)
        : [],
    );
    const startSpecs = guarded.size > 0 ? setupPeerSpecs(setupNodes, common, guarded) : specs;
    for (const [i, c] of checked.entries()) {
      const spec = startSpecs[i]!;
      this.say('peers', c.node.name, `${spec.containerName}: ${actions.get(c.node.name)} (state in ${spec.stateDir}, REST on ${spec.restAddress})${guarded.has(c.node.name) ? ', joining with unpinning off' : ''}`);
      await this.ensurePeer(c, spec, image, input.runAs);
    }

    let clients = await this.waitForJoin(checked, startSpecs, restLogin);
    if (pinsetBefore) await this.waitForPinset(clients[0]!, pinsetBefore);
    if (guarded.size > 0) {
      await this.adoptHeldPins(clients[0]!, checked.filter((c) => guarded.has(c.node.name)), specs);
      for (const [i, c] of checked.entries()) {
        if (!guarded.has(c.node.name)) continue;
        this.say('peers', c.node.name, `${specs[i]!.containerName}: restarting with unpinning on`);
        await this.ensurePeer(c, specs[i]!, image, input.runAs);
      }
      clients = await this.waitForJoin(checked, specs, restLogin);
    }
    await settings.update({
      enabled: true, user: restLogin.user, password: restLogin.password, ...replication,
      apiAddresses: { ...settings.stored().apiAddresses, ...explicitRestAddresses(checked.map((c) => c.node), specs) },
    });
    this.say('join', null, 'cluster mode is on: uploads now go through the cluster');

    this.say('import', null, `importing the pins of ${checked.length} node(s) with replication ${replication.replicationMin}–${replication.replicationMax}, each CID kept on the nodes that hold it`);
    const imported = await importPins(clients[0]!, this.deps.connector, checked.map((c) => c.node), { ...replication, dryRun: false });
    this.say('import', null, `${imported.imported} CID(s) imported, ${imported.alreadyInPinset} already in the pinset${imported.failed.length > 0 ? `, ${imported.failed.length} FAILED (run again to retry them)` : ''}`);

    await this.waitForSettled(clients[0]!, imported.toImport);
    const after = new Map<string, string[]>();
    for (const c of checked) after.set(c.node.name, await kuboRecursivePins(await this.deps.connector.kuboApiUrl(c.node), c.node.name));
    const missing = lostPins(perNode, after);
    this.say('verify', null, missing.length === 0 ? `all ${pinsBefore} pins the nodes held before are still pinned` : `${missing.length} of ${pinsBefore} pins held before are NOT pinned any more: see the report`);
    this.say('done', null, `cluster of ${specs.length} peer(s) set up`);
    return {
      dryRun: false, secretGenerated: storedSecret === null, restUser: restLogin.user, ...replication,
      peers: peerViews(true), import: imported, kept: { checked: pinsBefore, missing }, settings: await settings.view(),
    };
  }

  private async check(node: NodeRecord, input: ClusterSetupInput): Promise<CheckedNode> {
    const { connector, secrets } = this.deps;
    if (this.deps.hasRpcCredential(node)) {
      throw new PinfleetError('invalid_input', `${node.name}'s kubo requires an RPC credential (API.Authorizations), which IPFS Cluster cannot send to kubo: leave ${node.name} out, or remove the credential from its kubo and from Pinfleet (pinfleet credentials set ${node.name} --api-none)`);
    }
    const located = await locateKuboContainer(connector, node);
    const stateDir = input.stateDirs?.[node.name] ?? defaultStateDir(repoHostPath(located.summary));
    if (!stateDir) throw new PinfleetError('invalid_input', `${node.name}'s kubo has no host folder mounted at /data/ipfs, so where its Cluster peer should keep its state is not clear: give a state folder for ${node.name}`);
    // Judged before anything changes (a dry run refuses too): a folder Pinfleet would have to re-own is refused here.
    const folder = judgeStateDir(stateDir, await readStateDir((argv) => connector.exec(node, argv, { timeoutMs: PROBE_TIMEOUT_MS }), stateDir), input.runAs, node.name);
    const name = setupContainerName(node.name);
    const current = await inspectContainer(located.docker, name);
    const storedText = await secrets.get(identitySecretRef(node.id));
    const storedIdentity = storedText === null ? null : (JSON.parse(storedText) as Libp2pIdentity);
    if (!current) await this.refuseForeignPeer(node, stateDir, storedIdentity);
    const pins = await kuboRecursivePins(await connector.kuboApiUrl(node), node.name);
    this.say('check', node.name, `kubo in ${located.summary.Names[0]?.replace(/^\//, '') ?? located.summary.Id.slice(0, 12)} pins ${pins.length} CID(s); the peer's state goes in ${stateDir} (${FOLDER_PLAN[folder]})`);
    return { node, docker: located.docker, stateDir, current, storedIdentity, pins };
  }

  /** Another Cluster peer where ours would listen, or another peer's state in its folder: this fleet has a cluster already. */
  private async refuseForeignPeer(node: NodeRecord, stateDir: string, storedIdentity: Libp2pIdentity | null): Promise<void> {
    const restAddress = `${kuboApiPlacement(node.apiAddress).apiHost}:${CLUSTER_PORTS.restApi}`;
    const probe = new ClusterClient({ baseUrl: await this.deps.connector.serviceUrl(node, restAddress), label: `${node.name}'s address ${restAddress}` });
    const answer = await probe.id().then(
      (id) => `peer ${id.id}`,
      (error: unknown) => (error instanceof PinfleetError && error.code === 'unreachable' ? null : error instanceof PinfleetError && error.code === 'auth_failed' ? 'a peer that asks for a login' : `something (${(error as Error).message})`),
    );
    if (answer !== null) {
      throw new PinfleetError('duplicate', `${node.name} already runs an IPFS Cluster peer at ${restAddress} (${answer}) that Pinfleet did not set up: this fleet has a cluster already. Connect to it in Cluster settings and bring its pins in with \`pinfleet cluster import\`, or stop that peer first.`);
    }
    const identityFile = `${stateDir.replace(/\/+$/, '')}/identity.json`;
    const read = await this.deps.connector.exec(node, ['cat', '--', identityFile], { timeoutMs: PROBE_TIMEOUT_MS });
    if (read.code !== 0) return; // no earlier peer state there
    let id = '';
    try {
      id = String((JSON.parse(read.stdout) as { id?: unknown }).id ?? '');
    } catch {
      id = '(unreadable)';
    }
    if (id !== storedIdentity?.id) {
      throw new PinfleetError('duplicate', `${identityFile} on ${node.name} holds another Cluster peer's identity (${id}): that folder belongs to another peer. Choose another state folder for ${node.name}, or remove the folder if that peer is gone for good.`);
    }
  }

  /** The login every peer will require: the stored one, else user "pinfleet" and a new password. */
  private async restLogin(): Promise<{ user: string; password: string }> {
    const { user } = this.deps.settings.stored();
    const password = await this.deps.settings.password();
    if (user && password) return { user, password };
    return { user: SETUP_REST_USER, password: randomBytes(24).toString('base64url') };
  }

  /** Every peer answers /id, and every peer lists all the others; returns a client per peer, in node order. */
  private async waitForJoin(checked: readonly CheckedNode[], specs: readonly SetupPeerSpec[], auth: { user: string; password: string }): Promise<ClusterClient[]> {
    const clients = await Promise.all(
      checked.map(async (c, i) => {
        const spec = specs[i]!;
        const client = new ClusterClient({ baseUrl: await this.deps.connector.serviceUrl(c.node, spec.restAddress), label: `${c.node.name}'s Cluster peer (${spec.restAddress})`, auth });
        const id = await waitForPeer(client, c.docker, spec.containerName);
        if (id !== spec.peerId) throw new PinfleetError('remote_failed', `the peer in ${spec.containerName} on ${c.node.name} runs as ${id}, not as ${spec.peerId}: its state folder ${spec.stateDir} holds an older identity; remove the folder and run the set-up again`);
        this.say('join', c.node.name, `${spec.containerName} answers as ${id}`);
        return client;
      }),
    );
    const ids = specs.map((s) => s.peerId);
    const deadline = Date.now() + JOIN_TIMEOUT_MS;
    let waiting = ids;
    while (Date.now() < deadline) {
      const listed = await Promise.all(clients.map((client) => client.peers().then((peers) => peers.map((p) => p.id)).catch(() => undefined)));
      const listedBy = new Map<string, readonly string[]>();
      listed.forEach((peerIds, i) => peerIds && listedBy.set(ids[i]!, peerIds));
      waiting = notYetJoined(ids, listedBy);
      if (waiting.length === 0) {
        this.say('join', null, `all ${ids.length} peers see each other`);
        return clients;
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    const names = waiting.map((id) => specs.find((s) => s.peerId === id)?.node ?? id);
    throw new PinfleetError('timeout', `${names.join(', ')} did not see every other peer within ${JOIN_TIMEOUT_MS / 1000} s. Check that port ${CLUSTER_PORTS.swarm} is open between the servers, then run the set-up again (it continues where it stopped).`);
  }

  private ensurePeer(c: CheckedNode, spec: SetupPeerSpec, image: string, runAs: string) {
    return ensureClusterContainer(
      { docker: c.docker, server: c.node.name, run: (argv) => this.deps.connector.exec(c.node, argv), say: (m) => this.say('peers', c.node.name, m), undo: () => {} },
      { image, stateDir: spec.stateDir, runAs, spec: spec.spec },
    );
  }

  /**
   * The pins a joining node's kubo already holds get that node's peer in their allocations (see
   * guardedJoinPins), once the cluster has the peer's metrics (the allocator drops peers without),
   * and are confirmed pinned on it.
   */
  private async adoptHeldPins(client: ClusterClient, joining: readonly CheckedNode[], specs: readonly SetupPeerSpec[]): Promise<void> {
    const pinset = await client.allocations();
    for (const c of joining) {
      const peerId = specs.find((s) => s.node === c.node.name)!.peerId;
      const toAdopt = guardedJoinPins(c.pins, pinset, peerId);
      if (toAdopt.length === 0) continue;
      await this.waitUntil(`${c.node.name}'s free-space metric to reach the cluster`, async () => (await client.metrics('freespace')).some((m) => m.peer === peerId && m.valid));
      this.say('join', c.node.name, `${toAdopt.length} CID(s) its kubo already pins are in the pinset: allocating them to it too`);
      for (const { cid, force } of toAdopt) await client.pin(cid, force);
      await this.waitUntil(`${c.node.name}'s peer to hold its ${toAdopt.length} adopted CID(s)`, async () => {
        const statuses = await Promise.all(toAdopt.map(({ cid }) => client.status(cid)));
        return statuses.every((s) => s.peers.some((p) => p.peer === peerId && p.status === 'pinned'));
      });
      for (const { cid, settle } of toAdopt) if (settle) await client.pin(cid, settle);
    }
  }

  private async waitUntil(what: string, done: () => Promise<boolean>): Promise<void> {
    const deadline = Date.now() + JOIN_TIMEOUT_MS;
    let last = '';
    while (Date.now() < deadline) {
      try {
        if (await done()) return;
      } catch (error) {
        last = ` (${(error as Error).message})`;
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    throw new PinfleetError('timeout', `waited ${JOIN_TIMEOUT_MS / 1000} s for ${what}${last}; nothing was unpinned: run the set-up again to continue`);
  }

  /** The pinset of a set-up peer already running (a re-run), or null when none answers. */
  private async runningPinset(checked: readonly CheckedNode[], specs: readonly SetupPeerSpec[], auth: { user: string; password: string }): Promise<Set<string> | null> {
    for (const [i, c] of checked.entries()) {
      if (!c.current?.State.Running) continue;
      const spec = specs[i]!;
      const client = new ClusterClient({ baseUrl: await this.deps.connector.serviceUrl(c.node, spec.restAddress), label: `${c.node.name}'s Cluster peer (${spec.restAddress})`, auth });
      const pinset = await client.allocations().catch(() => null);
      if (pinset) return new Set(pinset.map((p) => p.cid));
    }
    return null;
  }

  /**
   * A restarted peer answers before its CRDT state is back: importing then would pin again what the
   * pinset already holds, replacing those pins' allocations and replication. Waits until the pinset
   * read before the restarts is all there again.
   */
  private async waitForPinset(client: ClusterClient, before: ReadonlySet<string>): Promise<void> {
    const deadline = Date.now() + JOIN_TIMEOUT_MS;
    let missing = before.size;
    while (Date.now() < deadline) {
      const now = new Set((await client.allocations().catch(() => [])).map((p) => p.cid));
      missing = [...before].filter((cid) => !now.has(cid)).length;
      if (missing === 0) return;
      this.say('join', null, `waiting for the cluster's pinset to load again: ${before.size - missing} of ${before.size} pins back`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    throw new PinfleetError('timeout', `after the restarts the cluster's pinset still lacks ${missing} of its ${before.size} pins after ${JOIN_TIMEOUT_MS / 1000} s: nothing was imported; run the set-up again once \`pinfleet cluster status\` lists them`);
  }

  /** Until no imported CID is still queued or being pinned anywhere (bounded: the report tells what is left). */
  private async waitForSettled(client: ClusterClient, cids: readonly string[]): Promise<void> {
    if (cids.length === 0) return;
    const wanted = new Set(cids);
    const deadline = Date.now() + SETTLE_TIMEOUT_MS;
    while (Date.now() < deadline) {
      const statuses = (await client.statusAll()).filter((s) => wanted.has(s.cid));
      const busy = statuses.filter((s) => s.peers.some((p) => p.status === 'pinning' || p.status === 'queued' || p.status === 'pin_queued'));
      const failed = statuses.filter((s) => s.peers.some((p) => p.status === 'pin_error'));
      this.say('verify', null, `${statuses.length - busy.length} of ${cids.length} imported CID(s) settled${failed.length > 0 ? `, ${failed.length} with a pin error (recover them from the Pins view)` : ''}`);
      if (busy.length === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
    this.say('verify', null, 'some imported CIDs are still being copied to their new peers: the Pins view shows their progress');
  }
}
