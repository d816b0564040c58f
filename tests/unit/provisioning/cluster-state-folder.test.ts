// A Cluster peer's state folder: which paths may be one at all (the schema of `cluster.setup`'s
// stateDirs and main's own check of the default beside kubo's repo), and what may be done to an
// existing folder: created and handed over, re-handed when Pinfleet made it, used as it is when the
// peer's uid owns it, refused otherwise. Never re-owned when Pinfleet did not make it.
import { describe, expect, it } from 'vitest';
import { stateDirProblem } from '../../../src-preload/contract/cluster-state-dir.js';
import { clusterSetupInput } from '../../../src-preload/contract/cluster-schemas.js';
import { judgeStateDir, parseStateDirStat, type StateDirFacts } from '../../../src-main/provisioning/cluster-peer/cluster-state-folder.js';

describe('stateDirProblem', () => {
  it.each([
    ['/', /root directory/],
    ['//', /root directory/],
    ['/etc', /inside \/etc/],
    ['/etc/ipfs-cluster', /inside \/etc/],
    ['/usr/local/cluster', /inside \/usr/],
    ['/boot/x', /inside \/boot/],
    ['/proc/1', /inside \/proc/],
    ['/var/run/cluster', /inside \/var\/run/],
    ['/var/lib/docker/volumes/x', /inside \/var\/lib\/docker/],
    ['/home', /\/home itself/],
    ['/home/', /\/home itself/],
    ['/root', /\/root itself/],
    ['/var/lib', /\/var\/lib itself/],
    ['/tmp', /\/tmp itself/],
    ['/srv', /\/srv itself/],
    ['relative/dir', /absolute/],
    ['./ipfs-cluster', /absolute/],
    ['', /empty/],
    ['/srv/../etc', /"\.\."/],
    ['/srv/cluster/..', /"\.\."/],
    ['/srv/./cluster', /plainly/],
    ['/srv//cluster', /plainly/],
    ['/srv/clu\0ster', /control characters/],
    ['/srv/cluster\n/etc', /control characters/],
    ['/srv/cluster\u202e', /control characters/],
    [`/srv/${'a'.repeat(300)}`, /longer than 255/],
    [`/srv/${'a/'.repeat(600)}x`, /at most 1024/],
    ['/srv/cluster;rm -rf /', /only letters/],
    ['/srv/$(touch /tmp/canary)', /only letters/],
    ['/srv/`id`', /only letters/],
    ['/srv/a b', /only letters/],
    ['/srv/a:b', /only letters/],
    ['/srv/*', /only letters/],
    ['/srv/a|b', /only letters/],
  ])('%j is refused (%s)', (path, why) => {
    expect(stateDirProblem(path)).toMatch(why);
  });

  it.each(['/srv/ipfs-cluster', '/srv/pinfleet/node1/ipfs-cluster', '/data/ipfs-cluster', '/var/lib/ipfs-cluster', '/home/admin/ipfs-cluster', '/tmp/pinfleet-cluster-setup/node1/ipfs-cluster', '/etcetera/cluster', '/srv/cluster/'])(
    '%j may be a state folder',
    (path) => {
      expect(stateDirProblem(path)).toBeNull();
    },
  );

  it('is the schema of cluster.setup stateDirs: the error names the node', () => {
    const parsed = clusterSetupInput.safeParse({ stateDirs: { node1: '/' } });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['stateDirs', 'node1']);
    expect(parsed.error?.issues[0]?.message).toMatch(/root directory/);
    expect(clusterSetupInput.safeParse({ stateDirs: { node1: '/srv/node1/ipfs-cluster' } }).success).toBe(true);
  });
});

describe('judgeStateDir', () => {
  const facts = (over: Partial<StateDirFacts>): StateDirFacts => ({ kind: 'directory', uid: 0, gid: 0, marked: false, ...over });

  it('makes a folder that does not exist', () => {
    expect(judgeStateDir('/srv/c', facts({ kind: 'absent', uid: null, gid: null }), '1000:100', 'node1')).toBe('create');
  });

  it("hands over again a folder Pinfleet made (its marker is in it), whoever owns it now", () => {
    expect(judgeStateDir('/srv/c', facts({ marked: true, uid: 0 }), '1000:100', 'node1')).toBe('own');
  });

  it("uses an existing folder the peer's uid already owns as it is", () => {
    expect(judgeStateDir('/srv/c', facts({ uid: 1000, gid: 5 }), '1000:100', 'node1')).toBe('use');
  });

  it('refuses an existing folder of another owner that Pinfleet did not make, naming the fix', () => {
    expect(() => judgeStateDir('/srv/c', facts({ uid: 0 }), '1000:100', 'node1')).toThrow(/\/srv\/c on node1 already exists, belongs to uid 0 .*will not change its owner.*chown 1000:100 \/srv\/c/);
  });

  it('refuses a symbolic link and a file', () => {
    expect(() => judgeStateDir('/srv/c', facts({ kind: 'symlink' }), '1000:100', 'node1')).toThrow(/symbolic link/);
    expect(() => judgeStateDir('/srv/c', facts({ kind: 'other' }), '1000:100', 'node1')).toThrow(/not a folder/);
  });

  it('refuses a path that cannot be a state folder before looking at what is there (the default beside kubo too)', () => {
    expect(() => judgeStateDir('/', facts({ kind: 'absent' }), '1000:100', 'node1')).toThrow(/root directory/);
    expect(() => judgeStateDir('/etc', facts({ marked: true }), '1000:100', 'node1')).toThrow(/inside \/etc/);
  });
});

describe('parseStateDirStat', () => {
  it.each([
    [{ code: 0, stdout: 'directory|1000|100\n', stderr: '' }, { kind: 'directory', uid: 1000, gid: 100 }],
    [{ code: 0, stdout: 'symbolic link|0|0\n', stderr: '' }, { kind: 'symlink', uid: 0, gid: 0 }],
    [{ code: 0, stdout: 'regular empty file|0|0\n', stderr: '' }, { kind: 'other', uid: 0, gid: 0 }],
    [{ code: 1, stdout: '', stderr: "stat: cannot statx '/srv/c': No such file or directory\n" }, { kind: 'absent', uid: null, gid: null }],
    [{ code: 1, stdout: '', stderr: "stat: cannot statx '/srv/c/x': Permission denied\n" }, null],
  ])('%j → %j', (result, expected) => {
    expect(parseStateDirStat(result)).toEqual(expected);
  });
});
