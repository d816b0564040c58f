import { useNodes } from '../../../shared/api/inventory-queries';
import { EmptyState } from '../../../shared/components/EmptyState';
import { PageHeader } from '../../../shared/components/PageHeader';
import { LoadFailed, Loading } from '../../../shared/components/QueryState';
import { hrefFor } from '../../../shared/navigation/routes';
import { summarizeFleet } from '../lib/fleet-summary';
import { FleetSummaryBar } from './FleetSummaryBar';
import { NodeCard } from './NodeCard';

export function FleetPage() {
  const nodes = useNodes();
  const list = [...(nodes.data ?? [])].sort((a, b) => a.name.localeCompare(b.name));

  return (
    <>
      <PageHeader title="Fleet" description="Your storage servers at a glance." />
      {nodes.isPending ? <Loading what="the fleet" /> : null}
      {nodes.isError ? <LoadFailed what="the fleet" error={nodes.error} onRetry={() => void nodes.refetch()} /> : null}
      {nodes.isSuccess && list.length === 0 ? (
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
      {nodes.isSuccess && list.length > 0 ? (
        <>
          <FleetSummaryBar summary={summarizeFleet(list)} />
          <ul className="cards" aria-label="Nodes">
            {list.map((node) => <NodeCard key={node.id} node={node} />)}
          </ul>
        </>
      ) : null}
    </>
  );
}
