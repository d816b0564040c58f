// Every text field of the wizards' channels that R8 fills with a hostile value, and what an answer
// that accepts the value must show. Channels that would change the server are sent in a mode that
// stops before any change: provision and adoptRegister with another server's host key (the run
// stops at connect, before logging in), cluster.setup as a dry run of a node that is not there,
// decommission as a dry run. preflight and adoptDetect only read, so they go to the bare server.
import type { ChannelInput, ChannelName } from '../../../src-preload/contract/contract.js';
import type { NodeRecord } from '../../../src-preload/contract/types.js';
import type { FleetDescription } from '../../fleet/fleet-description.js';
import { provisionInputFor, targetOf } from '../../integration/provisioning-support.js';

/** What an answer that accepted the value must be. */
export type Acceptance =
  /** The value is stored: the answer's record must hold exactly what was given (`given`, default the value itself). */
  | { kind: 'stored'; read: (record: NodeRecord) => unknown; given?: (value: string) => string }
  /** The channel stopped before changing anything (host key mismatch, unknown node, dry run). */
  | { kind: 'stopped' };

export interface HostileField {
  channel: ChannelName;
  /** The field as a refusal names it (zod's path, dotted). */
  field: string;
  input: (value: string, unique: string) => unknown;
  accepted: Acceptance;
  /**
   * Values the product would refuse later, mid-run (after the server changed): these must be
   * refused at the door, naming the field, not merely stopped by the stranger host key.
   */
  refuseAtTheDoor?: (value: string) => boolean;
}

export interface FieldContext {
  fleet: FleetDescription;
  /** A host key of another fleet server: a run given it stops at connect before logging in. */
  otherFingerprint: string;
  /** A node in the console's inventory, for nodes.update. */
  existingNode: string;
}

const stored = (read: (record: NodeRecord) => unknown, given?: (value: string) => string): Acceptance => ({ kind: 'stored', read, ...(given ? { given } : {}) });
const stopped: Acceptance = { kind: 'stopped' };

