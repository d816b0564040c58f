import { useState } from 'react';
import { useAppInfo, useNodes } from '../../../shared/api/inventory-queries';
import { EmptyState } from '../../../shared/components/EmptyState';
import { PageHeader } from '../../../shared/components/PageHeader';
import { LoadFailed, Loading } from '../../../shared/components/QueryState';
import { hrefFor } from '../../../shared/navigation/routes';
import { filterNodes, sortNodes } from '../lib/node-table';
import { useInventoryView } from '../stores/inventory-view-store';
import { EditNodeDialog } from './EditNodeDialog';
import { ExportButtons } from './ExportButtons';
import { ImportDialog } from './ImportDialog';
import { NodeTable } from './NodeTable';
import { RemoveNodeDialog } from './RemoveNodeDialog';
import { SearchBox } from './SearchBox';

export function InventoryPage() {
  const nodes = useNodes();
  const readOnly = useAppInfo().data?.inventory.readOnly ?? false;
  const view = useInventoryView();
  const [importing, setImporting] = useState(false);

  const all = nodes.data ?? [];
  const shown = sortNodes(filterNodes(all, view.search), view.sort);
  const find = (name: string | null) => all.find((n) => n.name === name) ?? null;

  return (
    <>
      <PageHeader
        title="Inventory"
        description="Every server Pinfleet knows, kept on this computer. It works offline."
        actions={readOnly ? <ExportButtons /> : (
          <>
            <a className="button button--primary" href={hrefFor('add-node')}>Add node</a>
            <button type="button" className="button" onClick={() => setImporting(true)}>Import…</button>
            <ExportButtons />
          </>
        )}
      />
      {nodes.isPending ? <Loading what="the inventory" /> : null}
      {nodes.isError ? <LoadFailed what="the inventory" error={nodes.error} onRetry={() => void nodes.refetch()} /> : null}
      {nodes.isSuccess && all.length === 0 ? (
        <EmptyState title="No nodes yet" action={readOnly ? null : <a className="button button--primary" href={hrefFor('add-node')}>Add node</a>}>
          Add your first storage server by hand, or import an inventory file.
        </EmptyState>
      ) : null}
      {nodes.isSuccess && all.length > 0 ? (
        <section className="panel" aria-label="Nodes">
          <SearchBox value={view.search} onChange={view.setSearch} shown={shown.length} total={all.length} />
          {shown.length > 0 ? (
            <NodeTable nodes={shown} sort={view.sort} onSort={view.sortBy} onEdit={view.edit} onRemove={view.remove} readOnly={readOnly} />
          ) : (
            <p className="panel__empty">No node matches “{view.search}”.</p>
          )}
        </section>
      ) : null}
      <EditNodeDialog node={find(view.editing)} onClose={() => view.edit(null)} />
      <RemoveNodeDialog node={find(view.removing)} onClose={() => view.remove(null)} />
      <ImportDialog open={importing} onClose={() => setImporting(false)} />
    </>
  );
}
