import { CapacityBar } from '../../../shared/capacity/CapacityBar';
import { HealthBadge } from '../../../shared/capacity/HealthBadge';
import { nodeStatusWords } from '../../../shared/capacity/node-status';
import { TagChips } from '../../../shared/components/TagChips';
import { hrefForNode } from '../../../shared/navigation/routes';
import type { FleetRow } from '../lib/fleet-rows';

/** One node of the overview: name (a link to its page), state, capacity bar and what is wrong. */
export function NodeHealthRow({ row, now }: { row: FleetRow; now: number }) {
  const { node, health, state } = row;
  const words = nodeStatusWords(health, now);
  return (
    <li className="node-row" data-node={node.name} data-state={state}>
      <div className="node-row__identity">
        <a className="node-row__name" href={hrefForNode(node.name)}>{node.name}</a>
        <HealthBadge state={state} />
        {/* Drained by the admin but measured as something else (or not yet): say both. */}
        {node.state === 'draining' && state !== 'draining' ? <HealthBadge state="draining" /> : null}
        <p className="node-row__meta">
          {node.region ?? <span className="muted">No region</span>}
          {node.tags.length > 0 ? <TagChips tags={node.tags} label={`Tags of ${node.name}`} /> : null}
        </p>
      </div>
      <div className="node-row__capacity">
        <CapacityBar name={node.name} state={state} capacity={health?.capacity ?? null} />
      </div>
      <p className="node-row__status" data-testid="node-status">
        {words.reason ? <span className={`node-row__reason node-row__reason--${state}`}>{words.reason}</span> : null}
        {words.lastSeen ? <span className="node-row__seen">{words.lastSeen}</span> : null}
        <span className="muted">{words.checked}</span>
      </p>
    </li>
  );
}
