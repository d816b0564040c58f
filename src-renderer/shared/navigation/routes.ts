// The console's pages and how they map to the URL fragment (`#/inventory`, `#/nodes/node1`).
// Pure, so the mapping is tested without a browser.

/** The pages the navigation lists, in its order. */
export const ROUTES = [
  { id: 'fleet', label: 'Fleet' },
  { id: 'uploads', label: 'Uploads' },
  { id: 'cluster', label: 'Cluster' },
  { id: 'add-node', label: 'Add node' },
  { id: 'provision', label: 'Provision' },
  { id: 'inventory', label: 'Inventory' },
  { id: 'activity', label: 'Activity' },
  { id: 'settings', label: 'Settings' },
] as const;

export type NavRouteId = (typeof ROUTES)[number]['id'];
/** Every page: the listed ones, and one node's detail page, reached from the fleet overview. */
export type RouteId = NavRouteId | 'node';

export interface AppLocation {
  route: RouteId;
  /** The node a detail page is about; null on every other page. */
  node: string | null;
}

export const DEFAULT_ROUTE: RouteId = 'fleet';

export function isRouteId(value: string): value is NavRouteId {
  return ROUTES.some((route) => route.id === value);
}

function decode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/** `#/nodes/node1` → the detail page of node1; `#/inventory` → the inventory; anything else → the fleet. */
export function locationFromHash(hash: string): AppLocation {
  const path = hash.replace(/^#\/?/, '').split(/[?&]/)[0] ?? '';
  const [first = '', second, ...rest] = path.split('/');
  if (first === 'nodes' && second && rest.length === 0) {
    const node = decode(second);
    if (node) return { route: 'node', node };
  }
  return { route: isRouteId(first) ? first : DEFAULT_ROUTE, node: null };
}

export function routeFromHash(hash: string): RouteId {
  return locationFromHash(hash).route;
}

export function hrefFor(route: NavRouteId): string {
  return `#/${route}`;
}

export function hrefForNode(name: string): string {
  return `#/nodes/${encodeURIComponent(name)}`;
}

export function labelFor(route: RouteId): string {
  if (route === 'node') return 'Node';
  return ROUTES.find((r) => r.id === route)?.label ?? route;
}
