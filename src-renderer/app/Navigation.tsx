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
              aria-current={route.id === current ? 'page' : undefined}
            >
              {route.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
