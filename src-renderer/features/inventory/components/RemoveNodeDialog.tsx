import { useState } from 'react';
import type { NodeRecord } from '../../../../src-preload/contract/types';
import { errorMessage } from '../../../shared/api/error-message';
import { Dialog } from '../../../shared/components/Dialog';
import { ConfirmActions } from '../../../shared/components/ConfirmActions';
import { formatAddress } from '../../../shared/lib/address';
import { useRemoveNode } from '../api/inventory-mutations';

/** Names the node and says what removal does and does not do, before anything is removed. */
export function RemoveNodeDialog({ node, onClose }: { node: NodeRecord | null; onClose(): void }) {
  const remove = useRemoveNode();
  const [problem, setProblem] = useState<string | null>(null);
  const close = () => {
    setProblem(null);
    onClose();
  };

  return (
    <Dialog title={node ? `Remove ${node.name}?` : 'Remove node?'} open={node !== null} onClose={close} role="alertdialog">
      {node ? (
        <>
          <p>
            <strong>{node.name}</strong> ({formatAddress(node.host, node.sshPort)}) will be removed from the
            inventory. The server itself and the data on it are not touched.
          </p>
          <ConfirmActions
            error={problem}
            pending={remove.isPending}
            confirmLabel={`Remove ${node.name}`}
            pendingLabel="Removing…"
            onCancel={close}
            onConfirm={async () => {
              try {
                await remove.mutateAsync(node.name);
                close();
              } catch (error) {
                setProblem(errorMessage(error));
              }
            }}
          />
        </>
      ) : null}
    </Dialog>
  );
}
