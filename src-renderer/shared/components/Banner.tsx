import type { ReactNode } from 'react';

type Tone = 'info' | 'warning' | 'danger' | 'success';

interface BannerProps {
  tone: Tone;
  title: string;
  children?: ReactNode;
  /** Not announced: for a notice that repeats one already announced elsewhere on the page. */
  quiet?: boolean;
}

/** A full-width notice. Warnings and errors are announced at once; the rest politely. */
export function Banner({ tone, title, children, quiet }: BannerProps) {
  const role = quiet ? undefined : tone === 'warning' || tone === 'danger' ? 'alert' : 'status';
  return (
    <div className={`banner banner--${tone}`} role={role}>
      <strong className="banner__title">{title}</strong>
      {children ? <span className="banner__text">{children}</span> : null}
    </div>
  );
}
