import type { NodeRecord } from '../../../../src-preload/contract/types';
import { Dialog } from '../../../shared/components/Dialog';
import { NodeForm } from '../../../shared/node-form/NodeForm';
import { draftChanges, draftFromNode } from '../../../shared/node-form/node-draft';
import { useUpdateNode } from '../api/inventory-mutations';

/** Edits every field of a node, tags included; only the fields that changed are sent. */
export function EditNodeDialog({ node, onClose }: { node: NodeRecord | null; onClose(): void }) {
  const update = useUpdateNode();
  return (
    <Dialog title={node ? `Edit ${node.name}` : 'Edit node'} open={node !== null} onClose={onClose}>
      {node ? (
        <NodeForm
          key={node.id}
          initial={draftFromNode(node)}
          original={node}
          submitLabel="Save changes"
          onCancel={onClose}
          onSubmit={async (draft) => {
            const changes = draftChanges(draft, node);
            // nodes.update refuses an empty change; saving an untouched form just closes it.
            if (Object.keys(changes).length > 0) await update.mutateAsync({ name: node.name, changes });
            onClose();
          }}
        />
      ) : null}
    </Dialog>
  );
}
