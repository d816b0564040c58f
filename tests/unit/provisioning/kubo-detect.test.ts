import { describe, expect, it } from 'vitest';
import {
  homeFromPasswd,
  ipfsPathFromEnviron,
  isContainerised,
  kuboContainers,
  listOf,
  parseIpfsDaemons,
  reachableAddress,
  watermarkOf,
} from '../../../src-main/provisioning/adopt/kubo-detect.js';
import { adoptDetectInput, adoptRegisterInput, preflightInput } from '../../../src-preload/contract/provisioning-schemas.js';

const FP = 'SHA256:Sr7vS7Q4nJGQXMZ4YwDCoY/IqJGGPLCddKFeKaoZkRA';

describe('finding kubo on a server', () => {
  it('finds ipfs daemon processes in ps output', () => {
    const ps = ['  301 root     ipfs daemon --migrate=true', ' 1264 root     ipfs-cluster-service daemon', '  900 ipfs     /usr/local/bin/ipfs daemon', '  901 ipfs     ipfs add x', ''].join('\n');
    expect(parseIpfsDaemons(ps)).toEqual([
      { pid: 301, user: 'root', command: 'ipfs daemon --migrate=true' },
      { pid: 900, user: 'ipfs', command: '/usr/local/bin/ipfs daemon' },
    ]);
  });

  it('tells container processes from native ones, and finds the repo', () => {
    expect(isContainerised('0::/docker/68618d4a6f0a')).toBe(true);
    expect(isContainerised('0::/system.slice/ipfs.service')).toBe(false);
    expect(ipfsPathFromEnviron('HOME=/home/ipfs\0IPFS_PATH=/srv/ipfs\0')).toBe('/srv/ipfs');
    expect(ipfsPathFromEnviron('HOME=/home/ipfs\0')).toBeNull();
    expect(homeFromPasswd('ipfs:x:1000:1000::/home/ipfs:/bin/sh\n')).toBe('/home/ipfs');
  });

  it('keeps running kubo-looking containers only', () => {
    const base = { Id: 'a', Names: ['/k'], Labels: {}, Mounts: [] };
    const list = kuboContainers([
      { ...base, Image: 'ipfs/kubo:v0.30.0', State: 'running' },
      { ...base, Image: 'ipfs/kubo:v0.30.0', State: 'exited' },
      { ...base, Image: 'nginx', State: 'running' },
      { ...base, Image: 'custom', State: 'running', Mounts: [{ Source: '/srv/ipfs', Destination: '/data/ipfs' }] },
    ]);
    expect(list.map((c) => c.Image)).toEqual(['ipfs/kubo:v0.30.0', 'custom']);
  });

  it.each([
    ['/ip4/127.0.0.12/tcp/5001', '127.0.0.12:5001'],
    ['/ip4/0.0.0.0/tcp/5001', '127.0.0.1:5001'],
    ['/ip6/::/tcp/5001', '[::1]:5001'],
    ['/unix/run/kubo.sock', null],
  ])('reaches %s at %s', (multiaddr, address) => {
    expect(reachableAddress(multiaddr)).toBe(address);
  });

  it('reads config values of either shape', () => {
    expect(listOf('/ip4/127.0.0.1/tcp/8080')).toEqual(['/ip4/127.0.0.1/tcp/8080']);
    expect(listOf(['a', 3, 'b'])).toEqual(['a', 'b']);
    expect(listOf(null)).toEqual([]);
    expect(watermarkOf(90)).toBe(90);
    expect(watermarkOf('90')).toBeNull();
  });
});

describe('hostile values in provisioning requests', () => {
  const target = { host: '127.0.0.20', fingerprint: FP, login: { method: 'agent' as const } };
  it.each(['$(touch /tmp/pwned-x)', ';id', '`id`', 'a\nb', 'a\u202Eb'])('refuses %j as a node name or tag', (value) => {
    expect(adoptRegisterInput.safeParse({ ...target, name: value, apiAddress: '127.0.0.1:5001', gatewayAddress: '127.0.0.1:8080' }).success).toBe(false);
    expect(adoptRegisterInput.safeParse({ ...target, name: 'ok', tags: [value], apiAddress: '127.0.0.1:5001', gatewayAddress: '127.0.0.1:8080' }).success).toBe(false);
    expect(adoptDetectInput.safeParse({ ...target, name: value }).success).toBe(false);
  });

  it('refuses relative or control-character data paths and accepts others literally', () => {
    expect(preflightInput.safeParse({ ...target, dataPath: '$(touch /tmp/pwned-x)' }).success).toBe(false);
    expect(preflightInput.safeParse({ ...target, dataPath: '/srv/a\nb' }).success).toBe(false);
    expect(preflightInput.safeParse({ ...target, dataPath: '/srv/\u202Eb' }).success).toBe(false);
    expect(preflightInput.parse({ ...target, dataPath: '/srv/$(touch /tmp/pwned-x)' }).dataPath).toBe('/srv/$(touch /tmp/pwned-x)');
  });

  it('requires a fingerprint', () => {
    expect(preflightInput.safeParse({ host: '127.0.0.20', login: { method: 'agent' }, dataPath: '/srv' }).success).toBe(false);
  });
});
