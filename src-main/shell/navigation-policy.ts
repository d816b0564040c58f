// Where the renderer may go. It may move around inside pinfleet://app/; it may ask for a few
// documentation sites to open in the admin's browser; everything else is refused. The renderer
// shows content from servers (node names, notes, pin names), so a link it renders must never
// become a page inside Pinfleet or an arbitrary program launched by the OS.
import { isAppUrl } from './app-origin.js';

interface ExternalSite {
  host: string;
  /** When set, only paths under this prefix (on a segment boundary) are allowed. */
  pathPrefix?: string;
}

/** https only, exact host names: a look-alike domain or a plain-http link is refused. */
export const EXTERNAL_LINK_ALLOW_LIST: readonly ExternalSite[] = [
  { host: 'docs.ipfs.tech' },
  { host: 'ipfscluster.io' },
  { host: 'docs.docker.com' },
  { host: 'github.com', pathPrefix: '/ipfs' },
  { host: 'github.com', pathPrefix: '/ipfs-cluster' },
];

function underPrefix(pathname: string, prefix: string): boolean {
  return pathname === prefix || pathname.startsWith(`${prefix}/`);
}

export function isAllowedExternalLink(candidate: string): boolean {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '' || url.port !== '') return false;
  return EXTERNAL_LINK_ALLOW_LIST.some(
    (site) => url.hostname === site.host && (site.pathPrefix === undefined || underPrefix(url.pathname, site.pathPrefix)),
  );
}

export type NavigationDecision = 'allow' | 'open-externally' | 'deny';

/** A top-level navigation (a clicked link, location.href = …). */
export function decideNavigation(url: string): NavigationDecision {
  if (isAppUrl(url)) return 'allow';
  if (isAllowedExternalLink(url)) return 'open-externally';
  return 'deny';
}

/**
 * A redirect is chosen by whoever answered the request, not by the admin, so it is never a
 * reason to open a browser: it stays inside the app or it is stopped.
 */
export function decideRedirect(url: string): 'allow' | 'deny' {
  return isAppUrl(url) ? 'allow' : 'deny';
}

/**
 * window.open and target=_blank never create a window: Pinfleet has one window, and a second
 * one would escape these guards' assumptions. An allow-listed link goes to the browser instead.
 */
export function decideWindowOpen(url: string): { action: 'deny'; openExternally: boolean } {
  return { action: 'deny', openExternally: isAllowedExternalLink(url) };
}
