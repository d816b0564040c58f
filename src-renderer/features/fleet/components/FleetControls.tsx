// Sort and filter controls of the overview: native selects and a button, so Tab, arrows, Enter
// and Space work as everywhere else, and each control has a visible label.
import { useId, type ReactNode } from 'react';
import type { HealthState } from '../../../../src-preload/contract/health-types';
import { HEALTH_STATE_LABEL } from '../../../shared/capacity/health-state';
import type { FilterOptions, FleetSortKey } from '../lib/fleet-rows';
import { useFleetView } from '../stores/fleet-view-store';

const SORT_LABEL: Record<FleetSortKey, string> = {
  name: 'Name',
  fill: 'Fill %',
  free: 'Usable free',
  state: 'State (worst first)',
};

const ANY = '';

function Select({ label, value, onChange, children }: {
  label: string;
  value: string;
  onChange(value: string): void;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <div className="field fleet-controls__field">
      <label className="field__label" htmlFor={id}>{label}</label>
      <select id={id} className="input" value={value} onChange={(event) => onChange(event.target.value)}>
        {children}
      </select>
    </div>
  );
}

export function FleetControls({ options, shown, total }: { options: FilterOptions; shown: number; total: number }) {
  const view = useFleetView();
  const filtered = view.filters.tag !== null || view.filters.region !== null || view.filters.state !== null;
  const ascending = view.sort.direction === 'ascending';

  return (
    <div className="fleet-controls" role="group" aria-label="Sort and filter nodes">
      <Select label="Sort by" value={view.sort.key} onChange={(key) => view.sortBy(key as FleetSortKey)}>
        {(Object.keys(SORT_LABEL) as FleetSortKey[]).map((key) => (
          <option key={key} value={key}>{SORT_LABEL[key]}</option>
        ))}
      </Select>
      <button type="button" className="button fleet-controls__direction" onClick={view.flipDirection}
        aria-label={`Order: ${ascending ? 'ascending' : 'descending'}. Reverse it`}>
        <span aria-hidden="true">{ascending ? '↑' : '↓'}</span> {ascending ? 'Ascending' : 'Descending'}
      </button>
      <Select label="Tag" value={view.filters.tag ?? ANY} onChange={(tag) => view.filter({ tag: tag || null })}>
        <option value={ANY}>All tags</option>
        {options.tags.map((tag) => <option key={tag} value={tag}>{tag}</option>)}
      </Select>
      <Select label="Region" value={view.filters.region ?? ANY} onChange={(region) => view.filter({ region: region || null })}>
        <option value={ANY}>All regions</option>
        {options.regions.map((region) => <option key={region} value={region}>{region}</option>)}
      </Select>
      <Select label="State" value={view.filters.state ?? ANY}
        onChange={(state) => view.filter({ state: (state || null) as HealthState | null })}>
        <option value={ANY}>All states</option>
        {options.states.map(({ state, count }) => (
          <option key={state} value={state}>{HEALTH_STATE_LABEL[state]} ({count})</option>
        ))}
      </Select>
      {filtered ? (
        <button type="button" className="button button--small fleet-controls__clear" onClick={view.clearFilters}>
          Clear filters
        </button>
      ) : null}
      <p className="fleet-controls__count" role="status">
        {shown === total ? `${total} ${total === 1 ? 'node' : 'nodes'}` : `Showing ${shown} of ${total} nodes`}
      </p>
    </div>
  );
}
