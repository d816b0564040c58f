import type { ReactNode } from 'react';

type Tone = 'info' | 'warning' | 'danger' | 'success';

/** A full-width notice. Warnings and errors are announced; info is not. */
export function Banner({ tone, title, children }: { tone: Tone; title: string; children?: ReactNode }) {
  const role = tone === 'warning' || tone === 'danger' ? 'alert' : 'status';
  return (
    <div className={`banner banner--${tone}`} role={role}>
      <strong className="banner__title">{title}</strong>
      {children ? <span className="banner__text">{children}</span> : null}
    </div>
  );
}
