// The current page, kept in step with the URL fragment so Back/Forward and plain links work
// without a router dependency. Nav items are real <a href="#/…"> links: Enter follows them.
import { create } from 'zustand';
import { hrefFor, routeFromHash, type RouteId } from './routes';

interface RouteState {
  route: RouteId;
  setFromHash(hash: string): void;
}

export const useRouteStore = create<RouteState>()((set) => ({
  route: routeFromHash(window.location.hash),
  setFromHash: (hash) => set({ route: routeFromHash(hash) }),
}));

export function useRoute(): RouteId {
  return useRouteStore((state) => state.route);
}

export function navigate(route: RouteId): void {
  window.location.hash = hrefFor(route);
}

/** Installed once by the app frame; returns the uninstaller. */
export function followLocationHash(): () => void {
  const sync = () => useRouteStore.getState().setFromHash(window.location.hash);
  sync();
  window.addEventListener('hashchange', sync);
  return () => window.removeEventListener('hashchange', sync);
}