export function hostileFields(ctx: FieldContext): HostileField[] {
  const { fleet } = ctx;
  const target = targetOf(fleet);
  const stranger = { ...target, fingerprint: ctx.otherFingerprint };
  const keyFile = (keyPath: string, passphrase?: string) => ({ method: 'keyFile' as const, keyPath, ...(passphrase === undefined ? {} : { passphrase }) });
  const preflight = (extra: object) => ({ ...target, dataPath: '/srv/pinfleet-r8', ...extra });
  const provision = (extra: Partial<ChannelInput<'provisioning.provision'>>) => ({ ...provisionInputFor(fleet), fingerprint: ctx.otherFingerprint, ...extra });
  const register = (extra: object) => ({ ...stranger, name: 'r8-adopted', apiAddress: '127.0.0.1:5001', gatewayAddress: '127.0.0.1:8080', ...extra });
  const setup = (extra: object) => ({ nodes: ['r8-absent'], dryRun: true, ...extra });
  const node = (unique: string, extra: object) => ({ name: `r8-${unique}`, host: `r8-${unique}.invalid`, ...extra });
  const f = (channel: ChannelName, field: string, input: HostileField['input'], accepted: Acceptance = stopped, refuseAtTheDoor?: (v: string) => boolean): HostileField => ({
    channel, field, input, accepted, ...(refuseAtTheDoor ? { refuseAtTheDoor } : {}),
  });
  // Cluster reads its tags as key:value,key:value; main reads a key file only from an absolute path.
  const clusterTagSyntax = (v: string) => /[:,]/.test(v);
  const relativePath = (v: string) => !(v === '~' || v.startsWith('~/') || v.startsWith('/'));

  return [
    f('provisioning.preflight', 'host', (v) => preflight({ host: v })),
    f('provisioning.preflight', 'user', (v) => preflight({ user: v })),
    f('provisioning.preflight', 'fingerprint', (v) => preflight({ fingerprint: v })),
    f('provisioning.preflight', 'dataPath', (v) => preflight({ dataPath: v })),
    f('provisioning.preflight', 'dataPath', (v) => preflight({ dataPath: `/srv/${v}` })),
    f('provisioning.preflight', 'listenHost', (v) => preflight({ listenHost: v })),
    f('provisioning.preflight', 'login.keyPath', (v) => preflight({ login: keyFile(v) }), stopped, relativePath),
    f('provisioning.hostKey', 'host', (v) => ({ host: v })),
    f('provisioning.adoptDetect', 'host', (v) => ({ ...target, host: v })),
    f('provisioning.adoptDetect', 'user', (v) => ({ ...target, user: v })),
    f('provisioning.adoptDetect', 'name', (v) => ({ ...target, name: v })),
    f('provisioning.adoptRegister', 'name', (v) => register({ name: v })),
    f('provisioning.adoptRegister', 'tags', (v) => register({ tags: [v] })),
    f('provisioning.adoptRegister', 'region', (v) => register({ region: v })),
    f('provisioning.adoptRegister', 'apiAddress', (v) => register({ apiAddress: v })),
    f('provisioning.adoptRegister', 'gatewayAddress', (v) => register({ gatewayAddress: v })),
    f('provisioning.adoptRegister', 'kuboContainer', (v) => register({ kuboContainer: v })),
    f('provisioning.provision', 'host', (v) => provision({ host: v })),
    f('provisioning.provision', 'user', (v) => provision({ user: v })),
    f('provisioning.provision', 'name', (v) => provision({ name: v })),
    f('provisioning.provision', 'dataPath', (v) => provision({ dataPath: v })),
    f('provisioning.provision', 'dataPath', (v) => provision({ dataPath: `/srv/pinfleet-fleet/bare/data/${v}` })),
    f('provisioning.provision', 'tags', (v) => provision({ tags: [v] })),
    f('provisioning.provision', 'region', (v) => provision({ region: v })),
    f('provisioning.provision', 'region', (v) => provision({ region: v, clusterPeer: true }), stopped, clusterTagSyntax),
    f('provisioning.provision', 'tags', (v) => provision({ tags: [v], clusterPeer: true }), stopped, clusterTagSyntax),
    f('provisioning.provision', 'region', (v) => provision({ region: `eu,${v}`.slice(0, 64), clusterPeer: true }), stopped, () => true),
    f('provisioning.provision', 'image', (v) => provision({ image: v })),
    f('provisioning.provision', 'imageFile', (v) => provision({ imageSource: 'send', imageFile: v })),
    f('provisioning.provision', 'fleetNetworks', (v) => provision({ privateNetwork: true, fleetNetworks: [v] })),
    f('provisioning.provision', 'swarmHost', (v) => provision({ swarmHost: v })),
    f('provisioning.provision', 'runAs', (v) => provision({ runAs: v })),
    f('provisioning.provision', 'containerName', (v) => provision({ containerName: v })),
    f('provisioning.provision', 'clusterBootstrap', (v) => provision({ clusterPeer: true, clusterBootstrap: [v] })),
    f('provisioning.provision', 'clusterImage', (v) => provision({ clusterPeer: true, clusterImage: v })),
    f('provisioning.provision', 'clusterRunAs', (v) => provision({ clusterPeer: true, clusterRunAs: v })),
    f('provisioning.provision', 'clusterContainerName', (v) => provision({ clusterPeer: true, clusterContainerName: v })),
    f('provisioning.provision', 'login.keyPath', (v) => provision({ login: keyFile(v) }), stopped, relativePath),
    f('provisioning.provision', 'login.passphrase', (v) => provision({ login: keyFile(fleet.clientKeyPath, v) })),
    f('provisioning.rollbackPlan', 'host', (v) => ({ ...target, host: v })),
    f('provisioning.rollbackPlan', 'user', (v) => ({ ...target, user: v })),
    f('provisioning.decommission', 'name', (v) => ({ name: v, dryRun: true })),
    f('provisioning.decommission', 'confirm', (v) => ({ name: 'r8-absent', dryRun: true, confirm: v })),
    f('cluster.setup', 'nodes', (v) => setup({ nodes: [v] })),
    f('cluster.setup', 'image', (v) => setup({ image: v })),
    f('cluster.setup', 'runAs', (v) => setup({ runAs: v })),
    f('cluster.setup', 'stateDirs', (v) => setup({ stateDirs: { 'r8-absent': v } })),
    f('cluster.setup', 'stateDirs', (v) => setup({ stateDirs: { 'r8-absent': `/srv/${v}` } })),
    f('cluster.setup', 'stateDirs', (v) => setup({ stateDirs: { [v]: '/srv/ipfs-cluster' } })),
    f('nodes.add', 'name', (v, u) => ({ ...node(u, {}), name: v })),
    f('nodes.add', 'host', (v, u) => node(u, { host: v })),
    f('nodes.add', 'sshUser', (v, u) => node(u, { sshUser: v })),
    f('nodes.add', 'tags', (v, u) => node(u, { tags: [v] }), stored((r) => r.tags[0])),
    f('nodes.add', 'region', (v, u) => node(u, { region: v }), stored((r) => r.region)),
    f('nodes.add', 'notes', (v, u) => node(u, { notes: v }), stored((r) => r.notes)),
    f('nodes.add', 'apiAddress', (v, u) => node(u, { apiAddress: v })),
    f('nodes.add', 'gatewayAddress', (v, u) => node(u, { gatewayAddress: v })),
    f('nodes.add', 'apiUrl', (v, u) => node(u, { apiUrl: v })),
    f('nodes.add', 'apiUrl', (v, u) => node(u, { apiUrl: `http://127.0.0.1:5001/${v}` }), stored((r) => r.apiUrl, (v) => `http://127.0.0.1:5001/${v}`)),
    f('nodes.add', 'kuboContainer', (v, u) => node(u, { kuboContainer: v })),
    f('nodes.update', 'changes.region', (v) => ({ name: ctx.existingNode, changes: { region: v } }), stored((r) => r.region)),
    f('nodes.update', 'changes.notes', (v) => ({ name: ctx.existingNode, changes: { notes: v } }), stored((r) => r.notes)),
    f('nodes.update', 'changes.sshUser', (v) => ({ name: ctx.existingNode, changes: { sshUser: v } })),
    f('nodes.update', 'changes.kuboContainer', (v) => ({ name: ctx.existingNode, changes: { kuboContainer: v } })),
  ];
}
