// One OpenSSH sshd per server, listening only on that server's 127.0.0.x address, with a host key
// generated once per fleet directory and the harness's client key authorised. `SetEnv DOCKER_HOST`
// makes a plain `docker` over SSH reach the fleet's dockerd, as it would reach a server's own Docker.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dockerHost } from './fleet-layout.js';
import { isProcessAlive, run, waitFor } from './shell.js';

export const sshUser = 'root';

export interface SshServerPaths {
  dir: string;
  hostKey: string;
  /** The key the host-key fault swaps in. */
  swappedHostKey: string;
  config: string;
  pidFile: string;
  log: string;
}

export function sshServerPaths(stateDir: string, serverName: string): SshServerPaths {
  const dir = join(stateDir, serverName, 'ssh');
  return {
    dir,
    hostKey: join(dir, 'ssh_host_ed25519_key'),
    swappedHostKey: join(dir, 'ssh_host_ed25519_key.swapped'),
    config: join(dir, 'sshd_config'),
    pidFile: join(dir, 'sshd.pid'),
    log: join(dir, 'sshd.log'),
  };
}

async function ensureKeyPair(path: string, comment: string): Promise<void> {
  if (existsSync(path) && existsSync(`${path}.pub`)) return;
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', path]);
}

/** The harness's client key pair, authorised on every server. */
export async function ensureClientKey(stateDir: string): Promise<{ keyPath: string; authorizedKeys: string }> {
  const dir = join(stateDir, 'client');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const keyPath = join(dir, 'id_ed25519');
  await ensureKeyPair(keyPath, 'pinfleet-test-fleet-client');
  const authorizedKeys = join(dir, 'authorized_keys');
  writeFileSync(authorizedKeys, readFileSync(`${keyPath}.pub`), { mode: 0o600 });
  return { keyPath, authorizedKeys };
}

/** `SHA256:…` exactly as `ssh-keygen -lf` prints it. */
export async function hostKeyFingerprint(keyPath: string): Promise<string> {
  const line = await run('ssh-keygen', ['-lf', `${keyPath}.pub`]);
  const fingerprint = line.split(' ')[1];
  if (!fingerprint?.startsWith('SHA256:')) throw new Error(`unexpected ssh-keygen -lf output for ${keyPath}: ${line}`);
  return fingerprint;
}

export function publicHostKey(keyPath: string): string {
  const [type, blob] = readFileSync(`${keyPath}.pub`, 'utf8').trim().split(' ');
  return `${type} ${blob}`;
}

export interface SshServerSpec {
  name: string;
  address: string;
  port: number;
  authorizedKeys: string;
}

function sshdConfig(spec: SshServerSpec, paths: SshServerPaths, hostKey: string): string {
  return [
    `# sshd of test server ${spec.name}; written by tests/fleet/ssh-server.ts`,
    `ListenAddress ${spec.address}:${spec.port}`,
    `HostKey ${hostKey}`,
    `PidFile ${paths.pidFile}`,
    `AuthorizedKeysFile ${spec.authorizedKeys}`,
    'PermitRootLogin prohibit-password',
    'PubkeyAuthentication yes',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    // PAM would pull in the host's login stack; keys are all the fleet uses.
    'UsePAM no',
    // The fleet directory lives under /tmp (mode 1777), which StrictModes would refuse.
    'StrictModes no',
    // The console reaches kubo's RPC API and Cluster's REST API through SSH tunnels.
    'AllowTcpForwarding yes',
    `SetEnv DOCKER_HOST=${dockerHost}`,
    'Subsystem sftp /usr/lib/openssh/sftp-server',
    'PrintMotd no',
    'LogLevel VERBOSE',
    '',
  ].join('\n');
}

export async function prepareSshServer(stateDir: string, spec: SshServerSpec): Promise<SshServerPaths> {
  const paths = sshServerPaths(stateDir, spec.name);
  mkdirSync(paths.dir, { recursive: true, mode: 0o700 });
  await ensureKeyPair(paths.hostKey, `pinfleet-${spec.name}`);
  await ensureKeyPair(paths.swappedHostKey, `pinfleet-${spec.name}-swapped`);
  return paths;
}

export function isSshdRunning(paths: SshServerPaths): boolean {
  const pid = readPid(paths.pidFile);
  return pid !== undefined && isProcessAlive(pid);
}

/** The host key the running (or next) sshd serves: the real one unless the swap fault is on. */
export function activeHostKey(paths: SshServerPaths): string {
  if (!existsSync(paths.config)) return paths.hostKey;
  return readFileSync(paths.config, 'utf8').includes(`HostKey ${paths.swappedHostKey}\n`) ? paths.swappedHostKey : paths.hostKey;
}

/** Starts sshd; one already running with other settings (port, host key) is restarted. */
export async function startSshd(spec: SshServerSpec, paths: SshServerPaths, hostKey = paths.hostKey): Promise<void> {
  const config = sshdConfig(spec, paths, hostKey);
  const running = isSshdRunning(paths);
  if (running && existsSync(paths.config) && readFileSync(paths.config, 'utf8') === config) return;
  await refuseWildcardListener(spec.port);
  if (running) await stopSshd(paths);
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 }); // sshd's privilege-separation directory
  writeFileSync(paths.config, config);
  await run('/usr/sbin/sshd', ['-f', paths.config, '-E', paths.log]);
  await waitFor(`sshd of ${spec.name} to write ${paths.pidFile}`, async () => (isSshdRunning(paths) ? true : undefined), 10_000);
}

export async function stopSshd(paths: SshServerPaths): Promise<void> {
  const pid = readPid(paths.pidFile);
  if (pid === undefined || !isProcessAlive(pid)) return;
  process.kill(pid, 'SIGTERM');
  await waitFor(`sshd (pid ${pid}) to exit`, async () => (isProcessAlive(pid) ? undefined : true), 10_000);
}

export async function restartSshd(spec: SshServerSpec, paths: SshServerPaths, hostKey: string): Promise<void> {
  await stopSshd(paths);
  await startSshd(spec, paths, hostKey);
}

/** A system sshd on 0.0.0.0:22 (Debian's openssh-server starts one) takes the port from every 127.0.0.x. */
async function refuseWildcardListener(port: number): Promise<void> {
  const listeners = await run('ss', ['-Htlnp', `sport = :${port}`]);
  const wildcard = listeners.split('\n').find((line) => /\s(0\.0\.0\.0|\*|\[::\]):\d+\s/.test(line));
  if (wildcard) {
    throw new Error(
      `port ${port} is taken on every address by: ${wildcard.replace(/\s+/g, ' ').trim()}; ` +
        `stop it (e.g. \`service ssh stop\`) or pick another port with PINFLEET_SSH_PORT / --ssh-port`,
    );
  }
}

function readPid(pidFile: string): number | undefined {
  try {
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    return pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}
