// The cluster-peer part of the add-a-server wizard, as data: its environment, bootstrap choice,
// container spec and join verdict.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PINNED_CLUSTER_IMAGE, defaultClusterImage } from '../../../src-main/provisioning/cluster-peer/cluster-default-image.js';
import { bootstrapAddresses, clusterContainerSpec, clusterEnvironment, clusterStateDir, clusterTags, joinVerdict, type ClusterPeerChoice } from '../../../src-main/provisioning/cluster-peer/cluster-peer-plan.js';
import { provisionStepsFor } from '../../../src-preload/contract/provisioning-types.js';
import { provisionInput } from '../../../src-preload/contract/provisioning-schemas.js';
import { envValue as valueOf } from '../../support/env-value.js';

const SECRET = 'ab'.repeat(32);
const base: ClusterPeerChoice = {
  peerName: 'bare', secret: SECRET, swarmHost: '10.0.0.5', bootstrap: ['/ip4/10.0.0.1/tcp/9096/p2p/12D3KooWA'], trustedPeers: ['12D3KooWA', '12D3KooWB'],
  region: 'eu', tags: ['fast', 'ssd'], privateNetwork: true, restLogin: null,
};

describe('clusterEnvironment', () => {
  it('CRDT peer: secret, swarm on the server address, REST/proxy/pinning API on loopback, kubo on 127.0.0.1:5001', () => {
    const env = clusterEnvironment(base);
    expect(valueOf(env, 'CLUSTER_SECRET')).toBe(SECRET);
    expect(valueOf(env, 'CLUSTER_LISTENMULTIADDRESS')).toBe('/ip4/10.0.0.5/tcp/9096');
    expect(valueOf(env, 'CLUSTER_RESTAPI_HTTPLISTENMULTIADDRESS')).toBe('/ip4/127.0.0.1/tcp/9094');
    expect(valueOf(env, 'CLUSTER_IPFSPROXY_LISTENMULTIADDRESS')).toBe('/ip4/127.0.0.1/tcp/9095');
    expect(valueOf(env, 'CLUSTER_PINSVCAPI_HTTPLISTENMULTIADDRESS')).toBe('/ip4/127.0.0.1/tcp/9097');
    expect(valueOf(env, 'CLUSTER_IPFSHTTP_NODEMULTIADDRESS')).toBe('/ip4/127.0.0.1/tcp/5001');
    expect(valueOf(env, 'CLUSTER_PEERADDRESSES')).toBe('/ip4/10.0.0.1/tcp/9096/p2p/12D3KooWA');
    expect(valueOf(env, 'CLUSTER_CRDT_TRUSTEDPEERS')).toBe('12D3KooWA,12D3KooWB');
    expect(valueOf(env, 'CLUSTER_TAGS_TAGS')).toBe('region:eu,group:fast');
    expect(valueOf(env, 'CLUSTER_MDNSINTERVAL')).toBe('0s');
    expect(valueOf(env, 'CLUSTER_ENABLERELAYHOP')).toBe('false');
    expect(valueOf(env, 'CLUSTER_RESTAPI_BASICAUTHCREDENTIALS')).toBeUndefined();
  });

  it('no private network: mDNS and relay settings left to Cluster', () => {
    const env = clusterEnvironment({ ...base, privateNetwork: false });
    expect(valueOf(env, 'CLUSTER_MDNSINTERVAL')).toBeUndefined();
    expect(valueOf(env, 'CLUSTER_ENABLERELAYHOP')).toBeUndefined();
  });

  it('basic auth when the settings have a user; values that would split the envconfig map are refused', () => {
    expect(valueOf(clusterEnvironment({ ...base, restLogin: { user: 'admin', password: 's3cret' } }), 'CLUSTER_RESTAPI_BASICAUTHCREDENTIALS')).toBe('admin:s3cret');
    expect(() => clusterEnvironment({ ...base, restLogin: { user: 'admin', password: 'a,b' } })).toThrow(/must not contain/);
    expect(() => clusterEnvironment({ ...base, restLogin: { user: 'ad:min', password: 'x' } })).toThrow(/REST user/);
  });

  it('refuses a secret that is not 32 bytes of hex', () => {
    expect(() => clusterEnvironment({ ...base, secret: 'short' })).toThrow(/64 hexadecimal/);
  });

  it.each([
    [null, [], ''],
    ['eu', [], 'region:eu'],
    [null, ['a', 'b'], 'group:a'],
  ] as const)('tags of region %s and %j: %s', (region, tags, expected) => {
    expect(clusterTags(region, tags)).toBe(expected);
  });
});

