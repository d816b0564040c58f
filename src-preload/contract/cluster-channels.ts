// IPFS Cluster channels (issue #7): the cluster's peers, pinset and actions, driven through its
// REST API.
export const clusterChannels = {} as const;

export const clusterEvents = {} as const;
