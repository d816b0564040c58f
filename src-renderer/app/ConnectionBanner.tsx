import { useConnectionStore } from '../shared/connection/connection-store';

/** Shown only when the console cannot talk to main; says whether waiting will help. */
export function ConnectionBanner() {
  const status = useConnectionStore((state) => state.status);
  const detail = useConnectionStore((state) => state.detail);
  if (status === 'connected') return null;
  if (status === 'unauthorized') {
    return (
      <div className="banner banner--danger banner--frame" role="alert">
        <strong className="banner__title">Not signed in to Pinfleet.</strong>
        <span className="banner__text">{detail}</span>
      </div>
    );
  }
  return (
    <div className="banner banner--warning banner--frame" role="alert">
      <strong className="banner__title">Disconnected from Pinfleet — retrying.</strong>
      <span className="banner__text">{detail} Changes cannot be saved until it is back.</span>
    </div>
  );
}
