// A modal built on the native <dialog>: the browser traps focus, Escape closes it and focus
// returns to the control that opened it.
import { useEffect, useId, useRef, type ReactNode } from 'react';

interface DialogProps {
  title: string;
  open: boolean;
  onClose(): void;
  children: ReactNode;
  /** 'alert' for confirmations of destructive actions. */
  role?: 'dialog' | 'alertdialog';
}

export function Dialog({ title, open, onClose, children, role = 'dialog' }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className="dialog"
      role={role}
      aria-labelledby={titleId}
      onClose={onClose}
      onCancel={(event) => {
        // Let React state decide: Escape asks to close, the effect above then closes it.
        event.preventDefault();
        onClose();
      }}
    >
      {open ? (
        <div className="dialog__body">
          <h2 id={titleId} className="dialog__title">{title}</h2>
          {children}
        </div>
      ) : null}
    </dialog>
  );
}
