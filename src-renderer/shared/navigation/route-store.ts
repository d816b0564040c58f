// The current page, kept in step with the URL fragment so Back/Forward and plain links work
// without a router dependency. Nav items are real <a href="#/…"> links: Enter follows them.
import { create } from 'zustand';
import { hrefFor, locationFromHash, type NavRouteId, type RouteId } from './routes';

interface RouteState {
  route: RouteId;
  /** The node of a detail page (`#/nodes/<name>`), else null. */
  node: string | null;
  setFromHash(hash: string): void;
}

export const useRouteStore = create<RouteState>()((set) => ({
  ...locationFromHash(window.location.hash),
  setFromHash: (hash) => set(locationFromHash(hash)),
}));

export function useRoute(): RouteId {
  return useRouteStore((state) => state.route);
}

export function useRouteNode(): string | null {
  return useRouteStore((state) => state.node);
}

export function navigate(route: NavRouteId): void {
  window.location.hash = hrefFor(route);
}

/** Installed once by the app frame; returns the uninstaller. */
export function followLocationHash(): () => void {
  const sync = () => useRouteStore.getState().setFromHash(window.location.hash);
  sync();
  window.addEventListener('hashchange', sync);
  return () => window.removeEventListener('hashchange', sync);
}
