import type { Figure } from '../lib/node-figures';

/** Label/value pairs as a description list. */
export function FigureList({ figures, label }: { figures: readonly Figure[]; label: string }) {
  return (
    <dl className="details-list figure-list" aria-label={label}>
      {figures.map((figure) => (
        <div key={figure.id} className="figure-list__item" data-figure={figure.id}>
          <dt>{figure.label}</dt>
          <dd>{figure.value}</dd>
        </div>
      ))}
    </dl>
  );
}
