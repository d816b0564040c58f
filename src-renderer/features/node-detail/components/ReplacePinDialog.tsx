import { errorMessage } from '../../../shared/api/error-message';
import { Dialog } from '../../../shared/components/Dialog';
import { ConfirmActions } from '../../../shared/components/ConfirmActions';
import { useReplaceHostKey } from '../api/use-connection';

interface ReplacePinDialogProps {
  name: string;
  previous: string;
  next: string;
  keyType: string;
  open: boolean;
  onClose(): void;
  onReplaced(): void;
}

/** Both fingerprints side by side, and a deliberate second click to replace one with the other. */
export function ReplacePinDialog({ name, previous, next, keyType, open, onClose, onReplaced }: ReplacePinDialogProps) {
  const replace = useReplaceHostKey(name);
  const close = () => {
    replace.reset();
    onClose();
  };
  return (
    <Dialog title={`Replace the host key pin of ${name}?`} open={open} onClose={close} role="alertdialog">
      {open ? (
        <>
          <dl className="details-list">
            <dt>Pinned now</dt>
            <dd className="mono">{previous}</dd>
            <dt>Presented ({keyType})</dt>
            <dd className="mono">{next}</dd>
          </dl>
          <p>
            A changed host key can mean the server was reinstalled — or that something is pretending to be it. Replace the
            pin only if you know why it changed.
          </p>
          <ConfirmActions
            error={replace.isError ? errorMessage(replace.error) : null}
            pending={replace.isPending}
            confirmLabel="Replace pin"
            pendingLabel="Replacing…"
            onCancel={close}
            onConfirm={() =>
              replace.mutate({ previous, next }, {
                onSuccess: () => {
                  close();
                  onReplaced();
                },
              })
            }
          />
        </>
      ) : null}
    </Dialog>
  );
}
