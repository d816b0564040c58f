// The fleet's own dockerd: its own socket, pidfile and exec root under /run/pinfleet, and its data
// root in ~/.cache/pinfleet/docker so imported images survive between runs. It never touches the
// host's networking (no bridge, no iptables rules): every fleet container uses host networking.
// `down` stops it; it restarts in about a second and keeps its images.
import { mkdirSync, openSync, closeSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dockerResult } from './docker-cli.js';
import { dockerHost, dockerSocketDir } from './fleet-layout.js';
import { isProcessAlive, spawnDaemon, waitFor } from './shell.js';
import { cacheDir } from './versions.js';

const pidFile = join(dockerSocketDir, 'dockerd.pid');

export async function isDockerdUp(): Promise<boolean> {
  return (await dockerResult(['version', '--format', '{{.Server.Version}}'], { timeoutMs: 10_000 })).code === 0;
}

/** Starts dockerd unless it already answers; returns whether it was started now. */
export async function ensureDockerd(dockerdPath: string, logDir: string): Promise<boolean> {
  if (await isDockerdUp()) return false;
  mkdirSync(dockerSocketDir, { recursive: true });
  const dataRoot = join(cacheDir(), 'docker');
  mkdirSync(dataRoot, { recursive: true });
  mkdirSync(logDir, { recursive: true });
  const log = openSync(join(logDir, 'dockerd.log'), 'a');
  try {
    spawnDaemon(dockerdPath, [
      `--host=${dockerHost}`,
      `--data-root=${dataRoot}`,
      `--exec-root=${join(dockerSocketDir, 'docker-exec')}`,
      `--pidfile=${pidFile}`,
      '--bridge=none',
      '--iptables=false',
      '--ip6tables=false',
      '--ip-forward=false',
      '--ip-masq=false',
    ], log);
  } finally {
    closeSync(log);
  }
  await waitFor('dockerd to answer on ' + dockerHost + ` (log: ${join(logDir, 'dockerd.log')})`,
    async () => ((await isDockerdUp()) ? true : undefined), 60_000);
  return true;
}

export async function stopDockerd(): Promise<void> {
  let pid: number;
  try {
    pid = Number(readFileSync(pidFile, 'utf8').trim());
  } catch {
    return; // never started, or already stopped
  }
  if (!pid || !isProcessAlive(pid)) return;
  process.kill(pid, 'SIGTERM');
  await waitFor(`dockerd (pid ${pid}) to exit`, async () => (isProcessAlive(pid) ? undefined : true), 30_000);
}
