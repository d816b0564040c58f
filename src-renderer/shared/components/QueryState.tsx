// Loading and failure, said the same way on every page. A failed read is shown as a failure
// with its message, never as an empty list.
import { errorMessage } from '../api/error-message';

export function Loading({ what }: { what: string }) {
  return <p className="muted" role="status">Loading {what}…</p>;
}

export function LoadFailed({ what, error, onRetry }: { what: string; error: unknown; onRetry?: () => void }) {
  return (
    <div className="banner banner--danger" role="alert">
      <strong className="banner__title">Could not load {what}.</strong>
      <span className="banner__text">{errorMessage(error)}</span>
      {onRetry ? (
        <button type="button" className="button button--small" onClick={onRetry}>Try again</button>
      ) : null}
    </div>
  );
}
