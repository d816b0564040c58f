// The console's pages and how they map to the URL fragment (`#/inventory`). Pure, so the
// mapping is tested without a browser.
export const ROUTES = [
  { id: 'fleet', label: 'Fleet' },
  { id: 'uploads', label: 'Uploads' },
  { id: 'add-node', label: 'Add node' },
  { id: 'inventory', label: 'Inventory' },
  { id: 'activity', label: 'Activity' },
  { id: 'settings', label: 'Settings' },
] as const;

export type RouteId = (typeof ROUTES)[number]['id'];

export const DEFAULT_ROUTE: RouteId = 'fleet';

export function isRouteId(value: string): value is RouteId {
  return ROUTES.some((route) => route.id === value);
}

/** `#/inventory` → 'inventory'; anything unknown (or empty) → the fleet overview. */
export function routeFromHash(hash: string): RouteId {
  const id = hash.replace(/^#\/?/, '').split(/[?&/]/)[0] ?? '';
  return isRouteId(id) ? id : DEFAULT_ROUTE;
}

export function hrefFor(route: RouteId): string {
  return `#/${route}`;
}

export function labelFor(route: RouteId): string {
  return ROUTES.find((r) => r.id === route)?.label ?? route;
}
