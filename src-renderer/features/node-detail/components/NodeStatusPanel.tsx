import type { HealthState, NodeHealth } from '../../../../src-preload/contract/health-types';
import type { NodeRecord } from '../../../../src-preload/contract/types';
import { CapacityBar } from '../../../shared/capacity/CapacityBar';
import { HealthBadge } from '../../../shared/capacity/HealthBadge';
import { nodeStatusWords } from '../../../shared/capacity/node-status';
import { TagChips } from '../../../shared/components/TagChips';
import { formatAddress } from '../../../shared/lib/address';

/** The node now: its state and why, when it was last seen and checked, and its capacity bar. */
export function NodeStatusPanel({ node, health, now }: { node: NodeRecord; health: NodeHealth | null; now: number }) {
  const state: HealthState = health?.state ?? 'unknown';
  const words = nodeStatusWords(health, now);
  return (
    <section className="panel panel--padded node-status" aria-label="Status" data-state={state}>
      <div className="node-status__head">
        <HealthBadge state={state} />
        {/* Drained by the admin but measured as something else (or not yet): say both. */}
        {node.state === 'draining' && state !== 'draining' ? <HealthBadge state="draining" /> : null}
        <span className="mono muted">{node.sshUser}@{formatAddress(node.host, node.sshPort)}</span>
        <span className="muted">{node.region ?? 'No region'}</span>
        {node.tags.length > 0 ? <TagChips tags={node.tags} label={`Tags of ${node.name}`} /> : null}
      </div>
      <p className="node-status__words" data-testid="node-status">
        {words.reason ? <span className={`node-status__reason node-status__reason--${state}`}>{words.reason}</span> : null}
        {words.lastSeen ? <strong>{words.lastSeen}</strong> : null}
        <span className="muted">{words.checked}</span>
      </p>
      <CapacityBar name={node.name} state={state} capacity={health?.capacity ?? null} />
    </section>
  );
}
