// After a page change, move focus to the new page's title so keyboard and screen reader users
// start reading at the top of it. Not on first load: the browser's own start is fine there.
import { useEffect, useRef } from 'react';

/** `page` names the page shown: a route, or a route and the node it is about. */
export function usePageFocus(page: string): void {
  const previous = useRef(page);
  useEffect(() => {
    if (previous.current === page) return;
    previous.current = page;
    document.querySelector<HTMLElement>('[data-page-title]')?.focus();
  }, [page]);
}
