// Adds the fleet's storage servers to a console's inventory through its router, as the Add-node
// form does, each logging in with the fleet's client key (a file without a passphrase).
import type { AppContext } from '../../src-main/app/compose.js';
import { unwrap } from '../../src-preload/contract/errors.js';
import { storageServers, type FleetDescription, type FleetServer } from '../fleet/fleet-description.js';

export async function addFleetNodes(app: Pick<AppContext, 'router'>, fleet: FleetDescription, servers: readonly FleetServer[] = storageServers(fleet)): Promise<void> {
  for (const s of servers) {
    unwrap(
      await app.router.call('nodes.add', {
        name: s.name, host: s.ssh.host, sshPort: s.ssh.port, sshUser: s.ssh.user, hostKeyFingerprint: s.ssh.hostKeyFingerprint,
        tags: s.tags, region: s.region, apiAddress: `${s.kubo!.api.host}:${s.kubo!.api.port}`, gatewayAddress: `${s.kubo!.gateway.host}:${s.kubo!.gateway.port}`,
      }),
    );
    unwrap(await app.router.call('credentials.set', { name: s.name, method: 'keyFile', keyPath: fleet.clientKeyPath }));
  }
}
