// The console in this process (R2, R3): a data dir set up through its router as an admin would,
// kept apart from soak-fleet.ts so R1, which drives only the built CLI, does not load main's sources.
import { createAppContext } from '../../../src-main/app/compose.js';
import { unwrap } from '../../../src-preload/contract/errors.js';
import { storageServers, type FleetDescription } from '../../fleet/fleet-description.js';
import { addFleetNodes } from '../../support/fleet-nodes.js';
import { MiB } from './soak-fleet.js';

/**
 * A data dir with the fleet's storage nodes added, as the Add-node form does, and the disk reserve
 * sized for the test disks (a few hundred MiB: the default 1 GiB reserve would leave nothing usable).
 */
export async function prepareDataDir(fleet: FleetDescription, dataDir: string, options: { cluster?: boolean } = {}): Promise<void> {
  const app = createAppContext({ dataDir, actor: 'soak' });
  try {
    const call = async (channel: string, input: unknown) => unwrap(await app.router.call(channel as never, input as never));
    await addFleetNodes(app, fleet, storageServers(fleet));
    await call('health.updateSettings', { diskReserveBytes: 8 * MiB, fullBelowBytes: 24 * MiB });
    if (options.cluster) await call('cluster.updateSettings', { enabled: true });
  } finally {
    await app.close();
  }
}