describe('bootstrapAddresses', () => {
  const peers = [
    { id: 'P1', addresses: ['/ip4/10.0.0.1/tcp/9096/p2p/P1', '/ip4/8.8.8.8/tcp/9096/p2p/P1', '/ip4/10.0.0.1/udp/9096/quic-v1/p2p/P1', '/ip4/10.0.0.9/tcp/4001/p2p/R/p2p-circuit/p2p/P1'] },
    { id: 'P2', addresses: ['/ip4/127.0.0.12/tcp/9096'] },
  ];
  it('private network: TCP addresses inside the fleet networks only, with their IDs, sorted', () => {
    expect(bootstrapAddresses(peers, { privateNetwork: true, fleetNetworks: ['10.0.0.0/8', '127.0.0.0/8'] })).toEqual(['/ip4/10.0.0.1/tcp/9096/p2p/P1', '/ip4/127.0.0.12/tcp/9096/p2p/P2']);
  });
  it('otherwise every TCP address, never a relay', () => {
    expect(bootstrapAddresses(peers, { privateNetwork: false, fleetNetworks: ['10.0.0.0/8'] })).toEqual(['/ip4/10.0.0.1/tcp/9096/p2p/P1', '/ip4/127.0.0.12/tcp/9096/p2p/P2', '/ip4/8.8.8.8/tcp/9096/p2p/P1']);
  });
});

describe('clusterContainerSpec', () => {
  const choice = { containerName: 'pinfleet-cluster', nodeName: 'bare', image: 'ipfs/ipfs-cluster:v1.1.6', runAs: '1000:100', stateDir: clusterStateDir('/srv/data/'), env: clusterEnvironment(base) };
  it('host network, restart policy, the state folder, and a stable hash that changes with the settings and hides the secret', () => {
    const spec = clusterContainerSpec(choice);
    expect(spec.options).toMatchObject({ name: 'pinfleet-cluster', User: '1000:100', Cmd: ['daemon'], HostConfig: { NetworkMode: 'host', RestartPolicy: { Name: 'unless-stopped' }, Binds: ['/srv/data/ipfs-cluster:/data/ipfs-cluster'] } });
    expect(clusterContainerSpec(choice).hash).toBe(spec.hash);
    expect(clusterContainerSpec({ ...choice, env: clusterEnvironment({ ...base, region: 'us' }) }).hash).not.toBe(spec.hash);
    expect(JSON.stringify((spec.options as { Labels: unknown }).Labels)).not.toContain(SECRET);
    // Which peers answered when it was asked does not make a re-run replace a joined peer.
    expect(clusterContainerSpec({ ...choice, env: clusterEnvironment({ ...base, bootstrap: ['/ip4/10.0.0.2/tcp/9096/p2p/12D3KooWB'] }) }).hash).toBe(spec.hash);
  });
});

describe('joinVerdict', () => {
  it.each([
    [['A', 'B', 'S'], ['S', 'A'], true],
    [['A', 'B'], ['S', 'A'], false],
    [['A', 'B', 'S'], ['S'], false],
  ] as const)('cluster lists %j, it sees %j: joined %s', (listed, sees, joined) => {
    expect(joinVerdict('S', listed, sees).joined).toBe(joined);
  });
});

describe('inputs and steps', () => {
  it('the cluster step runs only when asked', () => {
    expect(provisionStepsFor({})).not.toContain('cluster');
    expect(provisionStepsFor({ clusterPeer: true })).toEqual(['connect', 'preflight', 'docker', 'image', 'container', 'configure', 'cluster', 'verify', 'register']);
  });
  it('bootstrap addresses must be peer multiaddrs (no shell, no commas)', () => {
    const input = { host: '10.0.0.5', fingerprint: `SHA256:${'A'.repeat(43)}`, login: { method: 'agent' }, name: 'n', dataPath: '/srv/data', clusterPeer: true };
    expect(provisionInput.safeParse({ ...input, clusterBootstrap: ['/ip4/10.0.0.1/tcp/9096/p2p/12D3KooWSnU9CbtTyiBeG16kHggoyw3FdexMPZhqc7io8ZDMqNFS'] }).success).toBe(true);
    for (const bad of ['$(id)', '/ip4/10.0.0.1/tcp/9096', '/ip4/10.0.0.1/tcp/9096/p2p/12D3KooWSnU9CbtTyiBeG16kHggoyw3F,x']) {
      expect(provisionInput.safeParse({ ...input, clusterBootstrap: [bad] }).success, bad).toBe(false);
    }
  });
  it('the default image is the one resources/versions.env pins; PINFLEET_CLUSTER_IMAGE overrides it', () => {
    const pinned = /^CLUSTER_IMAGE=(.+)$/m.exec(readFileSync('resources/versions.env', 'utf8'))![1];
    expect(PINNED_CLUSTER_IMAGE).toBe(pinned);
    expect(defaultClusterImage({ PINFLEET_CLUSTER_IMAGE: 'local/cluster:x' })).toBe('local/cluster:x');
  });
});
