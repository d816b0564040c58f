// The foot of every "are you sure?" dialog: the error from main, verbatim, then Cancel (focused
// first, so Enter never confirms by accident) and the dangerous action, which shows it is running.
interface ConfirmActionsProps {
  error: string | null;
  pending: boolean;
  confirmLabel: string;
  pendingLabel: string;
  onCancel(): void;
  onConfirm(): void;
}

export function ConfirmActions({ error, pending, confirmLabel, pendingLabel, onCancel, onConfirm }: ConfirmActionsProps) {
  return (
    <>
      {error ? <p className="form-error" role="alert">{error}</p> : null}
      <div className="form-actions">
        <button type="button" className="button" onClick={onCancel} autoFocus>Cancel</button>
        <button type="button" className="button button--danger" disabled={pending} onClick={onConfirm}>
          {pending ? pendingLabel : confirmLabel}
        </button>
      </div>
    </>
  );
}
