// A button for one action on a node: it says it is busy while the action runs, then what came of
// it — the result in words, or the error message exactly as main said it.
import { useId } from 'react';
import type { UseMutationResult } from '@tanstack/react-query';
import { errorMessage } from '../../../shared/api/error-message';

interface ActionButtonProps<T> {
  label: string;
  busyLabel: string;
  action: UseMutationResult<T, Error, void>;
  /** The result in words, e.g. "Freed 12 MiB". */
  describe(result: T): string;
  disabled?: boolean;
}

export function ActionButton<T>({ label, busyLabel, action, describe, disabled }: ActionButtonProps<T>) {
  const feedbackId = useId();
  return (
    <div className="node-action">
      <button
        type="button"
        className="button"
        disabled={action.isPending || disabled}
        aria-describedby={feedbackId}
        onClick={() => action.mutate()}
      >
        {action.isPending ? busyLabel : label}
      </button>
      <p id={feedbackId} className="node-action__feedback" data-testid={`feedback-${label}`}>
        {action.isPending ? <span role="status">{busyLabel}</span> : null}
        {action.isError ? <span className="node-action__error" role="alert">{errorMessage(action.error)}</span> : null}
        {action.isSuccess ? <span role="status">{describe(action.data)}</span> : null}
      </p>
    </div>
  );
}
