import { useRoute } from '../shared/navigation/route-store';
import { ROUTES, hrefFor } from '../shared/navigation/routes';

/** Plain links: Tab reaches them, Enter follows them, the hash change switches the page. */
export function Navigation() {
  const current = useRoute();
  return (
    <nav className="nav" aria-label="Main">
      <ul className="nav__list">
        {ROUTES.map((route) => (
          <li key={route.id}>
            <a
              className="nav__link"
              href={hrefFor(route.id)}
              // A node's page belongs under Fleet: mark Fleet as where the admin is, not as this page.
              aria-current={route.id === current ? 'page' : current === 'node' && route.id === 'fleet' ? 'location' : undefined}
            >
              {route.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
