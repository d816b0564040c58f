import type { NodeRecord } from '../../../../src-preload/contract/types';
import { TagChips } from '../../../shared/components/TagChips';
import { formatAddress } from '../../../shared/lib/address';
import type { SortKey, SortOrder } from '../lib/node-table';
import { SortableHeader } from './SortableHeader';

interface NodeTableProps {
  nodes: readonly NodeRecord[];
  sort: SortOrder;
  onSort(key: SortKey): void;
  onEdit(name: string): void;
  onRemove(name: string): void;
  /** Hide the change buttons when the inventory cannot be changed. */
  readOnly: boolean;
}

const COLUMNS: { key: SortKey; label: string }[] = [
  { key: 'name', label: 'Name' },
  { key: 'address', label: 'Address' },
  { key: 'user', label: 'User' },
  { key: 'region', label: 'Region' },
];

export function NodeTable({ nodes, sort, onSort, onEdit, onRemove, readOnly }: NodeTableProps) {
  return (
    <div className="table-scroll">
      <table className="table" aria-label="Nodes">
        <thead>
          <tr>
            {COLUMNS.map((c) => <SortableHeader key={c.key} label={c.label} column={c.key} sort={sort} onSort={onSort} />)}
            <th scope="col">Tags</th>
            <SortableHeader label="Priority" column="priority" sort={sort} onSort={onSort} />
            <SortableHeader label="State" column="state" sort={sort} onSort={onSort} />
            <SortableHeader label="Host key" column="pinned" sort={sort} onSort={onSort} />
            <th scope="col">Notes</th>
            {readOnly ? null : <th scope="col"><span className="visually-hidden">Actions</span></th>}
          </tr>
        </thead>
        <tbody>
          {nodes.map((node) => (
            <tr key={node.id} data-node={node.name}>
              <th scope="row" className="table__name">{node.name}</th>
              <td className="mono">{formatAddress(node.host, node.sshPort)}</td>
              <td className="mono">{node.sshUser}</td>
              <td>{node.region ?? <span className="muted">—</span>}</td>
              <td className="table__tags"><TagChips tags={node.tags} label={`Tags of ${node.name}`} /></td>
              <td className="numeric">{node.priority}</td>
              <td><span className={`state state--${node.state}`}>{node.state === 'active' ? 'Active' : 'Draining'}</span></td>
              <td title={node.hostKeyFingerprint ?? undefined}>
                {node.hostKeyFingerprint ? 'Pinned' : <span className="muted">Not pinned</span>}
              </td>
              <td className="table__notes" title={node.notes || undefined}>{node.notes || <span className="muted">—</span>}</td>
              {readOnly ? null : (
                <td className="table__actions">
                  <button type="button" className="button button--small" onClick={() => onEdit(node.name)}
                    aria-label={`Edit ${node.name}`}>Edit</button>
                  <button type="button" className="button button--small button--danger-quiet" onClick={() => onRemove(node.name)}
                    aria-label={`Remove ${node.name}`}>Remove</button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
