// One factory for every react-query key, so invalidation after a change names the same keys
// the queries use. Everything the inventory feeds sits under `inventory`.
export const queryKeys = {
  appInfo: () => ['app', 'info'] as const,
  inventory: {
    all: () => ['inventory'] as const,
    nodes: () => ['inventory', 'nodes'] as const,
    status: () => ['inventory', 'status'] as const,
    audit: (limit: number) => ['inventory', 'audit', limit] as const,
  },
};
