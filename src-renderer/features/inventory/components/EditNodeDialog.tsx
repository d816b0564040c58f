import type { NodeRecord } from '../../../../src-preload/contract/types';
import { Dialog } from '../../../shared/components/Dialog';
import { NodeForm } from '../../../shared/node-form/NodeForm';
import { draftChanges, draftFromNode, draftToInput } from '../../../shared/node-form/node-draft';
import { useUpdateNode } from '../api/inventory-mutations';

/**
 * Edits every field of a node, tags included. When anything changed, every field is sent, not
 * just the changed ones: the contract's `nodeChanges` (zod 4 `.partial()` of fields with
 * defaults) fills omitted fields with their defaults, which would reset them. Main diffs and
 * logs only what really changed.
 */
export function EditNodeDialog({ node, onClose }: { node: NodeRecord | null; onClose(): void }) {
  const update = useUpdateNode();
  return (
    <Dialog title={node ? `Edit ${node.name}` : 'Edit node'} open={node !== null} onClose={onClose}>
      {node ? (
        <NodeForm
          key={node.id}
          initial={draftFromNode(node)}
          submitLabel="Save changes"
          onCancel={onClose}
          onSubmit={async (draft) => {
            if (Object.keys(draftChanges(draft, node)).length > 0) {
              await update.mutateAsync({ name: node.name, changes: draftToInput(draft) });
            }
            onClose();
          }}
        />
      ) : null}
    </Dialog>
  );
}
