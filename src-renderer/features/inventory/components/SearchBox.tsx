import { useId } from 'react';

interface SearchBoxProps {
  value: string;
  onChange(value: string): void;
  shown: number;
  total: number;
}

export function SearchBox({ value, onChange, shown, total }: SearchBoxProps) {
  const id = useId();
  return (
    <div className="search">
      <label className="visually-hidden" htmlFor={id}>Search nodes</label>
      <input
        id={id}
        type="search"
        className="input search__input"
        placeholder="Search by name, host, tag or region"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        autoComplete="off"
        spellCheck={false}
      />
      {/* Announced politely so a screen reader hears how many nodes the search left. */}
      <p className="search__count" role="status" aria-live="polite">
        {shown === total ? `${total} ${total === 1 ? 'node' : 'nodes'}` : `${shown} of ${total} nodes`}
      </p>
    </div>
  );
}
