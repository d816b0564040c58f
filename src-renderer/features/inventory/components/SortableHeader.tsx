import type { SortKey, SortOrder } from '../lib/node-table';

interface SortableHeaderProps {
  label: string;
  column: SortKey;
  sort: SortOrder;
  onSort(key: SortKey): void;
}

/** A column header whose button sorts (click, Enter or Space); aria-sort tells the current order. */
export function SortableHeader({ label, column, sort, onSort }: SortableHeaderProps) {
  const active = sort.key === column;
  const arrow = active ? (sort.direction === 'ascending' ? '▲' : '▼') : '↕';
  return (
    <th scope="col" aria-sort={active ? sort.direction : 'none'}>
      <button type="button" className="sort-button" onClick={() => onSort(column)}>
        {label}
        <span className={`sort-button__arrow ${active ? 'sort-button__arrow--active' : ''}`} aria-hidden="true">{arrow}</span>
      </button>
    </th>
  );
}
