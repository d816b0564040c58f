// The fleet overview. The inventory decides which nodes are listed (it works offline); health, read
// from main's SQLite, adds what the poller last measured. A failed health read is shown as such
// above an inventory-only list, never as empty nodes.
import { useFleetHealth } from '../../../shared/api/health-queries';
import { useNodes } from '../../../shared/api/inventory-queries';
import { EmptyState } from '../../../shared/components/EmptyState';
import { PageHeader } from '../../../shared/components/PageHeader';
import { LoadFailed, Loading } from '../../../shared/components/QueryState';
import { useNow } from '../../../shared/lib/use-now';
import { hrefFor } from '../../../shared/navigation/routes';
import { filterOptions, filterRows, fleetRows, sortRows } from '../lib/fleet-rows';
import { useFleetView } from '../stores/fleet-view-store';
import { FleetControls } from './FleetControls';
import { FleetSeriesPanel } from './FleetSeriesPanel';
import { FleetTotals } from './FleetTotals';
import { NodeHealthRow } from './NodeHealthRow';
import './fleet.css';

export function FleetPage() {
  const nodes = useNodes();
  const health = useFleetHealth();
  const sort = useFleetView((state) => state.sort);
  const filters = useFleetView((state) => state.filters);
  const now = useNow();

  const rows = fleetRows(nodes.data ?? [], health.data?.nodes);
  const shown = sortRows(filterRows(rows, filters), sort);

  return (
    <>
      <PageHeader title="Fleet" description="Your storage servers at a glance." />
      {nodes.isPending ? <Loading what="the fleet" /> : null}
      {nodes.isError ? <LoadFailed what="the fleet" error={nodes.error} onRetry={() => void nodes.refetch()} /> : null}
      {nodes.isSuccess && rows.length === 0 ? (
        <EmptyState
          title="No storage nodes yet"
          action={<a className="button button--primary" href={hrefFor('add-node')}>Add node</a>}
        >
          <p>
            Pinfleet has no servers in its inventory. Add a server you already run, or import an inventory
            file from the Inventory page.
          </p>
        </EmptyState>
      ) : null}
      {nodes.isSuccess && rows.length > 0 ? (
        <>
          {health.isError ? (
            <LoadFailed what="health and capacity" error={health.error} onRetry={() => void health.refetch()} />
          ) : null}
          {health.data ? <FleetTotals fleet={health.data} now={now} /> : null}
          <section className="panel fleet-nodes" aria-label="Nodes">
            <FleetControls options={filterOptions(rows)} shown={shown.length} total={rows.length} />
            {shown.length > 0 ? (
              <ul className="node-rows" aria-label="Node capacity">
                {shown.map((row) => <NodeHealthRow key={row.node.id} row={row} now={now} />)}
              </ul>
            ) : (
              <p className="panel__empty">No node matches these filters.</p>
            )}
          </section>
          <FleetSeriesPanel now={now} />
        </>
      ) : null}
    </>
  );
}
