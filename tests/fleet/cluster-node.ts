// IPFS Cluster beside each storage server's kubo (fleet `up --cluster`).
import { dockerResult } from './docker-cli.js';
import type { FleetDescription } from './fleet-description.js';
import type { ServerPlan } from './fleet-layout.js';

export const clusterContainerName = (serverName: string): string => `pinfleet-${serverName}-cluster`;

export async function clusterUp(_fleet: FleetDescription, _plan: ServerPlan[], _imageRef: string, _imageTag: string): Promise<void> {
  throw new Error('--cluster is not implemented yet');
}

export async function removeClusterContainer(serverName: string): Promise<void> {
  await dockerResult(['rm', '--force', clusterContainerName(serverName)]);
}
