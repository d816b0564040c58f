// After a page change, move focus to the new page's title so keyboard and screen reader users
// start reading at the top of it. Not on first load: the browser's own start is fine there.
import { useEffect, useRef } from 'react';
import type { RouteId } from '../shared/navigation/routes';

export function usePageFocus(route: RouteId): void {
  const previous = useRef(route);
  useEffect(() => {
    if (previous.current === route) return;
    previous.current = route;
    document.querySelector<HTMLElement>('[data-page-title]')?.focus();
  }, [route]);
}
