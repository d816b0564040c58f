import type { NodeRecord } from '../../../../src-preload/contract/types';
import { errorMessage } from '../../../shared/api/error-message';
import { Dialog } from '../../../shared/components/Dialog';
import { ConfirmActions } from '../../../shared/components/ConfirmActions';
import { formatAddress } from '../../../shared/lib/address';
import { navigate } from '../../../shared/navigation/route-store';
import { useRemoveNode } from '../api/use-node-actions';

/** Names the node and says what removal does and does not do, before anything is removed. */
export function RemoveNodeDialog({ node, open, onClose }: { node: NodeRecord; open: boolean; onClose(): void }) {
  const remove = useRemoveNode(node.name, () => navigate('fleet'));
  const close = () => {
    remove.reset();
    onClose();
  };

  return (
    <Dialog title={`Remove ${node.name} from the fleet?`} open={open} onClose={close} role="alertdialog">
      {open ? (
        <>
          <p>
            <strong>{node.name}</strong> ({formatAddress(node.host, node.sshPort)}) will be removed from the
            inventory and no longer polled. The server, its kubo and the data on it are not touched.
          </p>
          <ConfirmActions
            error={remove.isError ? errorMessage(remove.error) : null}
            pending={remove.isPending}
            confirmLabel={`Remove ${node.name}`}
            pendingLabel="Removing…"
            onCancel={close}
            onConfirm={() => remove.mutate()}
          />
        </>
      ) : null}
    </Dialog>
  );
}
