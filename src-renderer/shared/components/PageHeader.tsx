import type { ReactNode } from 'react';

/**
 * The page title. It takes focus when the page changes (tabIndex -1) so keyboard and screen
 * reader users land at the top of the new page instead of back in the navigation.
 */
export function PageHeader({ title, description, actions }: { title: string; description?: ReactNode; actions?: ReactNode }) {
  return (
    <header className="page-header">
      <div>
        <h1 className="page-header__title" tabIndex={-1} data-page-title>{title}</h1>
        {description ? <p className="page-header__description">{description}</p> : null}
      </div>
      {actions ? <div className="page-header__actions">{actions}</div> : null}
    </header>
  );
}
