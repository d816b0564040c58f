// Adds the running fleet's storage servers to a console inventory through the console's own CLI
// (`pinfleet nodes add`), exactly as an admin would. The bare server is left out: the provisioning
// wizard is what turns it into a node.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { storageServers, type FleetDescription } from './fleet-description.js';
import { runCommand } from './shell.js';
import { repoRoot } from './versions.js';

export const consoleCli = join(repoRoot, 'out', 'main', 'cli.js');

export interface RegisteredNode {
  name: string;
  outcome: 'added' | 'already registered';
}

export async function registerFleet(
  fleet: FleetDescription,
  dataDir: string | undefined,
  log: (m: string) => void = () => {},
): Promise<RegisteredNode[]> {
  if (!existsSync(consoleCli)) throw new Error(`${consoleCli} missing; build the console with \`npx electron-vite build\``);
  const registered: RegisteredNode[] = [];
  for (const server of storageServers(fleet)) {
    const args = [
      consoleCli,
      ...(dataDir ? ['--data-dir', dataDir] : []),
      'nodes', 'add', server.name,
      '--host', server.ssh.host,
      '--port', String(server.ssh.port),
      '--user', server.ssh.user,
      '--host-key', server.ssh.hostKeyFingerprint,
      '--tags', server.tags.join(','),
      '--region', server.region,
      '--api', `${server.kubo.api.host}:${server.kubo.api.port}`,
      '--gateway', `${server.kubo.gateway.host}:${server.kubo.gateway.port}`,
      '--json',
    ];
    const result = await runCommand(process.execPath, args);
    const error = result.stderr.trim().split('\n').pop() ?? '';
    if (result.code === 0) {
      registered.push({ name: server.name, outcome: 'added' });
    } else if (/already exists/i.test(error)) {
      // A second `register` into the same data directory is fine.
      registered.push({ name: server.name, outcome: 'already registered' });
    } else {
      throw new Error(`registering ${server.name} failed: ${error || `exit code ${result.code}`}`);
    }
    // How the console logs in: the fleet's client key, a file without a passphrase, so no secret
    // store is needed. Idempotent, so a second register just says the same again.
    const credentials = await runCommand(process.execPath, [
      consoleCli,
      ...(dataDir ? ['--data-dir', dataDir] : []),
      'credentials', 'set', server.name, '--key-file', fleet.clientKeyPath,
    ]);
    if (credentials.code !== 0) {
      throw new Error(`setting credentials of ${server.name} failed: ${credentials.stderr.trim().split('\n').pop()}`);
    }
    log(`${server.name}: ${registered.at(-1)?.outcome}`);
  }
  return registered;
}
