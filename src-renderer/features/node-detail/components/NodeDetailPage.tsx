// One node's page (#/nodes/<name>): its state, capacity over time and forecast, figures, SSH
// identity, actions and live container log. The inventory says whether the node exists; health
// (from main's SQLite, refreshed on `health.updated`) says what was last measured.
import { useNodeHealth } from '../../../shared/api/health-queries';
import { useNodes } from '../../../shared/api/inventory-queries';
import { EmptyState } from '../../../shared/components/EmptyState';
import { PageHeader } from '../../../shared/components/PageHeader';
import { LoadFailed, Loading } from '../../../shared/components/QueryState';
import { useNow } from '../../../shared/lib/use-now';
import { useRouteNode } from '../../../shared/navigation/route-store';
import { hrefFor } from '../../../shared/navigation/routes';
import type { NodeRecord } from '../../../../src-preload/contract/types';
import { CapacityHistory } from './CapacityHistory';
import { HostKeyPanel } from './HostKeyPanel';
import { LiveLog } from './LiveLog';
import { NodeActions } from './NodeActions';
import { NodeInfoPanels } from './NodeInfoPanels';
import { NodeStatusPanel } from './NodeStatusPanel';
import './node-detail.css';

function NodeDetail({ node }: { node: NodeRecord }) {
  const health = useNodeHealth(node.name);
  const now = useNow();
  const measured = health.data ?? null;
  return (
    <>
      {health.isError ? <LoadFailed what={`the health of ${node.name}`} error={health.error} onRetry={() => void health.refetch()} /> : null}
      <div className="node-detail__top">
        <NodeStatusPanel node={node} health={measured} now={now} />
        <NodeActions node={node} />
      </div>
      <CapacityHistory name={node.name} now={now} />
      <NodeInfoPanels health={measured} now={now} />
      <HostKeyPanel node={node} />
      <LiveLog name={node.name} />
    </>
  );
}

export function NodeDetailPage() {
  const name = useRouteNode() ?? '';
  const nodes = useNodes();
  const node = nodes.data?.find((n) => n.name === name) ?? null;

  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumbs">
        <a href={hrefFor('fleet')}>Fleet</a> <span aria-hidden="true">/</span> <span aria-current="page">{name}</span>
      </nav>
      <PageHeader title={name} description="One storage node: capacity, health, connection and log." />
      {nodes.isPending ? <Loading what={name} /> : null}
      {nodes.isError ? <LoadFailed what="the inventory" error={nodes.error} onRetry={() => void nodes.refetch()} /> : null}
      {nodes.isSuccess && !node ? (
        <EmptyState title={`No node named “${name}”`} action={<a className="button" href={hrefFor('fleet')}>Back to the fleet</a>}>
          It is not in the inventory: it may have been removed.
        </EmptyState>
      ) : null}
      {node ? <NodeDetail key={node.name} node={node} /> : null}
    </>
  );
}
