// A backstop for "nothing leaves this machine": the fleet's containers run as dedicated uids, and an
// OUTPUT rule per uid rejects any packet of theirs to an address outside loopback. kubo is
// configured never to try (its counter stays at 0, which the smoke test checks); IPFS Cluster v1.1.6
// hard-codes libp2p's NAT port mapping (UPnP/NAT-PMP discovery towards the default gateway), which
// no setting turns off, so for Cluster this guard is what keeps those packets on the machine.
import { run, runCommand } from './shell.js';

const chain = 'PINFLEET-EGRESS';

/** uids the fleet's containers run as; unlikely to belong to a person on a developer machine. */
export const fleetUids = { kubo: 64101, cluster: 64102 } as const;

const families = [
  { tool: 'iptables', loopback: '127.0.0.0/8' },
  { tool: 'ip6tables', loopback: '::1/128' },
] as const;

export async function ensureEgressGuard(): Promise<void> {
  for (const { tool, loopback } of families) {
    if ((await runCommand(tool, ['-w', '-n', '-L', chain])).code !== 0) await run(tool, ['-w', '-N', chain]);
    if ((await runCommand(tool, ['-w', '-C', 'OUTPUT', '-j', chain])).code !== 0) await run(tool, ['-w', '-I', 'OUTPUT', '1', '-j', chain]);
    for (const uid of Object.values(fleetUids)) {
      const rule = ['-m', 'owner', '--uid-owner', String(uid), '!', '-d', loopback, '-j', 'REJECT'];
      if ((await runCommand(tool, ['-w', '-C', chain, ...rule])).code !== 0) await run(tool, ['-w', '-A', chain, ...rule]);
    }
  }
}

/** Packets the guard has rejected for a uid since the fleet came up (IPv4 and IPv6). */
export async function rejectedPackets(uid: number): Promise<number> {
  let total = 0;
  for (const { tool } of families) {
    const listing = await run(tool, ['-w', '-n', '-v', '-x', '-L', chain]);
    for (const line of listing.split('\n')) {
      if (line.includes(`owner UID match ${uid}`)) total += Number(line.trim().split(/\s+/)[0]);
    }
  }
  return total;
}

export async function removeEgressGuard(): Promise<void> {
  for (const { tool } of families) {
    while ((await runCommand(tool, ['-w', '-D', 'OUTPUT', '-j', chain])).code === 0) {
      // remove every jump
    }
    await runCommand(tool, ['-w', '-F', chain]);
    await runCommand(tool, ['-w', '-X', chain]);
  }
}
