// `npm run fleet -- fault <kind> <server>`: the faults API (faults.ts) from the command line.
import type { FleetDescription } from './fleet-description.js';
import * as faults from './faults.js';

type FaultAction = (fleet: FleetDescription, server: string) => Promise<string | void> | string | number | void;

const actions: Record<string, [FaultAction, string]> = {
  'kubo-stop': [faults.stopKubo, 'stop the server\'s kubo container'],
  'kubo-start': [faults.startKubo, 'start it again and wait for its API'],
  'kubo-kill': [faults.killKubo, 'SIGKILL kubo (the restart policy brings it back)'],
  'sshd-stop': [faults.stopSshdOf, 'stop the server\'s sshd'],
  'sshd-start': [faults.startSshdOf, 'start it again'],
  drop: [faults.dropTrafficOf, 'drop all packets to and from the server\'s address'],
  undrop: [faults.undropTrafficOf, 'let them through again'],
  fill: [(f, s) => `wrote ${faults.fillDiskOf(f, s)} bytes`, 'fill the server\'s disk until ENOSPC'],
  unfill: [faults.unfillDiskOf, 'free it again'],
  'kubo-wedge': [faults.wedgeDatastoreOf, 'fill, pin until kubo\'s datastore fails, free: kubo refuses pins until restarted'],
  'hostkey-swap': [async (f, s) => `now serving ${await faults.swapHostKey(f, s)}`, 'restart sshd with another host key'],
  'hostkey-restore': [async (f, s) => `now serving ${await faults.restoreHostKey(f, s)}`, 'restart sshd with its own key'],
  heal: [async (f) => faults.healFleet(f), 'undo every fault on every server (server name ignored; use "all")'],
};

export const faultUsage = Object.entries(actions)
  .map(([kind, [, help]]) => `      ${kind.padEnd(16)} ${help}`)
  .join('\n');

export async function runFaultCommand(fleet: FleetDescription, args: string[], log: (m: string) => void): Promise<void> {
  const [kind, server] = args;
  const entry = kind ? actions[kind] : undefined;
  if (!entry || !server) throw new Error(`usage: fault <kind> <server>, kinds: ${Object.keys(actions).join(', ')}`);
  const outcome = await entry[0](fleet, server);
  log(`${kind} ${server}: done${typeof outcome === 'string' ? ` (${outcome})` : ''}`);
}
