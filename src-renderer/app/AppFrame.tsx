import { useEffect, useRef } from 'react';
import { AlertToasts } from '../features/activity/components/AlertToasts';
import { followLocationHash, useRoute, useRouteNode } from '../shared/navigation/route-store';
import { ConnectionBanner } from './ConnectionBanner';
import { Navigation } from './Navigation';
import { Page } from './Pages';
import { ReadOnlyBanner } from './ReadOnlyBanner';
import { useHealthSync } from './use-health-sync';
import { useInventorySync } from './use-inventory-sync';
import { usePageFocus } from './use-page-focus';

/** The app icon (resources/icon.svg): three nodes around a hub. */
function LogoMark() {
  const spokes = [[256, 146], [146, 336], [366, 336]] as const;
  return (
    <svg className="topbar__mark" viewBox="0 0 512 512" aria-hidden="true" focusable="false">
      <rect x="32" y="32" width="448" height="448" rx="104" fill="#17324d" />
      {spokes.map(([x, y]) => (
        <line key={`l${x}`} x1="256" y1="273" x2={x} y2={y} stroke="#3c8dae" strokeWidth="22" strokeLinecap="round" />
      ))}
      {spokes.map(([x, y]) => (
        <g key={`c${x}`}>
          <circle cx={x} cy={y} r="56" fill="#4fd1c5" />
          <circle cx={x} cy={y} r="22" fill="#17324d" />
        </g>
      ))}
      <circle cx="256" cy="273" r="34" fill="#f7f8fa" />
    </svg>
  );
}

export function AppFrame() {
  const route = useRoute();
  const node = useRouteNode();
  const mainRef = useRef<HTMLElement>(null);
  useEffect(followLocationHash, []);
  useInventorySync();
  useHealthSync();
  // One node's page to another's is a page change too.
  usePageFocus(node === null ? route : `${route}/${node}`);

  return (
    <div className="frame">
      {/* Not a plain #fragment link: the fragment is the router's, so focus main by hand. */}
      <a
        className="skip-link"
        href="#main-content"
        onClick={(event) => {
          event.preventDefault();
          mainRef.current?.focus();
        }}
      >
        Skip to content
      </a>
      <header className="topbar">
        <LogoMark />
        <span className="topbar__name">Pinfleet</span>
        <span className="topbar__tagline">IPFS storage fleet console</span>
      </header>
      <div className="frame__body">
        <aside className="sidebar">
          <Navigation />
        </aside>
        <main id="main-content" ref={mainRef} className="content" tabIndex={-1}>
          <ConnectionBanner />
          <ReadOnlyBanner />
          <Page route={route} />
        </main>
      </div>
      <AlertToasts />
    </div>
  );
}
