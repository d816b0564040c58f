import type { NodeRecord } from '../../../../src-preload/contract/types';
import { TagChips } from '../../../shared/components/TagChips';
import { formatAddress } from '../../../shared/lib/address';

/** One server at a glance. Capacity is left blank on purpose: nothing has measured it yet. */
export function NodeCard({ node }: { node: NodeRecord }) {
  return (
    <li className="card" aria-label={node.name}>
      <div className="card__head">
        <h3 className="card__title">{node.name}</h3>
        <span className={`state state--${node.state}`}>{node.state === 'active' ? 'Active' : 'Draining'}</span>
      </div>
      <p className="card__address mono">{node.sshUser}@{formatAddress(node.host, node.sshPort)}</p>
      <p className="card__meta">
        <span>{node.region ?? 'No region'}</span>
        <span aria-hidden="true"> · </span>
        <span>Priority {node.priority}</span>
      </p>
      {node.tags.length > 0 ? <TagChips tags={node.tags} label={`Tags of ${node.name}`} /> : null}
      <p className="card__capacity">No capacity data yet — health polling arrives with the connections feature.</p>
    </li>
  );
}
