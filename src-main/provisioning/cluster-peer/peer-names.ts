// Where a Pinfleet-made Cluster peer's pieces are found: set-up makes them, decommission removes them.

/** Each node's peer identity, kept in the secret store so a re-run starts the same peer. */
export const identitySecretRef = (nodeId: number): string => `cluster.identity.node-${nodeId}`;

/** One name per node: a test fleet (or a lab) may run several nodes on one Docker engine. */
export const setupContainerName = (node: string): string => `pinfleet-cluster-${node}`;
