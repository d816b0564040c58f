// A storage server of its own for the upload benchmarks: the fleet's nodes have 256–512 MiB disks,
// too small for a 1 GiB or 4 GiB file, and other helpers' tests depend on those sizes. So: the
// native kubo binary (as uid 64101, so the fleet's egress guard applies) with its repo on a tmpfs
// of its own, configured by the fleet's own kubo settings (no AutoConf, no bootstrap, loopback
// only), and an sshd of its own on the same address, both from the fleet's modules. Not a
// container: the fleet's dockerd is shared, and an extra kubo container there would show up in
// every server's `docker ps`. Torn down by stop().
import { closeSync, copyFileSync, chmodSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ensureDataDisk, removeDataDisk } from '../tests/fleet/data-disks.js';
import { fleetUids } from '../tests/fleet/egress-guard.js';
import { kuboPorts } from '../tests/fleet/fleet-layout.js';
import { kuboConfigScript } from '../tests/fleet/kubo-config-script.js';
import { waitForKubo } from '../tests/fleet/kubo-node.js';
import { isProcessAlive, run, spawnDaemon, waitFor } from '../tests/fleet/shell.js';
import { hostKeyFingerprint, prepareSshServer, startSshd, stopSshd } from '../tests/fleet/ssh-server.js';

export interface BenchServer {
  name: string;
  address: string;
  sshPort: number;
  hostKeyFingerprint: string;
  apiUrl: string;
  apiMultiaddr: string;
  stop(): Promise<void>;
}

export interface BenchServerOptions {
  ipfsBinary: string;
  /** The fleet's client key: its public half is authorised here too. */
  clientKeyPath: string;
  diskMiB: number;
  address?: string;
  stateDir?: string;
  dataPath?: string;
  /**
   * CPUs for kubo and sshd (a taskset list, e.g. "1"), to model a server apart from the laptop;
   * the caller pins itself to the others. Absent: everything shares every core.
   */
  serverCpus?: string;
}

export async function startBenchServer(options: BenchServerOptions): Promise<BenchServer> {
  const name = 'bench';
  const address = options.address ?? '127.0.0.41';
  const stateDir = options.stateDir ?? '/tmp/pinfleet-bench';
  const dataPath = options.dataPath ?? '/srv/pinfleet-bench/ipfs';
  const uid = fleetUids.kubo;
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  const authorizedKeys = join(stateDir, 'authorized_keys');
  writeFileSync(authorizedKeys, readFileSync(`${options.clientKeyPath}.pub`), { mode: 0o600 });
  const sshSpec = { name, address, port: 22, authorizedKeys };
  const sshPaths = await prepareSshServer(stateDir, sshSpec);
  await ensureDataDisk(name, dataPath, options.diskMiB, uid);
  // kubo runs as uid 64101, which cannot read root's cache or the 0700 state dir: its binary and
  // settings script go beside the repo.
  const kuboDir = dirname(dataPath);
  mkdirSync(kuboDir, { recursive: true, mode: 0o755 });
  const binDir = join(kuboDir, 'bin');
  mkdirSync(binDir, { recursive: true, mode: 0o755 });
  const ipfs = join(binDir, 'ipfs');
  copyFileSync(options.ipfsBinary, ipfs);
  chmodSync(ipfs, 0o755);
  const env = { ...process.env, IPFS_PATH: dataPath, IPFS_TELEMETRY: 'off', HOME: dataPath, PATH: `${binDir}:${process.env.PATH ?? ''}` };
  const asKubo = (args: string[]) => ['--reuid', String(uid), '--regid', String(uid), '--clear-groups', ...args];
  let pid: number | undefined;
  const stop = async () => {
    if (pid !== undefined && isProcessAlive(pid)) {
      process.kill(pid, 'SIGTERM');
      await waitFor(`the bench kubo (pid ${pid}) to exit`, async () => (isProcessAlive(pid!) ? undefined : true), 30_000).catch(() => {
        process.kill(pid!, 'SIGKILL');
      });
    }
    await stopSshd(sshPaths);
    await removeDataDisk(dataPath);
    rmSync(kuboDir, { recursive: true, force: true });
  };
  try {
    if (!existsSync(join(dataPath, 'config'))) await run('setpriv', asKubo([ipfs, 'init', '--profile=autoconf-off']), { env });
    // The fleet's settings, verbatim: the same script a fleet container runs before each start.
    const script = join(kuboDir, 'kubo-config.sh');
    writeFileSync(script, kuboConfigScript({ name, address, storageMax: `${Math.floor(options.diskMiB * 0.9)}MB` }));
    chmodSync(script, 0o755);
    await run('setpriv', asKubo(['/bin/sh', script]), { env });
    const log = openSync(join(stateDir, 'kubo.log'), 'a');
    pid = spawnDaemon('setpriv', asKubo([ipfs, 'daemon']), log, env);
    closeSync(log);
    await waitForKubo({ name, address });
    await startSshd(sshSpec, sshPaths);
    if (options.serverCpus !== undefined) {
      // -a: every thread; sshd's per-connection children are forked later and inherit it.
      for (const daemon of [pid!, Number(readFileSync(sshPaths.pidFile, 'utf8').trim())]) {
        await run('taskset', ['-a', '-p', '-c', options.serverCpus, String(daemon)]);
      }
    }
    return {
      name,
      address,
      sshPort: 22,
      hostKeyFingerprint: await hostKeyFingerprint(sshPaths.hostKey),
      apiUrl: `http://${address}:${kuboPorts.api}`,
      apiMultiaddr: `/ip4/${address}/tcp/${kuboPorts.api}`,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The benchmark's inputs live on the real disk, not in RAM beside the tmpfs repo. */
export function benchWorkDir(): string {
  const dir = join(process.env.HOME ?? '/root', '.cache', 'pinfleet', 'bench', `run-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function removeWorkDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
