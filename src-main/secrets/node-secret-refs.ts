// Every secret-store reference that belongs to one node, in one list, so removing a node can leave
// nothing behind. Each owner keeps its own builder (connections/credential-rows.ts,
// connections/api-credentials.ts, provisioning/cluster-peer/peer-names.ts, provisioning/provision/rpc-token.ts);
// a unit test checks this list against them, so a new kind of per-node secret must be added here.
// Pure: no store, no database.

export interface NodeSecretOwner {
  id: number;
  host: string;
  kuboContainer?: string | null;
}

/** The references a node's secrets live under, by the conventions of their owners. */
export function nodeSecretRefs(node: NodeSecretOwner): string[] {
  const refs = [
    `ssh/node-${node.id}`, // SSH key, passphrase or password (credentials.set)
    `kubo-api/node-${node.id}`, // the kubo RPC credential (credentials.setApi)
    `cluster.identity.node-${node.id}`, // the node's IPFS Cluster peer identity (cluster.setup)
  ];
  // The wizard's RPC bearer token is keyed by server and container: kubo there still accepts it,
  // but nothing in the inventory uses it once the node is gone, and a later wizard run on the
  // same server makes a new one and writes it to kubo's config.
  if (node.kuboContainer) refs.push(`provisioning/rpc-token/${node.host.toLowerCase()}/${node.kuboContainer}`);
  return refs;
}
