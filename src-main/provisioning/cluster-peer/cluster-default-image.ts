// The IPFS Cluster image the wizard deploys beside kubo unless the admin names another. It must equal
// CLUSTER_IMAGE in resources/versions.env (a unit test compares them); PINFLEET_CLUSTER_IMAGE
// overrides it, as the test fleet does with its locally built image.
export const PINNED_CLUSTER_IMAGE = 'ipfs/ipfs-cluster:v1.1.6';

export function defaultClusterImage(environment: NodeJS.ProcessEnv = process.env): string {
  return environment.PINFLEET_CLUSTER_IMAGE?.trim() || PINNED_CLUSTER_IMAGE;
}
