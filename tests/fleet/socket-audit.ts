// Lists sockets of the fleet's own processes that touch anything outside 127.0.0.0/8: a listener
// on a wildcard or public address, or a connection to a remote host. The fleet must never have one.
import { run } from './shell.js';

// Process names as `ss` shows them (the kernel's 15-character comm).
const fleetProcesses = ['ipfs', 'ipfs-cluster-se', 'sshd', 'dockerd', 'containerd', 'tini'];

export async function offHostSockets(): Promise<string[]> {
  const lines = (await run('ss', ['-Htunap'])).split('\n').filter(Boolean);
  return lines.filter((line) => {
    const fields = line.split(/\s+/);
    const [local, peer] = [fields[4] ?? '', fields[5] ?? ''];
    const owner = /users:\(\("([^"]+)"/.exec(line)?.[1];
    if (!owner || !fleetProcesses.includes(owner)) return false;
    return !isLoopback(local) || !(isLoopback(peer) || peer.startsWith('*') || peer.startsWith('0.0.0.0:'));
  });
}

function isLoopback(address: string): boolean {
  return address.startsWith('127.') || address.startsWith('[::1]') || address.startsWith('[::ffff:127.');
}
