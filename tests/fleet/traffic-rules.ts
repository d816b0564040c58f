// Cuts a server off the network with iptables: one chain, PINFLEET-FAULTS, jumped to from INPUT,
// holding a DROP for packets to and from the server's address. On loopback every packet passes
// INPUT, so this silences new and existing connections both ways, like a pulled cable: clients see
// timeouts, not refusals.
import { run, runCommand } from './shell.js';

const chain = 'PINFLEET-FAULTS';

async function ensureChain(): Promise<void> {
  if ((await runCommand('iptables', ['-w', '-n', '-L', chain])).code !== 0) await run('iptables', ['-w', '-N', chain]);
  if ((await runCommand('iptables', ['-w', '-C', 'INPUT', '-j', chain])).code !== 0) {
    await run('iptables', ['-w', '-I', 'INPUT', '1', '-j', chain]);
  }
}

function rules(address: string): string[][] {
  return [['-d', `${address}/32`, '-j', 'DROP'], ['-s', `${address}/32`, '-j', 'DROP']];
}

export async function isTrafficDropped(address: string): Promise<boolean> {
  const [first] = rules(address);
  return (await runCommand('iptables', ['-w', '-C', chain, ...(first ?? [])])).code === 0;
}

export async function dropTraffic(address: string): Promise<void> {
  await ensureChain();
  if (await isTrafficDropped(address)) return;
  for (const rule of rules(address)) await run('iptables', ['-w', '-A', chain, ...rule]);
}

export async function undropTraffic(address: string): Promise<void> {
  for (const rule of rules(address)) {
    while ((await runCommand('iptables', ['-w', '-D', chain, ...rule])).code === 0) {
      // deleted one copy; loop in case a rule was added twice
    }
  }
}

/** Removes the chain entirely (fleet `down`). */
export async function removeTrafficRules(): Promise<void> {
  while ((await runCommand('iptables', ['-w', '-D', 'INPUT', '-j', chain])).code === 0) {
    // remove every jump
  }
  await runCommand('iptables', ['-w', '-F', chain]);
  await runCommand('iptables', ['-w', '-X', chain]);
}
